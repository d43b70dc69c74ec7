"""The timeline screen: meetings of the whole desk, an actor or an agenda item, placed in time."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from desk import model as schema
from desk.tui.context import desk_of
from desk.tui.presentation import MEETING_STATUS, plural, status
from desk.tui.results import RecordRef
from desk.tui.safe import line, plain
from desk.tui.widgets.timeline_chart import TimelineChart, fitted
from desk.tui.work import in_thread

if TYPE_CHECKING:
    from desk.store.timeline import Timeline

#: A desk with more meetings than a window holds opens on its most recent year.
OPENING_DAYS = 365


class TimelineScreen(Screen[RecordRef | None]):
    """Escape goes back; Enter goes to the highlighted meeting in the main lists."""

    CSS_PATH = "views.tcss"
    AUTO_FOCUS = "#timeline-chart"
    BINDINGS = [Binding("escape", "back", "Back", id="timeline.back")]

    def __init__(self, *, actor_id: int | None = None, agenda_item_id: int | None = None) -> None:
        super().__init__()
        self.actor_id = actor_id
        self.agenda_item_id = agenda_item_id
        self.timeline: Timeline | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="timeline-summary")
        yield TimelineChart(id="timeline-chart")
        yield Static("", id="timeline-meeting")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.chart, "cursor", lambda _: self._describe_current(), init=False)
        self._load(None)

    @property
    def chart(self) -> TimelineChart:
        return self.query_one("#timeline-chart", TimelineChart)

    def _load(self, window: tuple[dt.date, dt.date] | None) -> None:
        store = desk_of(self).store
        subject = {"actor_id": self.actor_id, "agenda_item_id": self.agenda_item_id}
        width = self.chart.chart_width()

        def load() -> tuple[Timeline, tuple[dt.date, dt.date] | None]:
            if window is not None:
                return store.timeline(**subject, start=window[0], end=window[1]), window
            whole = store.timeline(**subject)
            if whole.first is None or whole.last is None:
                return whole, None
            if not whole.more:
                scale = fitted(whole.first, whole.last, width)
                return whole, (scale.start, scale.end)
            recent = (whole.last - dt.timedelta(days=OPENING_DAYS), whole.last)
            return store.timeline(**subject, start=recent[0], end=recent[1]), recent

        in_thread(self, load, self._show, group="timeline", exclusive=True)

    def _show(self, loaded: tuple[Timeline, tuple[dt.date, dt.date] | None]) -> None:
        timeline, window = loaded
        self.timeline = timeline
        self.title = plain(f"Timeline: {timeline.subject}")
        extent = (timeline.first, timeline.last) if timeline.first and timeline.last else None
        if window is None:
            today = dt.date.today()
            window = (today - dt.timedelta(days=OPENING_DAYS), today)
        self.chart.show(timeline.entries, window, extent)
        self._summarize()
        self._describe_current()

    def _summarize(self) -> None:
        timeline = self.timeline
        if timeline is None:
            return
        summary = Text()
        summary.append(plain(timeline.subject), style="bold")
        summary.append(f" · {plural(len(timeline.entries) + timeline.more, 'dated meeting')} here")
        if timeline.more:
            summary.append(f" (the first {len(timeline.entries):,} drawn: zoom in)", style="yellow")
        if timeline.undated:
            summary.append(
                f" · {plural(timeline.undated, 'undated meeting')} not drawn", style="dim"
            )
        if timeline.first and timeline.last:
            summary.append(
                f" · all: {timeline.first:%-d %b %Y} – {timeline.last:%-d %b %Y}", style="dim"
            )
        self.query_one("#timeline-summary", Static).update(summary)

    def _describe_current(self) -> None:
        entry = self.chart.current
        described = Text()
        if entry is not None:
            described.append_text(status(entry.status, MEETING_STATUS))
            described.append("  ")
            described.append_text(line(entry.shown or entry.earliest.isoformat(), "bold"))
            if entry.is_span:
                described.append(
                    f" (between {entry.earliest:%-d %b %Y} and {entry.latest:%-d %b %Y})",
                    style="dim",
                )
            described.append("  ")
            described.append_text(line(entry.title))
            if entry.review != "draft":
                described.append(f"  · {entry.review.replace('_', ' ')}", style="italic")
            if entry.place:
                described.append("  · ")
                described.append_text(line(entry.place, "italic"))
        self.query_one("#timeline-meeting", Static).update(described)

    def on_timeline_chart_window_changed(self, event: TimelineChart.WindowChanged) -> None:
        event.stop()
        self._load((event.start, event.end))

    def on_timeline_chart_opened(self, event: TimelineChart.Opened) -> None:
        event.stop()
        self.dismiss(RecordRef(schema.Meeting, event.meeting_id))

    def action_back(self) -> None:
        self.dismiss(None)
