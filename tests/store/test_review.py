"""Review states: moving records along, who set what, undo, deletes, the queue and the counts."""

from __future__ import annotations

import pytest

from desk.model import Actor, AgendaItem, Meeting, ReviewState, Source
from desk.store import InvalidField, NotFound, ReviewChanged, Store

TEXT = "Sergei Shoigu met Kim Jong-un in Pyongyang on Friday to discuss the Kursk deployment."


@pytest.fixture
def desk(store: Store) -> dict[str, int]:
    source = store.create(Source, title="Yonhap", text=TEXT)
    meeting = store.create(Meeting, title="Shoigu–Kim talks", status="held")
    actor = store.create(Actor, name="Sergei Shoigu")
    item = store.create(AgendaItem, title="Kursk deployment")
    participant = store.link_actor(meeting.id, actor.id, "guest")
    agenda = store.link_agenda(meeting.id, item.id, "reported")
    store.attach_evidence(Meeting, meeting.id, source.id, "Sergei Shoigu met Kim Jong-un")
    return {
        "meeting": meeting.id,
        "actor": actor.id,
        "item": item.id,
        "participant": participant.id,
        "agenda": agenda.id,
    }


def test_every_record_starts_as_a_draft(store: Store, desk: dict[str, int]) -> None:
    status = store.review_status("meeting", desk["meeting"])
    assert status.state is ReviewState.DRAFT and status.set_by is None
    assert store.review_counts()[ReviewState.DRAFT] == 5
    assert store.review_counts()[ReviewState.NEEDS_REVIEW] == 0


def test_one_step_at_a_time_draft_needs_review_verified(store: Store, desk: dict[str, int]) -> None:
    first = store.advance_review("meeting", desk["meeting"])
    assert first.state is ReviewState.NEEDS_REVIEW
    with Store.open(store.location, author="colleague") as colleague:
        second = colleague.advance_review("meeting", desk["meeting"])
    assert second.state is ReviewState.VERIFIED
    status = store.review_status("meeting", desk["meeting"])
    assert (status.state, status.set_by) == (ReviewState.VERIFIED, "colleague")
    assert status.set_at is not None and status.set_at.tzinfo is not None
    # verified stays verified: a further press changes nothing
    changesets = store.latest_changeset_id()
    assert store.advance_review("meeting", desk["meeting"]).state is ReviewState.VERIFIED
    assert store.latest_changeset_id() == changesets


def test_disputing_needs_a_note_and_keeps_it(store: Store, desk: dict[str, int]) -> None:
    with pytest.raises(InvalidField, match="note"):
        store.set_review("agenda_item", desk["item"], "disputed", "  ")
    assert store.review_status("agenda_item", desk["item"]).state is ReviewState.DRAFT
    store.set_review("agenda_item", desk["item"], "disputed", "the report says troops, not talks")
    status = store.review_status("agenda_item", desk["item"])
    assert status.state is ReviewState.DISPUTED
    assert status.note == "the report says troops, not talks"
    # a disputed record goes back for review with one step
    assert store.advance_review("agenda_item", desk["item"]).state is ReviewState.NEEDS_REVIEW


def test_links_carry_states_too(store: Store, desk: dict[str, int]) -> None:
    store.set_review("meeting_actor", desk["participant"], "verified")
    store.set_review("meeting_agenda", desk["agenda"], "needs_review")
    states = store.review_states("meeting_actor", [desk["participant"]])
    assert states == {desk["participant"]: ReviewState.VERIFIED}
    [entry] = store.review_queue()
    assert entry.kind == "agenda link"
    assert entry.name == "Kursk deployment (reported) at “Shoigu–Kim talks”"


def test_wrong_states_and_missing_records_are_refused(store: Store, desk: dict[str, int]) -> None:
    with pytest.raises(InvalidField, match="not a review state"):
        store.set_review("meeting", desk["meeting"], "approved")
    with pytest.raises(InvalidField, match="carry no review state"):
        store.set_review("source", 1, "verified")
    with pytest.raises(NotFound, match="meeting #999"):
        store.set_review("meeting", 999, "verified")
    assert store.review_counts()[ReviewState.VERIFIED] == 0


def test_a_stale_state_is_refused(store: Store, desk: dict[str, int]) -> None:
    store.advance_review("meeting", desk["meeting"])  # needs review now
    with Store.open(store.location, author="colleague") as colleague:
        colleague.set_review("meeting", desk["meeting"], "disputed", "wrong day")
    with pytest.raises(ReviewChanged, match="is disputed now"):
        store.advance_review("meeting", desk["meeting"], expected="needs_review")
    assert store.review_status("meeting", desk["meeting"]).note == "wrong day"


def test_review_steps_are_in_the_audit_trail_and_undoable(
    store: Store, desk: dict[str, int]
) -> None:
    store.set_review("meeting", desk["meeting"], "needs_review")
    verified = store.set_review("meeting", desk["meeting"], "verified")
    [latest] = store.history(limit=1)
    assert latest.action == "review"
    assert latest.summary == "verify meeting “Shoigu–Kim talks”"
    store.undo(verified)
    assert store.review_status("meeting", desk["meeting"]).state is ReviewState.NEEDS_REVIEW
    store.undo(store.history(limit=3)[2].id or 0)  # the first step: back to draft
    assert store.review_status("meeting", desk["meeting"]).state is ReviewState.DRAFT


