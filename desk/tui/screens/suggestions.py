"""The suggestions pane: what desk read in a source, to accept, edit or reject one by one.

Proposals are listed by kind (meetings, new actors, actors on the desk, agenda items, what on
the desk the source seems to be about, dates), each marked pending •, accepted ✓ or rejected ✗.
The highlighted one shows its fields and the sentence it rests on, with the words it rests on
underlined. a accepts (creating or linking the record and citing the sentence as its evidence,
attributed to whoever it quotes), e edits before accepting (a meeting's participants and
their roles too), x rejects; n goes to the next
pending one. Decisions are remembered for the source, and ctrl+z undoes an accept like any
other change. Everything runs in workers: reading a long report never freezes the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from desk.ingest.accepting import Accepted, accept, reject
from desk.ingest.engine import proposals_for
from desk.ingest.proposals import (
    KIND_LABELS,
    KINDS,
    AgendaProposal,
    DateProposal,
    MeetingProposal,
    NewActorProposal,
    Proposal,
    ProposalSet,
)
from desk.model.vocabulary import (
    CREDIBILITY_MEANING,
    ActorKind,
    MeetingKind,
    MeetingStatus,
    MentionStatus,
)
from desk.store.errors import DeskError
from desk.text_safety import visible_in_place
from desk.tui.context import desk_of
from desk.tui.date_reference import from_source
from desk.tui.form_values import FormValues
from desk.tui.safe import block, clean, plain
from desk.tui.screens.form import Field, FormScreen
from desk.tui.screens.meeting_proposal import MeetingProposalForm
from desk.tui.work import in_thread

if TYPE_CHECKING:
    from desk.store import Store

MARKS = {"pending": ("•", ""), "accepted": ("✓", "green"), "rejected": ("✗", "dim strike")}
CREDIBILITY = tuple(
    (str(grade), f"{grade} — {meaning}") for grade, meaning in (CREDIBILITY_MEANING.items())
)


def open_suggestions(app: App[Any], source_id: int) -> None:
    """Open the suggestions pane for a source (after adding it, or from the Sources list)."""
    app.push_screen(SuggestionsScreen(desk_of(app).store, source_id))


class SuggestionsScreen(Screen[None]):
    AUTO_FOCUS = "#suggestions-list"

    BINDINGS = [
        Binding("escape", "back", "Back", id="suggestions.back"),
        Binding("a", "accept", "Accept", id="suggestions.accept"),
        Binding("e", "edit", "Edit & accept", id="suggestions.edit"),
        Binding("x", "reject", "Reject", id="suggestions.reject"),
        Binding("n", "next_pending", "Next pending", id="suggestions.next"),
        Binding("j", "move(1)", "Down", show=False, id="suggestions.down"),
        Binding("k", "move(-1)", "Up", show=False, id="suggestions.up"),
    ]

    def __init__(self, store: Store, source_id: int) -> None:
        super().__init__()
        self.store = store
        self.source_id = source_id
        self.proposals: ProposalSet | None = None
        #: Option index -> the proposal it shows.
        self._at: dict[int, Proposal] = {}
        self._busy = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="suggestions"):
            yield OptionList(id="suggestions-list")
            with VerticalScroll(id="suggestion-side"):
                yield Static("Reading the source…", id="suggestion-detail")
        yield Static("", id="suggestions-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Suggestions"
        store, source_id = self.store, self.source_id
        in_thread(
            self,
            lambda: proposals_for(store, source_id),
            self._show,
            self._not_read,
            group="suggestions",
        )

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "narrow")

    # -- showing -------------------------------------------------------------------------------
    def _not_read(self, error: DeskError) -> None:
        self.query_one("#suggestion-detail", Static).update(
            block(f"Cannot read the source: {error}")
        )

    def _show(self, proposals: ProposalSet) -> None:
        self.proposals = proposals
        self.sub_title = plain(f"#{proposals.source_id} {proposals.title}")
        options = self.query_one("#suggestions-list", OptionList)
        entries: list[Option] = []
        self._at = {}
        for kind in KINDS:
            found = proposals.by_kind(kind)
            if not found:
                continue
            entries.append(
                Option(
                    Text(f"{KIND_LABELS[kind]} ({len(found)})", style="bold cyan"), disabled=True
                )
            )
            for proposal in found:
                self._at[len(entries)] = proposal
                entries.append(Option(self._prompt(proposal), id=f"proposal:{len(entries)}"))
        if not entries:
            entries.append(
                Option(Text("Nothing to propose in this source.", style="dim"), disabled=True)
            )
        options.set_options(entries)
        self._highlight(self._first_pending(0))
        self._show_status()

    def _prompt(self, proposal: Proposal) -> Text:
        assert self.proposals is not None
        mark, style = MARKS[self.proposals.status(proposal)]
        text = Text(f"{mark} ", style=style or "bold")
        text.append(plain(proposal.label), style=style)
        return text

    def _refresh_marks(self) -> None:
        options = self.query_one("#suggestions-list", OptionList)
        for index, proposal in self._at.items():
            options.replace_option_prompt_at_index(index, self._prompt(proposal))
        self._show_status()
        self._show_detail()

    def _show_status(self) -> None:
        if self.proposals is None:
            return
        counts = {"pending": 0, "accepted": 0, "rejected": 0}
        for proposal in self.proposals.proposals:
            counts[self.proposals.status(proposal)] += 1
        line = Text(
            f"{counts['pending']} pending · {counts['accepted']} accepted · "
            f"{counts['rejected']} rejected"
        )
        line.append("   a accepts · e edits first · x rejects · n next pending", style="dim")
        self.query_one("#suggestions-status", Static).update(line)

    @property
    def current(self) -> Proposal | None:
        options = self.query_one("#suggestions-list", OptionList)
        if options.highlighted is None:
            return None
        return self._at.get(options.highlighted)

    @on(OptionList.OptionHighlighted, "#suggestions-list")
    def _highlighted(self) -> None:
        self._show_detail()
        self.refresh_bindings()  # accept, edit and reject apply once a proposal is highlighted

    def _show_detail(self) -> None:
        detail = self.query_one("#suggestion-detail", Static)
        proposal = self.current
        if proposal is None or self.proposals is None:
            detail.update("")
            return
        status = self.proposals.status(proposal)
        if self.proposals.edited(proposal):
            status += " (edited)"
        parts: list[Text] = [
            Text.assemble((f"{KIND_LABELS[proposal.kind]} · ", "dim"), (status, "bold")),
            Text(plain(proposal.label), style="bold"),
            Text(""),
        ]
        for name, value in proposal.detail():
            parts.append(Text.assemble((f"{name:<13}", "dim"), plain(value)))
        parts.append(Text(""))
        parts.append(self._passage(proposal))
        passage = proposal.passage
        source = Text("   — ", style="dim")
        if passage.attributed_to:
            source.append(f"says {plain(passage.attributed_to)} · ", style="dim")
        source.append(f"credibility {passage.credibility}", style="dim")
        parts.append(source)
        if isinstance(proposal, DateProposal) and proposal.meeting_key is None:
            parts.append(Text("\nNo meeting in this sentence: accepting only notes it.", "dim"))
        detail.update(Group(*(clean(part, multiline=True) for part in parts)))

    def _passage(self, proposal: Proposal) -> Text:
        passage = proposal.passage
        text = Text("“", style="dim")
        # One code point for one, so the spans below still underline the right words.
        body = Text(visible_in_place(passage.text), style="italic")
        for start, end in proposal.spans:
            if passage.start <= start and end <= passage.end:
                body.stylize("bold underline", start - passage.start, end - passage.start)
        text.append_text(body)
        text.append("”", style="dim")
        return text

    # -- moving ----------------------------------------------------------------------------------
    def _first_pending(self, after: int) -> int | None:
        if self.proposals is None:
            return None
        ordered = sorted(self._at)
        for index in [i for i in ordered if i >= after] + [i for i in ordered if i < after]:
            if self.proposals.status(self._at[index]) == "pending":
                return index
        return ordered[0] if ordered else None

    def _highlight(self, index: int | None) -> None:
        if index is not None:
            self.query_one("#suggestions-list", OptionList).highlighted = index
        self._show_detail()

    def action_next_pending(self) -> None:
        options = self.query_one("#suggestions-list", OptionList)
        start = (options.highlighted or 0) + 1
        self._highlight(self._first_pending(start))

    def action_move(self, step: int) -> None:
        options = self.query_one("#suggestions-list", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_back(self) -> None:
        self.dismiss(None)

    # -- deciding --------------------------------------------------------------------------------
    def _decidable(self, *, accepting: bool) -> Proposal | None:
        proposal = self.current
        if proposal is None or self.proposals is None or self._busy:
            return None
        status = self.proposals.status(proposal)
        if status == "accepted":
            self.app.notify("Accepted already (ctrl+z undoes it).", timeout=4)
            return None
        if status == "rejected" and not accepting:
            self.app.notify("Rejected already.", timeout=3)
            return None
        return proposal

    def action_accept(self) -> None:
        proposal = self._decidable(accepting=True)
        if proposal is None:
            return
        store, proposals = self.store, self.proposals
        assert proposals is not None
        self._busy = True
        in_thread(
            self,
            lambda: accept(store, proposals, proposal),
            self._accepted,
            self._failed,
            group="write",
        )

    def action_reject(self) -> None:
        proposal = self._decidable(accepting=False)
        if proposal is None:
            return
        store, proposals = self.store, self.proposals
        assert proposals is not None
        self._busy = True
        in_thread(
            self,
            lambda: reject(store, proposals, proposal),
            lambda _changeset: self._decided(f"Rejected “{proposal.label}”"),
            self._failed,
            group="write",
        )

    def _accepted(self, result: Accepted | None) -> None:
        if result is not None:
            edited = self.proposals is not None and self.proposals.edited(result.proposal)
            self._decided(f"Accepted “{result.proposal.label}”" + (" as edited" if edited else ""))

    def _decided(self, message: str) -> None:
        self._busy = False
        self.app.notify(message, timeout=3)
        self._refresh_marks()
        options = self.query_one("#suggestions-list", OptionList)
        self._highlight(self._first_pending(options.highlighted or 0))

    def _failed(self, error: DeskError) -> None:
        self._busy = False
        desk_of(self).show_error(error)

    def action_edit(self) -> None:
        proposal = self._decidable(accepting=True)
        if proposal is None or self.proposals is None:
            return
        store, proposals = self.store, self.proposals
        fields, values = edit_fields(proposal, proposals)

        def save(edits: FormValues, _version: int | None) -> Accepted:
            return accept(store, proposals, proposal, edits.arguments())

        title = f"Edit, then accept: {proposal.label}"
        as_of = from_source(proposals.title, proposals.reference)
        dates = {
            "reference": proposals.reference,
            "reference_note": as_of.describe() if as_of is not None else "",
        }
        form: FormScreen
        if isinstance(proposal, MeetingProposal):
            form = MeetingProposalForm(
                title,
                fields,
                save,
                values=values,
                store=store,
                participants=proposal.participants,
                passage=proposal.passage,
                offered=_proposed_actors(proposals),
                **dates,
            )
        else:
            form = FormScreen(title, fields, save, values=values, **dates)
        self.app.push_screen(form, self._accepted)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("accept", "edit", "reject"):
            return self.current is not None or None
        return True

    def refresh_after_change(self) -> None:
        """A change anywhere (an undo, another screen's edit): show the decisions as they are."""
        if self.proposals is None:
            return
        store, source_id, proposals = self.store, self.source_id, self.proposals
        in_thread(
            self,
            lambda: store.proposal_decisions(source_id),
            lambda decisions: (proposals.remember(decisions), self._refresh_marks()),
            group="decisions",
            exclusive=True,
        )


def _proposed_actors(proposals: ProposalSet) -> list[tuple[str, str]]:
    """(key, name) of the actors the source proposes that are not on the desk and not
    rejected: what a meeting's participants may be picked from besides the desk's actors."""
    return [
        (p.key, p.name)
        for p in proposals.by_kind("new_actor")
        if isinstance(p, NewActorProposal) and proposals.status(p) == "pending"
    ]


def _choices(values: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple((value, value.replace("_", " ")) for value in values)


def edit_fields(proposal: Proposal, proposals: ProposalSet) -> tuple[list[Field], dict[str, Any]]:
    """The form fields for editing a proposal before accepting it, with their values."""
    passage = proposal.passage
    common = [
        Field("attributed_to", "Attributed to", placeholder="who the passage quotes"),
        Field("credibility", "Credibility", kind="choice", choices=CREDIBILITY),
        Field("note", "Note on the evidence", kind="multiline"),
    ]
    values: dict[str, Any] = {
        "attributed_to": passage.attributed_to,
        "credibility": str(passage.credibility),
    }
    fields: list[Field] = []
    if isinstance(proposal, NewActorProposal):
        fields = [
            Field("name", "Name", required=True),
            Field(
                "kind",
                "Kind",
                kind="choice",
                required=True,
                choices=_choices([k.value for k in ActorKind]),
            ),
            Field("title", "Title or role"),
            Field("country", "Country"),
            Field("aliases", "Aliases", help="other names, separated by commas"),
        ]
        values |= {
            "name": proposal.name,
            "kind": proposal.actor_kind,
            "title": proposal.title,
            "country": proposal.country,
            "aliases": ", ".join(proposal.aliases),
        }
    elif isinstance(proposal, MeetingProposal):
        on_desk = ""
        if proposal.existing is not None:
            on_desk = (
                f"Already on the desk as #{proposal.existing[0]} “{proposal.existing[1]}”: "
                "accepting adds the participants, the evidence, and the date and place where "
                "it has none; its title, kind, status and summary stay as they are."
            )
        fields = [
            Field("title", "Title", required=True, help=on_desk),
            Field(
                "kind",
                "Kind",
                kind="choice",
                required=True,
                choices=_choices([k.value for k in MeetingKind]),
            ),
            Field(
                "status",
                "Status",
                kind="choice",
                required=True,
                choices=_choices([s.value for s in MeetingStatus]),
            ),
            Field("date", "Date", kind="date"),
            Field("place", "Place"),
            Field("summary", "Summary", kind="multiline"),
        ]
        values |= {
            "title": proposal.title,
            "kind": proposal.meeting_kind,
            "status": proposal.status,
            "date": proposal.date.text if proposal.date else None,
            "place": proposal.place,
        }
    elif isinstance(proposal, AgendaProposal):
        fields = [
            Field("title", "Agenda item", required=True),
            Field(
                "status",
                "How sure the report is",
                kind="choice",
                required=True,
                choices=_choices([s.value for s in MentionStatus]),
            ),
            Field("description", "Description", kind="multiline"),
        ]
        values |= {"title": proposal.title, "status": proposal.status}
    elif isinstance(proposal, DateProposal):
        meetings = tuple(
            (str(record), p.title)
            for p in proposals.by_kind("meeting")
            if (record := proposals.record_for("meeting", p.key)) is not None
        )
        fields = [Field("date", "Date", kind="date")]
        if meetings:
            fields.append(Field("meeting_id", "Meeting", kind="choice", choices=meetings))
        date = proposal.meeting_date or proposal.date
        values |= {"date": date.text if date else None}
        record = (
            proposals.record_for("meeting", proposal.meeting_key) if proposal.meeting_key else None
        )
        if record is not None and meetings:
            values["meeting_id"] = str(record)
    return fields + common, values
