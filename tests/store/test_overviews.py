"""Timelines, the actor network and statements, on both engines."""

from __future__ import annotations

import datetime as dt

import pytest

from desk.model import Actor, AgendaItem, Meeting, Source
from desk.store import NotFound, Store

SOURCE_TEXT = (
    "Kim Jong Un received Sergei Shoigu in Pyongyang on March 21. "
    "Lavrov is expected to visit Pyongyang in September. "
    "The two sides discussed military cooperation."
)


@pytest.fixture
def small_desk(store: Store) -> dict[str, int]:
    kim = store.create(Actor, name="Kim Jong Un")
    shoigu = store.create(Actor, name="Sergei Shoigu")
    lavrov = store.create(Actor, name="Sergey Lavrov", kind="person")
    topic = store.create(AgendaItem, title="Military cooperation")
    held = store.create(Meeting, title="Kim receives Shoigu", date="2025-03-21", status="held")
    planned = store.create(
        Meeting, title="Lavrov to visit Pyongyang", date="September 2025", status="expected"
    )
    again = store.create(Meeting, title="Kim and Shoigu again", date="2025-06-04", status="held")
    store.create(Meeting, title="Undated talks")
    for meeting, actors in (
        (held, (kim, shoigu)),
        (planned, (kim, lavrov)),
        (again, (kim, shoigu)),
    ):
        for actor in actors:
            store.link_actor(meeting.id, actor.id)
    store.link_agenda(held.id, topic.id)
    source = store.create(Source, title="Yonhap, 21 Mar", text=SOURCE_TEXT, reliability="B")
    store.attach_evidence(
        Meeting, held.id, source.id, "Kim Jong Un received Sergei Shoigu", credibility=2
    )
    store.attach_evidence(Actor, lavrov.id, source.id, "Lavrov is expected")
    return {
        "kim": kim.id,
        "shoigu": shoigu.id,
        "lavrov": lavrov.id,
        "topic": topic.id,
        "held": held.id,
        "planned": planned.id,
        "again": again.id,
    }


def test_whole_desk_timeline_orders_spans_and_counts_undated(
    store: Store, small_desk: dict[str, int]
) -> None:
    timeline = store.timeline()
    assert [entry.meeting_id for entry in timeline.entries] == [
        small_desk["held"],
        small_desk["again"],
        small_desk["planned"],
    ]
    september = timeline.entries[-1]
    assert (september.earliest, september.latest) == (dt.date(2025, 9, 1), dt.date(2025, 9, 30))
    assert september.is_span and not september.happened
    assert timeline.entries[0].happened and not timeline.entries[0].is_span
    assert (timeline.first, timeline.last) == (dt.date(2025, 3, 21), dt.date(2025, 9, 30))
    assert timeline.undated == 1
    assert timeline.subject == "the whole desk"


def test_timeline_window_keeps_overlapping_spans(store: Store, small_desk: dict[str, int]) -> None:
    window = store.timeline(start=dt.date(2025, 9, 15), end=dt.date(2025, 12, 31))
    assert [entry.meeting_id for entry in window.entries] == [small_desk["planned"]]
    # The extent is the subject's, not the window's: a chart can show where else to look.
    assert window.first == dt.date(2025, 3, 21)


def test_timeline_of_an_actor_and_an_agenda_item(store: Store, small_desk: dict[str, int]) -> None:
    shoigu = store.timeline(actor_id=small_desk["shoigu"])
    assert shoigu.subject == "Sergei Shoigu"
    assert {entry.meeting_id for entry in shoigu.entries} == {
        small_desk["held"],
        small_desk["again"],
    }
    topic = store.timeline(agenda_item_id=small_desk["topic"])
    assert [entry.meeting_id for entry in topic.entries] == [small_desk["held"]]
    with pytest.raises(NotFound):
        store.timeline(actor_id=999_999)


def test_timeline_limit_reports_what_was_left_out(store: Store, small_desk: dict[str, int]) -> None:
    timeline = store.timeline(limit=2)
    assert len(timeline.entries) == 2
    assert timeline.more == 1


def test_network_weights_pairs_by_shared_meetings(store: Store, small_desk: dict[str, int]) -> None:
    network = store.actor_network()
    assert [actor.name for actor in network.actors] == [
        "Kim Jong Un",
        "Sergei Shoigu",
        "Sergey Lavrov",
    ]
    kim = network.actors[0]
    assert (kim.meetings, kim.partners) == (3, 2)
    weights = {
        frozenset((network.name_of(link.first), network.name_of(link.second))): link.meetings
        for link in network.links
    }
    assert weights == {
        frozenset({"Kim Jong Un", "Sergei Shoigu"}): 2,
        frozenset({"Kim Jong Un", "Sergey Lavrov"}): 1,
    }
    assert network.links[0].meetings == 2


def test_network_filters_by_period_and_agenda(store: Store, small_desk: dict[str, int]) -> None:
    spring = store.actor_network(start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31))
    assert [link.meetings for link in spring.links] == [1]
    assert {actor.name for actor in spring.actors} == {"Kim Jong Un", "Sergei Shoigu"}
    on_topic = store.actor_network(agenda_item_id=small_desk["topic"])
    assert on_topic.agenda == "Military cooperation"
    assert len(on_topic.links) == 1
    nobody = store.actor_network(start=dt.date(2030, 1, 1))
    assert nobody.actors == [] and nobody.links == []


def test_statements_cover_meetings_and_the_subject(
    store: Store, small_desk: dict[str, int]
) -> None:
    found = store.statements([small_desk["held"]], actor_id=small_desk["lavrov"])
    quotes = {statement.quote: statement for statement in found}
    assert set(quotes) == {"Kim Jong Un received Sergei Shoigu", "Lavrov is expected"}
    held = quotes["Kim Jong Un received Sergei Shoigu"]
    assert held.meeting_id == small_desk["held"]
    assert held.grade == "B2"
    assert held.source_title == "Yonhap, 21 Mar"
    assert quotes["Lavrov is expected"].meeting_id is None
    assert store.statements([]) == []
