"""The detail pane: the selected record's fields, its links and its evidence, as one list.

Every line that refers to something (a participant, an agenda mention, a meeting, a piece of
evidence, an alias) is an option the keyboard can reach, with an id saying what it is, so the
screen can act on it: open it, remove it, attach evidence to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from desk import model as schema
from desk.model.vocabulary import CREDIBILITY_MEANING, RELIABILITY_MEANING
from desk.store.date_columns import from_columns
from desk.store.views import ActorDetail, EvidenceView, MeetingDetail
from desk.tui.presentation import (
    AGENDA_STATUS,
    MENTION_STATUS,
    date_cell,
    date_words,
    shorten,
    shown_date,
    sourced,
    status,
)
from desk.tui.safe import block, clean, line, plain
from desk.tui.widgets.review_marks import ReviewMarks, link_mark, review_line

if TYPE_CHECKING:
    from desk.model import Record
    from desk.store import Dossier, Store


@dataclass(frozen=True)
class AgendaBundle:
    dossier: Dossier
    evidence: list[EvidenceView]


@dataclass(frozen=True)
class SourceBundle:
    source: schema.Source
    evidence: list[EvidenceView]
    #: The page it was read from, as kept (a line about it), if desk kept one.
    archive: str | None = None


@dataclass(frozen=True)
class ActorBundle:
    detail: ActorDetail
    dossier: Dossier


Detail = MeetingDetail | ActorBundle | AgendaBundle | SourceBundle


def load_detail(store: Store, model: type[Record], record_id: int) -> Detail:
    """Everything the pane shows for one record (runs in a worker)."""
    if model is schema.Meeting:
        return store.meeting_detail(record_id)
    if model is schema.Actor:
        return ActorBundle(store.actor_detail(record_id), store.actor_dossier(record_id))
    if model is schema.AgendaItem:
        return AgendaBundle(
            store.agenda_dossier(record_id), store.evidence_for(schema.AgendaItem, record_id)
        )
    source = store.get(schema.Source, record_id)
    return SourceBundle(source, store.evidence_in(record_id), _archive(store, record_id))


def _archive(store: Store, source_id: int) -> str | None:
    """A line on the source's archived page: its size, when it was read, its SHA-256."""
    from desk.store.errors import DeskError

    try:
        page = store.archived_page(source_id)
    except DeskError as error:
        return f"archived page: {error}"
    if page is None:
        return None
    when = page.retrieved_at.strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"archived page: {len(page.content) / 1024:,.1f} KB as read {when} · "
        f"sha256 {page.sha256[:12]}…"
    )


def _heading(text: str) -> Option:
    return Option(Text(text, style="bold cyan"), disabled=True)


def _line(text: str | Text, style: str = "") -> Option:
    return Option(text if isinstance(text, Text) else line(text, style=style), disabled=True)


def _safe(option: Option) -> Option:
    """The option with its prompt made literal (the pane's one gate to the screen)."""
    prompt: Any = option.prompt
    if isinstance(prompt, Text):
        prompt = clean(prompt, multiline=True)
    elif isinstance(prompt, Group):
        prompt = Group(
            *(
                clean(part, multiline=True) if isinstance(part, Text) else part
                for part in prompt.renderables
            )
        )
    else:
        prompt = block(prompt)  # a str would be parsed as markup
    return Option(prompt, id=option.id, disabled=option.disabled)


