"""Sessions and domain operations: the only code that writes to a desk.

Used by the app, the command line and the tests alike. Never imports Textual. Names load on
first use (see desk.lazy), so importing ``desk.store.errors`` does not load SQLAlchemy.
"""

from typing import TYPE_CHECKING

from desk.lazy import exports

_NAMES = {
    "Dossier": "dossiers",
    "DossierEntry": "dossiers",
    "AlreadyLinked": "errors",
    "AmbiguousQuote": "errors",
    "Busy": "errors",
    "CannotConnect": "errors",
    "CannotWrite": "errors",
    "DamagedDatabase": "errors",
    "Conflict": "errors",
    "DatabaseRefused": "errors",
    "DeskError": "errors",
    "HasDependents": "errors",
    "InvalidField": "errors",
    "MergeRefused": "errors",
    "NewerDatabase": "errors",
    "NotADeskDatabase": "errors",
    "NotFound": "errors",
    "QuoteNotFound": "errors",
    "UndoRefused": "errors",
    "Location": "location",
    "resolve": "location",
    "Store": "store",
    "default_author": "store",
    "END": "views",
    "ActorDetail": "views",
    "ActorRow": "views",
    "AgendaRow": "views",
    "ChangeNotice": "views",
    "Cursor": "views",
    "EvidenceView": "views",
    "HistoryEntry": "views",
    "ChangeWatcher": "watching",
    "MeetingDetail": "views",
    "MeetingRow": "views",
    "MergePlan": "views",
    "Page": "views",
    "SearchHit": "views",
    "SourceRow": "views",
    "Stats": "views",
}
__all__ = [
    "END",
    "ActorDetail",
    "ActorRow",
    "AgendaRow",
    "AlreadyLinked",
    "AmbiguousQuote",
    "Busy",
    "CannotConnect",
    "CannotWrite",
    "ChangeNotice",
    "ChangeWatcher",
    "Conflict",
    "Cursor",
    "DamagedDatabase",
    "DatabaseRefused",
    "DeskError",
    "Dossier",
    "DossierEntry",
    "EvidenceView",
    "HasDependents",
    "HistoryEntry",
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
__getattr__ = exports(__name__, _NAMES)

if TYPE_CHECKING:
    from desk.store.dossiers import (
        Dossier,
        DossierEntry,
    )
    from desk.store.errors import (
        AlreadyLinked,
        AmbiguousQuote,
        Busy,
        CannotConnect,
        CannotWrite,
        Conflict,
        DamagedDatabase,
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
    from desk.store.location import (
        Location,
        resolve,
    )
    from desk.store.store import (
        Store,
        default_author,
    )
    from desk.store.views import (
        END,
        ActorDetail,
        ActorRow,
        AgendaRow,
        ChangeNotice,
        Cursor,
        EvidenceView,
        HistoryEntry,
        MeetingDetail,
        MeetingRow,
        MergePlan,
        Page,
        SearchHit,
        SourceRow,
        Stats,
    )
    from desk.store.watching import ChangeWatcher
