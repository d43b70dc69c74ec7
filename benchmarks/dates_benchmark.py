"""Benchmark desk.dates: find() over 1 MB of news text, parse() against python-dateutil.

Run with ``.venv/bin/python benchmarks/dates_benchmark.py``. The text is built from seeded
templates (plus the sample article when present), so every run scans the same megabyte. The
parse() comparison times desk and ``dateutil.parser.parse`` on the same absolute inputs in the
same process, and counts how often dateutil fills in a day or month the input never gave.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from dateutil import parser as dateutil_parser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desk.dates import find, parse  # noqa: E402

REFERENCE = dt.date(2025, 3, 21)
SIZE = 1_000_000
SAMPLE = ROOT / "sample_db" / "sources" / "shoigu-pyongyang-2025-03-21.txt"

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


def news_text(size: int = SIZE, seed: int = 2025) -> str:
    """About ``size`` characters of news-style sentences, the same for every run."""
    rng = random.Random(seed)
    months = MONTHS.split()
    parts: list[str] = []
    if SAMPLE.exists():
        parts.append(SAMPLE.read_text(encoding="utf-8"))
    length = sum(len(part) for part in parts)
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


def best_of(runs: int, action: Callable[[], object]) -> tuple[float, object]:
    """The fastest of ``runs`` timings, and the last result."""
    timings = []
    result: object = None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        timings.append(time.perf_counter() - start)
    return min(timings), result


def per_call(action: Callable[[str], object], inputs: list[str], rounds: int) -> float:
    """Median seconds per call of ``action`` over ``inputs``, repeated ``rounds`` times."""
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(rounds):
            for text in inputs:
                action(text)
        samples.append((time.perf_counter() - start) / (rounds * len(inputs)))
    return statistics.median(samples)


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
]


def main() -> None:
    began = time.perf_counter()
    text = news_text()
    print(f"find(): {len(text):,} characters of news text, reference {REFERENCE}")
    find(text[:20_000], REFERENCE)  # warm the caches and compiled patterns
    seconds, result = best_of(3, lambda: find(text, REFERENCE))
    matches = len(result)  # type: ignore[arg-type]
    print(f"  {matches:,} matches in {seconds:.3f} s")
    print(f"  {matches / seconds:,.0f} matches per second, {len(text) / seconds / 1e6:.2f} MB/s")

    def ours(value: str) -> object:
        return parse(value, REFERENCE)

    def theirs(value: str) -> object:
        return dateutil_parser.parse(value)

    rounds = 400
    desk_absolute = per_call(ours, ABSOLUTE, rounds)
    dateutil_absolute = per_call(theirs, ABSOLUTE, rounds)
    desk_relative = per_call(ours, RELATIVE_INPUTS, rounds)
    print(f"parse(): {len(ABSOLUTE)} absolute inputs, {rounds} rounds")
    print(f"  desk.dates.parse        {desk_absolute * 1e6:7.1f} µs per expression")
    print(f"  dateutil.parser.parse   {dateutil_absolute * 1e6:7.1f} µs per expression")
    print(f"  ratio desk / dateutil   {desk_absolute / dateutil_absolute:7.2f}")
    print(
        f"  desk.dates.parse on {len(RELATIVE_INPUTS)} relative inputs (dateutil has none): ",
        end="",
    )
    print(f"{desk_relative * 1e6:.1f} µs per expression")

    # dateutil always answers with one datetime, so for a month or a year it makes up the rest.
    coarse = [value for value in ABSOLUTE if (p := parse(value)).earliest != p.latest]
    made_up = [f"{value!r} -> {dateutil_parser.parse(value).date()}" for value in coarse]
    print(f"  dateutil gave a single day for {len(coarse)} inputs that name only a month or year:")
    print(f"    {'; '.join(made_up)}")
    print(f"total {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
