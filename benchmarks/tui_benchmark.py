"""How fast the app is at a million meetings, against a bare Textual app measured in the same run.

    python benchmarks/tui_benchmark.py [--meetings 1000000]

For the synthetic desk (benchmarks/synthetic.py), the curated sample, and a bare Textual app that
only paints a 50-row DataTable, each measured headless in a fresh process:

- first screen: from process start to the first rows on screen (the bare app: its table);
- filter: milliseconds from a keystroke in the filter box to the table showing its matches,
  typing "kim jong" and "pyongyang" one character at a time (median and worst);
- paging: PageDown through the first 1,000 rows, milliseconds per page flip (median and worst);
- peak memory (maximum resident set size) of the process that did all of the above.

Goals at a million meetings: first screen within 2x the bare app, filter under 30 ms median,
page flip under 100 ms, peak memory under 150 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

FILTERS = ("kim jong", "pyongyang")
PAGED_ROWS = 1000

CHILD = r"""
import json, resource, statistics, sys, time
started = float(sys.argv[1])
mode, database = sys.argv[2], sys.argv[3]
FILTERS, PAGED_ROWS = json.loads(sys.argv[4])
figures = {}

if mode == "bare":
    from textual.app import App
    from textual.widgets import DataTable

    class Bare(App):
        def compose(self):
            yield DataTable()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("Date", "Status", "Meeting", "Place")
            for number in range(50):
                table.add_row("21 Mar 2025", "held", f"Meeting {number}", "Pyongyang")

    async def pilot(pilot):
        await pilot.pause()
        figures["first_screen"] = time.time() - started
        pilot.app.exit()

    Bare().run(headless=True, size=(160, 50), auto_pilot=pilot)
else:
    from desk.store.location import resolve
    from desk.tui.app import DeskApp
    from desk.tui.screens.main import MainScreen
    from desk.tui.widgets.paged_table import PagedTable

    async def wait_for(pilot, condition, timeout=30.0):
        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError("the app did not answer in time")
            await pilot.pause(0.0005)

    async def pilot(pilot):
        app = pilot.app
        await wait_for(
            pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.table.row_count > 0
        )
        figures["first_screen"] = time.time() - started
        await wait_for(pilot, lambda: app.store_ready and not app.screen.table.loading)
        figures["store_open"] = time.time() - started
        screen = app.screen
        table = screen.table
        import asyncio

        shown = {}
        arrived = asyncio.Event()
        original = PagedTable._show

        def spy(self, window, index, scroll_offset=None):
            original(self, window, index, scroll_offset)
            shown["typed"] = self.typed
            shown["at"] = time.perf_counter()
            arrived.set()

        PagedTable._show = spy

        async def shown_for(typed):
            # Wait on an event, not a polling loop: polling would keep the UI thread busy and
            # starve the worker thread of the GIL, which a real, idle app does not do.
            while not ("at" in shown and shown["typed"] == typed):
                arrived.clear()
                await asyncio.wait_for(arrived.wait(), 30)
        keystrokes = []
        for phrase in FILTERS:
            await pilot.press("slash")
            for length in range(1, len(phrase) + 1):
                typed = phrase[:length]
                shown.clear()
                begin = time.perf_counter()
                await pilot.press(typed[-1] if typed[-1] != " " else "space")
                await shown_for(typed)
                keystrokes.append((typed, (shown["at"] - begin) * 1000))
            await pilot.press("escape")
            await wait_for(pilot, lambda: table.typed is None and not table._fetching)
        figures["filter_ms"] = keystrokes
        table.focus()
        await pilot.press("home")
        await wait_for(pilot, lambda: table.cursor_row == 0)
        flips = []
        passed = 0
        def at_end():
            return table.cursor_row >= table.row_count - 1 and table._window.pages[-1].next is None

        while passed < PAGED_ROWS and not at_end():
            before = table.current.id if table.current else None
            begin = time.perf_counter()
            await pilot.press("pagedown")
            await wait_for(
                pilot,
                lambda: not table._fetching
                and table.current is not None
                and (table.current.id != before or at_end()),
            )
            flips.append((time.perf_counter() - begin) * 1000)
            passed += max(1, table.size.height - 2)
        figures["page_flip_ms"] = flips
        app.exit()

    # As `desk --db PATH` does: paint first, open the store in the background.
    app = DeskApp(location=resolve(database))
    app.run(headless=True, size=(160, 50), auto_pilot=pilot)

figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(figures))
"""


def measure(mode: str, database: str = "") -> dict[str, object]:
    environment = dict(os.environ, DESK_DATA_DIR=tempfile.mkdtemp(prefix="desk-bench-"))
    started = time.time()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            repr(started),
            mode,
            database,
            json.dumps([FILTERS, PAGED_ROWS]),
        ],
        capture_output=True,
        text=True,
        env=environment,
        cwd=HERE.parent,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def prepare_synthetic(meetings: int) -> Path:
    from synthetic import ensure_database

    from desk.store import Store

    path = ensure_database(meetings)
    # A cached database made before a schema change is upgraded once; its backup is not kept.
    with Store.open(path, announce=lambda message: print(f"  {message}")) as store:
        backup = store.report.backup
    if backup is not None:
        backup.unlink(missing_ok=True)
    return path


def summary(label: str, figures: dict[str, object], bare: float) -> None:
    first = float(figures["first_screen"])  # type: ignore[arg-type]
    print(f"{label}")
    print(f"  first screen       {first * 1000:8.0f} ms   ({first / bare:.2f}x the bare app)")
    if "store_open" in figures:
        opened = float(figures["store_open"])  # type: ignore[arg-type]
        print(f"  store open, lists  {opened * 1000:8.0f} ms   (every key works from here)")
    if "filter_ms" in figures:
        times = [ms for _, ms in figures["filter_ms"]]  # type: ignore[union-attr]
        median = statistics.median(times)
        print(f"  filter keystroke   {median:8.1f} ms median, {max(times):.1f} ms worst")
        for typed, ms in figures["filter_ms"]:  # type: ignore[union-attr]
            print(f"      {typed!r:14} {ms:7.1f} ms")
    if "page_flip_ms" in figures:
        flips = figures["page_flip_ms"]
        print(
            f"  page flip          {statistics.median(flips):8.1f} ms median, "  # type: ignore[arg-type]
            f"{max(flips):.1f} ms worst over {len(flips)} flips ({PAGED_ROWS} rows)"  # type: ignore[arg-type]
        )
        print("      " + " ".join(f"{ms:.0f}" for ms in flips))  # type: ignore[union-attr]
    print(f"  peak memory        {figures['peak_mb']:8.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1_000_000)
    arguments = parser.parse_args()

    print(f"Preparing the {arguments.meetings:,}-meeting synthetic desk…")
    synthetic_path = prepare_synthetic(arguments.meetings)
    from desk.sample import build

    sample_path = Path(tempfile.mkdtemp(prefix="desk-bench-sample-")) / "sample.sqlite"
    build(sample_path)

    bare = [float(measure("bare")["first_screen"]) for _ in range(3)]  # type: ignore[arg-type]
    bare_first = statistics.median(bare)
    print(
        f"bare Textual app (DataTable of 50 rows)\n  first screen       {bare_first * 1000:8.0f} ms"
    )
    summary("sample desk", measure("desk", str(sample_path)), bare_first)
    summary(
        f"synthetic desk, {arguments.meetings:,} meetings",
        measure("desk", str(synthetic_path)),
        bare_first,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
