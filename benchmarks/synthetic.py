"""A deterministic synthetic desk of any size, for benchmarks (export, import, the app, servers).

    ensure_database(meetings=1_000_000) -> Path     # built once, then reused from benchmarks/data/
    python benchmarks/synthetic.py --meetings 1000000

For N meetings the desk holds about N/20 actors (each with 1 or 2 aliases in Latin, Hangul or
Cyrillic script), N/200 agenda items, N/50 sources (wire reports of a few KB each), 2–3
participants and 1–2 agenda items per meeting, 1–2 pieces of evidence per meeting (quotes that
really occur at their offsets in the source text) and a small change log (N/100 changesets of
edits, with before/after snapshots). Dates are of mixed precision: days, months, years, decades,
approximate values, ranges and open intervals, with the phrases they came from. Texts carry what
exports must survive: commas, quotation marks, line breaks, Hangul, Cyrillic, emoji, and text
that a spreadsheet would run as a formula.

The schema comes from ``Store.open`` (the migrations, FTS triggers included); rows go in with
raw ``executemany`` in one transaction. The same parameters always give the same database: the
random generator is seeded from them. The file is built under a temporary name, renamed when
complete, and described by a JSON file beside it (parameters, counts, build time); a file whose
description does not match the parameters is rebuilt. Benchmarks that write must work on a copy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import sqlite3
import sys
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

#: Bump when the generated content changes, so cached databases are rebuilt.
GENERATOR_VERSION = 1
DATA_DIRECTORY = Path(__file__).resolve().parent / "data"
DEFAULT_MEETINGS = 1_000_000
CONTEXT = 32  # characters of prefix/suffix kept around a quote (desk.store.anchoring.CONTEXT)

FIRST_NAMES = [
    "Sergei", "Vladimir", "Andrey", "Maria", "Kim", "Choe", "Pak", "Ri", "Lee", "Yoon", "Park",
    "Hyun", "Sjafrie", "Antony", "Wang", "Dmitry", "Olga", "Jang", "Min-ji", "Seong-soo",
    "Ilya", "Natalia", "Ho", "Jae-myung", "Yulia", "Kang", "Mikhail", "Anna", "Song", "Yevgeny",
]  # fmt: skip
LAST_NAMES = [
    "Shoigu", "Putin", "Rudenko", "Zakharova", "Jong-un", "Son-hui", "Yo-jong", "Pyong-chol",
    "Jae-myung", "Suk-yeol", "Seong-soo", "Sjamsoeddin", "Lavrov", "Belousov", "Yi", "Medvedev",
    "Peskov", "Kozak", "Song-nam", "Tae-yong", "Ushakov", "Gerasimov", "Chol-man", "Ryabkov",
]  # fmt: skip
TITLES = [
    "Secretary of Russia's Security Council", "Foreign Minister", "Defence Minister",
    "Deputy Foreign Minister", "vice president of the Korea Institute for National Unification",
    "spokesperson, Ministry of Foreign Affairs", "Chief of the General Staff", None, None,
    "analyst, \"38 North\"", "ambassador to Pyongyang", "head of the delegation, Moscow",
]  # fmt: skip
COUNTRIES = [
    "Russia", "North Korea", "South Korea", "China", "United States", "Indonesia", "Japan",
    "Ukraine", "Belarus", "Iran", "Vietnam", "Mongolia", None,
]  # fmt: skip
PLACES = [
    "Pyongyang, North Korea", "Moscow", "Vladivostok", "Seoul", "Jakarta, Indonesia",
    "Beijing", "Kursk region", "Khabarovsk", "the Vostochny Cosmodrome", "Panmunjom",
    "Kremlin, Moscow", "Wonsan", "Rason", "East Sea", "Minsk", "Ulaanbaatar", None, None,
]  # fmt: skip
VERBS = ["talks", "visit", "summit", "phone call", "joint exercise", "treaty signing", "meeting"]
TOPICS = [
    "ceasefire in Ukraine", "military technology transfer", "troops in Kursk",
    "joint exercises in the East Sea", "nuclear-powered submarines", "satellite launches",
    "rail links across the Tumen River", "labour exports", "tourism to Wonsan",
    "grain and oil deliveries", "the comprehensive strategic partnership treaty",
    "Victory Day anniversary", "sanctions", "ammunition supplies", "air defence",
]  # fmt: skip
PUBLISHERS = ["Yonhap News Agency", "Tass", "KCNA", "AFP", "Reuters", "NK News", "RIA Novosti"]
ODD_TEXTS = [
    "=HYPERLINK(\"http://example.org\",\"click\")", "+82 2 398 3114", "-5 troops, reportedly",
    "@KCNA_watch said so", "\ttabbed note", "'quoted' start", "\\N", "=1+2", "-",
]  # fmt: skip
EMOJI = ["🚀", "🇰🇵", "🇷🇺", "🤝", "📄"]
HANGUL_BASE = 0xAC00
CYRILLIC = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyz",
        "абкдефгхийклмнопкрстуввксз",
        strict=True,
    )
)
MEETING_KINDS = [
    "visit", "talks", "summit", "phone_call", "exercise", "signing", "conference", "other",
]  # fmt: skip
MEETING_STATUSES = [
    "held", "held", "held", "reported", "reported", "planned", "expected", "speculated",
    "denied", "cancelled",
]  # fmt: skip
ROLES = ["host", "guest", "participant", "participant", "mediator", "observer"]
MENTIONS = ["speculated", "expected", "reported", "reported", "confirmed", "denied"]
AGENDA_STATUSES = ["emerging", "active", "active", "dormant", "resolved", "dropped"]
ACTOR_KINDS = ["person"] * 7 + ["organization", "state", "group", "other"]
RELIABILITY = ["A", "B", "B", "C", "C", "D", "E", "F", None]
PHRASES = [
    "last June", "on Saturday", "Feb. 25", "earlier this month", "in May", "Friday",
    "September last year", "around May", "early 2025", "the 1990s", None, None, None,
]  # fmt: skip
FIRST_DAY = dt.date(2012, 1, 1)
DAY_SPAN = (dt.date(2025, 12, 31) - FIRST_DAY).days


def database_path(meetings: int) -> Path:
    """Where the cache keeps the database for ``meetings`` (keyed by every parameter)."""
    from desk.migrations import HEAD

    return DATA_DIRECTORY / f"desk-synthetic-g{GENERATOR_VERSION}-s{HEAD}-m{meetings}.sqlite"


def description_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def parameters(meetings: int) -> dict[str, Any]:
    from desk.migrations import HEAD

    return {"generator": GENERATOR_VERSION, "schema": HEAD, "meetings": meetings}


def describe(path: Path) -> dict[str, Any] | None:
    """The description written beside a built database, or None if there is none."""
    try:
        return json.loads(description_path(path).read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def ensure_database(
    meetings: int = DEFAULT_MEETINGS, path: Path | None = None, *, verbose: bool = False
) -> Path:
    """The synthetic desk with ``meetings`` meetings: reused if built before, else built now."""
    if meetings < 1:
        raise ValueError("a synthetic desk needs at least one meeting")
    target = Path(path) if path is not None else database_path(meetings)
    found = describe(target)
    if target.is_file() and found is not None and found.get("parameters") == parameters(meetings):
        return target
    build(meetings, target, verbose=verbose)
    return target


def build(meetings: int, target: Path, *, verbose: bool = False) -> dict[str, Any]:
    """Build the database at ``target`` (replacing it) and describe it beside it."""
    from desk.store import Store, actor_keys

    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.building")
    _remove(temporary)
    started = time.perf_counter()
    try:
        Store.open(temporary).close()  # the schema, by the migrations
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("PRAGMA cache_size = -400000")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("BEGIN")
            counts = _Generator(meetings).fill(connection, verbose=verbose)
            actor_keys.rebuild_sqlite(connection)  # the name index the store keeps with actors
            connection.execute("COMMIT")
            connection.execute("PRAGMA journal_mode = WAL")
        finally:
            connection.close()
        _remove(target)
        os.replace(temporary, target)
    finally:
        _remove(temporary)
    seconds = time.perf_counter() - started
    description = {
        "parameters": parameters(meetings),
        "counts": counts,
        "build_seconds": round(seconds, 1),
        "bytes": target.stat().st_size,
    }
    description_path(target).write_text(json.dumps(description, indent=2) + "\n", "utf-8")
    return description


def _remove(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        candidate.unlink(missing_ok=True)


@cache
def _date_columns(text: str | None) -> tuple[Any, ...]:
    """date_text, date_precision, date_earliest, date_latest, date_sort for a canonical value."""
    if text is None:
        return (None, None, None, None, None)
    from desk.dates import PartialDate

    value = PartialDate.from_canonical(text)
    earliest = value.earliest.isoformat() if value.earliest else None
    latest = value.latest.isoformat() if value.latest else None
    return (value.text, value.precision.value, earliest, latest, earliest or latest)


class _Generator:
    def __init__(self, meetings: int) -> None:
        self.meetings = meetings
        self.random = random.Random(f"desk-synthetic-{GENERATOR_VERSION}-{meetings}")
        self.actors = max(4, meetings // 20)
        self.agenda_items = max(2, meetings // 200)
        self.sources = max(2, meetings // 50)
        self.changesets = max(1, meetings // 100)
        self.clock = dt.datetime(2024, 1, 1, 8, 0, 0)
        #: Per source: its text and the (start, end) code-point spans of its sentences.
        self.texts: list[str] = []
        self.sentences: list[list[tuple[int, int]]] = []
        self.actor_names: list[str] = []

    # -- helpers ------------------------------------------------------------------------------
    def stamp(self) -> str:
        """The next creation time, in the layout SQLAlchemy stores on SQLite (UTC, microseconds)."""
        self.clock += dt.timedelta(microseconds=self.random.randrange(1_000, 2_000_000))
        moment = self.clock
        return f"{moment:%Y-%m-%d %H:%M:%S}.{moment.microsecond:06d}"

    def person(self) -> str:
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"

    def hangul(self, syllables: int) -> str:
        return "".join(chr(HANGUL_BASE + self.random.randrange(11172)) for _ in range(syllables))

    def cyrillic(self, latin: str) -> str:
        return "".join(CYRILLIC.get(c, CYRILLIC.get(c.lower(), c).upper()) for c in latin)

    def day(self) -> dt.date:
        return FIRST_DAY + dt.timedelta(days=self.random.randrange(DAY_SPAN))

    def partial_date(self) -> str | None:
        """A canonical partial date of realistic mixed precision (sometimes none)."""
        r = self.random.random()
        day = self.day()
        if r < 0.50:
            return day.isoformat()
        if r < 0.65:
            return f"{day:%Y-%m}"
        if r < 0.70:
            return f"{day:%Y}"
        if r < 0.76:
            return day.isoformat() + "~" if r < 0.73 else f"{day:%Y-%m}~"
        if r < 0.86:
            end = day + dt.timedelta(days=self.random.randrange(1, 6))
            return f"{day.isoformat()}/{end.isoformat()}"
        if r < 0.88:
            end = day + dt.timedelta(days=self.random.randrange(31, 200))
            return f"{day:%Y-%m}/{end:%Y-%m}"
        if r < 0.90:
            return f"../{day.isoformat()}" if r < 0.89 else f"{day:%Y}/.."
        if r < 0.91:
            return f"{day.year // 10:03d}X"
        if r < 0.95:
            return None
        return day.isoformat()

    def odd(self, probability: float) -> str:
        """Now and then, text a CSV or spreadsheet gets wrong."""
        if self.random.random() >= probability:
            return ""
        return self.random.choice(ODD_TEXTS)

    # -- tables -------------------------------------------------------------------------------
    def fill(self, connection: sqlite3.Connection, *, verbose: bool) -> dict[str, int]:
        counts: dict[str, int] = {}
        steps = [
            ("source", self.source_rows),
            ("actor", self.actor_rows),
            ("actor_alias", self.alias_rows),
            ("agenda_item", self.agenda_rows),
            ("meeting", self.meeting_rows),
        ]
        for table, rows in steps:
            counts[table] = self.insert(connection, table, rows(), verbose)
        counts.update(self.links_and_evidence(connection, verbose))
        counts["changeset"], counts["change"] = self.change_log(connection)
        return counts

    def insert(
        self,
        connection: sqlite3.Connection,
        table: str,
        rows: Iterator[tuple[Any, ...]],
        verbose: bool,
    ) -> int:
        started = time.perf_counter()
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
        marks = ", ".join("?" * len(columns))
        connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        inserted = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if verbose:
            print(
                f"  {table:<15} {inserted:>10,} rows  {time.perf_counter() - started:6.1f} s",
                file=sys.stderr,
            )
        return int(inserted)

    def source_rows(self) -> Iterator[tuple[Any, ...]]:
        rng = self.random
        for source_id in range(1, self.sources + 1):
            text, spans = self.report()
            self.texts.append(text)
            self.sentences.append(spans)
            published = self.day().isoformat()
            created = self.stamp()
            yield (
                source_id,
                created,
                created,
                1,
                *_date_columns(published),
                rng.choice(["Friday", "on Saturday", None]),
                None,
                f"{self.person()} {rng.choice(VERBS)} on {rng.choice(TOPICS)}, "
                f"{rng.choice(PUBLISHERS)} reports{self.odd(0.01)}",
                rng.choice(PUBLISHERS),
                self.person() if rng.random() < 0.4 else None,
                f"https://example.org/news/{source_id}?lang=en&src=wire"
                if rng.random() < 0.8
                else None,
                rng.choice(["en", "en", "ko", "ru"]),
                text,
                hashlib.sha256(text.encode("utf-8")).hexdigest(),
                rng.choice(RELIABILITY),
                created if rng.random() < 0.5 else None,
                "Published on a Friday; relative dates resolve against it."
                if rng.random() < 0.1
                else None,
            )

    def report(self) -> tuple[str, list[tuple[int, int]]]:
        """A wire report of a few KB: sentences with names, places, quotes, dates and numbers."""
        rng = self.random
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        position = 0
        for index in range(rng.randrange(18, 30)):
            choice = rng.random()
            if choice < 0.3:
                sentence = (
                    f'"We will {rng.choice(["discuss", "confirm", "announce"])} '
                    f'{rng.choice(TOPICS)}," {self.person()}, {rng.choice(TITLES) or "an official"}'
                    f", said on {self.day():%B %d}."
                )
            elif choice < 0.6:
                sentence = (
                    f"{self.person()} arrived in {rng.choice(PLACES) or 'the capital'} "
                    f"for {rng.choice(VERBS)} with {self.person()}, amid speculation over "
                    f"{rng.choice(TOPICS)} and {rng.choice(TOPICS)}."
                )
            elif choice < 0.8:
                sentence = (
                    f"Observers said the two sides could also take up {rng.choice(TOPICS)}, "
                    f"citing more than {rng.randrange(1, 20)},{rng.randrange(1000):03d} troops "
                    f"sent since {rng.randrange(2015, 2025)}."
                )
            elif choice < 0.9:
                sentence = (
                    f"{self.hangul(3)} {self.hangul(2)} ({self.person()}) — "
                    f"«{self.cyrillic(rng.choice(LAST_NAMES))}» {rng.choice(EMOJI)} "
                    f"met in {rng.choice(PLACES) or 'Seoul'}."
                )
            else:
                sentence = (
                    f"Earlier this month, {rng.choice(PUBLISHERS)} reported the "
                    f"{rng.choice(VERBS)}; {rng.choice(TOPICS)} was on the agenda."
                )
            separator = "\n" if index % 4 == 3 else " "
            if parts:
                parts.append(separator)
                position += 1
            spans.append((position, position + len(sentence)))
            parts.append(sentence)
            position += len(sentence)
        return "".join(parts), spans

    def actor_rows(self) -> Iterator[tuple[Any, ...]]:
        rng = self.random
        for actor_id in range(1, self.actors + 1):
            kind = rng.choice(ACTOR_KINDS)
            if kind == "person":
                name = f"{self.person()} {actor_id}"
            else:
                name = f"{rng.choice(COUNTRIES) or 'Union'} {rng.choice(['Ministry', 'Council', 'Army', 'Agency'])} {actor_id}"  # noqa: E501
            self.actor_names.append(name)
            created = self.stamp()
            yield (
                actor_id,
                created,
                created,
                1,
                name,
                kind,
                rng.choice(TITLES),
                rng.choice(COUNTRIES),
                f"Seen at {rng.choice(PLACES) or 'talks'}, per {rng.choice(PUBLISHERS)};\n"
                f"role unclear{self.odd(0.02)}"
                if rng.random() < 0.2
                else None,
            )

    def alias_rows(self) -> Iterator[tuple[Any, ...]]:
        rng = self.random
        alias_id = 0
        for actor_id in range(1, self.actors + 1):
            name = self.actor_names[actor_id - 1]
            aliases = [(self.hangul(rng.randrange(2, 5)), "ko")]
            if rng.random() < 0.5:
                aliases.append((self.cyrillic(name), "ru"))
            for alias, language in aliases:
                alias_id += 1
                created = self.stamp()
                yield (alias_id, created, created, 1, actor_id, alias, language)

    def agenda_rows(self) -> Iterator[tuple[Any, ...]]:
        rng = self.random
        for item_id in range(1, self.agenda_items + 1):
            created = self.stamp()
            yield (
                item_id,
                created,
                created,
                1,
                f"{rng.choice(TOPICS).capitalize()} ({item_id})",
                f'What the sides said about {rng.choice(TOPICS)}, and "what they did not".'
                if rng.random() < 0.7
                else None,
                rng.choice(AGENDA_STATUSES),
            )

    def meeting_rows(self) -> Iterator[tuple[Any, ...]]:
        rng = self.random
        for meeting_id in range(1, self.meetings + 1):
            created = self.stamp()
            edited = rng.random() < 0.1
            date = self.partial_date()
            phrase = rng.choice(PHRASES) if date else None
            place = rng.choice(PLACES)
            yield (
                meeting_id,
                created,
                self.stamp() if edited else created,
                2 if edited else 1,
                *_date_columns(date),
                phrase,
                self.day().isoformat() if phrase else None,
                f"{self.person()}–{self.person()} {rng.choice(VERBS)} in {place or 'Moscow'}"
                f"{self.odd(0.005)}",
                rng.choice(MEETING_KINDS),
                rng.choice(MEETING_STATUSES),
                place,
                f"{self.person()} and {self.person()} discussed {rng.choice(TOPICS)}, "
                f'"{rng.choice(TOPICS)}" and {rng.choice(TOPICS)}.'
                + ("\nSecond paragraph: sources differ." if rng.random() < 0.1 else "")
                + self.odd(0.005)
                if rng.random() < 0.85
                else None,
            )

    def links_and_evidence(self, connection: sqlite3.Connection, verbose: bool) -> dict[str, int]:
        """Participants, agenda links and evidence, inserted a batch of meetings at a time."""
        rng = self.random
        started = time.perf_counter()
        counts = {"meeting_actor": 0, "meeting_agenda": 0, "evidence": 0}
        batch = 20_000
        for first in range(1, self.meetings + 1, batch):
            actor_links: list[tuple[Any, ...]] = []
            agenda_links: list[tuple[Any, ...]] = []
            evidence: list[tuple[Any, ...]] = []
            for meeting_id in range(first, min(first + batch, self.meetings + 1)):
                for actor_id in rng.sample(range(1, self.actors + 1), rng.choice((2, 2, 3, 3, 3))):
                    created = self.stamp()
                    counts["meeting_actor"] += 1
                    actor_links.append(
                        (
                            counts["meeting_actor"],
                            created,
                            created,
                            1,
                            meeting_id,
                            actor_id,
                            rng.choice(ROLES),
                            'Named in the second paragraph, "as host".'
                            if rng.random() < 0.05
                            else None,
                        )
                    )
                items = min(self.agenda_items, rng.choice((1, 1, 2)))
                for item_id in rng.sample(range(1, self.agenda_items + 1), items):
                    created = self.stamp()
                    counts["meeting_agenda"] += 1
                    agenda_links.append(
                        (
                            counts["meeting_agenda"],
                            created,
                            created,
                            1,
                            meeting_id,
                            item_id,
                            rng.choice(MENTIONS),
                            "May be discussed, experts said." if rng.random() < 0.05 else None,
                        )
                    )
                for _ in range(rng.choice((1, 1, 2))):
                    counts["evidence"] += 1
                    targets = (
                        meeting_id,
                        counts["meeting_actor"] - rng.randrange(2),
                        counts["meeting_agenda"],
                    )
                    evidence.append(self.evidence_row(counts["evidence"], targets))
            connection.executemany(
                "INSERT INTO meeting_actor VALUES (?, ?, ?, ?, ?, ?, ?, ?)", actor_links
            )
            connection.executemany(
                "INSERT INTO meeting_agenda VALUES (?, ?, ?, ?, ?, ?, ?, ?)", agenda_links
            )
            marks = ", ".join("?" * 19)
            connection.executemany(f"INSERT INTO evidence VALUES ({marks})", evidence)
        if verbose:
            print(
                f"  {'links, evidence':<15} {sum(counts.values()):>10,} rows  "
                f"{time.perf_counter() - started:6.1f} s",
                file=sys.stderr,
            )
        return counts

    def evidence_row(self, evidence_id: int, links: tuple[int, int, int]) -> tuple[Any, ...]:
        """Evidence citing a sentence (or part of one) of a source for a record of one meeting:
        the meeting, one of its participants or its agenda link (or an actor, an agenda item)."""
        rng = self.random
        source_index = rng.randrange(self.sources)
        text = self.texts[source_index]
        start, end = rng.choice(self.sentences[source_index])
        if rng.random() < 0.5 and end - start > 40:  # a phrase within the sentence
            start += rng.randrange(0, 10)
            end -= rng.randrange(0, 10)
        targets: list[Any] = [None] * 5
        choice = rng.random()
        if choice < 0.5:
            targets[1] = links[0]
        elif choice < 0.75:
            targets[3] = links[1]
        elif choice < 0.9:
            targets[4] = links[2]
        elif choice < 0.95:
            targets[0] = rng.randrange(1, self.actors + 1)
        else:
            targets[2] = rng.randrange(1, self.agenda_items + 1)
        created = self.stamp()
        attributed = rng.random()
        return (
            evidence_id,
            created,
            created,
            1,
            source_index + 1,
            *targets,
            text[start:end],
            text[max(0, start - CONTEXT) : start],
            text[end : end + CONTEXT],
            start,
            end,
            rng.randrange(1, self.actors + 1) if attributed < 0.2 else None,
            rng.choice(["experts", "Tass", 'observers, citing "officials"'])
            if 0.2 <= attributed < 0.4
            else None,
            rng.randrange(1, 7) if rng.random() < 0.8 else None,
            f"Checked against the {rng.choice(PUBLISHERS)} wire{self.odd(0.01)}."
            if rng.random() < 0.1
            else None,
        )

    def change_log(self, connection: sqlite3.Connection) -> tuple[int, int]:
        """Changesets of edits to meetings, each with before/after snapshots like the store's."""
        rng = self.random
        changesets: list[tuple[Any, ...]] = []
        changes: list[tuple[Any, ...]] = []
        names = [d[0] for d in connection.execute("SELECT * FROM meeting LIMIT 0").description]
        for changeset_id in range(1, self.changesets + 1):
            at = self.stamp()
            edited = sorted(rng.sample(range(1, self.meetings + 1), min(self.meetings, 2)))
            for seq, meeting_id in enumerate(edited[: rng.choice((1, 2))]):
                row = connection.execute(
                    "SELECT * FROM meeting WHERE id = ?", (meeting_id,)
                ).fetchone()
                before = dict(zip(names, row, strict=True))
                for key in ("created_at", "updated_at"):
                    before[key] = before[key].replace(" ", "T") + "+00:00"
                after = {**before, "status": rng.choice(MEETING_STATUSES), "version": 2}
                changes.append(
                    (
                        len(changes) + 1,
                        changeset_id,
                        seq,
                        "meeting",
                        meeting_id,
                        "update",
                        json.dumps(before, ensure_ascii=False),
                        json.dumps(after, ensure_ascii=False),
                    )
                )
            changesets.append(
                (
                    changeset_id,
                    at,
                    rng.choice(["analyst", "kim.desk", "Ольга", "김 기자"]),
                    "update",
                    f"edit meeting #{edited[0]} status",
                    None,
                )
            )
        connection.executemany("INSERT INTO changeset VALUES (?, ?, ?, ?, ?, ?)", changesets)
        connection.executemany("INSERT INTO change VALUES (?, ?, ?, ?, ?, ?, ?, ?)", changes)
        return len(changesets), len(changes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=DEFAULT_MEETINGS)
    parser.add_argument("--path", type=Path, help="build here instead of benchmarks/data/")
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    arguments = parser.parse_args(argv)
    target = arguments.path or database_path(arguments.meetings)
    if arguments.force:
        description_path(target).unlink(missing_ok=True)
    cached = describe(target) is not None and target.is_file()
    path = ensure_database(arguments.meetings, target, verbose=True)
    description = describe(path) or {}
    state = "cached" if cached and not arguments.force else "built"
    print(
        f"{path} ({state}): {description.get('bytes', 0) / 1e6:,.0f} MB, built in "
        f"{description.get('build_seconds')} s; "
        + ", ".join(f"{table} {count:,}" for table, count in description.get("counts", {}).items())
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    raise SystemExit(main())
