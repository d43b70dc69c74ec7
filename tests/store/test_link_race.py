"""Two analysts linking the same pair at the same moment on PostgreSQL: one wins, one is told."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from engines import database_url

from desk.model import Actor, AgendaItem, Meeting, MeetingActor, MeetingAgenda
from desk.store import AlreadyLinked, Store
from desk.store.writer import Writer


@pytest.fixture
def team(request: pytest.FixtureRequest) -> Iterator[tuple[Store, Store]]:
    for url in database_url(request, "postgresql", "empty"):
        with Store.open(url, author="ana") as first, Store.open(url, author="ben") as second:
            yield first, second


def _race(
    monkeypatch: pytest.MonkeyPatch, link: type[Any], attempts: list[Any]
) -> list[BaseException | object]:
    """Run both attempts so that each has checked "not linked yet" before either inserts."""
    both_checked = threading.Barrier(2, timeout=20)
    insert = Writer.insert

    def insert_after_both_checked(self: Writer, model: type[Any], values: Any) -> Any:
        if model is link:
            both_checked.wait()
        return insert(self, model, values)

    monkeypatch.setattr(Writer, "insert", insert_after_both_checked)

    def run(attempt: Any) -> BaseException | object:
        try:
            return attempt()
        except Exception as error:  # the outcome is what is compared
            return error

    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(run, attempts))


def test_linking_the_same_actor_at_once_says_already_linked(
    team: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    ana, ben = team
    meeting = ana.create(Meeting, title="Shoigu–Kim talks")
    actor = ana.create(Actor, name="Sergei Shoigu", kind="person")
    outcomes = _race(
        monkeypatch,
        MeetingActor,
        [
            lambda: ana.link_actor(meeting.id or 0, actor.id or 0, "guest"),
            lambda: ben.link_actor(meeting.id or 0, actor.id or 0, "guest"),
        ],
    )
    linked = [o for o in outcomes if isinstance(o, MeetingActor)]
    refused = [o for o in outcomes if isinstance(o, AlreadyLinked)]
    assert len(linked) == 1 and len(refused) == 1, outcomes
    message = str(refused[0])
    assert "“Sergei Shoigu” already takes part in “Shoigu–Kim talks” as guest" in message
    assert "constraint" not in message and "duplicate key" not in message
    assert len(ana.meeting_detail(meeting.id or 0).participants) == 1


def test_putting_the_same_agenda_item_at_once_says_already_linked(
    team: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    ana, ben = team
    meeting = ana.create(Meeting, title="Putin–Kim summit")
    item = ana.create(AgendaItem, title="Ceasefire talks")
    outcomes = _race(
        monkeypatch,
        MeetingAgenda,
        [
            lambda: ana.link_agenda(meeting.id or 0, item.id or 0),
            lambda: ben.link_agenda(meeting.id or 0, item.id or 0),
        ],
    )
    refused = [o for o in outcomes if isinstance(o, AlreadyLinked)]
    assert len(refused) == 1, outcomes
    assert "“Ceasefire talks” is already on the agenda of “Putin–Kim summit”" in str(refused[0])
