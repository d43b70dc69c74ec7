"""Forms: typed modal screens that create or edit one record, validating as you type.

A form knows its fields; saving hands them, typed (``FormValues``), to its ``save`` callback,
which calls the store in a worker. Errors come back to the field they
concern; a conflict (someone else saved first) is shown with the choice to load their version or
to save over it deliberately. Escape cancels and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from desk.dates import DateError
from desk.dates.parse import Resolution, resolve
from desk.store.errors import Conflict, DeskError, InvalidField
from desk.tui.form_values import FormValues
from desk.tui.safe import block, field_text, from_field, line
from desk.tui.work import in_thread

FieldKind = Literal["text", "multiline", "choice", "date"]


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: FieldKind = "text"
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""
    help: str = ""
    #: A date field that may hold a relative phrase ("on Tuesday"); a source's publication day
    #: may not: it is the day other phrases resolve against, with nothing of its own to lean on.
    relative: bool = True


#: Saving gets the typed values and the version the form was opened at (None for a new record).
Save = Callable[[FormValues, int | None], Any]


class FormScreen(ModalScreen[Any]):
    """Fields, live validation, save in a worker; dismisses with what ``save`` returned."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+r", "reload_theirs", "Load their version", show=False, id="form.reload"),
        Binding("ctrl+o", "overwrite", "Save over theirs", show=False, id="form.overwrite"),
    ]

    def __init__(
        self,
        title: str,
        fields: list[Field],
        save: Save,
        *,
        values: Mapping[str, Any] | None = None,
        version: int | None = None,
        reference: dt.date | None = None,
        reference_note: str = "",
    ) -> None:
        """``reference`` is the day relative dates resolve against; ``reference_note`` says
        which day that is and why, next to every relative date the user types."""
        super().__init__()
        self.form_title = title
        self.fields = fields
        self.save = save
        self.initial = dict(values or {})
        self.version = version
        self.reference = reference
        self.reference_note = reference_note or (
            f"as of {reference.isoformat()}" if reference is not None else "as of today"
        )
        self.conflict: Conflict | None = None
        self._saving = False
        #: What each text field showed when filled: a record's controls are shown as pictures,
        #: so a field left as shown gives back the record's value, not the pictures.
        self._shown: dict[str, str] = {}
        self._then: Callable[[], object] | None = None

    # -- building --------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="form"):
            yield Label(line(self.form_title), id="form-title")
            with VerticalScroll(id="fields"):
                for field in self.fields:
                    label = field.label + (" *" if field.required else "")
                    yield Label(label, classes="field-label")
                    yield self._widget(field)
                    hint = field.help
                    if field.kind == "date":
                        typed = str(self.initial.get(field.name) or "")
                        hint = self._date_hint(field, typed) if typed or not hint else hint
                    note = Static(block(hint), id=f"hint-{field.name}", classes="hint")
                    note.display = bool(hint)
                    yield note
                    error = Static("", id=f"error-{field.name}", classes="error")
                    error.display = False
                    yield error
                    if field.name == self.more_after:
                        yield from self.compose_more()
                if self.more_after not in {field.name for field in self.fields}:
                    yield from self.compose_more()
            yield Static("", id="form-message", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    #: The field after which ``compose_more``'s widgets go (after all fields if none).
    more_after: str | None = None

    def compose_more(self) -> ComposeResult:
        """Widgets after the fields (a form with more than fields adds them here)."""
        yield from ()

    def more_values(self) -> dict[str, Any]:
        """The values of the widgets ``compose_more`` added, by name."""
        return {}

    def _widget(self, field: Field) -> Input | TextArea | Select[str]:
        value = self.initial.get(field.name)
        widget_id = f"field-{field.name}"
        if field.kind == "multiline":
            shown = self._shown[field.name] = field_text(value, multiline=True)
            area = TextArea(shown, id=widget_id, soft_wrap=True, tab_behavior="focus")
            area.show_line_numbers = False
            return area
        if field.kind == "choice":
            return Select(
                [(line(label), key) for key, label in field.choices],
                value=value if value is not None else Select.NULL,
                allow_blank=not field.required,
                id=widget_id,
                compact=True,
            )
        shown = self._shown[field.name] = field_text(value)
        return Input(shown, placeholder=field.placeholder, id=widget_id, compact=True)

    def on_mount(self) -> None:
        first = self.fields[0]
        self.query_one(f"#field-{first.name}").focus()
        #: What the fields held when the form opened: Escape asks first when they differ.
        self._opened_with = self.values()

    # -- values and validation -------------------------------------------------------------------
    def values(self) -> FormValues:
        """What the fields (and ``compose_more``'s widgets) hold, as ``save`` receives it."""
        result: dict[str, Any] = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, TextArea):
                value: Any = widget.text
            elif isinstance(widget, Select):
                value = None if widget.value is Select.NULL else widget.value
            else:
                assert isinstance(widget, Input)
                value = widget.value
            if isinstance(value, str) and field.name in self._shown:
                if value == self._shown[field.name]:
                    value = str(self.initial.get(field.name) or "")  # untouched
                else:
                    value = from_field(value)
            if isinstance(value, str) and field.kind != "multiline":
                value = value.strip()
            result[field.name] = value if value != "" else None
        return FormValues(result | self.more_values())

    def _date_hint(self, field: Field, text: str) -> str:
        if not text.strip():
            if not field.relative:
                return "e.g. 2025-03-21, March 21, 2025"
            return f"e.g. 2025-03-21, Sept. 13, 2024, last June; {self.reference_note}"
        try:
            found = self._resolve(field, text)
        except DateError as error:
            return f"✗ {error}"
        date = found.date
        hint = f"→ {date.display()}  ({date.precision.value}, stored as {date.text})"
        return f"{hint}, {self.reference_note}" if found.relative else hint

    def _resolve(self, field: Field, text: str) -> Resolution:
        found = resolve(text, reference=self.reference)
        if found.relative and not field.relative:
            raise DateError(
                f"{text!r} is relative, and a publication day has nothing to resolve it "
                "against: type the day itself (2025-03-21)"
            )
        return found

    @on(Input.Changed)
    def _validate_as_you_type(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        field = next((f for f in self.fields if f.name == name), None)
        if field is None:
            return
        self._set_error(name, "")
        if field.kind == "date":
            hint = self._date_hint(field, event.value)
            note = self.query_one(f"#hint-{name}", Static)
            note.update(block(hint))
            note.display = True
            note.set_class(hint.startswith("✗"), "bad")
        elif field.required and not event.value.strip():
            self._set_error(name, f"{field.label} is required")

    def _set_error(self, name: str, message: str) -> None:
        found = self.query(f"#error-{name}")
        target = found.first(Static) if found else self.query_one("#form-message", Static)
        target.update(block(message))
        target.display = bool(message) or target.id == "form-message"

    def _local_errors(self, values: FormValues) -> bool:
        ok = True
        for field in self.fields:
            value = values.by_name.get(field.name)
            if field.required and value in (None, ""):
                self._set_error(field.name, f"{field.label} is required")
                ok = False
            elif field.kind == "date" and value:
                try:
                    self._resolve(field, str(value))
                except DateError as error:
                    self._set_error(field.name, str(error))
                    ok = False
        return ok

    # -- saving ----------------------------------------------------------------------------------
    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self, version: int | None = None) -> None:
        self._save(version)

    def _save(self, version: int | None = None, then: Callable[[], object] | None = None) -> None:
        """Save; ``then`` runs once the form has closed with the saved record."""
        self._then = then
        if self._saving:
            return
        values = self.values()
        if not self._local_errors(values):
            self.query_one("#form-message", Static).update("Fix the fields marked above.")
            return
        self._saving = True
        self.query_one("#form-message", Static).update("Saving…")
        use_version = version if version is not None else self.version
        in_thread(
            self,
            lambda: self.save(values, use_version),
            self._saved,
            self._failed,
            group="form",
        )

    def _saved(self, result: Any) -> None:
        self._saving = False
        self.dismiss(result)
        if self._then is not None:
            self._then()

    def _failed(self, error: DeskError) -> None:
        self._saving = False
        message = self.query_one("#form-message", Static)
        if isinstance(error, InvalidField) and self.query(f"#error-{error.field}"):
            self._set_error(error.field, error.message)  # said once, at the field
            message.update("Not saved: see the field marked above.")
        elif isinstance(error, Conflict):
            self.conflict = error
            message.update(
                block(
                    f"Not saved: {error}. ctrl+r loads their version (your edits are dropped); "
                    "ctrl+o saves yours over it."
                )
            )
            self.refresh_bindings()
        else:
            message.update(block(f"Not saved: {error}"))

    def action_cancel(self) -> None:
        from desk.tui.screens.unsaved import ask_before_leaving

        # (Saving closes the form itself: leave only if it is still open.)
        ask_before_leaving(self, lambda: self.is_current and self.dismiss(None))

    # -- unsaved work (see desk.tui.screens.unsaved) -------------------------------------------
    def unsaved_work(self) -> str | None:
        opened = getattr(self, "_opened_with", None)
        if opened is None or self.values() == opened:
            return None
        return f"“{self.form_title}” has changes that are not saved"

    def keep_work(self, then: Callable[[], object]) -> None:
        self._save(then=then)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("reload_theirs", "overwrite"):
            return self.conflict is not None and self.conflict.current is not None
        return True

    def action_reload_theirs(self) -> None:
        if self.conflict is None or self.conflict.current is None:
            return
        current = self.conflict.current
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            column = "date_text" if field.name == "date" else field.name
            value = current.get(column)
            self.initial[field.name] = value
            if isinstance(widget, TextArea):
                widget.text = self._shown[field.name] = field_text(value, multiline=True)
            elif isinstance(widget, Select):
                widget.value = value if value is not None else Select.NULL
            elif isinstance(widget, Input):
                widget.value = self._shown[field.name] = field_text(value)
        self.version = current["version"]
        self.conflict = None
        self.query_one("#form-message", Static).update("Loaded their version.")
        self.refresh_bindings()

    def action_overwrite(self) -> None:
        if self.conflict is None or self.conflict.current is None:
            return
        version = self.conflict.current["version"]
        self.conflict = None
        self.refresh_bindings()
        self.action_save(version=version)
