"""Archived pages on both engines: kept with their source in one transaction, read back checked
against their SHA-256, deleted with the source and brought back by undo."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from desk.model import Actor, Source
from desk.store import Store
from desk.store.archives import PageCopy, pack, unpack

PAGE = ("<html><body>" + "<p>Kim Jong-un met Sergei Shoigu in Pyongyang.</p>" * 200).encode()
RETRIEVED = dt.datetime(2025, 3, 21, 6, 2, tzinfo=dt.UTC)


def _copy() -> PageCopy:
    return PageCopy(
        location="https://example.org/old",
        content=PAGE,
        media_type="text/html",
        retrieved_at=RETRIEVED,
        final_url="https://example.org/new",
    )


def test_a_page_is_kept_with_its_source(store: Store) -> None:
    source = store.create(Source, title="Report", text="Kim met Shoigu.", archive=_copy())
    page = store.archived_page(source.id)
    assert page is not None
    assert page.content == PAGE
    assert page.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert (page.location, page.final_url) == ("https://example.org/old", "https://example.org/new")
    assert page.retrieved_at == RETRIEVED
    assert page.stored_size < len(PAGE) / 5  # repetitive HTML compresses well
    (changeset,) = store.history(limit=1)
    assert changeset.summary == "create source “Report”"  # one transaction, one changeset


def test_deleting_a_source_takes_its_page_and_undo_brings_it_back(store: Store) -> None:
    source = store.create(Source, title="Report", text="Kim met Shoigu.", archive=_copy())
    deleted = store.delete(Source, source.id, with_dependents=True)
    assert store.archived_page(source.id) is None
    store.undo(deleted)
    page = store.archived_page(source.id)
    assert page is not None and page.content == PAGE


def test_only_a_source_keeps_a_page(store: Store) -> None:
    with pytest.raises(TypeError):
        store.create(Actor, name="Kim Jong-un", kind="person", archive=_copy())


def test_packing_is_stable_and_reversible() -> None:
    assert pack(PAGE) == pack(PAGE)  # no timestamp in the gzip header
    assert unpack(pack(PAGE)) == PAGE
