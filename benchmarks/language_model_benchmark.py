"""Time per report: desk's rules against the rules helped by spaCy (desk.ingest.language_model).

Run with ``.venv/bin/python benchmarks/language_model_benchmark.py`` where ``desk[nlp]`` and an
English pipeline are installed (it says so and stops where they are not). For every report of
the development and held-out sets it measures ``propose`` with each engine: CPU time
(``time.process_time``, steadier than the wall clock on a shared machine), the median of three
runs, after loading the pipeline once (its load time is printed apart: the app pays it once per
process). The spaCy engine is judged against the goal of issue 13, proposals for a report in
under 1 s, on the slowest report, and its cost is printed as a ratio to the rules in the same run.
The quality figures of both engines come from ``benchmarks/proposals/measure.py --engine``.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks" / "proposals"))
sys.path.insert(0, str(ROOT))

from evaluation import development_set, held_out_set  # noqa: E402

from desk.errors import DeskError  # noqa: E402
from desk.ingest.engine import propose  # noqa: E402
from desk.ingest.language_model import choose_engine, installed_pipeline, pipeline  # noqa: E402

RUNS = 3
GOAL_SECONDS = 1.0


def cpu_seconds(text: str, published: dt.date, engine: str) -> float:
    times = []
    for _ in range(RUNS):
        started = time.process_time()
        propose(text, published, engine=engine)
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> int:
    try:
        choose_engine("spacy")
    except DeskError as error:
        print(f"not measured: {error}")
        return 0
    name = installed_pipeline() or ""
    started = time.process_time()
    pipeline(name)
    load = time.process_time() - started
    print(f"pipeline {name}: loaded in {load:.2f} s CPU (once per process)")
    print(f"goal: proposals for a report in under {GOAL_SECONDS:.0f} s with either engine")
    print(f"{'report':<40} {'chars':>6} {'rules ms':>9} {'spacy ms':>9} {'ratio':>6}")
    totals = {"rules": 0.0, "spacy": 0.0}
    slowest = 0.0
    for label, reports in (("dev", development_set()), ("held-out", held_out_set())):
        for report in reports:
            text = report.path.read_text(encoding="utf-8")
            published = dt.date.fromisoformat(report.published[:10])
            rules = cpu_seconds(text, published, "rules")
            spacy = cpu_seconds(text, published, "spacy")
            totals["rules"] += rules
            totals["spacy"] += spacy
            slowest = max(slowest, spacy)
            print(
                f"{label + ' ' + report.name:<40.40} {len(text):>6} {rules * 1000:>9.0f} "
                f"{spacy * 1000:>9.0f} {spacy / rules:>5.1f}x"
            )
    ratio = totals["spacy"] / totals["rules"]
    print(
        f"total: rules {totals['rules']:.2f} s, spacy {totals['spacy']:.2f} s CPU "
        f"(spacy / rules = {ratio:.1f}x)"
    )
    verdict = "PASS" if slowest < GOAL_SECONDS else "MISS"
    print(f"{verdict}: slowest report with spacy {slowest:.2f} s against {GOAL_SECONDS:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
