"""Links between meetings, actors and agenda items, aliases, and evidence anchored in sources."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from desk.model import Actor, AgendaItem, Meeting, MeetingActor, MeetingAgenda, Source
from desk.store import (
    AlreadyLinked,
    AmbiguousQuote,
    DeskError,
    HasDependents,
    InvalidField,
    NotFound,
    QuoteNotFound,
    Store,
)

TEXT = (
    "Russia's Deputy Foreign Minister Andrey Rudenko held talks with North Korea's Foreign "
    'Minister Choe Son-hui on Saturday and discussed "top-level" contact between the two '
    "countries, Tass earlier reported. Choe Son-hui said little. 김정은 위원장과 회담했다."
)


@pytest.fixture
def records(store: Store) -> dict[str, int]:
    source = store.create(Source, title="Yonhap", text=TEXT, reliability="B")
    rudenko = store.create(Actor, name="Andrey Rudenko")
    choe = store.create(Actor, name="Choe Son-hui")
    meeting = store.create(Meeting, title="Rudenko–Choe talks", status="held")
    item = store.create(AgendaItem, title="Top-level contact")
    return {
        "source": source.id,
        "rudenko": rudenko.id,
        "choe": choe.id,
        "meeting": meeting.id,
        "item": item.id,
    }


def test_link_and_unlink_actors_and_agenda_items(store: Store, records: dict[str, int]) -> None:
    link = store.link_actor(records["meeting"], records["rudenko"], "participant")
    mention = store.link_agenda(records["meeting"], records["item"], "reported")
    detail = store.meeting_detail(records["meeting"])
    assert [p.actor.name for p in detail.participants] == ["Andrey Rudenko"]
    assert [(m.item.title, m.link.status) for m in detail.agenda] == [
        ("Top-level contact", "reported")
    ]

    store.unlink_actor(link.id)
    store.unlink_agenda(mention.id)
    detail = store.meeting_detail(records["meeting"])
    assert detail.participants == [] and detail.agenda == []


def test_linking_twice_is_refused(store: Store, records: dict[str, int]) -> None:
    store.link_actor(records["meeting"], records["choe"], "host")
    with pytest.raises(AlreadyLinked, match=r"already takes part .* as host"):
        store.link_actor(records["meeting"], records["choe"], "guest")
    store.link_agenda(records["meeting"], records["item"], "speculated")
    with pytest.raises(AlreadyLinked, match="already on the agenda"):
        store.link_agenda(records["meeting"], records["item"], "confirmed")


def test_links_check_what_they_point_to(store: Store, records: dict[str, int]) -> None:
    with pytest.raises(NotFound, match="there is no actor #404"):
        store.link_actor(records["meeting"], 404)
    with pytest.raises(NotFound, match="there is no meeting #404"):
        store.link_agenda(404, records["item"])
    with pytest.raises(InvalidField, match="role"):
        store.link_actor(records["meeting"], records["choe"], "emperor")
    with pytest.raises(InvalidField, match="status"):
        store.link_agenda(records["meeting"], records["item"], "probably")


def test_link_status_and_role_are_edited_with_versions(
    store: Store, records: dict[str, int]
) -> None:
    mention = store.link_agenda(records["meeting"], records["item"], "speculated")
    confirmed = store.update(MeetingAgenda, mention.id, mention.version, status="confirmed")
    assert confirmed.status == "confirmed" and confirmed.version == 2


def test_foreign_keys_are_enforced_by_the_database(store: Store, records: dict[str, int]) -> None:
    """Even a write that bypasses the store cannot point at a missing record."""
    refused = pytest.raises(IntegrityError, match=r"(?i)foreign key")
    with refused, store.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO meeting_actor "
            "(meeting_id, actor_id, role, created_at, updated_at, version) "
            f"VALUES ({records['meeting']}, 999, 'host', '2025-01-01', '2025-01-01', 1)"
        )


def test_editing_evidence_to_point_at_a_missing_actor_is_refused(
    store: Store, records: dict[str, int]
) -> None:
    evidence = store.attach_evidence(
        Actor, records["choe"], records["source"], "Minister Choe Son-hui"
    )
    with pytest.raises(NotFound, match="there is no actor #999"):
        store.update(type(evidence), evidence.id, evidence.version, attributed_actor_id=999)


def test_attach_evidence_anchors_the_quote(store: Store, records: dict[str, int]) -> None:
    quote = 'discussed "top-level" contact'
    evidence = store.attach_evidence(
        Meeting,
        records["meeting"],
        records["source"],
        quote,
        attributed_text="Tass",
        credibility=2,
        note="Tass via Yonhap",
    )
    assert TEXT[evidence.quote_start : evidence.quote_end] == quote
    assert evidence.prefix == TEXT[evidence.quote_start - 32 : evidence.quote_start]
    assert evidence.suffix == TEXT[evidence.quote_end : evidence.quote_end + 32]
    assert len(evidence.prefix) == 32 and len(evidence.suffix) == 32
    (view,) = store.evidence_for(Meeting, records["meeting"])
    assert view.source_title == "Yonhap"
    assert view.attributed_to == "Tass"
    assert view.grade == "B2"


def test_offsets_count_code_points(store: Store, records: dict[str, int]) -> None:
    evidence = store.attach_evidence(Actor, records["choe"], records["source"], "김정은 위원장")
    assert evidence.quote_start == TEXT.index("김정은")
    assert evidence.quote_end - evidence.quote_start == len("김정은 위원장")


def test_a_quote_not_in_the_source_is_refused(store: Store, records: dict[str, int]) -> None:
    with pytest.raises(QuoteNotFound) as raised:
        store.attach_evidence(Meeting, records["meeting"], records["source"], "held secret talks")
    assert "does not occur in source #1 “Yonhap”" in str(raised.value)
    assert store.stats().counts["evidence"] == 0


def test_a_near_miss_is_pointed_out(store: Store, records: dict[str, int]) -> None:
    with pytest.raises(QuoteNotFound, match="differing only in case, spacing or punctuation"):
        store.attach_evidence(
            Meeting, records["meeting"], records["source"], "held  talks with north korea's"
        )


def test_an_ambiguous_quote_needs_an_occurrence_or_offset(
    store: Store, records: dict[str, int]
) -> None:
    with pytest.raises(AmbiguousQuote) as raised:
        store.attach_evidence(Actor, records["choe"], records["source"], "Choe Son-hui")
    first, second = raised.value.offsets
    evidence = store.attach_evidence(
        Actor, records["choe"], records["source"], "Choe Son-hui", occurrence=2
    )
    assert evidence.quote_start == second
    pinned = store.attach_evidence(
        Actor, records["choe"], records["source"], "Choe Son-hui", start=first
    )
    assert pinned.quote_start == first
    with pytest.raises(QuoteNotFound, match="is not at offset 3"):
        store.attach_evidence(Actor, records["choe"], records["source"], "Choe Son-hui", start=3)


def test_evidence_grades_are_validated(store: Store, records: dict[str, int]) -> None:
    for bad in (0, 7, "high"):
        with pytest.raises(InvalidField, match="credibility"):
            store.attach_evidence(
                Actor, records["choe"], records["source"], "Minister Choe", credibility=bad
            )


def test_evidence_on_links_and_removing_links_with_their_evidence(
    store: Store, records: dict[str, int]
) -> None:
    link = store.link_actor(records["meeting"], records["rudenko"])
    store.attach_evidence(MeetingActor, link.id, records["source"], "Andrey Rudenko held talks")
    detail = store.meeting_detail(records["meeting"])
    assert [v.evidence.quote for v in detail.link_evidence[("participant", link.id)]] == [
        "Andrey Rudenko held talks"
    ]
    with pytest.raises(HasDependents, match="is supported by 1 piece of evidence"):
        store.unlink_actor(link.id)
    store.unlink_actor(link.id, with_evidence=True)
    assert store.stats().counts["evidence"] == 0


def test_evidence_in_a_source_is_listed_in_text_order(
    store: Store, records: dict[str, int]
) -> None:
    store.attach_evidence(Actor, records["choe"], records["source"], "Choe Son-hui said")
    store.attach_evidence(Actor, records["rudenko"], records["source"], "Andrey Rudenko")
    quotes = [view.evidence.quote for view in store.evidence_in(records["source"])]
    assert quotes == ["Andrey Rudenko", "Choe Son-hui said"]


def test_aliases(store: Store, records: dict[str, int]) -> None:
    alias = store.add_alias(records["choe"], "최선희", "ko")
    assert alias.language == "ko"
    with pytest.raises(AlreadyLinked):
        store.add_alias(records["choe"], "최선희")
    with pytest.raises(AlreadyLinked):
        store.add_alias(records["choe"], "Choe Son-hui")
    with pytest.raises(InvalidField):
        store.add_alias(records["choe"], " ")
    detail = store.actor_detail(records["choe"])
    assert [a.name for a in detail.aliases] == ["최선희"]
    store.delete(type(alias), alias.id)
    assert store.actor_detail(records["choe"]).aliases == []


def test_a_failed_operation_changes_nothing(store: Store, records: dict[str, int]) -> None:
    before = store.stats()
    history = store.history()
    with pytest.raises(DeskError):
        store.attach_evidence(MeetingActor, 12345, records["source"], "Rudenko")
    assert store.stats() == before
    assert store.history() == history


def test_stats_count_each_cited_record_once(store: Store, records: dict[str, int]) -> None:
    """A record cited twice is one sourced record; records and links no one cites are counted
    as unsourced (stats count distinct cited ids, not evidence rows)."""
    link = store.link_actor(records["meeting"], records["choe"], "host")
    store.link_actor(records["meeting"], records["rudenko"], "participant")
    for quote in ("Choe Son-hui", "Tass earlier reported"):
        store.attach_evidence(Actor, records["choe"], records["source"], quote, occurrence=1)
    store.attach_evidence(MeetingActor, link.id, records["source"], "Saturday")

    stats = store.stats()

    assert stats.counts["evidence"] == 3
    assert stats.unsourced == {
        "actors": 1,
        "meetings": 1,
        "agenda_items": 1,
        "participants": 1,
        "agenda_links": 0,
    }
    assert stats.unsourced_total == 4
