"""The four lists of the main screen: their tables' columns and how a row is drawn.

Kinds name their table class rather than importing it: the main screen must paint before
SQLModel is imported (see desk.store.quick), so ``Kind.model`` resolves on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import desk.model
from desk.store.views import ActorRow, AgendaRow, MeetingRow, SourceRow
from desk.tui.presentation import AGENDA_STATUS, date_cell, sourced, status
from desk.tui.safe import line
from desk.tui.widgets.paged_table import Cell, Column


@dataclass(frozen=True)
class Kind:
    name: str  # "meetings"
    label: str  # tab label
    singular: str  # "meeting"
    #: The name of the record's table class in desk.model ("Meeting").
    table: str
    columns: tuple[Column, ...]
    render: Callable[[Any], Sequence[Cell]]

    @property
    def model(self) -> type[Record]:
        return getattr(desk.model, self.table)  # type: ignore[no-any-return]


if TYPE_CHECKING:
    from desk.model import Record


def _meeting(row: MeetingRow) -> Sequence[Cell]:
    return (
        date_cell(row.date),
        status(row.status),
        line(row.title),
        line(row.place),
        sourced(row.evidence_count),
    )


def _actor(row: ActorRow) -> Sequence[Cell]:
    return (
        line(row.name, style="bold"),
        line(row.kind),
        line(row.title),
        line(row.country),
        str(row.meeting_count),
        sourced(row.evidence_count),
    )


def _agenda(row: AgendaRow) -> Sequence[Cell]:
    return (
        line(row.title),
        status(row.status, AGENDA_STATUS),
        str(row.meeting_count),
        sourced(row.evidence_count),
    )


def _source(row: SourceRow) -> Sequence[Cell]:
    return (
        date_cell(row.date),
        line(row.publisher),
        line(row.title),
        line(row.reliability or "?"),
        str(row.evidence_count),
    )


KINDS: tuple[Kind, ...] = (
    Kind(
        "meetings",
        "Meetings",
        "meeting",
        "Meeting",
        (
            Column("date", "Date", 14),
            Column("status", "Status", 12),
            Column("title", "Meeting", minimum=20, weight=3),
            Column("place", "Place", minimum=10, needs=100),
            Column("sourced", "Evidence", 9),
        ),
        _meeting,
    ),
    Kind(
        "actors",
        "Actors",
        "actor",
        "Actor",
        (
            Column("name", "Name", minimum=16, weight=2),
            Column("kind", "Kind", 12),
            Column("title", "Title", minimum=12),
            Column("country", "Country", 13),
            Column("meetings", "Mtgs", 4),
            Column("sourced", "Evidence", 9),
        ),
        _actor,
    ),
    Kind(
        "agenda",
        "Agenda items",
        "agenda item",
        "AgendaItem",
        (
            Column("title", "Agenda item", minimum=20),
            Column("status", "Status", 11),
            Column("meetings", "Mtgs", 4),
            Column("sourced", "Evidence", 9),
        ),
        _agenda,
    ),
    Kind(
        "sources",
        "Sources",
        "source",
        "Source",
        (
            Column("date", "Published", 13),
            Column("publisher", "Publisher", 16),
            Column("title", "Title", minimum=20, weight=3),
            Column("reliability", "Rel", 3),
            Column("cited", "Cited", 5),
        ),
        _source,
    ),
)

KIND_BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}


def kind_of(model: type[Record]) -> Kind:
    """The list that shows records of ``model``."""
    return next(kind for kind in KINDS if kind.table == model.__name__)
