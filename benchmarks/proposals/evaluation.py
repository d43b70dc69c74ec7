"""Scoring proposals: add a report to an empty desk, accept everything, compare with a curation.

The comparison is by what an analyst would check:

* **actors**: a desk actor matches an expected one when any of their names (name or alias) are
  the same name (see ``desk.ingest.names.name_keys``: case, accents, hyphens, word order and
  transliteration aside); a second actor matching the same expected one is a duplicate, which
  counts against precision. **People** are the same, among actors of kind person only;
* **meetings**, by participants and date: a desk meeting matches an expected one when their
  participants (through the actor matching) overlap by half or more (Jaccard >= 0.5) and, if the
  expected meeting is dated, the dates are the same value; each matches at most once. On the
  meetings found: are the participants exactly right, the roles the curation gives, the status;
* **dates**: the distinct dates of the desk's meetings against those of the expected meetings;
* **date expressions**: each ``[[date]]`` entry's phrase found by ``desk.dates.find`` and
  resolved to its ``value`` against the publication date; ``[[not_date]]`` phrases must not be
  found.

Expected records come from the curated sample (``sample_db/*.toml``) or from a report's TOML file
(``tests/ingest/reports/*.toml`` and ``benchmarks/proposals/held-out/*.toml``): ``[source]``
(file, title, publisher, published), ``[[actor]]`` (name, kind, aliases), ``[[meeting]]`` (title,
status, date, participants, and optionally ``roles = { "Name" = "host" }`` and
``evidence = ["fragment", ...]``), ``[[date]]`` (phrase, value), ``[[not_date]]`` (phrase).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desk.dates import DateError, PartialDate
from desk.ingest.names import name_keys

if TYPE_CHECKING:
    from desk.store import Store

#: Participants must overlap this much (Jaccard) for two meetings to be the same.
SAME_PARTICIPANTS = 0.5


@dataclass(frozen=True)
class ExpectedActor:
    name: str
    names: tuple[str, ...]
    kind: str | None = None


@dataclass(frozen=True)
class MeetingRecord:
    title: str
    #: Indices into the expected actors (unmatched desk actors get negative numbers).
    participants: frozenset[int]
    date: str | None
    status: str | None = None
    #: Expected actor index -> role (host, guest, participant, mediator), where curated.
    roles: tuple[tuple[int, str], ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateEntry:
    phrase: str
    value: str | None  # None: a [[not_date]]


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
    dates: tuple[DateEntry, ...] = ()


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

    def __add__(self, other: Score) -> Score:
        return Score(
            self.found + other.found,
            self.expected + other.expected,
            self.proposed + other.proposed,
        )


@dataclass(frozen=True)
class Share:
    """How many of the compared cases are right."""

    right: int
    compared: int

    @property
    def rate(self) -> float:
        return self.right / self.compared if self.compared else 1.0

    def __add__(self, other: Share) -> Share:
        return Share(self.right + other.right, self.compared + other.compared)


@dataclass
class Measurement:
    report: str
    actors: Score
    meetings: Score
    dated_meetings: Score
    dates: Score
    statuses_agreeing: int
    statuses_compared: int
    people: Score = field(default_factory=lambda: Score(0, 0, 0))
    participants: Share = field(default_factory=lambda: Share(0, 0))
    roles: Share = field(default_factory=lambda: Share(0, 0))
    date_expressions: Share = field(default_factory=lambda: Share(0, 0))
    false_dates: Share = field(default_factory=lambda: Share(0, 0))
    missed_actors: list[str] = field(default_factory=list)
    extra_actors: list[str] = field(default_factory=list)
    missed_meetings: list[str] = field(default_factory=list)
    extra_meetings: list[str] = field(default_factory=list)
    wrong_participants: list[str] = field(default_factory=list)
    wrong_statuses: list[str] = field(default_factory=list)
    wrong_roles: list[str] = field(default_factory=list)
    missed_dates: list[str] = field(default_factory=list)
    #: Why meetings were missed or proposed in excess, counted by kind (see ``_why``): figures
    #: that say what the misses are without anyone reading a held-out case.
    why: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    propose_seconds: float = 0.0

    @property
    def statuses(self) -> Share:
        return Share(self.statuses_agreeing, self.statuses_compared)


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
        actors.append(ExpectedActor(entry.fields["name"], tuple(names), entry.fields.get("kind")))
    meetings = tuple(
        MeetingRecord(
            entry.fields["title"],
            frozenset(keys[actor] for actor, _, _ in entry.participants),
            entry.fields.get("date"),
            entry.fields.get("status"),
            tuple(
                (keys[actor], link.get("role", "participant"))
                for actor, link, _ in entry.participants
            ),
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
    """A report described by a TOML file of expected records."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    source = data["source"]
    actors = tuple(
        ExpectedActor(a["name"], (a["name"], *a.get("aliases", [])), a.get("kind"))
        for a in data.get("actor", [])
    )
    numbers = {name: n for n, actor in enumerate(actors) for name in actor.names}

    def number(name: str, meeting: str) -> int:
        if name not in numbers:
            raise ValueError(f"{path.name}: meeting “{meeting}” names “{name}”, no [[actor]]")
        return numbers[name]

    meetings = tuple(
        MeetingRecord(
            m["title"],
            frozenset(number(name, m["title"]) for name in m["participants"]),
            m.get("date"),
            m.get("status"),
            tuple((number(name, m["title"]), role) for name, role in m.get("roles", {}).items()),
            tuple(m.get("evidence", [])),
        )
        for m in data.get("meeting", [])
    )
    dates = tuple(DateEntry(d["phrase"], d["value"]) for d in data.get("date", [])) + tuple(
        DateEntry(d["phrase"], None) for d in data.get("not_date", [])
    )
    return Report(
        path.stem,
        path.parent / source["file"],
        source["publisher"],
        source["published"],
        source["title"],
        actors,
        meetings,
        dates,
    )


