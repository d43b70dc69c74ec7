"""Accepting, editing and rejecting proposals through the store, and what the desk becomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.ingest import accept, accept_all, add_source, proposals_for, reject
from desk.ingest.accepting import NeedsDecision
from desk.ingest.proposals import (
    ActorRef,
    DateProposal,
    KnownActorProposal,
    MeetingProposal,
    NewActorProposal,
    Participant,
    ProposalSet,
)
from desk.model import Actor, Meeting
from desk.store import Store

SAMPLE = Path(__file__).parents[2] / "sample_db" / "sources" / "shoigu-pyongyang-2025-03-21.txt"


@pytest.fixture
def proposals(store: Store) -> ProposalSet:
    source = add_source(store, SAMPLE, publisher="Yonhap News Agency", published="2025-03-21")
    assert source.id is not None
    return proposals_for(store, source.id)


def _new_actor(proposals: ProposalSet, name: str) -> NewActorProposal:
    return next(
        p
        for p in proposals.by_kind("new_actor")
        if isinstance(p, NewActorProposal) and p.name == name
    )


def _meeting(proposals: ProposalSet, title: str) -> MeetingProposal:
    return next(
        p
        for p in proposals.by_kind("meeting")
        if isinstance(p, MeetingProposal) and p.title == title
    )


def test_accepting_a_new_actor_cites_its_passage(store: Store, proposals: ProposalSet) -> None:
    hyun = _new_actor(proposals, "Hyun Seong-soo")
    accepted = accept(store, proposals, hyun)
    actor = store.actor_detail(accepted.ids["actor"])
    assert actor.actor.title == "Vice President of the Korea Institute for National Unification"
    (evidence,) = actor.evidence
    assert evidence.evidence.quote == hyun.passage.text
    assert evidence.evidence.quote.startswith('"Due to the role of North Korean forces')
    assert evidence.attributed_to == "Hyun Seong-soo"  # the sentence quotes him
    assert proposals.status(hyun) == "accepted"
    # Now on the desk, the actor is proposed as known, and already decided.
    again = proposals_for(store, proposals.source_id)  # type: ignore[arg-type]
    assert again.get("new_actor", hyun.key) is None
    known = next(
        p
        for p in again.by_kind("actor")
        if isinstance(p, KnownActorProposal) and p.actor.actor_id == accepted.ids["actor"]
    )
    assert again.status(known) == "accepted"


def test_accepting_a_meeting_brings_its_participants(store: Store, proposals: ProposalSet) -> None:
    rudenko = _meeting(proposals, "Rudenko–Choe talks")
    accepted = accept(store, proposals, rudenko)
    detail = store.meeting_detail(accepted.ids["meeting"])
    assert (detail.meeting.status, detail.meeting.date_text) == ("held", "2025-03-15")
    assert detail.meeting.date_phrase == "on Saturday"
    assert sorted(p.actor.name for p in detail.participants) == ["Andrey Rudenko", "Choe Son-hui"]
    (cited,) = detail.evidence
    assert cited.attributed_to == "TASS", "not on the desk yet: its name is kept as words"
    assert cited.evidence.attributed_actor_id is None
    assert all(detail.link_evidence[("participant", p.link.id)] for p in detail.participants)
    for name in ("Andrey Rudenko", "Choe Son-hui"):
        assert proposals.status(_new_actor(proposals, name)) == "accepted"
    assert store.history()[0].summary.startswith("accept “Rudenko–Choe talks")
    store.undo(store.history()[0].id)
    assert store.stats().counts["meetings"] == 0 and store.stats().counts["actors"] == 0
    assert proposals_for(store, proposals.source_id).status(rudenko) == "pending"  # type: ignore[arg-type]


def test_edits_are_taken_before_accepting(store: Store, proposals: ProposalSet) -> None:
    rudenko = _new_actor(proposals, "Andrey Rudenko")
    accepted = accept(
        store,
        proposals,
        rudenko,
        {"name": "Andrei Rudenko", "aliases": "Andrey Rudenko, Андрей Руденко", "credibility": 1},
    )
    actor = store.actor_detail(accepted.ids["actor"])
    assert actor.actor.name == "Andrei Rudenko"
    assert [alias.name for alias in actor.aliases] == ["Andrey Rudenko", "Андрей Руденко"]
    assert actor.evidence[0].evidence.credibility == 1
    meeting = _meeting(proposals, "Rudenko–Choe talks")
    edited = accept(
        store, proposals, meeting, {"title": "Rudenko meets Choe", "status": "reported"}
    )
    detail = store.meeting_detail(edited.ids["meeting"])
    assert (detail.meeting.title, detail.meeting.status) == ("Rudenko meets Choe", "reported")
    assert "Andrei Rudenko" in [p.actor.name for p in detail.participants]


def test_rejecting_is_remembered(store: Store, proposals: ProposalSet) -> None:
    nazi = _new_actor(proposals, "Nazi Germany")
    reject(store, proposals, nazi)
    assert proposals.status(nazi) == "rejected"
    again = proposals_for(store, proposals.source_id)  # type: ignore[arg-type]
    assert again.status(again.get("new_actor", nazi.key)) == "rejected"  # type: ignore[arg-type]
    assert store.stats().counts["actors"] == 0


def test_a_date_waits_for_its_meeting(store: Store, proposals: ProposalSet) -> None:
    saturday = next(
        p
        for p in proposals.by_kind("date")
        if isinstance(p, DateProposal) and p.phrase == "on Saturday"
    )
    with pytest.raises(NeedsDecision, match="accept that meeting first"):
        accept(store, proposals, saturday)
    accept(store, proposals, _meeting(proposals, "Rudenko–Choe talks"))
    accepted = accept(store, proposals, saturday)
    assert accepted.changeset_id and proposals.status(saturday) == "accepted"
    unattached = next(
        p for p in proposals.by_kind("date") if isinstance(p, DateProposal) and p.phrase == "1945"
    )
    accept(store, proposals, unattached)  # a date of no meeting is noted, and changes nothing
    assert store.stats().counts["meetings"] == 1


def test_accepting_everything_rebuilds_most_of_the_sample(
    store: Store, proposals: ProposalSet
) -> None:
    result = accept_all(store, proposals)
    assert result.skipped == []
    counts = store.stats().counts
    assert (counts["actors"], counts["meetings"]) == (23, 10)
    assert counts["participants"] >= 19 and counts["agenda_items"] >= 5
    assert store.stats().unsourced_total == 0, "everything accepted is cited"
    assert not proposals.pending()
    kim = store.page(Actor, typed="Kim Jong").rows[0]
    assert len(store.actor_detail(kim.id).meetings) == 5


def test_a_second_report_on_the_same_events_adds_no_duplicates(
    store: Store, proposals: ProposalSet
) -> None:
    accept_all(store, proposals)
    before = store.stats().counts
    second = add_source(store, SAMPLE, title="The same report, again", published="2025-03-21")
    assert second.id is not None
    again = proposals_for(store, second.id)
    assert not again.by_kind("new_actor"), "every actor is on the desk now"
    meetings = [p for p in again.by_kind("meeting") if isinstance(p, MeetingProposal)]
    assert sum(m.existing is not None for m in meetings) >= 8
    accept_all(store, again)
    after = store.stats().counts
    assert after["actors"] == before["actors"]
    assert after["meetings"] - before["meetings"] <= 2
    assert after["evidence"] > before["evidence"]
    assert store.page(Meeting).rows


def test_an_edited_meeting_is_accepted_as_edited(store: Store, proposals: ProposalSet) -> None:
    shoigu = store.create(Actor, name="Sergei Shoigu")
    before = store.stats().counts
    talks = _meeting(proposals, "Rudenko–Choe talks")
    (choe,) = (p for p in talks.participants if p.actor.name == "Choe Son-hui")
    hyun = _new_actor(proposals, "Hyun Seong-soo")
    edited = (
        Participant(choe.actor, "host", choe.passage),  # Rudenko dropped, Choe now the host
        Participant(
            ActorRef(f"actor#{shoigu.id}", "Sergei Shoigu", shoigu.id), "guest", talks.passage
        ),
        Participant(ActorRef(hyun.key, hyun.name), "mediator", talks.passage),
    )
    accepted = accept(
        store,
        proposals,
        talks,
        {"date": "on Tuesday", "status": "reported", "participants": edited},
    )
    detail = store.meeting_detail(accepted.ids["meeting"])
    roles = sorted((p.actor.name, p.link.role) for p in detail.participants)
    assert roles == [
        ("Choe Son-hui", "host"),
        ("Hyun Seong-soo", "mediator"),
        ("Sergei Shoigu", "guest"),
    ]
    meeting = detail.meeting
    assert (meeting.status, meeting.date_text, meeting.date_phrase) == (
        "reported",
        "2025-03-18",
        "on Tuesday",
    ), "Tuesday of the week of Friday 21 March 2025, when the report was published"
    assert [e.evidence.quote for e in detail.evidence] == [p.text for p in talks.passages]
    assert all(detail.link_evidence[("participant", p.link.id)] for p in detail.participants)
    assert proposals.status(talks) == "accepted" and proposals.edited(talks)
    assert proposals.status(_new_actor(proposals, "Andrey Rudenko")) == "pending"
    assert store.history()[0].summary.startswith("accept edited “Rudenko–Choe talks")

    store.undo(store.history()[0].id)
    assert store.stats().counts == before
    again = proposals_for(store, proposals.source_id)  # type: ignore[arg-type]
    assert again.status(talks) == "pending"
