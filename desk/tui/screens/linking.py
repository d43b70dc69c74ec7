"""The linking pane: a record beside a source's text, to cite passages as its evidence.

Cited passages are highlighted and date expressions underlined (with their resolution shown when
the cursor is in one). Move by sentence with ] and [, stretch the selection with } and {, or
select with shift+arrows or the mouse; a attaches the selection as evidence, then asks who it is
attributed to and how credible it is. n and N jump between cited passages; in the evidence list,
Enter jumps to a passage, e edits and x removes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from desk import model as schema
from desk.dates import find
from desk.store.date_columns import from_columns
from desk.store.views import EvidenceView
from desk.texts import sentence_spans
from desk.tui.context import desk_of
from desk.tui.date_reference import from_source
from desk.tui.presentation import date_words, shorten, shown_date
from desk.tui.safe import clean, line, plain
from desk.tui.screens.confirm import ConfirmScreen
from desk.tui.screens.picker import Picked, PickerScreen
from desk.tui.screens.records import evidence_form
from desk.tui.widgets.detail import evidence_option
from desk.tui.widgets.source_text import SourceText
from desk.tui.work import in_thread

if TYPE_CHECKING:
    from desk.dates import DateMatch
    from desk.model import Record
    from desk.store import Store


@dataclass(frozen=True)
class Target:
    """What to cite for (None: choose when attaching), and where to start."""

    model: type[Record] | None
    record_id: int | None
    source_id: int | None = None
    evidence_id: int | None = None


@dataclass(frozen=True)
class Loaded:
    source: schema.Source
    label: str
    record_evidence: list[EvidenceView]
    source_evidence: list[EvidenceView]
    dates: list[DateMatch]
    #: The source's publication day (None when it has none): its relative dates' reference.
    published: dt.date | None = None


def _label(store: Store, model: type[Record] | None, record_id: int | None) -> str:
    if model is None or record_id is None:
        return "no record chosen: a asks which one to cite for"
    record: Any = store.get(model, record_id)
    if model is schema.MeetingActor:
        actor = store.get(schema.Actor, record.actor_id)
        meeting = store.get(schema.Meeting, record.meeting_id)
        return f"participant: {actor.name} ({record.role}) in “{meeting.title}”"
    if model is schema.MeetingAgenda:
        item = store.get(schema.AgendaItem, record.agenda_item_id)
        meeting = store.get(schema.Meeting, record.meeting_id)
        return f"agenda: {item.title} ({record.status}) at “{meeting.title}”"
    if model is schema.Actor:
        return f"actor: {record.name}"
    return f"{'meeting' if model is schema.Meeting else 'agenda item'}: {record.title}"


def load(store: Store, target: Target, source_id: int) -> Loaded:
    source = store.get(schema.Source, source_id)
    record_evidence = (
        store.evidence_for(target.model, target.record_id)
        if target.model is not None and target.record_id is not None
        else []
    )
    date = from_columns(source)
    reference = date.earliest if date is not None else None
    return Loaded(
        source,
        _label(store, target.model, target.record_id),
        record_evidence,
        store.evidence_in(source_id),
        find(source.text, reference),
        reference if date is not None and date.precision.value == "day" else None,
    )


def default_source(store: Store, target: Target) -> int | None:
    """The source to open: the target's, the record's latest cited one, or the only one."""
    if target.source_id is not None:
        return target.source_id
    if target.model is not None and target.record_id is not None:
        views = store.evidence_for(target.model, target.record_id)
        if views:
            return views[-1].evidence.source_id
    sources = store.page(schema.Source, limit=2).rows
    return sources[0].id if len(sources) == 1 else None


class LinkingScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="linking.back"),
        Binding("a", "attach", "Attach selection", id="linking.attach"),
        Binding("right_square_bracket", "sentence(1)", "Next sentence", id="linking.next_sentence"),
        Binding(
            "left_square_bracket",
            "sentence(-1)",
            "Previous sentence",
            id="linking.previous_sentence",
        ),
        Binding(
            "right_curly_bracket",
            "extend(1)",
            "Extend by a sentence",
            show=False,
            id="linking.extend",
        ),
        Binding(
            "left_curly_bracket",
            "extend(-1)",
            "Shrink by a sentence",
            show=False,
            id="linking.shrink",
        ),
        Binding("n", "cited(1)", "Next cited", id="linking.next_cited"),
        Binding("N", "cited(-1)", "Previous cited", show=False, id="linking.previous_cited"),
        Binding("s", "choose_source", "Other source", id="linking.source"),
        Binding("e", "edit_evidence", "Edit evidence", show=False, id="linking.edit"),
        Binding("x", "remove_evidence", "Remove evidence", show=False, id="linking.remove"),
    ]

    def __init__(self, store: Store, target: Target) -> None:
        super().__init__()
        self.store = store
        self.target = target
        self.source_id: int | None = None
        self.loaded: Loaded | None = None
        self._jump_to: int | None = target.evidence_id

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="linking"):
            with Vertical(id="linking-side"):
                yield Label("", id="linking-record")
                yield OptionList(id="linking-evidence")
            with Vertical(id="linking-main"):
                yield Label("", id="linking-source")
                yield Static("Loading…", id="linking-placeholder")
        yield Static("", id="linking-info")
        yield Footer()

    def on_mount(self) -> None:
        store, target = self.store, self.target
        in_thread(self, lambda: default_source(store, target), self._open_source)

    # -- choosing and loading a source -----------------------------------------------------------
    def _open_source(self, source_id: int | None) -> None:
        if source_id is None:
            self.action_choose_source()
            return
        self.source_id = source_id
        self.refresh_after_change()

    def action_choose_source(self) -> None:
        def chosen(picked: Picked | None) -> None:
            if picked is not None and picked.record_id is not None:
                self.source_id = picked.record_id
                self.refresh_after_change()
            elif self.source_id is None:
                self.app.notify(
                    "No source chosen: add one in the Sources list (4, then n).", timeout=6
                )
                self.dismiss(None)

        self.app.push_screen(
            PickerScreen(
                "Which source?",
                self.store,
                schema.Source,
                lambda row: (
                    f"{row.title} — {row.publisher or '?'}"
                    + (f", {shown_date(row.date)}" if row.date else "")
                ),
                create=False,
            ),
            chosen,
        )

    def refresh_after_change(self) -> None:
        if self.source_id is None:
            return
        store, target, source_id = self.store, self.target, self.source_id
        in_thread(
            self,
            lambda: load(store, target, source_id),
            self._show,
            group="linking",
            exclusive=True,
        )

    def _show(self, loaded: Loaded) -> None:
        # Dates typed in forms from now on resolve against this source's publication day.
        desk_of(self).working_source = from_source(loaded.source.title, loaded.published)
        previous = self.loaded
        self.loaded = loaded
        source = loaded.source
        self.title = plain(f"Cite: {loaded.label}")
        self.query_one("#linking-record", Label).update(line(loaded.label, style="bold"))
        date = from_columns(source)
        self.query_one("#linking-source", Label).update(
            Text.assemble(
                (plain(source.title), "bold"),
                plain(
                    f" — {source.publisher or 'unknown publisher'}, "
                    f"{shown_date(date) if date else 'undated'}"
                ),
                (plain(f" · reliability {source.reliability or '?'}"), "dim"),
            )
        )
        text_area = self._text()
        if text_area is None or previous is None or previous.source.id != source.id:
            if text_area is not None:
                text_area.remove()
            placeholder = self.query("#linking-placeholder")
            placeholder.remove()
            text_area = SourceText(source.text, id="linking-text")
            self.query_one("#linking-main", Vertical).mount(text_area)
            text_area.focus()
        text_area.set_marks(
            [(v.evidence.quote_start, v.evidence.quote_end) for v in loaded.source_evidence],
            [(match.start, match.end) for match in loaded.dates],
        )
        self._show_evidence()
        if self._jump_to is not None:
            self._select_evidence(self._jump_to)
            self._jump_to = None
        self._describe_selection()

    def _text(self) -> SourceText | None:
        found = self.query("#linking-text")
        return found.first(SourceText) if found else None

    def _show_evidence(self) -> None:
        assert self.loaded is not None
        options = self.query_one("#linking-evidence", OptionList)
        entries: list[Option] = []
        here = [
            v for v in self.loaded.record_evidence if v.evidence.source_id == self.loaded.source.id
        ]
        elsewhere = [
            v for v in self.loaded.record_evidence if v.evidence.source_id != self.loaded.source.id
        ]
        entries.append(
            Option(Text(f"Evidence in this source ({len(here)})", style="bold cyan"), disabled=True)
        )
        entries += [evidence_option(view, with_source=False) for view in here]
        if elsewhere:
            entries.append(
                Option(
                    Text(f"In other sources ({len(elsewhere)})", style="bold cyan"), disabled=True
                )
            )
            entries += [evidence_option(view) for view in elsewhere]
        if not self.loaded.record_evidence:
            entries.append(
                Option(
                    Text("none yet: select a passage and press a", style="dim italic"),
                    disabled=True,
                )
            )
        options.set_options(entries)

    # -- moving through the text -------------------------------------------------------------------
    def _sentences(self) -> list[tuple[int, int]]:
        return sentence_spans(self.loaded.source.text) if self.loaded else []

    def action_sentence(self, step: int) -> None:
        """Select the next (or previous) sentence; from a bare cursor, the one it is in."""
        text_area = self._text()
        if text_area is None:
            return
        spans = self._sentences()
        start, end = text_area.selected_span
        target: tuple[int, int] | None
        if step > 0 and start == end:
            target = next((span for span in spans if span[0] <= start < span[1]), None)
            target = target or next((span for span in spans if span[0] >= start), None)
        elif step > 0:
            target = next((span for span in spans if span[0] >= end), None)
        else:
            earlier = [span for span in spans if span[1] <= start]
            target = earlier[-1] if earlier else None
        if target is not None:
            text_area.select_span(target)

    def action_extend(self, step: int) -> None:
        text_area = self._text()
        if text_area is None:
            return
        start, end = text_area.selected_span
        spans = self._sentences()
        if step > 0:
            following = [span for span in spans if span[1] > end]
            if following:
                text_area.select_span((start, following[0][1]))
        else:
            shorter = [span for span in spans if start < span[1] < end]
            if shorter:
                text_area.select_span((start, shorter[-1][1]))

    def action_cited(self, step: int) -> None:
        text_area = self._text()
        if text_area is None or not text_area.cited:
            return
        start, _ = text_area.selected_span
        spans = text_area.cited
        if step > 0:
            later = [span for span in spans if span[0] > start]
            target = later[0] if later else spans[0]
        else:
            earlier = [span for span in spans if span[0] < start]
            target = earlier[-1] if earlier else spans[-1]
        text_area.select_span(target)

    def _select_evidence(self, evidence_id: int) -> None:
        text_area = self._text()
        if text_area is None or self.loaded is None:
            return
        views = self.loaded.source_evidence + self.loaded.record_evidence
        view = next((v for v in views if v.evidence.id == evidence_id), None)
        if view is None:
            return
        if view.evidence.source_id != self.loaded.source.id:
            self.source_id = view.evidence.source_id
            self._jump_to = evidence_id
            self.refresh_after_change()
            return
        span = (view.evidence.quote_start, view.evidence.quote_end)
        text_area.select_span(span)
        text_area.set_marks(text_area.cited, text_area.dates, active=span)
        text_area.focus()

    @on(TextArea.SelectionChanged)
    def _selection_changed(self) -> None:
        self._describe_selection()

    def _describe_selection(self) -> None:
        text_area = self._text()
        info = self.query_one("#linking-info", Static)
        if text_area is None or self.loaded is None:
            info.update("")
            return
        start, end = text_area.selected_span
        described = Text()
        if end > start:
            quote = self.loaded.source.text[start:end]
            described.append(f"Selected {end - start} characters: ", style="bold")
            described.append(f"“{plain(shorten(quote, 90))}”", style="italic")
            described.append("  (a attaches it)", style="dim")
        else:
            described.append(
                "] selects the next sentence, shift+arrows or the mouse select freely", style="dim"
            )
        for match in self.loaded.dates:
            if match.start <= start <= match.end or (start < match.start < end):
                tense = f", {match.tense} tense" if match.tense else ""
                described.append(
                    f"\n“{plain(match.phrase)}” → {plain(date_words(match.date))}{tense}",
                    style="cyan",
                )
                break
        cited = [
            v
            for v in self.loaded.source_evidence
            if v.evidence.quote_start <= start < v.evidence.quote_end
        ]
        if cited:
            described.append(f"\ncited {len(cited)}× here", style="yellow")
        info.update(clean(described, multiline=True))

    @on(OptionList.OptionHighlighted, "#linking-evidence")
    def _evidence_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id.startswith("evidence:"):
            evidence_id = int(event.option.id.partition(":")[2])
            text_area = self._text()
            view = self._view(evidence_id)
            if (
                text_area is not None
                and view is not None
                and view.evidence.source_id == self.source_id
            ):
                span = (view.evidence.quote_start, view.evidence.quote_end)
                text_area.set_marks(text_area.cited, text_area.dates, active=span)
                text_area.scroll_to(y=max(0, text_area.location_of(span[0])[0] - 2), animate=False)

    @on(OptionList.OptionSelected, "#linking-evidence")
    def _evidence_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id.startswith("evidence:"):
            self._select_evidence(int(event.option.id.partition(":")[2]))

    def _view(self, evidence_id: int) -> EvidenceView | None:
        if self.loaded is None:
            return None
        views = self.loaded.record_evidence + self.loaded.source_evidence
        return next((v for v in views if v.evidence.id == evidence_id), None)

    def _highlighted_evidence(self) -> EvidenceView | None:
        options = self.query_one("#linking-evidence", OptionList)
        if self.focused is not options or options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        if not option.id or not option.id.startswith("evidence:"):
            return None
        return self._view(int(option.id.partition(":")[2]))

    # -- attaching and removing --------------------------------------------------------------------
    def action_attach(self) -> None:
        text_area = self._text()
        if text_area is None or self.source_id is None:
            return
        start, end = text_area.selected_span
        if end <= start:
            self.app.notify("Select a passage first (] selects a sentence).", timeout=4)
            return
        if self.target.model is None or self.target.record_id is None:
            self._choose_record_then_attach(start, end)
            return
        self._attach_selection(self.target.model, self.target.record_id, start, end)

    def _attach_selection(self, model: type[Record], record_id: int, start: int, end: int) -> None:
        assert self.loaded is not None and self.source_id is not None
        store, source_id = self.store, self.source_id
        quote = self.loaded.source.text[start:end]

        def attached(evidence: schema.Evidence) -> None:
            self.app.notify(
                "Attached. Now say who it is attributed to and how credible it is.", timeout=4
            )
            self.app.push_screen(evidence_form(store, evidence, None))

        in_thread(
            self,
            lambda: store.attach_evidence(model, record_id, source_id, quote, start=start),
            attached,
            group="write",
        )

    def _choose_record_then_attach(self, start: int, end: int) -> None:
        def chosen(picked: Picked | None) -> None:
            if picked is not None and picked.record_id is not None:
                self._attach_selection(schema.Meeting, picked.record_id, start, end)

        self.app.push_screen(
            PickerScreen(
                "Cite this passage for which meeting?",
                self.store,
                schema.Meeting,
                lambda row: row.title,
                create=False,
            ),
            chosen,
        )

    def action_edit_evidence(self) -> None:
        view = self._highlighted_evidence()
        if view is not None:
            self.app.push_screen(evidence_form(self.store, view.evidence, view.attributed_to))

    def action_remove_evidence(self) -> None:
        view = self._highlighted_evidence()
        if view is None:
            return
        store = self.store
        evidence_id = view.evidence.id
        assert evidence_id is not None

        def remove(yes: bool | None) -> None:
            if yes:
                in_thread(self, lambda: store.delete(schema.Evidence, evidence_id), group="write")
                self.app.notify("Evidence removed (ctrl+z undoes it)", timeout=4)

        self.app.push_screen(
            ConfirmScreen(
                f"Remove this evidence? “{shorten(view.evidence.quote, 70)}”",
                ["the passage stays in the source; only the citation goes", "ctrl+z undoes it"],
                yes="Remove",
            ),
            remove,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_evidence", "remove_evidence"):
            return self._highlighted_evidence() is not None or None
        return True

    def action_back(self) -> None:
        from desk.tui.screens.unsaved import ask_before_leaving

        ask_before_leaving(self, lambda: self.dismiss(None), keep="Attach it")

    # -- unsaved work (see desk.tui.screens.unsaved) -------------------------------------------
    def unsaved_work(self) -> str | None:
        """A passage selected and not attached (a cited passage selected again is not work)."""
        text_area = self._text()
        if text_area is None or self.loaded is None:
            return None
        start, end = text_area.selected_span
        if end <= start:
            return None
        cited = {
            (v.evidence.quote_start, v.evidence.quote_end) for v in self.loaded.source_evidence
        }
        if (start, end) in cited:
            return None
        return f"A passage of {end - start} characters is selected but not attached"

    def keep_work(self, then: Callable[[], object]) -> None:
        self.action_attach()  # the evidence form opens: the pane stays to finish the citation