# -- measuring ---------------------------------------------------------------------------------
def measure(report: Report, *, workdir: Path | None = None, engine: str = "rules") -> Measurement:
    """Add the report to an empty desk, accept every proposal, compare with what is expected.

    ``engine`` is desk's reading engine ("rules", "spacy", see desk.ingest.language_model)."""
    from desk.ingest.engine import propose

    published = dt.date.fromisoformat(report.published[:10])
    text = report.path.read_text(encoding="utf-8")
    started = time.perf_counter()
    propose(text, published, engine=engine)
    propose_seconds = time.perf_counter() - started
    actors, meetings, seconds = accepted_records(report, workdir=workdir, engine=engine)
    measurement = compare(report, actors, meetings)
    measurement.seconds = seconds
    measurement.propose_seconds = propose_seconds
    _score_dates(report, text, published, measurement)
    return measurement


def accepted_records(
    report: Report, *, workdir: Path | None = None, engine: str = "rules"
) -> tuple[DeskActors, list[DeskMeeting], float]:
    """The records of an empty desk after adding the report and accepting every proposal, and
    the seconds that took."""
    from desk.ingest.accepting import accept_all
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
        accept_all(store, proposals_for(store, source.id, engine))
        seconds = time.perf_counter() - started
        actors, meetings = desk_records(store)
    return actors, meetings, seconds


def _score_dates(report: Report, text: str, published: dt.date, into: Measurement) -> None:
    from desk.dates import find

    entries = [d for d in report.dates if d.value is not None]
    refused = [d for d in report.dates if d.value is None]
    if not report.dates:
        return
    found = find(text, published)
    right = 0
    for entry in entries:
        phrase = entry.phrase.lower()
        hit = next(
            (
                m
                for m in found
                if m.date.text == entry.value
                and (phrase in m.phrase.lower() or m.phrase.lower() in phrase)
            ),
            None,
        )
        if hit is not None:
            right += 1
        else:
            near = [f"{m.phrase} → {m.date.text}" for m in found if phrase in m.phrase.lower()]
            into.missed_dates.append(f"{entry.phrase} = {entry.value} (found: {near or 'no'})")
    into.date_expressions = Share(right, len(entries))
    avoided = sum(
        1 for d in refused if not any(d.phrase.lower() == m.phrase.lower() for m in found)
    )
    into.false_dates = Share(avoided, len(refused))


#: Meetings as compared: title, participants' (actor id, role), canonical date, status.
DeskMeeting = tuple[str, list[tuple[int, str]], str | None, str]
DeskActors = dict[int, tuple[tuple[str, ...], str]]


def desk_records(store: Store) -> tuple[DeskActors, list[DeskMeeting]]:
    """A desk's actors (id -> names and kind) and meetings, as ``compare`` takes them."""
    from desk.model import Meeting

    actors = {a.id: ((a.name, *a.aliases), a.kind) for a in store.actor_names()}
    meetings = []
    for row in store.page(Meeting, limit=10_000).rows:
        detail = store.meeting_detail(row.id)
        ids = [(p.actor.id, p.link.role) for p in detail.participants if p.actor.id is not None]
        meetings.append((row.title, ids, row.date.text if row.date else None, row.status))
    return actors, meetings


