"""Export and import: the desk as a Frictionless Data Package of CSV files, and a flat event file.

The API, for the command line and for the app (call it from a worker thread; ``progress``
callbacks come back on that thread, and raising in one cancels the work, leaving nothing
behind)::

    export_package(store, path, *, profile="data", progress=None, replace=False) -> ExportResult
    import_package(store, path, *, progress=None, dry_run=False) -> ImportResult
    export_flat(store, path, *, profile="data", date_from=None, date_to=None, actor=None,
                agenda_item=None, progress=None, replace=False) -> FlatResult
    copy_desk(source_store, target_store, *, progress=None) -> CopyResult

Errors a user can cause raise ``desk.store.DeskError`` subclasses from ``desk.exchange.errors``
(``ExportRefused``, ``PackageError``, ``NotAPackage``, ``InvalidData`` with file, line and column).

Modules: ``schema`` (Table Schemas from the SQLModel tables), ``csv_format`` (how values are
written and read), ``package`` (datapackage.json, folders and zips), ``export`` and
``sqlite_export`` (writing), ``reading``, ``loading``, ``checks`` and ``import_`` (reading,
loading, checking, restoring and merging), ``flat`` (the event file), ``progress`` (callbacks
and the terminal bar). Names are imported on first use,
so worker processes and ``desk --help`` start without the database layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk.exchange.copying import CopyResult, copy_desk
    from desk.exchange.errors import (
        ExchangeError,
        ExportRefused,
        InvalidData,
        NotAPackage,
        PackageError,
    )
    from desk.exchange.export import ExportResult, export_package
    from desk.exchange.flat import FlatResult, export_flat
    from desk.exchange.import_ import ImportResult, RecordConflict, import_package

_HOMES = {
    "copy_desk": "desk.exchange.copying",
    "CopyResult": "desk.exchange.copying",
    "export_package": "desk.exchange.export",
    "ExportResult": "desk.exchange.export",
    "import_package": "desk.exchange.import_",
    "ImportResult": "desk.exchange.import_",
    "RecordConflict": "desk.exchange.import_",
    "export_flat": "desk.exchange.flat",
    "FlatResult": "desk.exchange.flat",
    "ExchangeError": "desk.exchange.errors",
    "ExportRefused": "desk.exchange.errors",
    "PackageError": "desk.exchange.errors",
    "NotAPackage": "desk.exchange.errors",
    "InvalidData": "desk.exchange.errors",
}

__all__ = [
    "CopyResult",
    "ExchangeError",
    "ExportRefused",
    "ExportResult",
    "FlatResult",
    "ImportResult",
    "InvalidData",
    "NotAPackage",
    "PackageError",
    "RecordConflict",
    "copy_desk",
    "export_flat",
    "export_package",
    "import_package",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_HOMES[name]), name)
