"""The figures benchmarks/ingest_quality.py prints, held as floors so they cannot slip unseen.

The sample's goals come from the issue; the other reports' floors are the figures measured when
these tests were written (the Istanbul report was held out while desk.ingest was developed, and
first measured at actors 0.77/1.00 and meetings 0.20/0.25; see its TOML file).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.ingest.measure import Measurement, measure, sample_report, toml_report

ROOT = Path(__file__).parents[2]
REPORTS = Path(__file__).parent / "reports"


@pytest.fixture(scope="module")
def sample() -> Measurement:
    return measure(sample_report(ROOT / "sample_db"))


def test_the_sample_meets_the_goals(sample: Measurement) -> None:
    assert sample.actors.recall >= 0.95 and sample.actors.precision >= 0.8
    assert sample.dated_meetings.recall >= 0.8
    assert sample.meetings.recall >= 0.8 and sample.meetings.precision >= 0.8
    assert sample.dates.recall >= 0.8 and sample.dates.precision >= 0.8


@pytest.mark.parametrize(
    ("name", "actors", "dated_meetings"),
    [
        ("kyodo-manila-2025-02-24", (0.9, 0.9), (0.8, 0.8)),
        ("reuters-delhi-2024-12-19", (0.9, 0.9), (0.8, 0.8)),
        ("ap-istanbul-2025-05-16", (0.9, 0.9), (0.5, 0.6)),
    ],
)
def test_other_reports_keep_their_figures(
    name: str, actors: tuple[float, float], dated_meetings: tuple[float, float]
) -> None:
    measured = measure(toml_report(REPORTS / f"{name}.toml"))
    assert measured.actors.recall >= actors[0] and measured.actors.precision >= actors[1]
    assert measured.dated_meetings.recall >= dated_meetings[0]
    assert measured.dated_meetings.precision >= dated_meetings[1]


def test_matching_is_by_any_name_and_counts_duplicates_against_precision() -> None:
    from desk.ingest.measure import compare

    report = toml_report(REPORTS / "kyodo-manila-2025-02-24.toml")
    actors = {1: ("Gen Nakatani",), 2: ("Nakatani, Gen",), 3: ("U.S.",), 4: ("Nobody",)}
    meetings = [("Talks", [1, 4], "2025-02-24", "held")]
    measured = compare(report, actors, meetings)
    assert measured.actors.found == 2 and measured.actors.proposed == 4
    assert "Nakatani, Gen (a duplicate)" in measured.extra_actors
    assert measured.meetings.found == 0, "one of two participants is not enough (0.33 < 0.5)"
