"""The store's tests run on both engines: SQLite files and PostgreSQL databases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from engines import ENGINES, database_url

from desk.store import Store


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def store(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    if engine == "sqlite":
        with Store.open(tmp_path / "desk.sqlite") as opened:
            yield opened
        return
    for url in database_url(request, engine, "empty"):
        with Store.open(url) as opened:
            yield opened


@pytest.fixture
def sample_store(engine: str, sample_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    if engine == "sqlite":
        with Store.open(sample_path) as opened:
            yield opened
        return
    for url in database_url(request, engine, "sample"):
        with Store.open(url) as opened:
            yield opened
