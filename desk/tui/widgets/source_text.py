"""A source's text, read-only, with cited passages and date expressions marked.

Built on TextArea for its selection (keyboard and mouse), soft wrapping and scrolling. The marks
use TextArea's highlight map, filled from our own spans instead of a syntax tree. Offsets are code
points into the stored text, as evidence stores them. Control and invisible characters are shown
as visible stand-ins one code point for one, so those offsets still hold.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from rich.style import Style
from textual.widgets import TextArea
from textual.widgets.text_area import Selection, TextAreaTheme

from desk.text_safety import visible_in_place

Span = tuple[int, int]

THEME = TextAreaTheme(
    name="desk-source",
    syntax_styles={
        "cited": Style(bgcolor="#3b3b12", underline=False),
        "active": Style(bgcolor="#6b5d00", bold=True),
        "date": Style(color="#5fd7ff", underline=True),
    },
)


class SourceText(TextArea):
    """Read-only text with marks; converts between offsets and (row, column) locations."""

    def __init__(self, text: str, *, id: str | None = None) -> None:
        shown = visible_in_place(text)
        super().__init__(
            shown,
            id=id,
            read_only=True,
            soft_wrap=True,
            show_line_numbers=False,
            show_cursor=True,
            tab_behavior="focus",
        )
        self.register_theme(THEME)
        self.theme = THEME.name
        self.source_text = text
        self._line_starts = [0]
        for line in shown.splitlines(keepends=True):
            self._line_starts.append(self._line_starts[-1] + len(line))
        self.cited: list[Span] = []
        self.active: Span | None = None
        self.dates: list[Span] = []

    # -- offsets and locations -----------------------------------------------------------------
    def location_of(self, offset: int) -> tuple[int, int]:
        row = max(0, bisect_right(self._line_starts, offset) - 1)
        row = min(row, max(0, self.document.line_count - 1))
        return row, offset - self._line_starts[row]

    def offset_of(self, location: tuple[int, int]) -> int:
        row, column = location
        return self._line_starts[min(row, len(self._line_starts) - 1)] + column

    @property
    def selected_span(self) -> Span:
        start, end = sorted(
            (self.offset_of(self.selection.start), self.offset_of(self.selection.end))
        )
        return start, end

    def select_span(self, span: Span) -> None:
        start, end = span
        self.selection = Selection(self.location_of(start), self.location_of(end))
        self.scroll_cursor_visible(center=True)

    # -- marks ---------------------------------------------------------------------------------
    def set_marks(self, cited: list[Span], dates: list[Span], active: Span | None = None) -> None:
        self.cited = sorted(cited)
        self.dates = sorted(dates)
        self.active = active
        self._build_highlight_map()
        self.refresh()

    def _build_highlight_map(self) -> None:
        """Marks by line, as TextArea wants them: UTF-8 byte columns and a style name."""
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        lines: defaultdict[int, list[tuple[int, int | None, str]]] = defaultdict(list)
        marks = [(span, "date") for span in getattr(self, "dates", [])]
        marks += [(span, "cited") for span in getattr(self, "cited", [])]
        if getattr(self, "active", None) is not None:
            marks.append((self.active, "active"))
        for (start, end), name in marks:
            first_row, first_column = self.location_of(start)
            last_row, last_column = self.location_of(end)
            for row in range(first_row, last_row + 1):
                line = self.document[row]
                begin = first_column if row == first_row else 0
                finish = last_column if row == last_row else len(line)
                lines[row].append((len(line[:begin].encode()), len(line[:finish].encode()), name))
        highlights.update(lines)
