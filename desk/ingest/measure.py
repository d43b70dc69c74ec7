"""Measuring proposals: add a report to an empty desk, accept everything, compare with a curation.

The comparison is by what an analyst would check:

* **actors**: a desk actor matches an expected one when any of their names (name or alias) are
  the same name (see ``desk.ingest.names.name_keys``: case, accents, hyphens, word order and
  transliteration aside); a second actor matching the same expected one is a duplicate, which
  counts against precision;
* **meetings**, by participants and date: a desk meeting matches an expected one when their
  participants (through the actor matching) overlap by half or more (Jaccard >= 0.5) and, if the
  expected meeting is dated, the dates are the same value; each matches at most once;
* **dates**: the distinct dates of the desk's meetings against those of the expected meetings.

Expected records come from the curated sample (``sample_db/*.toml``) or from a report's own TOML
file (``tests/ingest/reports/*.toml``, see there for the format).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desk.ingest.names import name_keys

if TYPE_CHECKING:
    from desk.store import Store

#: Participants must overlap this much (Jaccard) for two meetings to be the same.
SAME_PARTICIPANTS = 0.5


@dataclass(frozen=True)
class ExpectedActor:
    name: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class MeetingRecord:
    title: str
    #: Indices into the expected actors (unmatched desk actors get negative numbers).
    participants: frozenset[int]
    date: str | None
    status: str | None = None


@dataclass(frozen=True)
class Report:
    """A report to measure on: its text file, publication data and expected records."""

    name: str
    path: Path
    publisher: str
    published: str
    title: str
    actors: tuple[ExpectedActor, ...]
    meetings: tuple[MeetingRecord, ...]


@dataclass(frozen=True)
class Score:
    found: int
    expected: int
    proposed: int

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.found / self.proposed if self.proposed else 1.0


@dataclass
class Measurement:
    report: str
    actors: Score
    meetings: Score
    dated_meetings: Score
    dates: Score
    statuses_agreeing: int
    statuses_compared: int
    missed_actors: list[str] = field(default_factory=list)
    extra_actors: list[str] = field(default_factory=list)
    missed_meetings: list[str] = field(default_factory=list)
    extra_meetings: list[str] = field(default_factory=list)
    seconds: float = 0.0


# -- expected records --------------------------------------------------------------------------
def sample_report(directory: Path) -> Report:
    """The curated sample as a report to measure on."""
    from desk.sample.curation import load

    curation = load(directory)
    source = curation.sources[0]
    keys: dict[str, int] = {}
    actors: list[ExpectedActor] = []
    for number, entry in enumerate(curation.actors):
        keys[entry.key] = number
        names = (entry.fields["name"], *(alias["name"] for alias in entry.aliases))
        actors.append(ExpectedActor(entry.fields["name"], tuple(names)))
    meetings = tuple(
        MeetingRecord(
            entry.fields["title"],
            frozenset(keys[actor] for actor, _, _ in entry.participants),
            entry.fields.get("date"),
            entry.fields.get("status"),
        )
        for entry in curation.meetings
    )
    return Report(
        "sample (Yonhap)",
        directory / source.fields["file"],
        source.fields.get("publisher", ""),
        source.fields["date"],
        source.fields["title"],
        tuple(actors),
        meetings,
    )


def toml_report(path: Path) -> Report:
    """A report described by a TOML file of expected records (tests/ingest/reports)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    source = data["source"]
    actors = tuple(
        ExpectedActor(a["name"], (a["name"], *a.get("aliases", []))) for a in data["actor"]
    )
    numbers = {name: n for n, actor in enumerate(actors) for name in actor.names}
    meetings = tuple(
        MeetingRecord(
            m["title"],
            frozenset(numbers[name] for name in m["participants"]),
            m.get("date"),
            m.get("status"),
        )
        for m in data.get("meeting", [])
    )
    return Report(
        path.stem,
        path.parent / source["file"],
        source["publisher"],
        source["published"],
        source["title"],
        actors,
        meetings,
    )


