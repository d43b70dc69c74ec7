"""What screens give back when they close: typed results, never bare tuples or dicts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordRef:
    """A record to show: its table class (from desk.model) and its id."""

    model: type
    record_id: int
