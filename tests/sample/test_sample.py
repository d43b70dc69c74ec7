"""The curated sample builds, is fully sourced, and every quote sits at its offsets."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from desk.dates import PartialDate, parse
from desk.model import Actor, Meeting, MeetingActor, Source
from desk.sample import CurationError, build, sample_directory
from desk.sample.curation import load
from desk.store import Store

PUBLISHED = dt.date(2025, 3, 21)


def test_the_sample_counts(sample_store: Store) -> None:
    stats = sample_store.stats()
    assert stats.counts == {
        "actors": 23,
        "aliases": 57,
        "meetings": 10,
        "agenda_items": 8,
        "sources": 1,
        "participants": 20,
        "agenda_links": 12,
        "evidence": 84,
    }
    assert stats.unsourced_total == 0


def test_every_quote_occurs_in_its_source_at_its_offsets(sample_store: Store) -> None:
    (row,) = sample_store.page(Source).rows
    source = sample_store.get(Source, row.id)
    original = (sample_directory() / "sources" / "shoigu-pyongyang-2025-03-21.txt").read_text(
        "utf-8"
    )
    assert source.text == original
    views = sample_store.evidence_in(source.id)
    assert len(views) == 84
    for view in views:
        evidence = view.evidence
        assert source.text[evidence.quote_start : evidence.quote_end] == evidence.quote
        assert source.text[: evidence.quote_start].endswith(evidence.prefix)
        assert source.text[evidence.quote_end :].startswith(evidence.suffix)
        assert evidence.credibility is not None


def test_the_required_actors_are_there_with_their_scripts(sample_store: Store) -> None:
    names = {row.name for row in sample_store.page(Actor, limit=100).rows}
    assert {
        "Sergei Shoigu",
        "Kim Jong-un",
        "Vladimir Putin",
        "Sjafrie Sjamsoeddin",
        "Hyun Seong-soo",
        "Andrey Rudenko",
        "Choe Son-hui",
        "Russia",
        "North Korea",
        "South Korea",
        "United States",
        "Ukraine",
        "Indonesia",
        "Security Council of Russia",
        "Korea Institute for National Unification",
    } <= names
    for typed in ("김정은", "Шойгу", "Путин", "최선희", "현승수", "Руденко"):
        assert sample_store.page(Actor, typed=typed).rows, typed


def test_meeting_dates_keep_their_precision_and_resolve_from_their_phrases(
    sample_store: Store,
) -> None:
    dates = {
        row.title: row.date.text if row.date else None
        for row in sample_store.page(Meeting, limit=100).rows
    }
    assert dates == {
        "Kim Jong-un's possible visit to Moscow": "2025-05",
        "Shoigu visits Pyongyang for talks with Kim Jong-un": "2025-03-21",
        "South Korea–US joint springtime military exercise": "../2025-03-20",
        "Rudenko–Choe Son-hui talks": "2025-03-15",
        "Shoigu–Sjafrie bilateral meeting in Jakarta": "2025-02-25",
        "Shoigu's September 2024 visit to Pyongyang": "2024-09-13",
        "Putin–Kim summit in Pyongyang": "2024-06",
        "Shoigu's July 2023 visit to Pyongyang": "2023-07",
        "US–Ukraine talks on a ceasefire": None,
        "US–Russia talks on a Ukraine ceasefire": None,
    }
    for row in sample_store.page(Meeting, limit=100).rows:
        if row.date is None:
            continue
        meeting = sample_store.get(Meeting, row.id)
        assert meeting.date_reference == PUBLISHED
        resolved = parse(meeting.date_phrase, reference=PUBLISHED)
        # The phrase gives the date itself, or (for an exercise that "wrapped up Thursday") its end.
        assert resolved == row.date or resolved.latest == row.date.latest, row.title


def test_speculation_is_not_recorded_as_fact(sample_store: Store) -> None:
    moscow = next(r for r in sample_store.page(Meeting, typed="moscow").rows)
    assert moscow.status == "speculated"
    visit = next(r for r in sample_store.page(Meeting, typed="shoigu visits").rows)
    statuses = {m.item.title: m.link.status for m in sample_store.meeting_detail(visit.id).agenda}
    assert statuses["Joint North Korea–Russia military exercises in the East Sea"] == "speculated"
    assert statuses["Kim Jong-un's visit to Russia"] == "speculated"
    assert statuses["What North Korea gets for its troops in Kursk"] == "expected"


def test_quotes_are_attributed_to_who_the_report_quotes(sample_store: Store) -> None:
    visit = next(r for r in sample_store.page(Meeting, typed="shoigu visits").rows)
    detail = sample_store.meeting_detail(visit.id)
    attributions = {
        view.attributed_to for views in detail.link_evidence.values() for view in views
    } | {view.attributed_to for view in detail.evidence}
    assert {"Hyun Seong-soo", "experts", "TASS", "observers"} <= attributions


def test_every_link_is_sourced(sample_store: Store) -> None:
    for row in sample_store.page(Meeting, limit=100).rows:
        detail = sample_store.meeting_detail(row.id)
        assert detail.evidence, row.title
        for participant in detail.participants:
            assert detail.link_evidence.get(("participant", participant.link.id)), row.title
        for mention in detail.agenda:
            assert detail.link_evidence.get(("agenda", mention.link.id)), row.title
    assert sample_store.stats().unsourced["participants"] == 0
    assert MeetingActor.__tablename__ == "meeting_actor"


def test_build_refuses_to_overwrite_and_leaves_no_half_built_file(tmp_path: Path) -> None:
    target = tmp_path / "sample.sqlite"
    target.write_text("precious")
    with pytest.raises(CurationError, match="already exists"):
        build(target)
    assert target.read_text() == "precious"

    broken = tmp_path / "curation"
    shutil.copytree(sample_directory(), broken)
    meetings = broken / "meetings.toml"
    meetings.write_text(
        meetings.read_text("utf-8").replace(
            'arrived in Pyongyang to meet Kim"', 'arrived by submarine"'
        ),
        "utf-8",
    )
    with pytest.raises(CurationError, match="“shoigu-kim-2025”, participant “kim”: the quote"):
        build(tmp_path / "broken.sqlite", broken)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["curation", "sample.sqlite"]


def test_curation_mistakes_name_the_file_and_record(tmp_path: Path) -> None:
    broken = tmp_path / "curation"
    shutil.copytree(sample_directory(), broken)
    agenda = broken / "agenda.toml"
    agenda.write_text(
        agenda.read_text("utf-8").replace('key = "ceasefire"', 'key = "troops-compensation"'),
        "utf-8",
    )
    with pytest.raises(
        CurationError, match=r"agenda\.toml: the key “troops-compensation” is used twice"
    ):
        load(broken)


def test_the_canonical_dates_of_the_sample_are_valid() -> None:
    curation = load(sample_directory())
    for entry in curation.meetings:
        if "date" in entry.fields:
            PartialDate.from_canonical(entry.fields["date"])
