"""Partial dates: what is known of a date and no more (see ``partial``)."""

from desk.dates.partial import DateError, PartialDate, Precision

__all__ = ["DateError", "PartialDate", "Precision"]
