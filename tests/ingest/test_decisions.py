"""Remembering decisions on proposals, and accepting one as a single undoable transaction."""

from __future__ import annotations

import pytest

from desk.model import Actor, Meeting, MeetingActor, Source
from desk.store import DeskError, Store
from desk.store.proposals import AddAlias, Cite, Create, Decide, Fill, Link, Ref

TEXT = "Russia's Deputy Foreign Minister Andrey Rudenko held talks with Choe Son-hui on Saturday."


def _source(store: Store) -> int:
    source = store.create(Source, title="Tass", text=TEXT, date="2025-03-21")
    assert source.id is not None
    return source.id


def test_a_decision_is_remembered_and_changed(store: Store) -> None:
    source_id = _source(store)
    store.decide_proposal(source_id, "new_actor", "new:andrey rudenko", "rejected", "Rudenko")
    (decision,) = store.proposal_decisions(source_id)
    assert (decision.kind, decision.key, decision.decision) == (
        "new_actor",
        "new:andrey rudenko",
        "rejected",
    )
    store.decide_proposal(source_id, "new_actor", "new:andrey rudenko", "accepted", "Rudenko")
    (changed,) = store.proposal_decisions(source_id)
    assert changed.id == decision.id and changed.decision == "accepted" and changed.version == 2
    assert store.history()[0].summary == "accept proposal “Rudenko”"


def test_an_unknown_decision_is_refused(store: Store) -> None:
    source_id = _source(store)
    with pytest.raises(DeskError, match="decision"):
        store.decide_proposal(source_id, "date", "date@0-3", "maybe", "x")
    assert store.proposal_decisions(source_id) == []


def test_steps_are_one_transaction_and_one_undo(store: Store) -> None:
    source_id = _source(store)
    start = TEXT.index("Andrey")
    steps = [
        Create("actor", Actor, {"name": "Andrey Rudenko", "kind": "person"}),
        AddAlias(Ref(Actor, step="actor"), "Andrei Rudenko"),
        Create("meeting", Meeting, {"title": "Rudenko–Choe talks", "date": "2025-03"}),
        Fill(Ref(Meeting, step="meeting"), {"date": "2025-03-15", "place": "Moscow"}),
        Link("link", Ref(Meeting, step="meeting"), Ref(Actor, step="actor"), "participant"),
        Link("again", Ref(Meeting, step="meeting"), Ref(Actor, step="actor"), "host"),
        Cite(Ref(MeetingActor, step="link"), start, start + 14, attributed_text="Tass"),
        Cite(Ref(MeetingActor, step="link"), start, start + 14, attributed_text="Tass"),
        Decide("meeting", "meeting@48", "accepted", "Rudenko–Choe", Ref(Meeting, step="meeting")),
    ]
    outcome = store.carry_out(source_id, steps, summary="accept “Rudenko–Choe”")
    meeting = store.meeting_detail(outcome.ids["meeting"])
    assert meeting.meeting.date_text == "2025-03-15" and meeting.meeting.place == "Moscow"
    assert [(p.actor.name, p.link.role) for p in meeting.participants] == [
        ("Andrey Rudenko", "participant")
    ]
    assert outcome.ids["again"] == outcome.ids["link"]
    (evidence,) = meeting.link_evidence[("participant", outcome.ids["link"])]
    assert evidence.evidence.quote == "Andrey Rudenko" and evidence.attributed_to == "Tass"
    (decision,) = store.proposal_decisions(source_id)
    assert (decision.record_table, decision.record_id) == ("meeting", outcome.ids["meeting"])
    assert store.history()[0].summary == "accept “Rudenko–Choe”"

    store.undo(outcome.changeset_id)
    assert store.stats().counts["actors"] == 0 and store.stats().counts["meetings"] == 0
    assert store.proposal_decisions(source_id) == []


def test_a_failing_step_leaves_nothing_behind(store: Store) -> None:
    source_id = _source(store)
    steps = [
        Create("actor", Actor, {"name": "Andrey Rudenko"}),
        Cite(Ref(Actor, step="actor"), 0, len(TEXT) + 5),
    ]
    with pytest.raises(DeskError, match="not within the source"):
        store.carry_out(source_id, steps, summary="broken")
    assert store.stats().counts["actors"] == 0


def test_a_date_is_filled_only_when_finer(store: Store) -> None:
    source_id = _source(store)
    meeting = store.create(Meeting, title="Exercise", date="../2025-03-20")
    ref = Ref(Meeting, id=meeting.id)
    store.carry_out(source_id, [Fill(ref, {"date": "2025"})], summary="coarser")
    assert store.get(Meeting, meeting.id).date_text == "../2025-03-20"
    store.carry_out(source_id, [Fill(ref, {"date": "2025-03-20"})], summary="finer")
    assert store.get(Meeting, meeting.id).date_text == "2025-03-20"


def test_decisions_go_with_their_source(store: Store) -> None:
    source_id = _source(store)
    store.decide_proposal(source_id, "date", "date@0-3", "rejected", "Saturday")
    store.delete(Source, source_id, with_dependents=True)
    assert store.proposal_decisions(source_id) == []


def test_undoing_a_source_delete_brings_its_decisions_back(store: Store) -> None:
    source_id = _source(store)
    store.decide_proposal(source_id, "new_actor", "new:andrey rudenko", "rejected", "Rudenko")
    deleted = store.delete(Source, source_id)
    assert store.proposal_decisions(source_id) == []
    store.undo(deleted)
    (decision,) = store.proposal_decisions(source_id)
    assert (decision.key, decision.decision) == ("new:andrey rudenko", "rejected")
