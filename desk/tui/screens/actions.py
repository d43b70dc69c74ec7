"""What the main screen's keys do to records: create, edit, delete, link, cite, merge.

Each action gathers what it needs in a worker, asks the user (a form, a picker, a
confirmation), then calls one store operation in a worker. The app hears of every committed
change and refreshes the lists, so actions do not refresh anything themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import OptionList

from desk import model as schema
from desk.model.vocabulary import MentionStatus, ParticipantRole
from desk.store.views import MeetingDetail
from desk.text_safety import single_line
from desk.tui.context import desk_of
from desk.tui.form_values import FormValues
from desk.tui.results import RecordRef
from desk.tui.screens.key_gate import KeyGate, gated
from desk.tui.work import in_thread

# The dialogs (forms, pickers, confirmations) load when first opened, not with the main screen:
# the form pulls in the date reader and Textual's TextArea, which the first frame does not need.
if TYPE_CHECKING:
    from desk.model import Record
    from desk.tui.kinds import Kind
    from desk.tui.screens.picker import Picked
    from desk.tui.widgets.detail import DetailPane
    from desk.tui.widgets.paged_table import PagedTable

ROLES = tuple((role.value, role.value) for role in ParticipantRole)
MENTIONS = tuple((status.value, status.value) for status in MentionStatus)


class RecordActions:
    """Mixed into MainScreen; relies on its ``kind``, ``table``, ``detail`` and ``app``."""

    kind: Kind
    table: PagedTable
    detail: DetailPane
    focused: Any
    key_gate: KeyGate

    # -- what is selected ----------------------------------------------------------------------
    def _current(self) -> tuple[type[Record], int] | None:
        row = self.table.current
        return (self.kind.model, row.id) if row is not None else None

    def _detail_part(self) -> tuple[str, int] | None:
        """The highlighted link, evidence, alias or meeting in the detail pane, if it has focus."""
        if self.focused is not self.detail or self.detail.highlighted is None:
            return None
        option = self.detail.get_option_at_index(self.detail.highlighted)
        if not option.id or ":" not in option.id:
            return None
        kind, _, number = option.id.partition(":")
        return kind, int(number)

    def _store_call(self, call: Any, done: Any = None, message: str | None = None) -> None:
        def finished(result: Any) -> None:
            if message:
                self.app.notify(message, timeout=4)
            if done is not None:
                done(result)

        in_thread(self.detail, call, finished, desk_of(self).show_error, group="write")

    def _prepare(self, call: Any, open_dialog: Any) -> None:
        """Fetch what a dialog needs, then open it; keys typed meanwhile wait (see key_gate)."""
        self.key_gate.begin()
        in_thread(self.detail, call, open_dialog, desk_of(self).show_error, after=self.key_gate.end)

    # -- create and edit -------------------------------------------------------------------------
    @gated
    def action_new(self) -> None:
        model = self.kind.model
        if model is schema.Source:
            from desk.tui.screens.source_form import add_source_form

            self.app.push_screen(add_source_form(desk_of(self).store), self._created(schema.Source))
            return
        from desk.tui.screens.records import create_form

        self.app.push_screen(
            create_form(desk_of(self).store, model, reference=desk_of(self).working_source),
            self._created(model),
        )

    def _created(self, model: type[Record]) -> Any:
        def after(record: Record | None) -> None:
            if record is not None and record.id is not None:
                self.show_record(model, record.id)
                if model is schema.Source and getattr(record, "date_text", None) is None:
                    self.app.notify(
                        "No publication day: “on Tuesday” or “last June” in its text cannot be "
                        "resolved. e edits the source to add it.",
                        title="Source saved without a date",
                        severity="warning",
                        timeout=10,
                    )
                if model is schema.Source:  # go through what desk reads in it
                    from desk.tui.screens.suggestions import open_suggestions

                    open_suggestions(self.app, record.id)

        return after

    @gated
    def action_edit(self) -> None:
        from desk.tui.screens.records import edit_form

        store = desk_of(self).store
        part = self._detail_part()
        if part is not None and part[0] in ("participant", "agenda", "evidence"):
            self._edit_part(*part)
            return
        current = self._current()
        if current is None:
            return
        model, record_id = current
        self._prepare(
            lambda: store.get(model, record_id),
            lambda record: self.app.push_screen(
                edit_form(store, record, reference=desk_of(self).working_source)
            ),
        )

    def _edit_part(self, kind: str, part_id: int) -> None:
        from desk.tui.screens.form import Field, FormScreen
        from desk.tui.screens.records import evidence_form

        store = desk_of(self).store
        if kind == "evidence":
            views = self._evidence_views()
            view = next((v for v in views if v.evidence.id == part_id), None)
            if view is not None:
                self.app.push_screen(evidence_form(store, view.evidence, view.attributed_to))
            return
        model: type[Record] = schema.MeetingActor if kind == "participant" else schema.MeetingAgenda
        field = (
            Field("role", "Role", kind="choice", required=True, choices=ROLES)
            if kind == "participant"
            else Field("status", "How sure", kind="choice", required=True, choices=MENTIONS)
        )

        def open_form(link: Any) -> None:
            def save(values: FormValues, version: int | None) -> Any:
                assert version is not None
                return store.update(model, part_id, version, **values.arguments())

            values = {field.name: getattr(link, field.name), "note": link.note}
            note = Field("note", "Note", kind="multiline")
            self.app.push_screen(
                FormScreen(
                    f"Edit {kind} link", [field, note], save, values=values, version=link.version
                )
            )

        self._prepare(lambda: store.get(model, part_id), open_form)

    def _evidence_views(self) -> list[Any]:
        detail = self.detail.detail
        if detail is None:
            return []
        if isinstance(detail, MeetingDetail):
            views = list(detail.evidence)
            for linked in detail.link_evidence.values():
                views.extend(linked)
            return views
        inner = getattr(detail, "detail", None)
        return list(getattr(inner, "evidence", None) or getattr(detail, "evidence", []))

    # -- delete ----------------------------------------------------------------------------------
    @gated
    def action_delete(self) -> None:
        from desk.tui.screens.confirm import ConfirmScreen

        if self._detail_part() is not None:
            self.action_remove_part()
            return
        current = self._current()
        row = self.table.current
        if current is None or row is None:
            return
        model, record_id = current
        store = desk_of(self).store
        name = getattr(row, "name", None) or getattr(row, "title", "")

        def confirm(dependents: list[str]) -> None:
            question = Text(f"Delete the {self.kind.singular} “{single_line(name)}”?")
            lines = [f"it {line}" for line in dependents]
            if lines:
                lines.append("its links and citations go with it; ctrl+z undoes the delete")
            else:
                lines = ["nothing else depends on it", "ctrl+z undoes the delete"]
            self.app.push_screen(ConfirmScreen(question, lines, yes="Delete"), delete)

        def delete(yes: bool | None) -> None:
            if yes:
                self._store_call(
                    lambda: store.delete(model, record_id, row.version, with_dependents=True),
                    message=f"Deleted “{name}” (ctrl+z undoes it)",
                )

        self._prepare(lambda: store.dependents(model, record_id), confirm)

    @gated
    def action_remove_part(self) -> None:
        from desk.tui.screens.confirm import ConfirmScreen

        part = self._detail_part()
        if part is None:
            return
        kind, part_id = part
        store = desk_of(self).store
        models: dict[str, type[Record]] = {
            "participant": schema.MeetingActor,
            "agenda": schema.MeetingAgenda,
            "evidence": schema.Evidence,
            "alias": schema.ActorAlias,
        }
        if kind not in models:
            return
        model = models[kind]
        option = self.detail.get_option_at_index(self.detail.highlighted or 0)
        what = str(option.prompt).strip().splitlines()[0][:80]

        def confirm(dependents: list[str]) -> None:
            lines = [f"it {line}" for line in dependents]
            lines.append(
                "its citations go with it; ctrl+z undoes it" if lines else "ctrl+z undoes it"
            )
            self.app.push_screen(
                ConfirmScreen(f"Remove {what}?", lines, yes="Remove"),
                lambda yes: (
                    yes
                    and self._store_call(
                        lambda: store.delete(model, part_id, with_dependents=True),
                        message="Removed (ctrl+z undoes it)",
                    )
                ),
            )

        self._prepare(lambda: store.dependents(model, part_id), confirm)

    # -- links -----------------------------------------------------------------------------------
    @gated
    def action_add_participant(self) -> None:
        self._link(
            schema.Actor,
            "Who took part?",
            lambda row: f"{row.name}" + (f" — {row.title}" if row.title else ""),
            ("Role", ROLES, "participant"),
        )

    @gated
    def action_add_topic(self) -> None:
        self._link(
            schema.AgendaItem,
            "Which agenda item did it take up?",
            lambda row: row.title,
            ("How sure is the report?", MENTIONS, "reported"),
        )

    def _link(self, model: type[Record], title: str, label: Any, choice: Any) -> None:
        from desk.tui.screens.picker import PickerScreen

        current = self._current()
        if current is None or current[0] is not schema.Meeting:
            return
        meeting_id = current[1]
        store = desk_of(self).store

        def picked(result: Picked | None) -> None:
            if result is None:
                return

            def link() -> Any:
                record_id = result.record_id
                if record_id is None:
                    assert result.new_name is not None
                    field = "name" if model is schema.Actor else "title"
                    created = store.create(model, **{field: result.new_name})
                    record_id = created.id
                assert record_id is not None
                if model is schema.Actor:
                    return store.link_actor(meeting_id, record_id, result.choice or "participant")
                return store.link_agenda(meeting_id, record_id, result.choice or "reported")

            self._store_call(link, message=f"Linked “{result.label}”")

        self.app.push_screen(PickerScreen(title, store, model, label, choice=choice), picked)

    @gated
    def action_add_alias(self) -> None:
        from desk.tui.screens.form import Field, FormScreen

        current = self._current()
        if current is None or current[0] is not schema.Actor:
            return
        actor_id = current[1]
        store = desk_of(self).store
        fields = [
            Field("name", "Alias", required=True, placeholder="김정은, Ким Чен Ын, Kim Jong Un…"),
            Field("language", "Language", placeholder="ko, ru, en…"),
        ]
        self.app.push_screen(
            FormScreen(
                "Add an alias",
                fields,
                lambda values, _version: store.add_alias(
                    actor_id, values.required("name"), values.text("language")
                ),
            )
        )

    # -- merge -----------------------------------------------------------------------------------
    @gated
    def action_merge(self) -> None:
        from desk.tui.screens.confirm import ConfirmScreen
        from desk.tui.screens.picker import PickerScreen

        current = self._current()
        row = self.table.current
        if current is None or current[0] is not schema.Actor or row is None:
            return
        keep_id = current[1]
        store = desk_of(self).store

        def picked(result: Picked | None) -> None:
            if result is None or result.record_id is None:
                return
            other_id = result.record_id
            self._prepare(
                lambda: store.merge_preview(keep_id, other_id),
                lambda plan: self.app.push_screen(
                    ConfirmScreen(
                        f"Merge “{plan.other.name}” into “{plan.keep.name}”?",
                        [
                            *plan.describe(),
                            f"“{plan.other.name}” is then deleted; ctrl+z undoes the merge",
                        ],
                        yes="Merge",
                    ),
                    lambda yes: (
                        yes
                        and self._store_call(
                            lambda: store.merge_actors(keep_id, other_id),
                            message=f"Merged “{plan.other.name}” into “{plan.keep.name}” "
                            "(ctrl+z undoes it)",
                        )
                    ),
                ),
            )

        self.app.push_screen(
            PickerScreen(
                f"Merge which duplicate into “{row.name}”?",
                store,
                schema.Actor,
                lambda r: f"{r.name}" + (f" — {r.title}" if r.title else "") + f"  (#{r.id})",
                create=False,
                exclude={keep_id},
                initial=row.name.split()[-1] if row.name.split() else "",
            ),
            picked,
        )

    @gated
    def action_history(self) -> None:
        """The audit trail of the selected record, or of the highlighted link or evidence."""
        from desk.tui.screens.history import HistoryScreen

        part = self._detail_part()
        models = {
            "participant": schema.MeetingActor,
            "agenda": schema.MeetingAgenda,
            "evidence": schema.Evidence,
            "alias": schema.ActorAlias,
            "meeting": schema.Meeting,
        }
        if part is not None and part[0] in models:
            model, record_id = models[part[0]], part[1]
            label = f"{part[0]} #{record_id}"
        else:
            current = self._current()
            row = self.table.current
            if current is None or row is None:
                return
            model, record_id = current
            label = f"{self.kind.singular} “{getattr(row, 'name', None) or row.title}”"
        self.app.push_screen(HistoryScreen(desk_of(self).store, model, record_id, label))

    @gated
    def action_export(self) -> None:
        from desk.tui.screens.exchange import TransferScreen

        self.app.push_screen(TransferScreen(desk_of(self).store, "export"))

    @gated
    def action_import(self) -> None:
        from desk.tui.screens.exchange import TransferScreen

        self.app.push_screen(TransferScreen(desk_of(self).store, "import"))

    # -- other screens ---------------------------------------------------------------------------
    @gated
    def action_dossier(self) -> None:
        if self.kind.name not in ("actors", "agenda"):
            self.app.notify(
                f"{self.kind.label} have no dossier: the detail pane shows all of one. "
                "o opens an actor's or an agenda item's dossier.",
                timeout=5,
            )
            return
        current = self._current()
        if current is None:
            return
        from desk.tui.screens.dossier import DossierScreen

        self.app.push_screen(DossierScreen(*current), self._jump_back)

    @gated
    def action_timeline(self) -> None:
        from desk.tui.screens.timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(), self._jump_back)

    @gated
    def action_network(self) -> None:
        from desk.tui.screens.network import NetworkScreen

        self.app.push_screen(NetworkScreen(), self._jump_back)

    def _jump_back(self, target: RecordRef | None) -> None:
        if target is not None:
            self.show_record(target.model, target.record_id)

    @gated
    def action_unsourced(self) -> None:
        from desk.tui.screens.unsourced import UnsourcedScreen

        self.app.push_screen(UnsourcedScreen(desk_of(self).store), self._jump_back)

    @gated
    def action_duplicates(self) -> None:
        """Actors that may be one, to merge or to tell apart (desk.tui.screens.duplicates)."""
        from desk.tui.screens.duplicates import DuplicatesScreen

        self.app.push_screen(DuplicatesScreen(desk_of(self).store))

    @gated
    def action_cite(self) -> None:
        """Open the linking pane for the selected record (or the highlighted link)."""
        from desk.tui.screens.linking import LinkingScreen, Target

        part = self._detail_part()
        current = self._current()
        if current is None:
            return
        model, record_id = current
        if part is not None and part[0] in ("participant", "agenda"):
            target = Target(
                schema.MeetingActor if part[0] == "participant" else schema.MeetingAgenda, part[1]
            )
        elif model is schema.Source:
            target = Target(None, None, source_id=record_id)
        else:
            target = Target(model, record_id)
        if part is not None and part[0] == "evidence":
            view = next((v for v in self._evidence_views() if v.evidence.id == part[1]), None)
            if view is not None:
                target = Target(
                    target.model, target.record_id, view.evidence.source_id, view.evidence.id
                )
        self.app.push_screen(LinkingScreen(desk_of(self).store, target))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a part of the detail pane opens it."""
        if event.option_list is not self.detail or not event.option.id:
            return
        kind, _, number = event.option.id.partition(":")
        part_id = int(number)
        detail = self.detail.detail
        if kind == "meeting":
            self.show_record(schema.Meeting, part_id)
        elif kind == "participant" and isinstance(detail, MeetingDetail):
            actor = next(p.actor for p in detail.participants if p.link.id == part_id)
            assert actor.id is not None
            self.show_record(schema.Actor, actor.id)
        elif kind == "agenda" and isinstance(detail, MeetingDetail):
            item = next(m.item for m in detail.agenda if m.link.id == part_id)
            assert item.id is not None
            self.show_record(schema.AgendaItem, item.id)
        elif kind == "evidence":
            self.action_cite()
