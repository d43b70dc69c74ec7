"""A PartialDate spread over a record's ``date_*`` columns, and back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from desk.dates import DateError, PartialDate
from desk.store.errors import InvalidField

DATE_COLUMNS = (
    "date_text",
    "date_precision",
    "date_earliest",
    "date_latest",
    "date_sort",
    "date_phrase",
    "date_reference",
)


def to_columns(value: PartialDate | None) -> dict[str, Any]:
    if value is None:
        return dict.fromkeys(DATE_COLUMNS)
    return {
        "date_text": value.text,
        "date_precision": value.precision.value,
        "date_earliest": value.earliest,
        "date_latest": value.latest,
        "date_sort": value.earliest or value.latest,
        "date_phrase": value.phrase,
        "date_reference": value.reference,
    }


def from_columns(row: Mapping[str, Any] | Any) -> PartialDate | None:
    """The PartialDate a row (mapping or model instance) holds, or None if it has no date."""
    get = row.get if isinstance(row, Mapping) else lambda name: getattr(row, name)
    text = get("date_text")
    if not text:
        return None
    reference = get("date_reference")
    if isinstance(reference, str):
        reference = dt.date.fromisoformat(reference)
    return PartialDate.from_canonical(text, phrase=get("date_phrase"), reference=reference)


def coerce(
    value: PartialDate | str | None, *, reference: dt.date | None = None, field: str = "date"
) -> PartialDate | None:
    """A date as the store keeps it: a PartialDate, or text read as analysts write dates.

    Free text ("Sept. 13, 2024", "last June") is resolved against ``reference`` (the source's
    publication day; today when None). Only a phrase that leaned on that day records it: an
    absolute date ("2025-03-21") was resolved against nothing.
    """
    if value is None or isinstance(value, PartialDate):
        return value
    text = value.strip()
    if not text:
        return None
    import dataclasses

    from desk.dates.parse import resolve

    try:
        resolution = resolve(text, reference=reference)
    except DateError as error:
        raise InvalidField(field, str(error)) from error
    if resolution.relative:
        return resolution.date
    return dataclasses.replace(resolution.date, reference=None)
