"""A timeline of meetings drawn in the terminal: one lane per meeting, time running left to right.

A meeting known to the day is a point; a partial date ("September 2024", "early 2025") is drawn
as the span of days it may fall on. Meetings that took place are drawn solid; expected, planned
and speculated ones hollow and dashed, denied and cancelled ones struck in red, so fact and
speculation never look alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from desk.store.timeline import TimelineEntry
from desk.tui.safe import plain
from desk.tui.widgets.time_scale import TimeScale, shift_day


@dataclass(frozen=True)
class Mark:
    """How one status is drawn: its point, its span and its style."""

    point: str
    span: str
    style: str


MARKS = {
    "held": Mark("●", "━", "bold green"),
    "reported": Mark("◉", "━", "green"),
    "planned": Mark("◆", "╍", "cyan"),
    "expected": Mark("○", "╍", "cyan"),
    "speculated": Mark("◌", "┄", "yellow"),
    "denied": Mark("✗", "─", "red strike"),
    "cancelled": Mark("⊘", "─", "red strike"),
}
UNKNOWN = Mark("?", "─", "")
LEGEND = (
    ("●", "held", "bold green"),
    ("○╍", "expected", "cyan"),
    ("◌┄", "speculated", "yellow"),
    ("✗", "denied", "red"),
    ("━━", "partial date", ""),
    ("✓", "verified", "bold green"),
)
#: Columns kept for the date and title beside each lane.
LABEL_SHARE = 0.38
LABEL_MAX = 48


#: How a meeting's review state shows before its lane (drafts show nothing).
REVIEW_MARKS = {
    "verified": ("✓", "bold green"),
    "needs_review": ("?", "bold yellow"),
    "disputed": ("!", "bold red"),
}


def _label(entry: TimelineEntry, width: int, selected: bool) -> Text:
    """The review mark, the date and the title, in ``width`` cells."""
    mark, style = REVIEW_MARKS.get(entry.review, (" ", ""))
    date = entry.shown or entry.earliest.isoformat()
    text = f"{plain(date):<11} {plain(entry.title)}"
    room = width - 1
    text = text[: room - 1] + "…" if len(text) > room else text.ljust(room)
    label = Text(mark, style=style)
    label.append(text, style="reverse" if selected else "")
    return label


class TimelineChart(Widget, can_focus=True):
    """Up/down choose a meeting, left/right pan, + and - zoom, 0 fits all, Enter opens."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Next", show=False, id="timeline.next"),
        Binding("up,k", "move(-1)", "Previous", show=False, id="timeline.previous"),
        Binding("pagedown", "move_page(1)", "Page down", show=False, id="timeline.page_down"),
        Binding("pageup", "move_page(-1)", "Page up", show=False, id="timeline.page_up"),
        Binding("home", "edge(0)", "First", show=False, id="timeline.first"),
        Binding("end", "edge(1)", "Last", show=False, id="timeline.last"),
        Binding("left,h", "pan(-0.25)", "Earlier", id="timeline.earlier"),
        Binding("right,l", "pan(0.25)", "Later", id="timeline.later"),
        Binding("plus,equals_sign", "zoom(0.5)", "Zoom in", id="timeline.zoom_in"),
        Binding("minus", "zoom(2)", "Zoom out", id="timeline.zoom_out"),
        Binding("0", "fit", "Fit all", id="timeline.fit"),
        Binding("enter", "open", "Open meeting", id="timeline.open"),
    ]

    cursor: reactive[int] = reactive(0)

    class WindowChanged(Message):
        """The user panned or zoomed: the screen loads the meetings of the new window."""

        def __init__(self, start: dt.date, end: dt.date) -> None:
            super().__init__()
            self.start = start
            self.end = end

    class Opened(Message):
        def __init__(self, meeting_id: int) -> None:
            super().__init__()
            self.meeting_id = meeting_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[TimelineEntry] = []
        self.window: tuple[dt.date, dt.date] | None = None
        self.extent: tuple[dt.date, dt.date] | None = None
        self._top = 0

    # -- data ------------------------------------------------------------------------------------
    def show(
        self,
        entries: list[TimelineEntry],
        window: tuple[dt.date, dt.date],
        extent: tuple[dt.date, dt.date] | None,
    ) -> None:
        """Draw ``entries`` in ``window``; the cursor stays on the same meeting if it is there."""
        current = self.current
        self.entries = entries
        self.window = window
        self.extent = extent
        index = 0
        if current is not None:
            ids = [entry.meeting_id for entry in entries]
            if current.meeting_id in ids:
                index = ids.index(current.meeting_id)
            else:
                index = next(
                    (i for i, entry in enumerate(entries) if entry.earliest >= current.earliest),
                    max(0, len(entries) - 1),
                )
        self.cursor = index
        self._keep_cursor_visible()
        self.refresh()

    @property
    def current(self) -> TimelineEntry | None:
        if 0 <= self.cursor < len(self.entries):
            return self.entries[self.cursor]
        return None

    def scale(self) -> TimeScale | None:
        if self.window is None:
            return None
        return TimeScale(self.window[0], self.window[1], self.chart_width())

    def _label_width(self) -> int:
        return min(LABEL_MAX, max(12, int(self.size.width * LABEL_SHARE)))

    def chart_width(self) -> int:
        return max(10, self.size.width - self._label_width() - 1)

    def _lanes(self) -> int:
        return max(1, self.size.height - 3)

    # -- keys ------------------------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        if self.entries:
            self.cursor = max(0, min(len(self.entries) - 1, self.cursor + step))

    def action_move_page(self, step: int) -> None:
        self.action_move(step * self._lanes())

    def action_edge(self, last: int) -> None:
        if self.entries:
            self.cursor = len(self.entries) - 1 if last else 0

    def action_pan(self, fraction: float) -> None:
        scale = self.scale()
        if scale is not None:
            self._ask(scale.panned(fraction))

    def action_zoom(self, factor: float) -> None:
        scale = self.scale()
        if scale is None:
            return
        centre = None
        current = self.current
        if current is not None and current.latest >= scale.start and current.earliest <= scale.end:
            centre = current.earliest + (current.latest - current.earliest) / 2
        self._ask(scale.zoomed(factor, centre))

    def action_fit(self) -> None:
        if self.extent is not None:
            self._ask(fitted(*self.extent, self.chart_width()))

    def action_open(self) -> None:
        current = self.current
        if current is not None:
            self.post_message(self.Opened(current.meeting_id))

    def _ask(self, scale: TimeScale) -> None:
        self.window = (scale.start, scale.end)
        self.refresh()
        self.post_message(self.WindowChanged(scale.start, scale.end))

    def watch_cursor(self) -> None:
        self._keep_cursor_visible()
        self.refresh()

    def _keep_cursor_visible(self) -> None:
        lanes = self._lanes()
        if self.cursor < self._top:
            self._top = self.cursor
        elif self.cursor >= self._top + lanes:
            self._top = self.cursor - lanes + 1
        self._top = max(0, min(self._top, max(0, len(self.entries) - lanes)))

    # -- drawing ---------------------------------------------------------------------------------
    def render(self) -> Text:
        scale = self.scale()
        label_width = self._label_width()
        if scale is None:
            return Text("Loading…", style="dim")
        lines = [self._axis(scale, label_width)]
        if not self.entries:
            lines.append(Text(" " * label_width + " no dated meetings in this window", style="dim"))
        for index in range(self._top, min(len(self.entries), self._top + self._lanes())):
            lines.append(self._lane(self.entries[index], scale, label_width, index == self.cursor))
        while len(lines) < self._lanes() + 1:
            lines.append(Text())
        lines.append(self._legend())
        return Text("\n").join(lines)

    def _axis(self, scale: TimeScale, label_width: int) -> Text:
        row = [" "] * scale.width
        marks = [" "] * scale.width
        for column, label in scale.ticks():
            if 0 <= column < scale.width:
                marks[column] = "┬"
                if all(ch == " " for ch in row[column : column + len(label)]):
                    row[column : column + len(label)] = list(label[: scale.width - column])
        axis = Text(scale.describe()[:label_width].ljust(label_width), style="dim")
        axis.append(" ")
        axis.append("".join(row)[: scale.width], style="bold")
        return axis

    def _lane(
        self, entry: TimelineEntry, scale: TimeScale, label_width: int, selected: bool
    ) -> Text:
        mark = MARKS.get(entry.status, UNKNOWN)
        lane = _label(entry, label_width, selected)
        lane.append(" ")
        cells = ["·" if selected else " "] * scale.width
        for column, _ in scale.ticks():
            if 0 <= column < scale.width and cells[column] == " ":
                cells[column] = "┊"
        drawn = Text("".join(cells), style="dim")
        covered = scale.columns(entry.earliest, entry.latest)
        if covered is None:
            arrow = "◀" if entry.latest < scale.start else "▶"
            position = 0 if arrow == "◀" else scale.width - 1
            drawn = Text("".join(cells[:position]), style="dim")
            drawn.append(arrow, style=mark.style)
            drawn.append("".join(cells[position + 1 :]), style="dim")
        else:
            first, last = covered
            if entry.is_span and last > first:
                figure = mark.span * (last - first + 1)
                if mark.point not in "●◉":
                    figure = mark.point + figure[1:]
            else:
                figure = mark.point
                last = first
            lead = min(first, 3) if entry.open_start else 0  # "by 20 Mar": any day before
            drawn = Text("".join(cells[: first - lead]), style="dim")
            drawn.append("╌" * lead, style=mark.style)
            drawn.append(figure, style=mark.style + (" reverse" if selected else ""))
            drawn.append("".join(cells[last + 1 :]), style="dim")
        lane.append_text(drawn)
        return lane

    def _legend(self) -> Text:
        legend = Text()
        for figure, words, style in LEGEND:
            legend.append(figure, style=style)
            legend.append(f" {words}  ", style="dim")
        return legend


def fitted(first: dt.date, last: dt.date, width: int) -> TimeScale:
    """A window showing ``first``..``last`` with a little room either side."""
    margin = max(3, (last - first).days // 20)
    return TimeScale(shift_day(first, -margin), shift_day(last, margin), width)
