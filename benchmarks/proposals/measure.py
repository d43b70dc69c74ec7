"""How well desk reads reports, on the development set and on the sealed held-out set apart.

Run with ``.venv/bin/python benchmarks/proposals/measure.py [-v] [--per-report]``. Each report is
added to an empty desk, every proposal accepted, and the desk compared with the curation (see
``evaluation.py`` beside this file for how records are matched). Figures are summed over a set,
per category, with their counts, and checked against the goals of issue 13; then the time to
propose for each report and for a 100 KB report.

The held-out set (``held-out/*.toml``) is written by someone who has not seen the rules and is
only ever measured: rules are never adjusted to one of its cases. ``-v`` lists misses on the
development set only, for that reason (``--show-held-out`` overrides it, for the set's author).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from evaluation import (  # noqa: E402
    Measurement,
    Report,
    Score,
    Share,
    development_set,
    held_out_set,
    measure,
)

#: The goals of issue 13, for the held-out set (shown for both).
GOALS: dict[str, str] = {
    "people": "recall >= 0.95 at precision >= 0.95",
    "meetings": "recall >= 0.85 at precision >= 0.85",
    "participants right": ">= 0.85 of meetings found",
    "status right": ">= 0.85 of meetings found",
    "date expressions": ">= 0.90",
}
HUNDRED_KB = 100_000


def total(measurements: list[Measurement]) -> Measurement:
    """The figures of a set: every count summed over its reports."""
    summed = Measurement(
        "set",
        Score(0, 0, 0),
        Score(0, 0, 0),
        Score(0, 0, 0),
        Score(0, 0, 0),
        0,
        0,
    )
    for m in measurements:
        summed.actors += m.actors
        summed.people += m.people
        summed.meetings += m.meetings
        summed.dated_meetings += m.dated_meetings
        summed.dates += m.dates
        summed.statuses_agreeing += m.statuses_agreeing
        summed.statuses_compared += m.statuses_compared
        summed.participants += m.participants
        summed.roles += m.roles
        summed.date_expressions += m.date_expressions
        summed.false_dates += m.false_dates
        summed.seconds += m.seconds
        summed.propose_seconds += m.propose_seconds
        summed.why += m.why
    return summed


def _score(score: Score) -> str:
    counts = f"({score.found}/{score.expected} found, {score.proposed} proposed)"
    return f"{score.recall:4.2f} / {score.precision:4.2f}  {counts}"


def _share(share: Share) -> str:
    if not share.compared:
        return " n/a         (nothing to compare)"
    return f"{share.rate:4.2f}         ({share.right}/{share.compared})"


def passes(label: str, m: Measurement) -> bool | None:
    """Whether a set's figure meets its goal; None when there is nothing to judge."""
    if label == "people":
        if not m.people.expected:
            return None
        return m.people.recall >= 0.95 and m.people.precision >= 0.95
    if label == "meetings":
        if not m.meetings.expected:
            return None
        return m.meetings.recall >= 0.85 and m.meetings.precision >= 0.85
    share = {
        "participants right": m.participants,
        "status right": m.statuses,
        "date expressions": m.date_expressions,
    }[label]
    return share.rate >= (0.90 if label == "date expressions" else 0.85) if share.compared else None


