"""Sessions and domain operations: the only code that writes to a desk.

Used by the app, the command line and the tests alike. Never imports Textual.
"""

from desk.store.dossiers import Dossier, DossierEntry
from desk.store.errors import (
    AlreadyLinked,
    AmbiguousQuote,
    Conflict,
    DatabaseRefused,
    DeskError,
    HasDependents,
    InvalidField,
    MergeRefused,
    NewerDatabase,
    NotADeskDatabase,
    NotFound,
    QuoteNotFound,
    UndoRefused,
)
from desk.store.location import Location, resolve
from desk.store.store import Store, default_author
from desk.store.views import (
    END,
    ActorDetail,
    ActorRow,
    AgendaRow,
    ChangeNotice,
    Cursor,
    EvidenceView,
    MeetingDetail,
    MeetingRow,
    MergePlan,
    Page,
    SearchHit,
    SourceRow,
    Stats,
)

__all__ = [
    "END",
    "ActorDetail",
    "ActorRow",
    "AgendaRow",
    "AlreadyLinked",
    "AmbiguousQuote",
    "ChangeNotice",
    "Conflict",
    "Cursor",
    "DatabaseRefused",
    "DeskError",
    "Dossier",
    "DossierEntry",
    "EvidenceView",
    "HasDependents",
    "InvalidField",
    "Location",
    "MeetingDetail",
    "MeetingRow",
    "MergePlan",
    "MergeRefused",
    "NewerDatabase",
    "NotADeskDatabase",
    "NotFound",
    "Page",
    "QuoteNotFound",
    "SearchHit",
    "SourceRow",
    "Stats",
    "Store",
    "UndoRefused",
    "default_author",
    "resolve",
]
