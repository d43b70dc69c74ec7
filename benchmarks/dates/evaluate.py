"""How well ``desk.dates.find`` reads date expressions it was never tuned on.

    python benchmarks/dates/evaluate.py [--show-misses]

Reads the sealed held-out cases (``benchmarks/dates/held-out.toml``: a phrase in a sentence, the
publication day it resolves against, and the value a careful reader gives it, written before desk
ran on them) and scores each:

- a date case is right when ``find`` returns a match overlapping the phrase whose value is the
  expected one (a match that overlaps with another value is wrong; none at all is missed);
- a not-a-date case (``value = ""``) is right when no match overlaps the phrase.

Prints the figures, the goal (at least 0.90 of the cases right) and PASS or MISS. Misses are
listed only on request: a rule adjusted to a held-out case spoils the set (see
``benchmarks/proposals/README.md``: study a case, then move it to the development set).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from desk.dates import find  # noqa: E402  (after the path: runs from a checkout)

CASES = HERE / "held-out.toml"
GOAL = 0.90


@dataclass(frozen=True)
class Outcome:
    phrase: str
    expected: str
    found: str  # the value read, "" when nothing overlapped
    right: bool


def score(case: dict[str, str]) -> Outcome:
    context, phrase, expected = case["context"], case["phrase"], case["value"]
    start = context.index(phrase)
    end = start + len(phrase)
    reference = dt.date.fromisoformat(case["reference"])
    overlapping = [m for m in find(context, reference) if m.start < end and start < m.end]
    values = [m.date.text for m in overlapping]
    if not expected:
        return Outcome(phrase, expected, ", ".join(values), not overlapping)
    return Outcome(phrase, expected, ", ".join(values), expected in values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true", help="list the cases read wrong")
    arguments = parser.parse_args()
    cases = tomllib.loads(CASES.read_text(encoding="utf-8"))["case"]
    outcomes = [score(case) for case in cases]
    dates = [o for o in outcomes if o.expected]
    non_dates = [o for o in outcomes if not o.expected]
    right = sum(o.right for o in outcomes)
    share = right / len(outcomes)
    print(f"held-out date cases: {len(outcomes)} ({len(dates)} dates, {len(non_dates)} not dates)")
    print(f"  dates read right          {sum(o.right for o in dates):4} / {len(dates)}")
    print(f"  non-dates left alone      {sum(o.right for o in non_dates):4} / {len(non_dates)}")
    verdict = "PASS" if share >= GOAL else "MISS"
    print(f"  all cases right           {share:.2f}   goal >= {GOAL:.2f}   {verdict}")
    if arguments.show_misses:
        for outcome in outcomes:
            if not outcome.right:
                print(
                    f"    {outcome.phrase!r}: expected {outcome.expected or 'no date'!r}, "
                    f"read {outcome.found or 'nothing'!r}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