def print_set(name: str, reports: list[Report], measurements: list[Measurement]) -> None:
    print(f"\n== {name}: {len(reports)} reports ==")
    if not reports:
        print("  (no reports yet)")
        return
    m = total(measurements)
    rows = [
        ("actors", _score(m.actors), None),
        ("people", _score(m.people), "people"),
        ("meetings", _score(m.meetings), "meetings"),
        ("dated meetings", _score(m.dated_meetings), None),
        ("meeting dates", _score(m.dates), None),
        ("participants right", _share(m.participants), "participants right"),
        ("roles right", _share(m.roles), None),
        ("status right", _share(m.statuses), "status right"),
        ("date expressions", _share(m.date_expressions), "date expressions"),
        ("not-dates avoided", _share(m.false_dates), None),
    ]
    print("  category            recall / precision, or rate")
    for label, figure, goal in rows:
        verdict = ""
        if goal is not None:
            result = passes(goal, m)
            word = "n/a" if result is None else ("PASS" if result else "MISS")
            verdict = f"   goal {GOALS[goal]}: {word}"
        print(f"  {label:<19} {figure}{verdict}")
    for part in ("missed", "extra", "wrong date"):
        kinds = sorted((k, n) for k, n in m.why.items() if k.startswith(part))
        if kinds:
            print(
                f"  {part + ' meetings':<19} "
                + ", ".join(f"{k.split(part)[1][1:].strip()} {n}" for k, n in kinds)
            )
    slowest = max(measurements, key=lambda x: x.propose_seconds)
    print(
        f"  time: {m.propose_seconds:.2f} s to propose for all ({slowest.report} slowest, "
        f"{slowest.propose_seconds:.2f} s); {m.seconds:.2f} s to read, accept and store"
    )


def print_details(measurements: list[Measurement]) -> None:
    for m in measurements:
        print(f"\n  {m.report}: actors {_score(m.actors)}; meetings {_score(m.meetings)}")
        for label, items in (
            ("missed actors", m.missed_actors),
            ("extra actors", m.extra_actors),
            ("missed meetings", m.missed_meetings),
            ("extra meetings", m.extra_meetings),
            ("wrong participants", m.wrong_participants),
            ("wrong status", m.wrong_statuses),
            ("wrong roles", m.wrong_roles),
            ("missed date expressions", m.missed_dates),
        ):
            if items:
                print(f"    {label}: " + "; ".join(items))


def hundred_kb_seconds(reports: list[Report], engine: str = "rules") -> tuple[int, float, float]:
    """Time to propose for about 100 KB of wire copy (the development reports, repeated): wall
    clock and CPU time (on a shared machine the CPU time is the steadier figure)."""
    from desk.ingest.engine import propose

    texts = [r.path.read_text(encoding="utf-8") for r in reports]
    parts: list[str] = []
    size = 0
    while size < HUNDRED_KB:
        for text in texts:
            parts.append(text)
            size += len(text.encode("utf-8"))
    text = "\n\n".join(parts)
    # load the gazetteer (and the model) first, as the app has
    propose(texts[0], dt.date(2025, 3, 21), engine=engine)
    started, cpu = time.perf_counter(), time.process_time()
    propose(text, dt.date(2025, 3, 21), engine=engine)
    return len(text.encode("utf-8")), time.perf_counter() - started, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list development misses")
    parser.add_argument("--show-held-out", action="store_true", help="list held-out misses too")
    parser.add_argument(
        "--development-only",
        action="store_true",
        help="measure the development set alone (while working on the rules)",
    )
    parser.add_argument(
        "--engine",
        choices=("rules", "spacy"),
        default="rules",
        help="desk's reading engine: the rules alone, or helped by an installed spaCy pipeline",
    )
    arguments = parser.parse_args()
    print(f"engine: {arguments.engine}")
    if arguments.engine == "spacy":
        from desk.ingest.language_model import choose_engine, installed_pipeline, pipeline

        choose_engine("spacy")  # says what to install when there is nothing to load
        name = installed_pipeline() or ""
        started = time.perf_counter()
        pipeline(name)  # loaded once per process, as the app does: not counted per report
        print(f"pipeline {name} loaded in {time.perf_counter() - started:.2f} s")
    development = development_set()
    held_out = [] if arguments.development_only else held_out_set()
    for name, reports, show in (
        ("development", development, arguments.verbose),
        ("held-out", held_out, arguments.show_held_out),
    ):
        if name == "held-out" and arguments.development_only:
            continue
        measurements = [measure(report, engine=arguments.engine) for report in reports]
        print_set(name, reports, measurements)
        if show:
            print_details(measurements)
    size, seconds, cpu = hundred_kb_seconds(development, arguments.engine)
    verdict = "PASS" if seconds < 1.0 else "MISS"
    print(
        f"\nproposals for a {size // 1000} KB report: {seconds:.2f} s wall clock, {cpu:.2f} s CPU "
        f"(goal < 1 s: {verdict})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
