"""A table that shows a window of a listing, fetched page by page from the store.

Textual's DataTable measures every row it holds, so it is given a few pages only: moving near
the bottom of the window fetches the next page (keyset paging), moving near the top fetches the
previous one, and pages beyond the window are dropped. Home and End load the first and last pages
directly, so a million rows open and scroll as fast as fifty.

Shifting the window never rebuilds the table: the page that leaves is taken out and the page that
arrives is put in (at either end), and the cursor stays on its record without the screen moving.
Body lines are drawn by the table itself and kept per record, so a shift (which moves rows in the
table but not on screen) and a cursor move draw almost nothing again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual._segment_tools import line_crop
from textual._two_way_dict import TwoWayDict
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable
from textual.widgets.data_table import Row as DataTableRow
from textual.widgets.data_table import RowKey

import desk.model
from desk.store.views import END, Page
from desk.tui.context import desk_of
from desk.tui.safe import cells
from desk.tui.work import in_thread

if TYPE_CHECKING:
    from desk.model import Record
    from desk.store import Store

Cell = str | Text


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    #: Fixed width in cells; None shares what the fixed columns leave.
    width: int | None = None
    #: Minimum width of a flexible column.
    minimum: int = 12
    #: A flexible column's share of the free width, relative to the others.
    weight: int = 1
    #: Left out when the table is narrower than this, so the main column keeps its width.
    needs: int = 0


@dataclass(frozen=True)
class Window:
    """Contiguous pages of one listing, as fetched."""

    pages: tuple[Page[Any], ...]

    @property
    def rows(self) -> list[Any]:
        return [row for page in self.pages for row in page.rows]


@dataclass(frozen=True)
class Drawn:
    """Rows' cells for the columns shown, prepared in the worker that fetched the rows (a page
    of cells takes a few milliseconds per hundred rows, better spent off the UI thread)."""

    #: Which of the render function's cells were taken (the columns shown when fetched).
    columns: tuple[int, ...]
    cells: dict[int, list[Cell]]


def cells_of(
    render: Callable[[Any], Sequence[Cell]], columns: Sequence[int], row: Any
) -> list[Cell]:
    """The row's cells for the columns shown, as safe text (record data is never markup)."""
    shown = cells(render(row))
    return [shown[index] for index in columns]


def draw(
    render: Callable[[Any], Sequence[Cell]], columns: tuple[int, ...], rows: Iterable[Any]
) -> Drawn:
    return Drawn(columns, {row.id: cells_of(render, columns, row) for row in rows})