def test_last_changed_by_ignores_review_steps(store: Store, desk: dict[str, int]) -> None:
    assert store.last_changed_by("meeting", desk["meeting"]) == store.author
    with Store.open(store.location, author="colleague") as colleague:
        meeting = colleague.get(Meeting, desk["meeting"])
        colleague.update(Meeting, meeting.id, meeting.version, place="Pyongyang")
        colleague.set_review("actor", desk["actor"], "needs_review")
    assert store.last_changed_by("meeting", desk["meeting"]) == "colleague"
    assert store.last_changed_by("actor", desk["actor"]) == store.author


def test_deleting_a_record_takes_its_state_and_undo_brings_it_back(
    store: Store, desk: dict[str, int]
) -> None:
    store.set_review("meeting", desk["meeting"], "verified")
    store.set_review("meeting_agenda", desk["agenda"], "needs_review")
    deleted = store.delete(Meeting, desk["meeting"], with_dependents=True)
    assert store.review_counts()[ReviewState.VERIFIED] == 0
    assert store.review_queue() == []
    store.undo(deleted)
    assert store.review_status("meeting", desk["meeting"]).state is ReviewState.VERIFIED
    assert store.review_status("meeting_agenda", desk["agenda"]).state is ReviewState.NEEDS_REVIEW


def test_the_queue_walks_the_longest_waiting_first_with_evidence(
    store: Store, desk: dict[str, int]
) -> None:
    store.set_review("actor", desk["actor"], "needs_review")
    store.set_review("meeting", desk["meeting"], "needs_review")
    store.set_review("agenda_item", desk["item"], "disputed", "not in the text")
    queue = store.review_queue()
    assert [(e.kind, e.name) for e in queue] == [
        ("actor", "Sergei Shoigu"),
        ("meeting", "Shoigu–Kim talks"),
    ]
    both = store.review_queue(["needs_review", "disputed"])
    assert [e.status.state for e in both][-1] is ReviewState.DISPUTED
    [evidence] = store.review_evidence("meeting", desk["meeting"])
    assert evidence.evidence.quote == "Sergei Shoigu met Kim Jong-un"
    assert store.review_evidence("actor", desk["actor"]) == []


def test_counts_cover_every_reviewed_kind(store: Store, desk: dict[str, int]) -> None:
    store.set_review("meeting", desk["meeting"], "needs_review")
    store.set_review("meeting_actor", desk["participant"], "needs_review")
    store.set_review("actor", desk["actor"], "verified")
    counts = store.review_counts()
    assert counts == {
        ReviewState.DRAFT: 2,
        ReviewState.NEEDS_REVIEW: 2,
        ReviewState.VERIFIED: 1,
        ReviewState.DISPUTED: 0,
    }
    assert store.review_states("meeting_agenda", [desk["agenda"]]) == {
        desk["agenda"]: ReviewState.DRAFT
    }


def test_lists_filter_by_state_alone_or_with_words(store: Store, desk: dict[str, int]) -> None:
    other = store.create(Meeting, title="Putin–Kim summit")
    store.set_review("meeting", desk["meeting"], "verified")
    verified = store.page(Meeting, typed="is:verified").rows
    assert [row.id for row in verified] == [desk["meeting"]]
    drafts = store.page(Meeting, typed="is:draft").rows
    assert [row.id for row in drafts] == [other.id]
    assert store.page(Meeting, typed="summit is:verified").rows == []
    assert [r.id for r in store.page(Meeting, typed="IS:Verified talks").rows] == [desk["meeting"]]
    assert store.page(Actor, typed="is:needs-review").rows == []
    # a word that merely contains the token is a word to match, not a state
    assert store.page(Meeting, typed="this:verified").rows == []


def test_a_records_review_steps_are_its_history(store: Store, desk: dict[str, int]) -> None:
    store.set_review("meeting", desk["meeting"], "needs_review")
    with Store.open(store.location, author="colleague") as colleague:
        colleague.set_review("meeting", desk["meeting"], "disputed", "wrong day")
    store.set_review("meeting", desk["meeting"], "draft")
    store.set_review("meeting", desk["meeting"], "verified")  # a new review row
    store.set_review("actor", desk["actor"], "verified")  # another record's: not listed
    steps = store.review_history("meeting", desk["meeting"])
    assert [(s.author, s.changed_fields()) for s in steps] == [
        ("tester", [("review", "draft", "verified")]),
        ("tester", [("review", "disputed", "draft"), ("note", "wrong day", None)]),
        ("colleague", [("review", "needs review", "disputed"), ("note", None, "wrong day")]),
        ("tester", [("review", "draft", "needs review")]),
    ]
    assert steps[2].summary == "dispute meeting “Shoigu–Kim talks”: wrong day"


def test_merging_actors_drops_the_merged_ones_state_and_undo_restores_it(
    store: Store, desk: dict[str, int]
) -> None:
    twin = store.create(Actor, name="Shoigu")
    store.set_review("actor", twin.id, "disputed", "a duplicate")
    store.set_review("actor", desk["actor"], "verified")
    merged = store.merge_actors(desk["actor"], twin.id)
    assert store.review_status("actor", desk["actor"]).state is ReviewState.VERIFIED
    assert store.review_counts()[ReviewState.DISPUTED] == 0
    store.undo(merged.changeset_id)
    assert store.review_status("actor", twin.id).note == "a duplicate"
