"""How well desk reads a report: add it to an empty desk, accept every proposal, and compare.

Run with ``.venv/bin/python benchmarks/ingest_quality.py [-v]``. Three reports: the curated
sample (Yonhap, sample_db/) and two more in the same wire style with hand-curated expected
records (tests/ingest/reports/). For each: recall and precision of actors, meetings (by
participants and date), dated meetings and meeting dates, and how many matched meetings got the
curated status. ``-v`` lists what was missed and what was proposed beyond the curation.
See desk/ingest/measure.py for how records are matched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desk.ingest.measure import Measurement, Score, measure, sample_report, toml_report  # noqa: E402

REPORTS = ROOT / "tests" / "ingest" / "reports"
GOALS = (
    "goals on the sample: actors recall >= 0.95 and precision >= 0.8; dated meetings recall >= 0.8"
)


def _figure(score: Score) -> str:
    counts = f"({score.found}/{score.expected}, {score.proposed} on the desk)"
    return f"{score.recall:4.2f} / {score.precision:4.2f}  {counts}"


def _print(measurement: Measurement, verbose: bool) -> None:
    print(f"\n{measurement.report}  ({measurement.seconds:.2f} s to read, accept and store)")
    print("                  recall / precision")
    print(f"  actors          {_figure(measurement.actors)}")
    print(f"  meetings        {_figure(measurement.meetings)}")
    print(f"  dated meetings  {_figure(measurement.dated_meetings)}")
    print(f"  meeting dates   {_figure(measurement.dates)}")
    print(
        f"  status agrees on {measurement.statuses_agreeing} of "
        f"{measurement.statuses_compared} matched meetings"
    )
    if verbose:
        for label, items in (
            ("missed actors", measurement.missed_actors),
            ("extra actors", measurement.extra_actors),
            ("missed meetings", measurement.missed_meetings),
            ("extra meetings", measurement.extra_meetings),
        ):
            if items:
                print(f"  {label}: " + "; ".join(items))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    arguments = parser.parse_args()
    reports = [sample_report(ROOT / "sample_db")]
    reports += [toml_report(path) for path in sorted(REPORTS.glob("*.toml"))]
    print(GOALS)
    for report in reports:
        _print(measure(report), arguments.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
