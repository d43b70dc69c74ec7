"""A picture of the review queue on the sample desk, at 80×24 and 160×50.

A change in how it looks fails here until accepted with ``pytest --snapshot-update`` (after
looking at the new picture in tests/tui/__snapshots__/).
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.pilot import Pilot

from desk.model import Meeting
from desk.store import Store, reviews
from desk.tui.app import DeskApp

from .conftest import settle, until_still

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 50), id="160x50")]
SET_AT = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize("size", SIZES)
def test_review_queue(
    snap_compare, sample_store: Store, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reviews, "utc_now", lambda: SET_AT)  # the picture shows when
    rudenko = sample_store.page(Meeting, typed="rudenko").rows[0].id
    pyongyang = sample_store.page(Meeting, typed="shoigu pyongyang").rows[0].id
    link = sample_store.meeting_detail(pyongyang).participants[0].link.id
    assert link is not None
    with Store.open(sample_store.location, author="colleague") as colleague:
        colleague.set_review("meeting", pyongyang, "needs_review")
        colleague.set_review("meeting_actor", link, "needs_review")
        colleague.set_review("meeting", rudenko, "needs_review")

    async def open_queue(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        await until_still(pilot)

    app = DeskApp(sample_store, note="sample desk")
    assert snap_compare(app, terminal_size=size, run_before=open_queue)