def compare(
    report: Report,
    actors: dict[int, tuple[str, ...]] | DeskActors,
    meetings: list[DeskMeeting] | list[tuple[str, list[int], str | None, str]],
) -> Measurement:
    """Compare desk records (actor id -> names, or names and kind; meetings as title,
    participant ids or (id, role) pairs, date, status) with the report's expected records."""
    names_of, kinds = _split_actors(actors)
    index: dict[str, int] = {}
    for number, expected in enumerate(report.actors):
        for name in expected.names:
            for key in name_keys(name):
                index.setdefault(key, number)
    matched: dict[int, int] = {}
    taken: set[int] = set()
    extra_actors: list[str] = []
    for actor_id, names in sorted(names_of.items()):
        number = next(
            (index[key] for name in names for key in name_keys(name) if key in index), None
        )
        if number is None or number in taken:
            extra_actors.append(names[0] + (" (a duplicate)" if number is not None else ""))
            continue
        taken.add(number)
        matched[actor_id] = number
    missed_actors = [a.name for n, a in enumerate(report.actors) if n not in taken]
    people = _people(report, names_of, kinds, matched)

    desk_meetings: list[MeetingRecord] = []
    for title, links, date, status in meetings:
        pairs_ = [link if isinstance(link, tuple) else (link, "participant") for link in links]
        desk_meetings.append(
            MeetingRecord(
                title,
                frozenset(matched.get(actor_id, -actor_id) for actor_id, _ in pairs_),
                date,
                status,
                tuple((matched.get(actor_id, -actor_id), role) for actor_id, role in pairs_),
            )
        )
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
    agreeing = participants_right = roles_right = roles_compared = 0
    wrong_participants: list[str] = []
    wrong_statuses: list[str] = []
    wrong_roles: list[str] = []
    for _, _, d, e in pairs:
        if d in used_desk or e in used_expected:
            continue
        used_desk.add(d)
        used_expected.add(e)
        mine, theirs = desk_meetings[d], report.meetings[e]
        if mine.status == theirs.status:
            agreeing += 1
        else:
            wrong_statuses.append(f"{theirs.title}: {mine.status} (expected {theirs.status})")
        if mine.participants == theirs.participants:
            participants_right += 1
        else:
            wrong_participants.append(f"{theirs.title} (desk: {mine.title})")
        given = dict(mine.roles)
        for number, role in theirs.roles:
            roles_compared += 1
            if given.get(number) == role:
                roles_right += 1
            else:
                who = report.actors[number].name
                wrong_roles.append(f"{theirs.title}: {who} {given.get(number)} (expected {role})")
    why = _why(report.meetings, desk_meetings, used_expected, used_desk)
    dated = [e for e, meeting in enumerate(report.meetings) if meeting.date is not None]
    expected_dates = {m.date for m in report.meetings if m.date is not None}
    desk_dates = {m.date for m in desk_meetings if m.date is not None}
    return Measurement(
        report.name,
        actors=Score(len(taken), len(report.actors), len(names_of)),
        meetings=Score(len(used_expected), len(report.meetings), len(desk_meetings)),
        dated_meetings=Score(
            len(used_expected & set(dated)),
            len(dated),
            sum(1 for m in desk_meetings if m.date is not None),
        ),
        dates=Score(len(expected_dates & desk_dates), len(expected_dates), len(desk_dates)),
        statuses_agreeing=agreeing,
        statuses_compared=len(used_expected),
        people=people,
        participants=Share(participants_right, len(used_expected)),
        roles=Share(roles_right, roles_compared),
        missed_actors=missed_actors,
        extra_actors=extra_actors,
        missed_meetings=[
            report.meetings[e].title for e in range(len(report.meetings)) if e not in used_expected
        ],
        extra_meetings=[
            desk_meetings[d].title for d in range(len(desk_meetings)) if d not in used_desk
        ],
        wrong_participants=wrong_participants,
        wrong_statuses=wrong_statuses,
        wrong_roles=wrong_roles,
        why=why,
    )


def _overlap(one: MeetingRecord, other: MeetingRecord) -> float:
    union = one.participants | other.participants
    return len(one.participants & other.participants) / len(union) if union else 0.0