def load_around(
    store: Store, model: type[Record], typed: str | None, record_id: int | None, size: int
) -> tuple[Window, int | None]:
    """The first page, or the pages around ``record_id`` with that record's index in them."""
    cursor = store.cursor_for(model, record_id) if record_id is not None else None
    if cursor is None:
        return Window((store.page(model, typed=typed, limit=size),)), None
    below = store.page(model, typed=typed, after=cursor, inclusive=True, limit=size)
    if not below.rows or below.rows[0].id != record_id:
        return Window((store.page(model, typed=typed, limit=size),)), None
    above = store.page(model, typed=typed, before=cursor, limit=size // 2)
    pages = (above, below) if above.rows else (below,)
    return Window(pages), len(above.rows)


class PagedTable(DataTable[Cell]):
    """A keyset-paged, windowed table of one kind of record."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="table.down"),
        Binding("k", "cursor_up", "Up", show=False, id="table.up"),
        Binding("home,g", "first_page", "First", show=False, id="table.first"),
        Binding("end,G", "last_page", "Last", show=False, id="table.last"),
    ]

    class Highlighted(Message):
        """The cursor rests on a record (or on nothing: ``row`` is None)."""

        def __init__(self, table: PagedTable, row: Any | None) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> PagedTable:
            return self.table

    class Loaded(Message):
        """A fresh window was shown (after a load, a filter, a jump or a reload)."""

        def __init__(self, table: PagedTable) -> None:
            super().__init__()
            self.table = table

    def __init__(
        self,
        table: str,
        columns: Sequence[Column],
        render: Callable[[Any], Sequence[Cell]],
        *,
        page_size: int = 100,
        fetch_size: int | None = None,
        window_pages: int = 3,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.table = table
        self.spec = list(columns)
        self.render_row = render
        self.page_size = page_size
        #: Rows fetched at a time as the cursor nears an edge of the window: two pages, so that
        #: fewer page flips wait for a fetch, while a fetch of cold rows at 1M meetings stays
        #: well under the 100 ms a flip may take.
        self.fetch_size = fetch_size or 2 * page_size
        self.window_pages = window_pages
        #: Cells drawn in a worker for rows about to be placed, by record id.
        self._drawn: dict[int, list[Cell]] = {}
        self.typed: str | None = None
        self._window = Window(())
        self._rows: list[Any] = []
        self._fetching = False
        self._widths: tuple[int, ...] = ()
        #: Which of ``render``'s cells the shown columns take.
        self._cells: list[int] = list(range(len(self.spec)))
        #: Bumped by every load, so an answer to an older load (even one already on its way
        #: to the UI thread) is recognised and dropped.
        self._generation = 0
        #: The load whose answer the table waits for (None when what is shown is current).
        self._awaiting: int | None = None
        #: What the first page shown was filtered by (desk.store.listing.filter_key).
        self._shown_filter: tuple[Any, ...] | None = None
        #: Rendered body lines by row key, then by everything else the line depends on
        #: (see ``_render_line``); a row's entry goes when its cells change or it leaves.
        self._lines: dict[RowKey, dict[tuple[Any, ...], Strip]] = {}
        #: Styles every body line of one kind shares (zebra stripe, cursor, hover), by kind.
        self._line_styles: dict[tuple[Any, ...], tuple[Style, Style, Style, Style]] = {}
        self._base_style = Style()
        #: A page flip that ran past the rows held, while the rows beyond were being fetched:
        #: the rows it still owes (down when positive) and the record it stopped on. The fetch
        #: that lands completes it, unless the cursor has moved since.
        self._owed: tuple[int, int] | None = None

    @property
    def model(self) -> type[Record]:
        """The table class listed (resolved on first use: SQLModel loads after the first paint)."""
        return getattr(desk.model, self.table)  # type: ignore[no-any-return]

    @property
    def store(self) -> Store:
        return desk_of(self).store

    # -- what is shown ----------------------------------------------------------------------
    @property
    def current(self) -> Any | None:
        """The row under the cursor."""
        if not self._rows or not 0 <= self.cursor_row < len(self._rows):
            return None
        return self._rows[self.cursor_row]

    @property
    def settled(self) -> bool:
        """No load is in flight: the rows on screen are the ones a key should act on."""
        return self._awaiting is None

    @property
    def loaded_rows(self) -> list[Any]:
        return list(self._rows)

    def on_mount(self) -> None:
        self._set_columns()

    def on_resize(self, _: events.Resize) -> None:
        if self._column_widths() != self._widths:
            keep = self._index_of(self.current)  # before clearing resets the cursor
            self._set_columns()
            self._show(self._window, keep)

    def _shown_columns(self) -> list[Column]:
        return [column for column in self.spec if self.size.width >= column.needs]

    def _column_widths(self) -> tuple[int, ...]:
        shown = self._shown_columns()
        available = max(self.size.width, 40) - 2 - 2 * len(shown)
        fixed = sum(column.width or 0 for column in shown)
        weights = sum(column.weight for column in shown if column.width is None) or 1
        free = max(0, available - fixed)
        return tuple(
            column.width
            if column.width is not None
            else max(column.minimum, free * column.weight // weights)
            for column in shown
        )

    def _set_columns(self) -> None:
        self._widths = self._column_widths()
        shown = self._shown_columns()
        self._cells = [self.spec.index(column) for column in shown]
        self._lines.clear()
        self.clear(columns=True)
        for column, width in zip(shown, self._widths, strict=True):
            self.add_column(column.label, key=column.key, width=width)

    def _cells_of(self, row: Any) -> list[Cell]:
        """The row's cells for the columns shown, as safe text (record data is never markup)."""
        return cells_of(self.render_row, self._cells, row)

    def _drawing(self) -> Callable[[Iterable[Any]], Drawn]:
        """Draws rows' cells in a worker, for the columns shown now."""
        render, columns = self.render_row, tuple(self._cells)
        return lambda rows: draw(render, columns, rows)

    def _take(self, drawn: Drawn) -> None:
        """Keep cells drawn in a worker for ``_place`` (unless the columns changed meanwhile)."""
        self._drawn = drawn.cells if drawn.columns == tuple(self._cells) else {}

    # -- drawing -------------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        self._base_style = self.rich_style  # (computed per line by DataTable: a walk up the DOM)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        if self.fixed_rows:
            return super().render_line(y)
        scroll_x, scroll_y = self.scroll_offset
        if y >= (self.header_height if self.show_header else 0):
            y += scroll_y
        return self._render_line(y, scroll_x, scroll_x + self.size.width, self._base_style)

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        """One line of the table, as DataTable draws it, with body lines kept per record.

        DataTable keys its line caches on the cursor's position and on a counter that every
        window shift bumps, so each cursor move or page flip draws every visible line again
        through several layers. A body line here depends on its record, its zebra stripe,
        whether the cursor or the mouse is on it, and the styles: it is drawn once and kept
        until the record's cells change or it leaves the window. So a window shift, which
        moves rows in the table but not on screen, draws nothing again. (For that the line's
        mouse metadata names the record, not its row index: see ``_row_of_mouse``.)
        Header lines, and tables with row labels or fixed columns, take DataTable's path.
        """
        if self.fixed_columns or self.fixed_rows or self._labelled_row_exists:
            return super()._render_line(y, x1, x2, base_style)
        width = self.size.width
        try:
            row_key, line_no = self._get_offsets(y)
        except LookupError:
            return Strip.blank(width, base_style)
        if row_key is self._header_row_key or line_no != 0 or self.cursor_type != "row":
            return super()._render_line(y, x1, x2, base_style)
        row_index = self._row_locations.get(row_key)
        if row_index is None:
            return super()._render_line(y, x1, x2, base_style)
        show_cursor = self.show_cursor
        cursor = show_cursor and row_index == self.cursor_coordinate.row
        hover = show_cursor and self._show_hover_cursor and row_index == self.hover_row
        key = (row_index % 2, cursor, hover, x1, x2, width, base_style, self._pseudo_class_state)
        lines = self._lines.setdefault(row_key, {})
        strip = lines.get(key)
        if strip is None:
            strip = lines[key] = self._body_line(row_key, row_index, key)
        return strip

    def _body_line(self, row_key: RowKey, row_index: int, key: tuple[Any, ...]) -> Strip:
        """A record's line: its cells, then its row's style carried to the table's edge.

        The same segments DataTable's ``_render_cell``, ``_render_line_in_row`` and
        ``_render_line`` give a one-line row (tests/tui/test_cell_rendering.py compares them),
        but for the mouse metadata, and with the styles every such line shares looked up once.
        Each cell's text is drawn at its inner width and padded, not through Rich's
        Styled(Padding(cell)) and a second crop.
        """
        odd, cursor, hover, x1, x2, width, base_style, _ = key
        row_style, cell_style, post_style, extend_style = self._styles_of_line(
            odd, cursor, hover, base_style
        )
        record = row_key.value
        padding = self.cell_padding
        gap = Segment(" " * padding) if padding else None
        _label, row_cells = self._get_row_renderables(row_index)
        segments: list[Segment] = []
        table_width = 0
        for column_index, (column, cell) in enumerate(
            zip(self.ordered_columns, row_cells, strict=True)
        ):
            column_width = column.get_render_width(self)
            table_width += column_width
            text_line = self._cell_line(cell, max(0, column_width - 2 * padding))
            pre_style = row_style + Style.from_meta({"record": record, "column": column_index})
            cell_segments = [gap, *text_line, gap] if gap is not None else text_line
            segments += Segment.apply_style(cell_segments, pre_style + cell_style, post_style)
        meta = Style.from_meta({"record": record, "column": 0, "out_of_bounds": True})
        segments.append(Segment(" " * max(0, width - table_width), extend_style + meta))
        cropped = line_crop(segments, x1, x2, width)
        return Strip(cropped).adjust_cell_length(width, base_style).simplify()

    def _styles_of_line(
        self, odd: int, cursor: bool, hover: bool, base_style: Style
    ) -> tuple[Style, Style, Style, Style]:
        """What every body line of one kind shares: the row style, its cells' style and
        post-style (DataTable's ``_get_styles_to_render_cell``), and the style beyond the
        last column."""
        key = (odd, cursor, hover, base_style, self._pseudo_class_state)
        styles = self._line_styles.get(key)
        if styles is None:
            row_style = self._get_row_style(odd, base_style)
            cell_style, post_style = self._get_styles_to_render_cell(
                False,
                False,
                False,
                hover,
                cursor,
                self.show_cursor,
                self._show_hover_cursor,
                self.cursor_foreground_priority == "css",
                self.cursor_background_priority == "css",
            )
            extend_style, _ = self._get_styles_to_render_cell(
                False,
                False,
                False,
                hover,
                cursor,
                self.show_cursor,
                self._show_hover_cursor,
                False,
                False,
            )
            styles = (row_style, cell_style, post_style, row_style + extend_style)
            self._line_styles[key] = styles
        return styles

    def notify_style_update(self) -> None:
        self._lines.clear()
        self._line_styles.clear()
        super().notify_style_update()

    def _row_of_mouse(self, event: events.MouseEvent) -> None:
        """Name the row under the mouse by its index, as DataTable's handlers (which run next,
        being the base class's) expect: a body line's metadata names its record instead, since
        the record's index changes as the window shifts."""
        meta = event.style.meta
        if "record" in meta:
            index = self._row_locations.get(RowKey(meta["record"]))
            rest = {name: value for name, value in meta.items() if name != "record"}
            event.style = Style.from_meta(rest if index is None else {**rest, "row": index})

    def _on_click(self, event: events.Click) -> None:
        self._row_of_mouse(event)

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        self._row_of_mouse(event)

    def _cell_line(self, cell: Any, width: int) -> list[Segment]:
        """One line of ``cell`` cropped or padded to ``width`` cells, as Rich would render it.

        A one-line, left-flowing Text (every cell of ours) is rendered straight to segments
        and cut to length; anything else goes through Rich's full pipeline.
        """
        console = self.app.console
        if (
            isinstance(cell, Text)
            and cell.justify in (None, "default")
            and not any(character in cell.plain for character in "\n\t")
        ):
            segments: Iterable[Segment] = cell.render(console, end="")
            if cell.style and not cell.spans:  # (with spans, render applies it itself)
                segments = Segment.apply_style(segments, console.get_style(cell.style))
            return Segment.adjust_line_length(list(segments), width)
        options = self.app.console_options.update_dimensions(width, 1).update(no_wrap=True)
        return console.render_lines(cell, options, pad=True)[0]

    # -- loading ------------------------------------------------------------------------------
    def load(self, *, typed: str | None = None, keep: int | None = None) -> None:
        """Show the first page (filtered by ``typed``), or the pages around record ``keep``."""
        self.typed = typed or None
        if not desk_of(self).store_ready:
            return  # the screen loads every list once the desk is open
        size, model, store, typed_now = self.page_size, self.model, self.store, self.typed
        from desk.store.listing import filter_key  # (SQLAlchemy: loaded once the store is open)

        wanted = filter_key(typed_now) if keep is None else None
        self.loading = not self._rows
        generation = self._next_generation()
        drawing = self._drawing()

        def fetch() -> tuple[Window, int | None, Drawn]:
            window, index = load_around(store, model, typed_now, keep, size)
            return window, index, drawing(window.rows)

        in_thread(
            self,
            fetch,
            lambda loaded: (
                self._current_generation(generation) and self._show_drawn(*loaded, wanted)
            ),
            lambda error: self._load_failed(generation, error),
            group=f"table-{id(self)}",
            exclusive=True,
        )

    def filter_by(self, typed: str | None) -> None:
        """Show the first page matching what was typed in the filter box. Text with the same
        words as the rows shown (a space or a dash typed after a word) needs no new fetch."""
        if desk_of(self).store_ready:
            from desk.store.listing import filter_key

            if self._shows_first_page_of(filter_key(typed)):
                self.typed = typed or None
                self._next_generation()
                self._show(self._window, 0)
                return
        self.load(typed=typed)

    def _shows_first_page_of(self, wanted: tuple[Any, ...]) -> bool:
        """The table shows, settled, the first page of the filter ``wanted``."""
        pages = self._window.pages
        return (
            self._awaiting is None
            and self._shown_filter == wanted
            and bool(pages)
            and pages[0].previous is None
        )

    def _next_generation(self) -> int:
        self._generation += 1
        self._fetching = False
        self._awaiting = self._generation
        return self._generation

    def _load_failed(self, generation: int, error: Any) -> None:
        if self._current_generation(generation):
            self._awaiting = None  # keep what is shown; keys held for this load may run
            self.loading = False
            self.post_message(self.Loaded(self))
        desk_of(self).show_error(error)

    def _current_generation(self, generation: int) -> bool:
        return generation == self._generation

    def reload(self) -> None:
        """Fetch again around the current record (after a change)."""
        current = self.current
        self.load(typed=self.typed, keep=current.id if current is not None else None)

    def jump_to(self, record_id: int) -> None:
        self.load(typed=None, keep=record_id)

    def action_first_page(self) -> None:
        self.load(typed=self.typed)

    def action_last_page(self) -> None:
        if not desk_of(self).store_ready:
            return
        model, store, typed, size = self.model, self.store, self.typed, self.page_size
        generation = self._next_generation()
        drawing = self._drawing()

        def fetch() -> tuple[Window, int | None, Drawn]:
            window = Window((store.page(model, typed=typed, before=END, limit=size),))
            return window, len(window.rows) - 1 if window.rows else None, drawing(window.rows)

        in_thread(
            self,
            fetch,
            lambda loaded: self._current_generation(generation) and self._show_drawn(*loaded),
            lambda error: self._load_failed(generation, error),
            group=f"table-{id(self)}",
            exclusive=True,
        )

    def show_page(self, page: Page[Any]) -> None:
        """Show a page fetched elsewhere (the quick first page, before the store is open)."""
        self._next_generation()
        self._show(Window((page,)), 0)
        self._awaiting = None

    def _show_drawn(
        self,
        window: Window,
        index: int | None,
        drawn: Drawn,
        first_page_of: tuple[Any, ...] | None = None,
    ) -> None:
        self._take(drawn)
        self._show(window, index)
        self._shown_filter = first_page_of

    def _show(self, window: Window, index: int | None, scroll_offset: int | None = None) -> None:
        """Show a fresh window (a load, a filter, a jump): the one place the table is rebuilt."""
        self._window = window
        self._rows = window.rows
        self._fetching = False
        self._awaiting = None
        self._owed = None
        self.loading = False
        self.clear()
        self._lines.clear()
        self._place(self._rows, self._rows)
        target = index if index is not None else 0
        if self._rows:
            self.move_cursor(row=min(target, len(self._rows) - 1), animate=False)
            if scroll_offset is not None:
                self.scroll_to(y=max(0, self.cursor_row - scroll_offset), animate=False)
        self.post_message(self.Highlighted(self, self.current))
        self.post_message(self.Loaded(self))

    def _place(self, rows: Sequence[Any], added: Iterable[Any]) -> None:
        """Make the DataTable hold exactly ``rows``, in this order; of them, ``added`` are new.

        DataTable adds rows at the bottom only, renumbers every row for each one removed, and
        measures every new cell to size auto-width columns (ours all have a fixed width and rows
        one line). So this writes its three maps (cells by key, row metadata by key, key to
        position) directly: rows that stay cost nothing, the order is set once, and rows can
        arrive at the top. Textual is pinned (pyproject.toml); tests/tui/test_paging.py checks
        what is shown against what is held.
        """
        wanted = {str(row.id) for row in rows}
        for key in [key for key in self.rows if key.value not in wanted]:
            del self.rows[key]
            del self._data[key]
            self._lines.pop(key, None)
        if self._updated_cells:
            self._updated_cells = {
                cell for cell in self._updated_cells if cell.row_key in self.rows
            }
        self._new_rows.intersection_update(self.rows)
        column_keys = [column.key for column in self.ordered_columns]
        drawn, self._drawn = self._drawn, {}
        for row in added:
            key = RowKey(str(row.id))
            self._lines.pop(key, None)
            row_cells = drawn.get(row.id) or self._cells_of(row)
            self._data[key] = dict(zip(column_keys, row_cells, strict=True))
            self.rows[key] = DataTableRow(key, 1)
        self._row_locations = TwoWayDict(
            {RowKey(str(row.id)): index for index, row in enumerate(rows)}
        )
        self._update_count += 1
        self._require_update_dimensions = False
        self._size_to_rows()
        self.refresh()

    def _size_to_rows(self) -> None:
        """Set the scrollable size for the rows held now (not when idle, as DataTable does), so
        that a scroll offset set next is not clamped to the old height and moving the cursor
        scrolls at once, in the same frame.

        A scroll view's virtual size sizes its scrollbars only, but setting it through its
        reactive (as DataTable does) lays the whole screen out again: one of the larger costs of
        a filter keystroke, whose answer holds a new number of rows. So it is set quietly and
        the scrollbars updated (a scrollbar that appears or goes asks for a layout itself).
        """
        columns_width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        size = Size(columns_width + self._row_label_column_width, self._total_row_height + header)
        if size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)

    def _index_of(self, row: Any | None) -> int | None:
        if row is None:
            return None
        for index, candidate in enumerate(self._rows):
            if candidate.id == row.id:
                return index
        return None

    # -- scrolling the window -----------------------------------------------------------------
    def action_page_down(self) -> None:
        self._flip(super().action_page_down, down=True)

    def action_page_up(self) -> None:
        self._flip(super().action_page_up, down=False)

    def _flip(self, flip: Callable[[], None], *, down: bool) -> None:
        """Flip a page; one that runs past the rows held while more exist beyond them is owed
        the rest, completed when they land: a fast PageDown is never cut short or lost."""
        sign = 1 if down else -1
        owed, self._owed = self._owed, None
        current = self.current
        if owed is None or current is None or current.id != owed[1] or owed[0] * sign < 0:
            owed = None  # (the cursor moved since, or this flip goes the other way)
        before = self.cursor_row
        flip()
        moved = abs(self.cursor_row - before)
        self._owe(sign * (self._page_height() - moved) + (owed[0] if owed else 0))

    def _owe(self, rows: int) -> None:
        """Keep ``rows`` of a flip owed where the cursor is, if there are rows beyond the
        window that way, and fetch them."""
        pages, current = self._window.pages, self.current
        if not rows or not pages or current is None:
            return
        more = pages[-1].next is not None if rows > 0 else pages[0].previous is not None
        if more:
            self._owed = (rows, current.id)
            if not self._fetching and desk_of(self).store_ready:
                self._fetch_beyond(down=rows > 0)

    def _page_height(self) -> int:
        """Rows one PageDown or PageUp moves (DataTable's own measure, rows being one line)."""
        header = self.header_height if self.show_header else 0
        return max(1, self.scrollable_content_region.height - header)

    def _pay_owed(self, *, at_end: bool) -> None:
        """Complete a page flip cut short at the edge of the rows held, once they have grown."""
        if self._owed is None:
            return
        rows, record_id = self._owed
        if (rows > 0) != at_end:  # rows came the other way: fetch the way the flip goes
            if not self._fetching:
                self._fetch_beyond(down=rows > 0)
            return
        self._owed = None
        current = self.current
        if current is None or current.id != record_id:
            return  # the cursor moved since: the flip was superseded
        target = max(0, min(len(self._rows) - 1, self.cursor_row + rows))
        step = target - self.cursor_row
        self.scroll_relative(y=step, animate=False, force=True)
        self.move_cursor(row=target, scroll=False)
        self._owe(rows - step)  # (flips owed beyond even the rows just fetched)

    @on(DataTable.RowHighlighted)
    def _near_an_edge(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.cursor_row != self.cursor_row:
            return  # superseded by a later move (a rebuild moves the cursor twice)
        self.post_message(self.Highlighted(self, self.current))
        if self._fetching or not self._window.pages:
            return
        if not desk_of(self).store_ready:
            return
        # Fetch while a screenful of rows is left, so that PageDown or PageUp at the edge of the
        # window still moves a whole screen (it stops at the last row held).
        # Two screenfuls: the fetch starts a flip earlier, and lands before fast flips need it.
        margin = min(self.fetch_size // 2, max(10, 2 * self._page_height()))
        if event.cursor_row >= len(self._rows) - margin:
            self._fetch_beyond(down=True)
        elif event.cursor_row < margin:
            self._fetch_beyond(down=False)

    def _fetch_beyond(self, *, down: bool) -> None:
        """Fetch the rows after the window (``down``) or before it, if there are any."""
        last, first = self._window.pages[-1], self._window.pages[0]
        if down and last.next is not None:
            self._fetch(after=last.next)
        elif not down and first.previous is not None:
            self._fetch(before=first.previous)

    def _fetch(self, *, after: Any = None, before: Any = None) -> None:
        self._fetching = True
        model, store, typed, size = self.model, self.store, self.typed, self.fetch_size
        generation = self._generation
        drawing = self._drawing()

        def fetch() -> tuple[Page[Any], Drawn]:
            page = store.page(model, typed=typed, after=after, before=before, limit=size)
            return page, drawing(page.rows)

        in_thread(
            self,
            fetch,
            lambda fetched: self._extend_drawn(generation, after, *fetched),
            group=f"table-{id(self)}",
        )

    def _extend_drawn(self, generation: int, after: Any, page: Page[Any], drawn: Drawn) -> None:
        if self._current_generation(generation):
            self._take(drawn)
            self._extend(page, at_end=after is not None)
            self._pay_owed(at_end=after is not None)

    def _extend(self, page: Page[Any], *, at_end: bool) -> None:
        """Add a fetched page at one end of the window, dropping the page at the other end if
        the window is full; the cursor stays on its record and the rows on screen stay put."""
        self._fetching = False
        shown = {row.id for row in self._rows}
        fresh = [row for row in page.rows if row.id not in shown]  # (moved by a change meanwhile)
        if not fresh:
            return
        page = Page(fresh, page.next, page.previous)
        current = self.current
        pages = [*self._window.pages, page] if at_end else [page, *self._window.pages]
        leaving = pages[0] if at_end else pages[-1]
        # (Never the cursor's page: the cursor can outrun a fetch, up to the other end.)
        if len(pages) > self.window_pages and not any(row is current for row in leaving.rows):
            pages = pages[1:] if at_end else pages[:-1]
        self._window = Window(tuple(pages))
        self._rows = self._window.rows
        row_before, scroll_before = self.cursor_row, self.scroll_y
        self._place(self._rows, page.rows)
        index = self._index_of(current)
        if index is None or index == row_before:
            return  # rows were added below the cursor only
        # The rows above the cursor changed by as many as it moves: scroll by as many, so the
        # same record is at the same place on screen.
        shift = index - row_before
        self.scroll_target_y = self.scroll_y = scroll_before + shift
        with self.prevent(DataTable.RowHighlighted):  # the same record: nothing to announce
            self.cursor_coordinate = Coordinate(index, self.cursor_column)
