"""Fixtures for export and import: the sample's package, empty desks, and a desk's full content."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desk.store import Store


@pytest.fixture(scope="session")
def sample_package(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample desk exported once (data profile); copy it before changing it."""
    from desk.exchange import export_package

    target = tmp_path_factory.mktemp("packages") / "sample"
    with Store.open(built_sample) as store:
        export_package(store, target)
    return target


@pytest.fixture
def package(sample_package: Path, tmp_path: Path) -> Path:
    """A private copy of the sample's package for one test."""
    copy = tmp_path / "package"
    shutil.copytree(sample_package, copy)
    return copy


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "empty.sqlite") as opened:
        yield opened


def content(path: Path) -> list[str]:
    """Every row and schema object of a SQLite desk, as SQL text (to compare before and after)."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def desk_content() -> Callable[[Store], list[str]]:
    def dump(store: Store) -> list[str]:
        assert store.location.path is not None
        return content(store.location.path)

    return dump


def edited(package: Path, name: str, change: Callable[[str], str]) -> Path:
    """Change one file of a package as a user would by hand, and drop its size and hash from
    datapackage.json (as the import's message tells a user who edited a file on purpose)."""
    file = package / name
    raw = file.read_bytes().decode("utf-8")
    file.write_bytes(change(raw).encode("utf-8"))
    forget_checksums(package, name)
    return file


def forget_checksums(package: Path, name: str) -> None:
    descriptor_path = package / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text("utf-8"))
    for resource in descriptor["resources"]:
        if resource["path"] == name:
            resource.pop("bytes", None)
            resource.pop("hash", None)
    descriptor_path.write_text(json.dumps(descriptor, indent=2), "utf-8")


@pytest.fixture
def edit() -> Callable[[Path, str, Callable[[str], str]], Path]:
    return edited
