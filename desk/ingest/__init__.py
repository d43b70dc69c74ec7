"""Reading a new source into proposals: the actors, meetings, dates and agenda items it names,
each with the passage that supports it, for the analyst to accept, edit or reject.

It runs offline and headless (no Textual, no model downloaded, nothing sent anywhere): names are
matched with tolerant keys (``names``), candidates read from titles and wording (``candidates``),
from where a name stands in its sentence (``structure``), meetings from their clauses
(``meetings``, a package of small readers) and agenda items (``agenda``), bodies the desk knows
under another wording offered as aliases (``similar``), related to what the desk holds
(``relate``), and turned into ``proposals`` by ``engine``; ``accepting`` carries decisions out
through the store. Names load on first use (see desk.lazy), so importing the package is cheap.
"""

from typing import TYPE_CHECKING

from desk.lazy import exports

_NAMES = {
    "accept": "accepting",
    "accept_all": "accepting",
    "reject": "accepting",
    "propose": "engine",
    "proposals_for": "engine",
    "Known": "known",
    "KnownActor": "known",
    "KnownItem": "known",
    "KnownMeeting": "known",
    "AgendaProposal": "proposals",
    "DateProposal": "proposals",
    "KnownActorProposal": "proposals",
    "MeetingProposal": "proposals",
    "NewActorProposal": "proposals",
    "Proposal": "proposals",
    "ProposalSet": "proposals",
    "RelatedAgendaProposal": "proposals",
    "RelatedMeetingProposal": "proposals",
    "add_source": "source",
}
__all__ = [
    "AgendaProposal",
    "DateProposal",
    "Known",
    "KnownActor",
    "KnownActorProposal",
    "KnownItem",
    "KnownMeeting",
    "MeetingProposal",
    "NewActorProposal",
    "Proposal",
    "ProposalSet",
    "RelatedAgendaProposal",
    "RelatedMeetingProposal",
    "accept",
    "accept_all",
    "add_source",
    "proposals_for",
    "propose",
    "reject",
]
__getattr__ = exports(__name__, _NAMES)

if TYPE_CHECKING:
    from desk.ingest.accepting import accept, accept_all, reject
    from desk.ingest.engine import proposals_for, propose
    from desk.ingest.known import Known, KnownActor, KnownItem, KnownMeeting
    from desk.ingest.proposals import (
        AgendaProposal,
        DateProposal,
        KnownActorProposal,
        MeetingProposal,
        NewActorProposal,
        Proposal,
        ProposalSet,
        RelatedAgendaProposal,
        RelatedMeetingProposal,
    )
    from desk.ingest.source import add_source
