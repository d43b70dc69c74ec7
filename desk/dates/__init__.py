"""Partial dates: what is known of a date and no more.

``PartialDate`` (see ``partial``) is the value; ``parse`` reads one from free text resolved
against a reference day, and ``find`` scans a source for every date phrase in it.

``PartialDate`` loads with the package; the readers (``parse``, ``find``, ``Tense``) load on first
use (see desk.lazy): they compile their vocabularies when imported, about a tenth of a second that
opening the app, which only shows dates, should not pay.
"""

import sys
import types
from typing import TYPE_CHECKING

from desk.dates.partial import DateError, PartialDate, Precision
from desk.lazy import exports

_NAMES = {"DateMatch": "find", "find": "find", "parse": "parse", "Tense": "tense"}
__all__ = ["DateError", "DateMatch", "PartialDate", "Precision", "Tense", "find", "parse"]
__getattr__ = exports(__name__, _NAMES)

#: Functions named like the submodule that defines them.
_SHADOWED = frozenset({"find", "parse"})


class _Dates(types.ModuleType):
    """The package, whose ``find`` and ``parse`` stay the functions.

    Importing a submodule binds it on its package (``desk.dates.parse`` the module), which would
    make ``from desk.dates import parse`` hand out the module once anything imported it; an eager
    ``__init__`` rebound the names afterwards, a lazy one keeps them by refusing that binding.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Dates

if TYPE_CHECKING:
    from desk.dates.find import DateMatch, find
    from desk.dates.parse import parse
    from desk.dates.tense import Tense
