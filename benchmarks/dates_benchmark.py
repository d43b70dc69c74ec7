"""Benchmark desk.dates: find() over megabytes of wire text, parse() against python-dateutil.

Goal (issue 12): ``dates.find`` scans wire text at **5 MB/s or more**, finding exactly what the
careful word-by-word scan finds.

Run with ``.venv/bin/python benchmarks/dates_benchmark.py``. It measures:

1. find() on 2 MB of realistic wire text: the paragraphs of the sample article and of the
   reports in tests/ingest/reports, shuffled and varied (years, months, days and weekdays
   redrawn from a seeded generator, so the scanner cannot simply remember one report's phrases);
   the median of five runs, wall-clock and CPU time (``time.process_time``: what this process
   spent, whatever else the machine is doing). The goal is judged on CPU time, printed as PASS
   or MISS; as a busy machine slows even CPU time (shared caches), a yardstick measured in the
   same run (Python's ``re`` listing every word of the text) is printed beside it, with find()'s
   time as a ratio to it. The same text is also read by the reference word-by-word scan once,
   and the two lists of matches are compared.
2. find() on 1 MB of dense synthetic sentences (a date every 60 characters): a stress figure,
   not the goal.
3. parse() per call on absolute and relative inputs, against ``dateutil.parser.parse`` on the
   same absolute inputs, median of five rounds; and how often dateutil fills in a day or month
   the input never gave.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from dateutil import parser as dateutil_parser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desk.dates import find, parse  # noqa: E402
from desk.dates.find import _find_every_word  # noqa: E402

GOAL_MB_PER_S = 5.0
_WORDS = re.compile(r"\w+")
RUNS = 5
REFERENCE = dt.date(2025, 3, 21)
WIRE_SIZE = 2_000_000
DENSE_SIZE = 1_000_000
SAMPLE = ROOT / "sample_db" / "sources" / "shoigu-pyongyang-2025-03-21.txt"
REPORTS = ROOT / "tests" / "ingest" / "reports"

MONTHS = "January February March April May June July August September October November December"
AP_MONTHS = [
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# --- realistic wire text ------------------------------------------------------------------------

_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-3]\d)\b")
_MONTH_DAY = re.compile(rf"\b({'|'.join(MONTHS.split())}|{'|'.join(AP_MONTHS)})(\s\d{{1,2}})?\b")
_WEEKDAY = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b")


def _paragraphs() -> list[str]:
    sources = [SAMPLE, *sorted(REPORTS.glob("*.txt"))]
    found = []
    for path in sources:
        found += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return found


def _vary(paragraph: str, rng: random.Random) -> str:
    """The same sentence with other years, months, days and weekdays."""
    paragraph = _YEAR.sub(lambda _: str(rng.randrange(1995, 2027)), paragraph)

    def month(match: re.Match[str]) -> str:
        names = AP_MONTHS if match[1] in AP_MONTHS else MONTHS.split()
        day = f" {rng.randrange(1, 29)}" if match[2] else ""
        return rng.choice(names) + day

    paragraph = _MONTH_DAY.sub(month, paragraph)
    return _WEEKDAY.sub(lambda _: rng.choice(WEEKDAYS), paragraph)


def wire_text(size: int = WIRE_SIZE, seed: int = 2025) -> str:
    """About ``size`` characters of varied real report paragraphs, the same for every run."""
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    parts: list[str] = []
    length = 0
    while length < size:
        paragraph = _vary(rng.choice(paragraphs), rng) + "\n"
        parts.append(paragraph)
        length += len(paragraph)
    return "".join(parts)[:size]


# --- dense synthetic sentences ----------------------------------------------------------------

PEOPLE = ["Kim Jong-un", "Sergei Shoigu", "Choe Son-hui", "Andrey Rudenko", "Hyun Seong-soo"]
PLACES = ["Pyongyang", "Moscow", "Seoul", "Jakarta", "Vladivostok", "Kursk", "Beijing"]
VERBS_PAST = ["met", "held talks with", "visited", "called", "hosted"]
VERBS_FUTURE = ["will meet", "may travel to see", "is expected to meet", "could visit"]
RELATIVE = [
    "last year",
    "earlier this month",
    "September last year",
    "last June",
    "late last year",
    "since last year",
    "mid-2024",
    "the first half of 2025",
    "last week",
    "two days ago",
    "earlier in the day",
]
TRAPS = [
    "More than 11,000 troops were sent to the front.",
    "Type 094 submarines were spotted near the coast.",
    "The 80th anniversary of Victory Day draws near.",
    "The G20 statement passed 7-4 after Route 66 talks.",
    "Theresa May said the F-16 deal was worth $2,024 million.",
]


def dense_text(size: int = DENSE_SIZE, seed: int = 2025) -> str:
    """About ``size`` characters of templated news sentences, nearly every one with a date."""
    rng = random.Random(seed)
    months = MONTHS.split()
    parts: list[str] = [SAMPLE.read_text(encoding="utf-8")]
    length = len(parts[0])
    while length < size:
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2000))
        who, other = rng.sample(PEOPLE, 2)
        where = rng.choice(PLACES)
        choice = rng.randrange(9)
        if choice == 0:
            line = (
                f"{who} {rng.choice(VERBS_PAST)} {other} in {where} on "
                f"{AP_MONTHS[day.month - 1]} {day.day}, {day.year}, officials said."
            )
        elif choice == 1:
            line = f"{who} {rng.choice(VERBS_FUTURE)} {other} in {months[day.month - 1]}."
        elif choice == 2:
            line = f"Officials said {rng.choice(WEEKDAYS)} that {who} arrived in {where}."
        elif choice == 3:
            line = f"Talks in {where} were held from {months[day.month - 1]} 3 to 5, {day.year}."
        elif choice == 4:
            line = f"{who} {rng.choice(VERBS_PAST)} {other} {rng.choice(RELATIVE)} in {where}."
        elif choice == 5:
            line = (
                f"The treaty signed in {day.year} was revised on {day.day} {months[day.month - 1]}."
            )
        elif choice == 6:
            line = rng.choice(TRAPS)
        elif choice == 7:
            line = f"Earlier that year, {who} visited {where} for the first time since the 1990s."
        else:
            line = f"{who} said the two sides would meet again in {where} next month."
        parts.append(line + ("\n" if rng.random() < 0.2 else " "))
        length += len(parts[-1])
    return "".join(parts)[:size]


# --- measuring --------------------------------------------------------------------------------


def timed(runs: int, action: Callable[[], object]) -> tuple[float, float, object]:
    """Median wall and CPU seconds of ``runs`` calls, and the last result."""
    walls, cpus = [], []
    result: object = None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls), statistics.median(cpus), result


def per_call(
    action: Callable[[str], object], inputs: list[str], rounds: int
) -> tuple[float, float]:
    """Median wall and CPU seconds per call of ``action`` over ``inputs``, five samples."""
    calls = rounds * len(inputs)

    def batch() -> None:
        for _ in range(rounds):
            for text in inputs:
                action(text)

    wall, cpu, _ = timed(5, batch)
    return wall / calls, cpu / calls


def measure_find(label: str, text: str) -> tuple[float, list]:
    find(text[:20_000], REFERENCE)  # warm the caches and compiled patterns
    wall, cpu, result = timed(RUNS, lambda: find(text, REFERENCE))
    matches = list(result)  # type: ignore[call-overload]
    megabytes = len(text) / 1e6
    print(f"find() on {label}: {len(text):,} characters, {len(matches):,} matches")
    print(f"  median of {RUNS}: wall {wall:.3f} s = {megabytes / wall:5.2f} MB/s")
    print(f"                 CPU  {cpu:.3f} s = {megabytes / cpu:5.2f} MB/s")
    return megabytes / cpu, matches


ABSOLUTE = [
    "Sept. 13, 2024",
    "Feb. 25, 2025",
    "September 13, 2024",
    "13 September 2024",
    "March 3, 2025",
    "2024-09-13",
    "13.09.2024",
    "September 2024",
    "Sept. 2024",
    "July 2023",
    "2024",
    "1945",
]
RELATIVE_INPUTS = [
    "Friday",
    "in May",
    "since last year",
    "September last year",
    "earlier this month",
    "last June",
    "mid-2024",
    "from March 3 to 5",
    "the first half of 2025",
    "two days ago",
    "on Christmas Eve",
    "the 19th century",
]


def main() -> None:
    began = time.perf_counter()
    print(f"Goal: dates.find at {GOAL_MB_PER_S:.0f} MB/s or more on wire text (CPU time).")
    wire = wire_text()
    speed, matches = measure_find("varied wire reports", wire)
    verdict = "PASS" if speed >= GOAL_MB_PER_S else "MISS"
    print(f"  {verdict}: {speed:.2f} MB/s against a goal of {GOAL_MB_PER_S:.0f} MB/s")
    # A yardstick measured in the same run, so that a busy machine shows in both figures.
    _, words_cpu, _ = timed(RUNS, lambda: [match.end() for match in _WORDS.finditer(wire)])
    words_speed = len(wire) / 1e6 / words_cpu
    print(
        f"  reference in this run: Python's re listing every word's end, {words_speed:.2f} MB/s; "
        f"find() takes {words_speed / speed:.2f}x its time"
    )
    cpu = time.process_time()
    careful = _find_every_word(wire, REFERENCE)
    careful_cpu = time.process_time() - cpu
    same = "the same" if careful == matches else "NOT the same"
    print(
        f"  the word-by-word scan: {len(careful):,} matches, {same}; "
        f"CPU {careful_cpu:.3f} s = {len(wire) / 1e6 / careful_cpu:.2f} MB/s"
    )
    measure_find("dense synthetic sentences (stress, not the goal)", dense_text())

    def ours(value: str) -> object:
        return parse(value, REFERENCE)

    def theirs(value: str) -> object:
        return dateutil_parser.parse(value)

    rounds = 200
    desk_absolute = per_call(ours, ABSOLUTE, rounds)
    dateutil_absolute = per_call(theirs, ABSOLUTE, rounds)
    desk_relative = per_call(ours, RELATIVE_INPUTS, rounds)
    print(f"parse(): {len(ABSOLUTE)} absolute inputs × {rounds} rounds, median of 5 (wall / CPU)")
    print(
        f"  desk.dates.parse        {desk_absolute[0] * 1e6:6.1f} / {desk_absolute[1] * 1e6:6.1f}"
        " µs per expression"
    )
    print(
        f"  dateutil.parser.parse   {dateutil_absolute[0] * 1e6:6.1f} / "
        f"{dateutil_absolute[1] * 1e6:6.1f} µs per expression"
    )
    print(f"  ratio desk / dateutil (CPU)  {desk_absolute[1] / dateutil_absolute[1]:.2f}")
    print(
        f"  desk.dates.parse on {len(RELATIVE_INPUTS)} relative inputs (dateutil has none): "
        f"{desk_relative[0] * 1e6:.1f} / {desk_relative[1] * 1e6:.1f} µs per expression"
    )

    # dateutil always answers with one datetime, so for a month or a year it makes up the rest.
    coarse = [value for value in ABSOLUTE if (p := parse(value)).earliest != p.latest]
    made_up = [f"{value!r} -> {dateutil_parser.parse(value).date()}" for value in coarse]
    print(f"  dateutil gave a single day for {len(coarse)} inputs that name only a month or year:")
    print(f"    {'; '.join(made_up)}")
    print(f"total {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
