"""Shared fixtures: every test gets its own data directory, author and databases in tmp_path."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from engines import postgres_server  # noqa: F401  (a session fixture for engine-aware suites)
from hypothesis.configuration import set_hypothesis_home_dir

from desk.store import Store


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis keeps its example database outside the source tree (issue 12): in pytest's
    cache directory, or a temporary one when the cache is turned off."""
    cache = getattr(config, "cache", None)
    home = cache.mkdir("hypothesis") if cache else Path(tempfile.mkdtemp(prefix="hypothesis-"))
    set_hypothesis_home_dir(home)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's own desk and settings out of every test."""
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DESK_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    monkeypatch.setenv("DESK_AUTHOR", "tester")
    monkeypatch.setenv("DESK_CONFIG_DIR", str(tmp_path / "config"))
    for variable in ("DESK_CONFIG", "DESK_THEME", "DESK_DATES"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "desk.sqlite") as opened:
        yield opened


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The curated sample, built once per test session; copy it before changing it."""
    from desk.sample import build

    target = tmp_path_factory.mktemp("sample") / "sample.sqlite"
    build(target)
    return target


@pytest.fixture
def sample_path(built_sample: Path, tmp_path: Path) -> Path:
    """A private copy of the sample desk for one test."""
    copy = tmp_path / "sample.sqlite"
    shutil.copy(built_sample, copy)
    return copy


@pytest.fixture
def sample_store(sample_path: Path) -> Iterator[Store]:
    with Store.open(sample_path) as opened:
        yield opened