# -- measuring ---------------------------------------------------------------------------------
def measure(report: Report, *, workdir: Path | None = None) -> Measurement:
    """Add the report to an empty desk, accept every proposal, compare with what is expected."""
    import time

    from desk.ingest.accept import accept_all
    from desk.ingest.engine import proposals_for
    from desk.ingest.source import add_source
    from desk.store import Store

    with (
        tempfile.TemporaryDirectory(dir=workdir) as directory,
        Store.open(Path(directory) / "desk.sqlite", author="ingest-quality") as store,
    ):
        started = time.perf_counter()
        source = add_source(
            store,
            report.path,
            title=report.title,
            publisher=report.publisher,
            published=report.published,
            today=dt.date.fromisoformat(report.published[:10]),
        )
        assert source.id is not None
        accept_all(store, proposals_for(store, source.id))
        seconds = time.perf_counter() - started
        actors, meetings = desk_records(store)
    measurement = compare(report, actors, meetings)
    measurement.seconds = seconds
    return measurement


#: Meetings as compared: title, participants' actor ids, canonical date, status.
DeskMeeting = tuple[str, list[int], str | None, str]


def desk_records(store: Store) -> tuple[dict[int, tuple[str, ...]], list[DeskMeeting]]:
    """A desk's actors (id -> name and aliases) and meetings, as ``compare`` takes them."""
    from desk.model import Meeting

    actors = {a.id: (a.name, *a.aliases) for a in store.actor_names()}
    meetings = []
    for row in store.page(Meeting, limit=10_000).rows:
        detail = store.meeting_detail(row.id)
        ids = [p.actor.id for p in detail.participants if p.actor.id is not None]
        meetings.append((row.title, ids, row.date.text if row.date else None, row.status))
    return actors, meetings


def compare(
    report: Report,
    actors: dict[int, tuple[str, ...]],
    meetings: list[DeskMeeting],
) -> Measurement:
    """Compare desk records (actor id -> names; meetings as title, participant ids, date,
    status) with the report's expected records."""
    index: dict[str, int] = {}
    for number, expected in enumerate(report.actors):
        for name in expected.names:
            for key in name_keys(name):
                index.setdefault(key, number)
    matched: dict[int, int] = {}
    taken: set[int] = set()
    extra_actors: list[str] = []
    for actor_id, names in sorted(actors.items()):
        number = next(
            (index[key] for name in names for key in name_keys(name) if key in index), None
        )
        if number is None or number in taken:
            extra_actors.append(names[0] + (" (a duplicate)" if number is not None else ""))
            continue
        taken.add(number)
        matched[actor_id] = number
    missed_actors = [a.name for n, a in enumerate(report.actors) if n not in taken]

    desk_meetings = [
        MeetingRecord(
            title,
            frozenset(matched.get(actor_id, -actor_id) for actor_id in ids),
            date,
            status,
        )
        for title, ids, date, status in meetings
    ]
    pairs: list[tuple[float, int, int, int]] = []
    for d, mine in enumerate(desk_meetings):
        for e, theirs in enumerate(report.meetings):
            union = mine.participants | theirs.participants
            share = len(mine.participants & theirs.participants) / len(union) if union else 0.0
            if share < SAME_PARTICIPANTS:
                continue
            if theirs.date is not None and mine.date != theirs.date:
                continue
            pairs.append((share, int(mine.date == theirs.date), d, e))
    pairs.sort(reverse=True)
    used_desk: set[int] = set()
    used_expected: set[int] = set()
    agreeing = 0
    for _, _, d, e in pairs:
        if d in used_desk or e in used_expected:
            continue
        used_desk.add(d)
        used_expected.add(e)
        agreeing += int(desk_meetings[d].status == report.meetings[e].status)
    dated = [e for e, meeting in enumerate(report.meetings) if meeting.date is not None]
    expected_dates = {m.date for m in report.meetings if m.date is not None}
    desk_dates = {m.date for m in desk_meetings if m.date is not None}
    return Measurement(
        report.name,
        actors=Score(len(taken), len(report.actors), len(actors)),
        meetings=Score(len(used_expected), len(report.meetings), len(desk_meetings)),
        dated_meetings=Score(
            len(used_expected & set(dated)),
            len(dated),
            sum(1 for m in desk_meetings if m.date is not None),
        ),
        dates=Score(len(expected_dates & desk_dates), len(expected_dates), len(desk_dates)),
        statuses_agreeing=agreeing,
        statuses_compared=len(used_expected),
        missed_actors=missed_actors,
        extra_actors=extra_actors,
        missed_meetings=[
            report.meetings[e].title for e in range(len(report.meetings)) if e not in used_expected
        ],
        extra_meetings=[
            desk_meetings[d].title for d in range(len(desk_meetings)) if d not in used_desk
        ],
    )