def evidence_option(view: EvidenceView, *, with_source: bool = True) -> Option:
    """A quoted passage with where it comes from, who said it and how it is graded."""
    evidence = view.evidence
    quote = Text("“", style="dim")
    quote.append(plain(shorten(evidence.quote, 240)), style="italic")
    quote.append("”", style="dim")
    where: list[str] = []
    if with_source:
        date = shown_date(view.source_date) if view.source_date else "undated"
        where.append(f"{view.publisher or view.source_title}, {date}")
    if view.attributed_to:
        where.append(f"says {view.attributed_to}")
    grade = view.grade
    meaning = []
    if view.reliability:
        meaning.append(RELIABILITY_MEANING.get(view.reliability, ""))
    if evidence.credibility:
        meaning.append(CREDIBILITY_MEANING.get(evidence.credibility, ""))
    where.append(f"{grade}" + (f" ({'; '.join(meaning)})" if meaning else ""))
    footer = line("   — " + " · ".join(where), style="dim")
    parts: list[Text] = [quote, footer]
    if evidence.note:
        parts.append(block(f"   note: {evidence.note}", style="dim italic"))
    return _safe(Option(Group(*parts), id=f"evidence:{evidence.id}"))


class DetailPane(OptionList):
    """Shows one record; options with ids are the parts a user can act on."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.subject: tuple[type[Record], int] | None = None
        self.detail: Detail | None = None
        self.marks = ReviewMarks()

    def show_nothing(self, message: str = "Nothing selected.") -> None:
        self.subject = None
        self.detail = None
        self.set_options([_safe(_line(message, "dim italic"))])

    def show(
        self,
        model: type[Record],
        record_id: int,
        detail: Detail,
        marks: ReviewMarks | None = None,
    ) -> None:
        keep = self.highlighted if self.subject == (model, record_id) else None
        self.subject = (model, record_id)
        self.detail = detail
        self.marks = marks or ReviewMarks()
        if isinstance(detail, MeetingDetail):
            options = list(self._meeting(detail))
        elif isinstance(detail, ActorBundle):
            options = list(self._actor(detail))
        elif isinstance(detail, AgendaBundle):
            options = list(self._agenda(detail))
        else:
            options = list(self._source(detail))
        reviewed = review_line(self.marks.record)
        if reviewed is not None:  # under the title
            options.insert(1, _line(reviewed))
        self.set_options([_safe(option) for option in options])
        if keep is not None and keep < self.option_count:
            self.highlighted = keep

    # -- kinds ------------------------------------------------------------------------------
    def _meeting(self, detail: MeetingDetail) -> Any:
        meeting = detail.meeting
        yield _line(line(meeting.title, style="bold"))
        facts = Text()
        facts.append_text(status(meeting.status))
        facts.append(f"  {meeting.kind.replace('_', ' ')}")
        if meeting.place:
            facts.append(f"  ·  {plain(meeting.place)}")
        yield _line(facts)
        yield _line(date_words(from_columns(meeting)), "")
        if meeting.summary:
            yield _line(block(meeting.summary, style="dim"))
        yield _heading(f"Participants ({len(detail.participants)})")
        for participant in detail.participants:
            count = len(detail.link_evidence.get(("participant", participant.link.id), []))
            entry = line(f"  {participant.actor.name}", style="bold")
            entry.append(f" — {plain(participant.link.role)}  ")
            entry.append_text(sourced(count))
            entry.append_text(
                link_mark(self.marks.links.get(("participant", participant.link.id or 0)))
            )
            yield Option(entry, id=f"participant:{participant.link.id}")
        if not detail.participants:
            yield _line("  none yet (p adds one)", "dim italic")
        yield _heading(f"Agenda ({len(detail.agenda)})")
        for mention in detail.agenda:
            count = len(detail.link_evidence.get(("agenda", mention.link.id), []))
            entry = Text("  ")
            entry.append_text(status(mention.link.status, MENTION_STATUS))
            entry.append(f"  {plain(mention.item.title)}  ")
            entry.append_text(sourced(count))
            entry.append_text(link_mark(self.marks.links.get(("agenda", mention.link.id or 0))))
            yield Option(entry, id=f"agenda:{mention.link.id}")
        if not detail.agenda:
            yield _line("  none yet (t adds one)", "dim italic")
        yield _heading(f"Evidence for the meeting ({len(detail.evidence)})")
        yield from (evidence_option(view) for view in detail.evidence)
        if not detail.evidence:
            yield _line("  unsourced: l opens a source to cite", "bold red")
        links = [(key, views) for key, views in detail.link_evidence.items() if views]
        if links:
            yield _heading("Evidence for its links")
            names = {("participant", p.link.id): p.actor.name for p in detail.participants}
            names |= {("agenda", m.link.id): m.item.title for m in detail.agenda}
            for key, views in links:
                yield _line(line(f"  {names.get(key, key[0])}", style="bold dim"))
                yield from (evidence_option(view) for view in views)

    def _actor(self, bundle: ActorBundle) -> Any:
        actor = bundle.detail.actor
        yield _line(line(actor.name, style="bold"))
        facts = ", ".join(part for part in (actor.kind, actor.title, actor.country) if part)
        yield _line(facts)
        if actor.notes:
            yield _line(block(actor.notes, style="dim"))
        yield _heading(f"Also known as ({len(bundle.detail.aliases)})")
        for alias in bundle.detail.aliases:
            language = f"  [{alias.language}]" if alias.language else ""
            yield Option(line(f"  {alias.name}{language}"), id=f"alias:{alias.id}")
        dossier = bundle.dossier
        yield _heading(f"Meetings ({len(dossier.entries) + dossier.more})")
        for entry in dossier.entries:
            row = Text("  ")
            row.append_text(date_cell(entry.date))
            row.append(f"  {plain(entry.meeting.title)}", style="bold")
            row.append(f" — {plain(entry.part)}")
            yield Option(row, id=f"meeting:{entry.meeting.id}")
        if dossier.more:
            yield _line(f"  … and {dossier.more} more (o opens the dossier)", "dim")
        if dossier.topics:
            yield _heading("On their agenda")
            for title, count in dossier.topics[:12]:
                yield _line(f"  {title}  ({count})")
        yield _heading(f"Evidence ({len(bundle.detail.evidence)})")
        yield from (evidence_option(view) for view in bundle.detail.evidence)
        if not bundle.detail.evidence:
            yield _line("  unsourced: l opens a source to cite", "bold red")

    def _agenda(self, bundle: AgendaBundle) -> Any:
        dossier = bundle.dossier
        item = dossier.subject
        assert isinstance(item, schema.AgendaItem)
        yield _line(line(item.title, style="bold"))
        yield _line(status(item.status, AGENDA_STATUS))
        if item.description:
            yield _line(block(item.description, style="dim"))
        counts = ", ".join(f"{count} {name}" for name, count in sorted(dossier.statuses.items()))
        yield _heading(f"Taken up by ({counts or 'no meetings yet'})")
        for entry in dossier.entries:
            row = Text("  ")
            row.append_text(date_cell(entry.date))
            row.append("  ")
            row.append_text(status(entry.part, MENTION_STATUS))
            row.append(f"  {plain(entry.meeting.title)}", style="bold")
            yield Option(row, id=f"meeting:{entry.meeting.id}")
        yield _heading(f"Evidence ({len(bundle.evidence)})")
        yield from (evidence_option(view) for view in bundle.evidence)
        if not bundle.evidence:
            yield _line("  unsourced: l opens a source to cite", "bold red")

    def _source(self, bundle: SourceBundle) -> Any:
        source = bundle.source
        yield _line(line(source.title, style="bold"))
        facts = [source.publisher or "unknown publisher", date_words(from_columns(source))]
        yield _line(" · ".join(facts))
        if source.reliability:
            meaning = RELIABILITY_MEANING.get(source.reliability, "")
            yield _line(f"reliability {source.reliability} ({meaning})")
        if source.url:
            yield _line(line(source.url, style="underline"))
        yield _line(
            Text(f"{len(source.text):,} characters · sha256 {source.sha256[:12]}…", style="dim")
        )
        if bundle.archive:
            yield _line(line(bundle.archive, style="dim"))
        yield _heading(f"Cited passages ({len(bundle.evidence)}) — l opens the text")
        yield from (evidence_option(view, with_source=False) for view in bundle.evidence)
        yield _heading("Beginning of the text")
        yield _line(line(shorten(source.text, 600), style="dim"))
