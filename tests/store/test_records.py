"""Creating, reading, updating and deleting records, with their validation and conflicts."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from desk.dates import PartialDate, Precision
from desk.model import Actor, AgendaItem, Meeting, Source
from desk.store import Conflict, HasDependents, InvalidField, NotFound, Store

TEXT = "Sergei Shoigu arrived in Pyongyang on Friday to meet Kim Jong-un, Tass reported."


def test_create_and_get_each_kind(store: Store) -> None:
    actor = store.create(Actor, name="  Sergei Shoigu ", kind="person", title="Secretary")
    meeting = store.create(Meeting, title="Shoigu–Kim talks", kind="talks", status="expected")
    item = store.create(AgendaItem, title="Ceasefire talks")
    source = store.create(Source, title="Yonhap", text=TEXT, reliability="b", date="2025-03-21")

    assert store.get(Actor, actor.id).name == "Sergei Shoigu"  # trimmed
    assert store.get(Meeting, meeting.id).status == "expected"
    assert store.get(AgendaItem, item.id).status == "active"  # the column default
    saved = store.get(Source, source.id)
    assert saved.reliability == "B"
    assert saved.sha256 == hashlib.sha256(TEXT.encode()).hexdigest()
    assert saved.text == TEXT
    for record in (actor, meeting, item, source):
        assert record.version == 1
        assert record.created_at is not None and record.updated_at is not None


def test_partial_dates_are_stored_with_their_precision(store: Store) -> None:
    september = PartialDate.from_canonical("2024-09", phrase="September last year")
    meeting = store.create(Meeting, title="Visit", date=september)
    saved = store.get(Meeting, meeting.id)
    assert saved.date_text == "2024-09"
    assert saved.date_precision == Precision.MONTH
    assert saved.date_earliest == dt.date(2024, 9, 1)
    assert saved.date_latest == dt.date(2024, 9, 30)
    assert saved.date_phrase == "September last year"

    interval = store.create(Meeting, title="Exercise", date="../2025-03-20")
    saved = store.get(Meeting, interval.id)
    assert saved.date_earliest is None
    assert saved.date_sort == dt.date(2025, 3, 20)


def test_relative_date_text_resolves_against_the_reference(store: Store) -> None:
    meeting = store.create(
        Meeting, title="Rudenko–Choe talks", date="on Saturday", reference=dt.date(2025, 3, 21)
    )
    saved = store.get(Meeting, meeting.id)
    assert saved.date_text == "2025-03-15"
    assert saved.date_reference == dt.date(2025, 3, 21)


@pytest.mark.parametrize(
    ("model", "values", "field"),
    [
        (Actor, {"name": "   "}, "name"),
        (Actor, {"name": "X", "kind": "alien"}, "kind"),
        (Actor, {"name": "X", "shoe_size": 42}, "shoe_size"),
        (Meeting, {"title": "X", "status": "rumoured"}, "status"),
        (Meeting, {"title": "X", "date": "Type 094"}, "date"),
        (Meeting, {"title": "X", "date": "2024-02-30"}, "date"),
        (Source, {"title": "X"}, "text"),
        (Source, {"title": "X", "text": "t", "reliability": "G"}, "reliability"),
    ],
)
def test_invalid_values_are_refused_and_nothing_is_written(
    store: Store, model: type, values: dict, field: str
) -> None:
    before = store.stats().counts
    with pytest.raises(InvalidField) as raised:
        store.create(model, **values)
    assert raised.value.field == field
    assert store.stats().counts == before
    assert store.history() == []


def test_update_bumps_the_version_and_refuses_a_stale_one(store: Store) -> None:
    actor = store.create(Actor, name="Kim Jong Un")
    edited = store.update(Actor, actor.id, actor.version, name="Kim Jong-un", country="North Korea")
    assert edited.version == 2
    assert edited.name == "Kim Jong-un"

    with pytest.raises(Conflict) as raised:
        store.update(Actor, actor.id, actor.version, name="Kim Il-sung")  # version 1 is stale
    assert "changed by someone else" in str(raised.value)
    assert raised.value.current is not None and raised.value.current["version"] == 2
    assert store.get(Actor, actor.id).name == "Kim Jong-un"  # nothing overwritten


def test_update_of_a_deleted_record_is_a_conflict(store: Store) -> None:
    actor = store.create(Actor, name="Someone")
    store.delete(Actor, actor.id)
    with pytest.raises(Conflict, match="deleted by someone else"):
        store.update(Actor, actor.id, actor.version, name="Someone else")


def test_update_refuses_blanking_a_required_field(store: Store) -> None:
    meeting = store.create(Meeting, title="Talks")
    with pytest.raises(InvalidField) as raised:
        store.update(Meeting, meeting.id, meeting.version, title="")
    assert raised.value.field == "title"
    with pytest.raises(InvalidField):
        store.update(Meeting, meeting.id, meeting.version, status=None)
    assert store.get(Meeting, meeting.id).version == 1


def test_an_update_that_changes_nothing_keeps_the_version(store: Store) -> None:
    actor = store.create(Actor, name="Putin")
    same = store.update(Actor, actor.id, actor.version, name="Putin")
    assert same.version == 1


def test_get_and_delete_unknown_records(store: Store) -> None:
    with pytest.raises(NotFound, match="there is no meeting #99"):
        store.get(Meeting, 99)
    with pytest.raises(NotFound):
        store.delete(Actor, 99)


def test_delete_names_its_dependents_and_then_takes_them_along(store: Store) -> None:
    source = store.create(Source, title="Tass", text=TEXT)
    actor = store.create(Actor, name="Sergei Shoigu")
    meeting = store.create(Meeting, title="Shoigu–Kim talks")
    link = store.link_actor(meeting.id, actor.id, "guest")
    store.attach_evidence(Actor, actor.id, source.id, "Sergei Shoigu")
    store.attach_evidence(type(link), link.id, source.id, "arrived in Pyongyang")

    with pytest.raises(HasDependents) as raised:
        store.delete(Actor, actor.id)
    message = str(raised.value)
    assert "takes part in 1 meeting (“Shoigu–Kim talks”)" in message
    assert "2 pieces of evidence" in message
    assert store.stats().counts["evidence"] == 2  # nothing deleted

    assert store.dependents(Actor, actor.id) == raised.value.dependents
    store.delete(Actor, actor.id, with_dependents=True)
    counts = store.stats().counts
    assert counts["actors"] == 0 and counts["participants"] == 0 and counts["evidence"] == 0
    assert counts["meetings"] == 1  # the meeting itself stays


def test_delete_with_a_stale_version_is_a_conflict(store: Store) -> None:
    actor = store.create(Actor, name="Choe Son-hui")
    store.update(Actor, actor.id, actor.version, title="Foreign Minister")
    with pytest.raises(Conflict):
        store.delete(Actor, actor.id, actor.version)
    assert store.get(Actor, actor.id).title == "Foreign Minister"


def test_deleting_a_quoted_actor_keeps_the_attribution_as_text(store: Store) -> None:
    source = store.create(Source, title="Tass", text=TEXT)
    tass = store.create(Actor, name="Tass", kind="organization")
    meeting = store.create(Meeting, title="Talks")
    evidence = store.attach_evidence(
        Meeting, meeting.id, source.id, "arrived in Pyongyang", attributed_actor_id=tass.id
    )
    assert store.dependents(Actor, tass.id) == [
        "is quoted in 1 piece of evidence (their attribution is kept as text)"
    ]
    store.delete(Actor, tass.id, with_dependents=True)
    (view,) = store.evidence_for(Meeting, meeting.id)
    assert view.evidence.id == evidence.id
    assert view.evidence.attributed_actor_id is None
    assert view.attributed_to == "Tass"


def test_every_write_is_one_changeset_in_the_audit_trail(store: Store) -> None:
    actor = store.create(Actor, name="Hyun Seong-soo")
    store.update(Actor, actor.id, 1, title="Vice president, KINU")
    history = store.history()
    assert [change.action for change in history] == ["update", "create"]
    assert history[0].author == "tester"
    assert history[0].summary == "edit actor “Hyun Seong-soo”"