def _date_miss(theirs: MeetingRecord, proposed: list[MeetingRecord], used: set[int]) -> str:
    """How the date of the proposal nearest a wrong-date miss differs from the expected one:
    the proposal with the most parties in common (one not matched elsewhere first), its date
    "none", "wider" (it holds the expected), "narrower", "earlier", "later" or "overlapping";
    "taken" when every such proposal was matched to another expected meeting (with the missed
    one's date: two meetings of that day proposed as one; with another: a meeting of the same
    parties not proposed)."""
    near = [
        (d not in used, _overlap(mine, theirs), d)
        for d, mine in enumerate(proposed)
        if _overlap(mine, theirs) >= SAME_PARTICIPANTS
    ]
    free, _, d = max(near)
    if not free:
        taken = proposed[d].date
        if taken is None:
            return "taken, undated"
        return "taken, same date" if taken == theirs.date else "taken, other date"
    mine = proposed[d].date
    if mine is None:
        return "none"
    try:
        ours = PartialDate.from_canonical(mine)
        expected = PartialDate.from_canonical(theirs.date or "")
    except DateError:
        return "other"
    lo, hi = ours.earliest or dt.date.min, ours.latest or dt.date.max
    e_lo, e_hi = expected.earliest or dt.date.min, expected.latest or dt.date.max
    if lo <= e_lo and e_hi <= hi:
        return "wider"
    if e_lo <= lo and hi <= e_hi:
        return "narrower"
    if hi < e_lo:
        return "earlier"
    if lo > e_hi:
        return "later"
    return "overlapping"


def _why(
    expected: tuple[MeetingRecord, ...],
    proposed: list[MeetingRecord],
    found: set[int],
    used: set[int],
) -> Counter[str]:
    """Each missed expected meeting and each extra proposed one, by kind of miss.

    missed: "wrong date" (a proposal has the parties, not the day), "parties differ" (one on
    that day shares a party, not half), "not proposed"; also by the status expected. extra:
    "same parties as one found" (one meeting proposed twice, or split), "parties of a missed
    one" (the wrong-date twin of a miss), "no such meeting".
    """
    why: Counter[str] = Counter()
    for e, theirs in enumerate(expected):
        if e in found:
            continue
        why[f"missed, expected {theirs.status or 'held'}"] += 1
        if any(_overlap(mine, theirs) >= SAME_PARTICIPANTS for mine in proposed):
            why["missed: wrong date"] += 1
            why[f"wrong date: {_date_miss(theirs, proposed, used)}"] += 1
        elif any(
            _overlap(mine, theirs) > 0 and (theirs.date is None or mine.date == theirs.date)
            for mine in proposed
        ):
            why["missed: parties differ"] += 1
        else:
            why["missed: not proposed"] += 1
    for d, mine in enumerate(proposed):
        if d in used:
            continue
        near = [
            e for e, theirs in enumerate(expected) if _overlap(mine, theirs) >= SAME_PARTICIPANTS
        ]
        if any(e in found for e in near):
            why["extra: same parties as one found"] += 1
        elif near:
            why["extra: parties of a missed one"] += 1
        else:
            why["extra: no such meeting"] += 1
    return why


def _split_actors(
    actors: dict[int, tuple[str, ...]] | DeskActors,
) -> tuple[dict[int, tuple[str, ...]], dict[int, str | None]]:
    names: dict[int, tuple[str, ...]] = {}
    kinds: dict[int, str | None] = {}
    for actor_id, value in actors.items():
        if len(value) == 2 and isinstance(value[0], tuple):
            names[actor_id], kinds[actor_id] = value[0], value[1]  # type: ignore[assignment]
        else:
            names[actor_id], kinds[actor_id] = value, None  # type: ignore[assignment]
    return names, kinds


def _people(
    report: Report,
    names: dict[int, tuple[str, ...]],
    kinds: dict[int, str | None],
    matched: dict[int, int],
) -> Score:
    """Actors of kind person: expected people found, among the desk's people."""
    expected = {n for n, a in enumerate(report.actors) if a.kind == "person"}
    mine = [actor_id for actor_id in names if kinds.get(actor_id) == "person"]
    found = {matched[a] for a in mine if a in matched and matched[a] in expected}
    return Score(len(found), len(expected), len(mine))


# -- the sets ----------------------------------------------------------------------------------
ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = Path(__file__).resolve().parent / "held-out"
DEVELOPMENT_REPORTS = ROOT / "tests" / "ingest" / "reports"


def development_set() -> list[Report]:
    """The reports desk.ingest is developed on: the sample and tests/ingest/reports."""
    reports = [sample_report(ROOT / "sample_db")]
    reports.extend(toml_report(path) for path in sorted(DEVELOPMENT_REPORTS.glob("*.toml")))
    return reports


def held_out_set(directory: Path = HELD_OUT) -> list[Report]:
    """The sealed reports: measured, never read while writing rules. May be empty."""
    if not directory.is_dir():
        return []
    return [toml_report(path) for path in sorted(directory.glob("*.toml"))]
