"""A dossier: one actor's meetings, or one agenda item's mentions, on a timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from desk import model as schema
from desk.tui.context import desk_of
from desk.tui.presentation import MENTION_STATUS, date_cell, plural, shorten, status
from desk.tui.results import RecordRef
from desk.tui.safe import cells as safe_cells
from desk.tui.safe import clean, plain
from desk.tui.work import in_thread

if TYPE_CHECKING:
    from desk.store import Dossier


class DossierScreen(Screen[RecordRef | None]):
    """Enter goes to the meeting in the main lists; Escape goes back."""

    AUTO_FOCUS = "#dossier-timeline"

    BINDINGS = [
        Binding("escape", "back", "Back", id="dossier.back"),
        Binding("enter", "open", "Go to meeting", id="dossier.open"),
        Binding("T", "timeline", "Timeline", id="dossier.timeline"),
        Binding("w", "write_report", "Write report", id="dossier.write_report"),
        Binding("j", "cursor_down", "Down", show=False, id="dossier.down"),
        Binding("k", "cursor_up", "Up", show=False, id="dossier.up"),
    ]

    def __init__(self, model: type, record_id: int) -> None:
        super().__init__()
        self.model = model
        self.record_id = record_id
        self.dossier: Dossier | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="dossier-summary")
        yield DataTable(id="dossier-timeline", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#dossier-timeline", DataTable)
        if self.model is schema.Actor:
            table.add_column("Date", width=14)
            table.add_column("Role", width=11)
            table.add_column("Meeting")
            table.add_column("On the agenda")
        else:
            table.add_column("Date", width=14)
            table.add_column("Mention", width=13)
            table.add_column("Meeting")
            table.add_column("Who")
        table.focus()
        self.refresh_after_change()

    def refresh_after_change(self) -> None:
        store, model, record_id = desk_of(self).store, self.model, self.record_id
        load = store.actor_dossier if model is schema.Actor else store.agenda_dossier
        in_thread(self, lambda: load(record_id), self._show, group="dossier", exclusive=True)

    def _show(self, dossier: Dossier) -> None:
        self.dossier = dossier
        kind = "Actor" if self.model is schema.Actor else "Agenda item"
        self.title = plain(f"{kind} dossier: {dossier.title}")
        summary = Text()
        summary.append(plain(dossier.title), style="bold")
        subject = dossier.subject
        if isinstance(subject, schema.Actor):
            facts = ", ".join(part for part in (subject.title, subject.country) if part)
            summary.append(f"  {plain(facts)}\n" if facts else "\n")
            summary.append(plural(len(dossier.entries) + dossier.more, "meeting"), style="bold")
            if dossier.topics:
                topics = "; ".join(f"{title} ({count})" for title, count in dossier.topics[:6])
                summary.append(f" · agenda: {plain(topics)}")
        elif isinstance(subject, schema.AgendaItem):
            summary.append(f"  {plain(subject.status)}\n")
            counts = ", ".join(
                f"{count} {name}" for name, count in sorted(dossier.statuses.items())
            )
            summary.append(f"mentions: {counts or 'none yet'}")
        if dossier.more:
            summary.append(f" · showing the newest {len(dossier.entries)}", style="dim")
        self.query_one("#dossier-summary", Static).update(clean(summary, multiline=True))
        table = self.query_one("#dossier-timeline", DataTable)
        table.clear()
        for entry in dossier.entries:
            if self.model is schema.Actor:
                agenda = "; ".join(f"{title} ({mention})" for title, mention in entry.agenda)
                row = (
                    date_cell(entry.date),
                    entry.part,
                    entry.meeting.title,
                    shorten(agenda, 90),
                )
            else:
                who = ", ".join(name for name, _ in entry.participants)
                row = (
                    date_cell(entry.date),
                    status(entry.part, MENTION_STATUS),
                    entry.meeting.title,
                    shorten(who, 60),
                )
            table.add_row(*safe_cells(row), key=str(entry.meeting.id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        table = self.query_one("#dossier-timeline", DataTable)
        if self.dossier is None or not self.dossier.entries:
            return
        entry = self.dossier.entries[table.cursor_row]
        assert entry.meeting.id is not None
        self.dismiss(RecordRef(schema.Meeting, entry.meeting.id))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_timeline(self) -> None:
        from desk.tui.screens.timeline import TimelineScreen

        subject = (
            {"actor_id": self.record_id}
            if self.model is schema.Actor
            else {"agenda_item_id": self.record_id}
        )
        self.app.push_screen(TimelineScreen(**subject), self._from_timeline)

    def _from_timeline(self, target: RecordRef | None) -> None:
        if target is not None:
            self.dismiss(target)

    def action_write_report(self) -> None:
        from desk.tui.screens.report import ReportScreen

        if self.dossier is not None:
            self.app.push_screen(ReportScreen(self.model, self.record_id, self.dossier.title))

    def action_cursor_down(self) -> None:
        self.query_one("#dossier-timeline", DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#dossier-timeline", DataTable).action_cursor_up()
