"""Partial dates: what is known of a date and no more.

``PartialDate`` (see ``partial``) is the value; ``parse`` reads one from free text resolved
against a reference day, and ``find`` scans a source for every date phrase in it.
"""

from desk.dates.find import DateMatch, find
from desk.dates.parse import parse
from desk.dates.partial import DateError, PartialDate, Precision
from desk.dates.tense import Tense

__all__ = ["DateError", "DateMatch", "PartialDate", "Precision", "Tense", "find", "parse"]
