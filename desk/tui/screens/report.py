"""Writing a dossier report from the dossier screen: ask where, write it off the UI thread."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from desk import model as schema
from desk.errors import DeskError
from desk.tui.context import desk_of
from desk.tui.presentation import plural
from desk.tui.safe import block, line, plain
from desk.tui.work import in_thread


def suggested_path(title: str) -> str:
    """A file name from the subject's title: ``~/sergei-shoigu-dossier.html``."""
    slug = re.sub(r"[^\w]+", "-", title.casefold()).strip("-")[:60] or "dossier"
    return str(Path("~") / f"{slug}-dossier.html")


class ReportScreen(ModalScreen[Path | None]):
    """Enter writes the report (.html or .md, by the name's suffix); Escape cancels."""

    CSS_PATH = "views.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="report.cancel")]

    def __init__(self, model: type, record_id: int, title: str) -> None:
        super().__init__()
        self.model = model
        self.record_id = record_id
        self.subject_title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="report-dialog"):
            yield Label(line(f"Write the dossier of {plain(self.subject_title)}", "bold"))
            yield Static(
                Text(
                    "A self-contained file to hand on: .html opens in any browser, .md is "
                    "Markdown with footnotes.",
                    style="dim",
                )
            )
            yield Input(suggested_path(self.subject_title), id="report-path")
            yield Static("", id="report-problem")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        from desk.exchange.reports import write_report

        store = desk_of(self).store
        kind = "actor" if self.model is schema.Actor else "agenda"
        target = event.value.strip()
        record_id = self.record_id
        self.query_one("#report-problem", Static).update(Text("Writing…", style="dim"))
        in_thread(
            self,
            lambda: write_report(store, kind, record_id, target),
            self._written,
            self._refused,
            group="report",
            exclusive=True,
        )

    def _written(self, written: Any) -> None:
        self.app.notify(
            f"{plural(written.meetings, 'meeting')} and {plural(written.footnotes, 'footnote')} "
            f"in {written.path}",
            title="Dossier written",
            markup=False,
        )
        self.dismiss(written.path)

    def _refused(self, error: DeskError) -> None:
        self.query_one("#report-problem", Static).update(block(str(error), "red"))

    def action_cancel(self) -> None:
        self.dismiss(None)
