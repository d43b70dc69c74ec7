"""Export and import from the app: a path, a profile, a progress bar, and what happened.

The work runs in a thread worker (desk.exchange is safe there); its progress comes back to the
bar as ``Progressed`` messages, and its outcome (where the files went, or what was wrong and
where) stays on screen until the user closes it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static

from desk.store.errors import DeskError
from desk.tui.presentation import plural
from desk.tui.safe import block, clean
from desk.tui.work import in_thread

if TYPE_CHECKING:
    from desk.store import Store

PROFILES = (
    ("data", "Data Package (CSV files + datapackage.json)"),
    ("excel", "Data Package for Excel (byte order mark, formulas neutralized)"),
    ("flat", "One flat CSV of meetings (for spreadsheets)"),
)


def default_export_path(profile: str) -> Path:
    stamp = dt.date.today().strftime("%Y%m%d")
    name = f"desk-events-{stamp}.csv" if profile == "flat" else f"desk-export-{stamp}"
    return Path.home() / name


class Progressed(Message):
    """``done`` of ``total`` steps of an export or import are over (posted by the worker)."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class TransferScreen(ModalScreen[None]):
    """``mode`` is "export" or "import"; Enter starts, Escape closes (once nothing is running)."""

    AUTO_FOCUS = "#transfer-path"
    BINDINGS = [Binding("escape", "close", "Close", id="transfer.close")]

    def __init__(self, store: Store, mode: str) -> None:
        super().__init__()
        self.store = store
        self.mode = mode
        self.running = False

    def compose(self) -> ComposeResult:
        exporting = self.mode == "export"
        with Vertical(id="dialog", classes="transfer"):
            yield Label("Export the desk" if exporting else "Import a package", id="form-title")
            yield Label(
                "Folder, .zip or .csv"
                if exporting
                else "Package (folder, .zip or datapackage.json)",
                classes="field-label",
            )
            yield Input(
                str(default_export_path("data")) if exporting else "",
                placeholder="~/exports/korea.zip",
                id="transfer-path",
                compact=True,
            )
            if exporting:
                yield Label("Profile", classes="field-label")
                yield Select(
                    [(label, key) for key, label in PROFILES],
                    value="data",
                    allow_blank=False,
                    id="transfer-profile",
                    compact=True,
                )
            else:
                yield Checkbox("Dry run: check and report, write nothing", id="transfer-dry-run")
            yield ProgressBar(total=100, show_eta=False, id="transfer-progress")
            yield Static("", id="transfer-outcome")
            with Horizontal(classes="buttons"):
                yield Button(
                    "Export" if exporting else "Import", id="start", variant="primary", compact=True
                )
                yield Button("Close (esc)", id="close", compact=True)

    @on(Select.Changed, "#transfer-profile")
    def _profile_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#transfer-path", Input)
        defaults = {str(default_export_path(key)) for key, _ in PROFILES}
        if path.value in defaults or not path.value:
            path.value = str(default_export_path(str(event.value)))

    @on(Input.Submitted, "#transfer-path")
    @on(Button.Pressed, "#start")
    def start(self) -> None:
        if self.running:
            return
        raw = self.query_one("#transfer-path", Input).value.strip()
        outcome = self.query_one("#transfer-outcome", Static)
        if not raw:
            outcome.update(Text("Give a path first.", style="bold red"))
            return
        path = Path(raw).expanduser()
        bar = self.query_one("#transfer-progress", ProgressBar)
        bar.update(total=100, progress=0)
        self.running = True
        outcome.update("Exporting…" if self.mode == "export" else "Checking and importing…")

        def progress(done: int, total: int) -> None:
            self.post_message(Progressed(done, total))  # thread-safe, never waits

        store = self.store
        if self.mode == "export":
            profile = str(self.query_one("#transfer-profile", Select).value)
            call = lambda: _export(store, path, profile, progress)  # noqa: E731
        else:
            dry_run = self.query_one("#transfer-dry-run", Checkbox).value
            call = lambda: _import(store, path, dry_run, progress)  # noqa: E731
        in_thread(self, call, self._finished, self._failed, group="transfer")

    @on(Progressed)
    def _progressed(self, message: Progressed) -> None:
        bar = self.query_one("#transfer-progress", ProgressBar)
        bar.update(total=max(message.total, 1), progress=message.done)

    def _finished(self, message: Text) -> None:
        self.running = False
        self.query_one("#transfer-outcome", Static).update(clean(message, multiline=True))
        self.app.notify(message.plain.splitlines()[0], title=self.mode.capitalize(), timeout=8)

    def _failed(self, error: DeskError) -> None:
        self.running = False
        self.query_one("#transfer-progress", ProgressBar).update(progress=0)
        self.query_one("#transfer-outcome", Static).update(
            block(f"Not done: {error}", style="bold red")
        )
        self.app.notify(
            str(error), title=f"{self.mode.capitalize()} failed", severity="error", timeout=10
        )

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        if self.running:
            self.app.notify(
                "Still working: it closes when done (nothing is left half-written).", timeout=4
            )
            return
        self.dismiss(None)


def _export(store: Store, path: Path, profile: str, progress: Any) -> Text:
    """Runs in a worker thread."""
    from desk.exchange import export_flat, export_package

    if profile == "flat":
        result = export_flat(store, path, progress=progress)
        return Text(f"Wrote {plural(result.rows, 'meeting')} to {result.path}")
    exported = export_package(store, path, profile=profile, progress=progress)
    return Text(f"Exported the desk to {exported.path} ({profile} profile)")


def _import(store: Store, path: Path, dry_run: bool, progress: Any) -> Text:
    """Runs in a worker thread."""
    from desk.exchange import import_package

    result = import_package(store, path, progress=progress, dry_run=dry_run)
    lead = "Dry run, nothing written: " if result.dry_run else ""
    added = ", ".join(
        f"{count:,} {table.replace('_', ' ')}" for table, count in result.added.items() if count
    )
    text = Text(f"{lead}{result.mode} of {result.path}: added {added or 'nothing'}")
    if result.total_conflicts:
        text.append(
            f"\n{result.total_conflicts:,} conflict(s), the desk's version kept:", style="yellow"
        )
        for conflict in result.conflicts[:8]:
            text.append(f"\n  {conflict}", style="yellow")
    if result.changeset_id:
        text.append("\nctrl+z takes the added records back", style="dim")
    return text
