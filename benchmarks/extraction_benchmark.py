"""Benchmark extraction quality: trafilatura (what desk uses) against desk's former hand-written
extractor (benchmarks/extraction/handwritten.py), on the fixture pages of tests/texts/pages.

Goal (issue 14): on pages with navigation, comments, cookie banners and the like, desk keeps
**at most a fifth of the boilerplate lines** the hand-written extractor kept, and **loses no
more than 5 % of the article's body lines**.

Run with ``.venv/bin/python benchmarks/extraction_benchmark.py``. For each page,
benchmarks/extraction/pages.toml lists the article's body lines and the page's boilerplate
lines (headline, byline and captions are neither). A body line is lost when the extracted text
does not hold it; a boilerplate line is kept when one of the extracted lines is exactly it
(after collapsing white space). Both extractors read the same pages; the figures are counts,
so one run gives them. The time each takes is printed too (median of five runs, as a ratio to
the hand-written extractor's): information, not a goal.
"""

from __future__ import annotations

import statistics
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction.handwritten import text_from_html as handwritten  # noqa: E402

from desk.texts import text_from_html as trafilatura_based  # noqa: E402

PAGES = ROOT / "tests" / "texts" / "pages"
GOLD = ROOT / "benchmarks" / "extraction" / "pages.toml"
#: The most boilerplate desk may keep, as a share of what the hand-written extractor kept.
GOAL_BOILERPLATE_SHARE = 0.20
#: The most body lines desk may lose, as a share of all body lines.
GOAL_BODY_LOST = 0.05
RUNS = 5


@dataclass
class Score:
    body: int = 0
    lost: int = 0
    boilerplate: int = 0
    kept: int = 0

    def add(self, other: Score) -> None:
        self.body += other.body
        self.lost += other.lost
        self.boilerplate += other.boilerplate
        self.kept += other.kept


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _gold(page: dict[str, object]) -> tuple[list[str], list[str]]:
    if "body_from" in page:
        body = _lines((ROOT / str(page["body_from"])).read_text(encoding="utf-8"))[1:]
    else:
        body = [" ".join(str(line).split()) for line in page["body"]]  # type: ignore[attr-defined]
    boilerplate = [" ".join(str(line).split()) for line in page["boilerplate"]]  # type: ignore[attr-defined]
    return body, boilerplate


def score(text: str, body: list[str], boilerplate: list[str]) -> tuple[Score, list[str]]:
    lines = set(_lines(text))
    flat = " ".join(_lines(text))
    lost = [line for line in body if line not in flat]
    kept = [line for line in boilerplate if line in lines]
    return Score(len(body), len(lost), len(boilerplate), len(kept)), kept


def _median_seconds(extract: Callable[[str], object], markup: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        for page in markup:
            extract(page)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    gold = tomllib.loads(GOLD.read_text(encoding="utf-8"))["page"]
    extractors = {"hand-written": handwritten, "trafilatura": trafilatura_based}
    totals = {name: Score() for name in extractors}
    markup = []
    print(f"{'page':28} {'extractor':13} {'body lost':>10} {'boilerplate kept':>17}")
    for page in gold:
        html = (PAGES / page["file"]).read_text(encoding="utf-8")
        markup.append(html)
        body, boilerplate = _gold(page)
        for name, extract in extractors.items():
            text, _title = extract(html)
            result, kept = score(text, body, boilerplate)
            totals[name].add(result)
            print(
                f"{page['file']:28} {name:13} {result.lost:>4} of {result.body:<3} "
                f"{result.kept:>8} of {result.boilerplate:<3}"
            )
            if name == "trafilatura" and kept:
                print(f"{'':42}kept: {'; '.join(kept)}")
    print()
    for name, total in totals.items():
        print(
            f"{name:13} body lines lost {total.lost}/{total.body} "
            f"({total.lost / total.body:.0%}), boilerplate lines kept "
            f"{total.kept}/{total.boilerplate} ({total.kept / total.boilerplate:.0%})"
        )
    reference, desk = totals["hand-written"], totals["trafilatura"]
    share = desk.kept / reference.kept if reference.kept else 0.0
    lost = desk.lost / desk.body
    reference_time = _median_seconds(handwritten, markup)
    desk_time = _median_seconds(trafilatura_based, markup)
    print(
        f"time for the {len(markup)} pages, median of {RUNS}: trafilatura "
        f"{desk_time / reference_time:.1f}x the hand-written extractor "
        f"({desk_time * 1000:.0f} ms against {reference_time * 1000:.0f} ms)"
    )
    passed = share <= GOAL_BOILERPLATE_SHARE and lost <= GOAL_BODY_LOST
    print(
        f"goal: boilerplate kept <= {GOAL_BOILERPLATE_SHARE:.0%} of the hand-written "
        f"extractor's (measured {share:.0%}), body lines lost <= {GOAL_BODY_LOST:.0%} "
        f"(measured {lost:.0%}): {'PASS' if passed else 'MISS'}"
    )
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
