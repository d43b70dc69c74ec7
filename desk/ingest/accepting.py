"""Acting on proposals: accept (optionally edited), reject, or accept everything pending.

Accepting creates or links the record and cites the supporting passage as its evidence,
attributed to whoever the passage quotes; the decision is remembered for the source. It is one
store transaction (``Store.carry_out``), so one undo takes it all back. A meeting whose
participants are still only proposed brings them onto the desk with it.

Edits given to ``accept`` replace what was proposed: for a meeting, its title, kind, status,
date (resolved against the source's publication day), place, and its participants (a list of
``Participant``: some proposed, some dropped, roles changed, actors added). A decision taken on
an edited proposal is remembered as accepted, its label marked ``EDITED_MARK``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desk.ingest.proposals import (
    EDITED_MARK,
    AgendaProposal,
    DateProposal,
    KnownActorProposal,
    MeetingProposal,
    NewActorProposal,
    Participant,
    Passage,
    Proposal,
    ProposalSet,
    RelatedAgendaProposal,
    RelatedMeetingProposal,
)
from desk.model import Actor, AgendaItem, Meeting, MeetingActor, MeetingAgenda
from desk.store.errors import DeskError
from desk.store.proposals import AddAlias, Cite, Create, Decide, Fill, Link, Ref, Step

if TYPE_CHECKING:
    from desk.ingest.proposals import ActorRef
    from desk.store import Store

#: The order ``accept_all`` takes proposals in: actors before the meetings they take part in,
#: meetings before the dates and agenda items that belong to them.
ACCEPT_ORDER = (
    "new_actor",
    "actor",
    "meeting",
    "agenda",
    "related_meeting",
    "related_agenda",
    "date",
)
_LABEL_LENGTH = 70


class NeedsDecision(DeskError):
    """A proposal that cannot be accepted before another one is (a date before its meeting)."""


@dataclass
class Accepted:
    proposal: Proposal
    changeset_id: int
    #: Record ids by step name ("actor", "meeting", "item", ...).
    ids: dict[str, int] = field(default_factory=dict)


def reject(store: Store, proposals: ProposalSet, proposal: Proposal) -> int:
    """Remember that the analyst rejected ``proposal``; returns the changeset id."""
    source_id = _source_id(proposals)
    changeset = store.decide_proposal(
        source_id, proposal.kind, proposal.key, "rejected", _short(proposal.label)
    )
    proposals.remember(store.proposal_decisions(source_id))
    return changeset


def accept(
    store: Store,
    proposals: ProposalSet,
    proposal: Proposal,
    edits: Mapping[str, Any] | None = None,
) -> Accepted:
    """Carry ``proposal`` out (with the analyst's ``edits``) and remember the decision."""
    source_id = _source_id(proposals)
    plan = _Plan(proposals, proposal, dict(edits or {}))
    steps = plan.steps()
    verb = "accept edited" if edits else "accept"
    summary = f"{verb} “{_short(proposal.label)}” from “{_short(proposals.title, 40)}”"
    outcome = store.carry_out(source_id, steps, summary=summary)
    proposals.remember(store.proposal_decisions(source_id))
    return Accepted(proposal, outcome.changeset_id, outcome.ids)


@dataclass
class AcceptAll:
    accepted: list[Accepted] = field(default_factory=list)
    #: Proposals left pending, with why.
    skipped: list[tuple[Proposal, str]] = field(default_factory=list)


def accept_all(store: Store, proposals: ProposalSet) -> AcceptAll:
    """Accept every pending proposal, actors first (what ``benchmarks/proposals/measure.py`` and a
    script that trusts desk's reading do)."""
    result = AcceptAll()
    for kind in ACCEPT_ORDER:
        for proposal in proposals.by_kind(kind):
            if proposals.status(proposal) != "pending":
                continue
            try:
                result.accepted.append(accept(store, proposals, proposal))
            except DeskError as error:
                result.skipped.append((proposal, str(error)))
    return result


def _source_id(proposals: ProposalSet) -> int:
    if proposals.source_id is None:
        raise DeskError("these proposals are for a text, not a source on the desk")
    return proposals.source_id


def _short(text: str, limit: int = _LABEL_LENGTH) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Plan:
    """The store steps that carry one proposal out."""

    def __init__(self, proposals: ProposalSet, proposal: Proposal, edits: dict[str, Any]) -> None:
        self.proposals = proposals
        self.proposal = proposal
        self.edits = edits
        self.steps_: list[Step] = []
        self._made: dict[str, Ref] = {}

    def steps(self) -> list[Step]:
        proposal = self.proposal
        if isinstance(proposal, NewActorProposal):
            self._new_actor(proposal, self.edits, primary=True)
        elif isinstance(proposal, KnownActorProposal):
            self._known_actor(proposal)
        elif isinstance(proposal, MeetingProposal):
            self._meeting(proposal)
        elif isinstance(proposal, DateProposal):
            self._date(proposal)
        elif isinstance(proposal, AgendaProposal):
            self._agenda(proposal)
        elif isinstance(proposal, RelatedMeetingProposal | RelatedAgendaProposal):
            self._related(proposal)
        else:
            raise DeskError(f"desk does not know how to accept a {proposal.kind} proposal")
        return self.steps_

    # -- helpers -----------------------------------------------------------------------------
    def _add(self, step: Step) -> None:
        self.steps_.append(step)

    def _decide(self, proposal: Proposal, record: Ref | None) -> None:
        # Only the proposal edited is marked so, not the actors its meeting brings along.
        edited = bool(self.edits) and proposal is self.proposal
        label = _short(
            proposal.label, _LABEL_LENGTH - len(EDITED_MARK) if edited else _LABEL_LENGTH
        )
        self._add(
            Decide(proposal.kind, proposal.key, "accepted", label + EDITED_MARK * edited, record)
        )

    def _cite(self, target: Ref, passage: Passage) -> None:
        attributed, text = self._attribution(passage)
        credibility = self.edits.get("credibility") or passage.credibility
        self._add(
            Cite(
                target,
                passage.start,
                passage.end,
                attributed_actor=attributed,
                attributed_text=text,
                credibility=int(credibility) if credibility else None,
                note=self.edits.get("note"),
            )
        )

    def _attribution(self, passage: Passage) -> tuple[Ref | None, str | None]:
        """Whom evidence is attributed to: the actor the passage quotes when it is on the desk
        (or made by this plan), else the words; an edit replaces them."""
        given = self.edits.get("attributed_to", passage.attributed_to)
        if given != passage.attributed_to:
            return None, given
        if passage.attributed_key is not None:
            actor = self._existing_actor(passage.attributed_key)
            if actor is not None:
                return actor, None
            return None, passage.attributed_name
        return None, passage.attributed_text

    def _existing_actor(self, key: str) -> Ref | None:
        """The actor behind an entity key, if it is on the desk (or made by this plan)."""

        if key.startswith("actor#"):
            return Ref(Actor, id=int(key.removeprefix("actor#")))
        if key in self._made:
            return self._made[key]
        record = self.proposals.record_for("new_actor", key)
        return Ref(Actor, id=record) if record is not None else None

    def _actor(self, actor: ActorRef) -> Ref:
        """The actor a participant is: on the desk, accepted already, or created now."""

        if actor.actor_id is not None:
            return Ref(Actor, id=actor.actor_id)
        existing = self._existing_actor(actor.key)
        if existing is not None:
            return existing
        proposal = self.proposals.get("new_actor", actor.key)
        if isinstance(proposal, NewActorProposal):
            if self.proposals.status(proposal) == "rejected":
                raise DeskError(
                    f"“{actor.name}” was rejected as an actor; edit the meeting, or accept "
                    "that actor first"
                )
            return self._new_actor(proposal, {}, primary=False)

        step = f"actor:{actor.key}"
        self._add(Create(step, Actor, {"name": actor.name}))
        ref = Ref(Actor, step=step)
        self._made[actor.key] = ref
        return ref

    # -- kinds -------------------------------------------------------------------------------
    def _new_actor(
        self, proposal: NewActorProposal, edits: Mapping[str, Any], *, primary: bool
    ) -> Ref:

        step = "actor" if primary else f"actor:{proposal.key}"
        name = edits.get("name") or proposal.name
        values = {
            "name": name,
            "kind": edits.get("kind") or proposal.actor_kind,
            "title": edits.get("title", proposal.title),
            "country": edits.get("country", proposal.country),
        }
        self._add(Create(step, Actor, values))
        ref = Ref(Actor, step=step)
        self._made[proposal.key] = ref
        aliases = edits.get("aliases")
        listed = (
            [a.strip() for a in str(aliases).split(",")]
            if aliases is not None
            else proposal.aliases
        )
        for alias in dict.fromkeys(a for a in listed if a and a != name):
            self._add(AddAlias(ref, alias))
        self._cite(ref, proposal.passage)
        self._decide(proposal, ref)
        return ref

    def _known_actor(self, proposal: KnownActorProposal) -> None:

        assert proposal.actor.actor_id is not None
        ref = Ref(Actor, id=proposal.actor.actor_id)
        if proposal.new_alias and self.edits.get("add_alias", True):
            self._add(AddAlias(ref, proposal.new_alias))
        self._cite(ref, proposal.passage)
        self._decide(proposal, ref)

    def _meeting(self, proposal: MeetingProposal) -> None:

        edits = self.edits
        date: Any = edits.get("date", proposal.date)
        if proposal.date is not None and date == proposal.date.text:
            date = proposal.date  # left as proposed: keep the phrase it came from
        reference = self.proposals.reference
        if proposal.existing is not None and not edits.get("as_new"):
            meeting = Ref(Meeting, id=proposal.existing[0])
            self._add(Fill(meeting, {"date": date, "place": proposal.place}, reference))
        else:
            values = {
                "title": edits.get("title") or proposal.title,
                "kind": edits.get("kind") or proposal.meeting_kind,
                "status": edits.get("status") or proposal.status,
                "date": date,
                "place": edits.get("place", proposal.place),
                "summary": edits.get("summary"),
            }
            self._add(Create("meeting", Meeting, values, reference))
            meeting = Ref(Meeting, step="meeting")
        for passage in proposal.passages or (proposal.passage,):
            self._cite(meeting, passage)
        participants: Sequence[Participant] = edits.get("participants", proposal.participants)
        for number, participant in enumerate(participants):
            actor = self._actor(participant.actor)
            link = f"participant{number}"
            self._add(Link(link, meeting, actor, participant.role))
            self._add(
                Cite(
                    Ref(MeetingActor, step=link),
                    participant.passage.start,
                    participant.passage.end,
                    attributed_actor=self._attribution(participant.passage)[0],
                    attributed_text=self._attribution(participant.passage)[1],
                    credibility=participant.passage.credibility,
                )
            )
        self._decide(proposal, meeting)

    def _meeting_target(self, key: str | None, meeting_id: int | None) -> Ref | None:
        """The meeting a date belongs to: chosen in an edit, accepted from this source, or the
        desk meeting its proposal matched."""
        chosen = self.edits.get("meeting_id")
        if chosen:
            return Ref(Meeting, id=int(chosen))
        if key is not None:
            record = self.proposals.record_for("meeting", key)
            if record is not None:
                return Ref(Meeting, id=record)
            meeting = self.proposals.get("meeting", key)
            pending = meeting is not None and self.proposals.status(meeting) == "pending"
            if pending and meeting_id is None and isinstance(meeting, MeetingProposal):
                raise NeedsDecision(
                    f"the date belongs to the meeting “{meeting.title}”: accept that meeting first"
                )
        return Ref(Meeting, id=meeting_id) if meeting_id is not None else None

    def _date(self, proposal: DateProposal) -> None:

        meeting = self._meeting_target(proposal.meeting_key, proposal.meeting_id)
        if meeting is not None:
            date = self.edits.get("date", proposal.meeting_date or proposal.date)
            self._add(Fill(meeting, {"date": date}, self.proposals.reference))
            self._cite(meeting, proposal.passage)
        self._decide(proposal, meeting)

    def _agenda(self, proposal: AgendaProposal) -> None:

        edits = self.edits
        if proposal.existing is not None and not edits.get("as_new"):
            item = Ref(AgendaItem, id=proposal.existing[0])
        else:
            status = proposal.status
            values = {
                "title": edits.get("title") or proposal.title,
                "description": edits.get("description"),
                "status": "emerging" if status in ("speculated", "expected") else "active",
            }
            self._add(Create("item", AgendaItem, values))
            item = Ref(AgendaItem, step="item")
        self._cite(item, proposal.passage)
        meeting = None
        if proposal.meeting_key is not None or edits.get("meeting_id"):
            record = self.proposals.record_for("meeting", proposal.meeting_key or "")
            chosen = edits.get("meeting_id") or record
            if chosen is not None:
                meeting = Ref(Meeting, id=int(chosen))
        if meeting is not None:
            self._add(Link("mention", meeting, item, edits.get("status") or proposal.status))
            self._add(
                Cite(
                    Ref(MeetingAgenda, step="mention"),
                    proposal.passage.start,
                    proposal.passage.end,
                    attributed_actor=self._attribution(proposal.passage)[0],
                    attributed_text=self._attribution(proposal.passage)[1],
                    credibility=proposal.passage.credibility,
                )
            )
        self._decide(proposal, item)

    def _related(self, proposal: RelatedMeetingProposal | RelatedAgendaProposal) -> None:

        if isinstance(proposal, RelatedMeetingProposal):
            target = Ref(Meeting, id=proposal.meeting_id)
        else:
            target = Ref(AgendaItem, id=proposal.item_id)
        self._cite(target, proposal.passage)
        self._decide(proposal, target)
