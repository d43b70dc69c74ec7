"""The actor or agenda item a user names on the command line: by id, name, alias or title."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk.dates import PartialDate
    from desk.store import Store


def resolve_date(value: PartialDate | str | None, today: dt.date | None, option: str) -> Any:
    """A typed date ("2024-06", "last June") resolved against ``today``; a PartialDate as is."""
    from desk import dates
    from desk.dates import DateError, PartialDate
    from desk.store import InvalidField

    if value is None or isinstance(value, PartialDate):
        return value
    try:
        return dates.parse(value, reference=today or dt.date.today())
    except DateError as error:
        raise InvalidField(option, str(error)) from error


def network_filters(
    store: Store, date_from: str | None, date_to: str | None, agenda: str | None
) -> tuple[dt.date | None, dt.date | None, int | None]:
    """``--from``, ``--to`` and ``--agenda`` as a network's first day, last day and agenda item."""
    first = resolve_date(date_from, None, "--from")
    last = resolve_date(date_to, None, "--to")
    agenda_item_id = resolve_agenda(store, agenda, "--agenda")[0] if agenda else None
    return (
        first.earliest if first is not None else None,
        last.latest if last is not None else None,
        agenda_item_id,
    )


def resolve_actor(store: Store, given: int | str, option: str = "actor") -> tuple[int, str]:
    """An actor by id, or by name or alias: exact (ignoring case), else the one containing it."""
    from sqlalchemy import func, or_, select

    from desk.model import Actor, ActorAlias
    from desk.store import InvalidField

    with store.reading() as session:
        if isinstance(given, int) or str(given).strip().isdigit():
            found = session.get(Actor, int(given))
            if found is None:
                raise InvalidField(option, f"there is no actor #{given}")
            return int(given), found.name
        text = str(given).strip()
        alias_of = select(ActorAlias.actor_id)
        exact = session.execute(
            select(Actor.id, Actor.name).where(
                or_(
                    func.lower(Actor.name) == text.lower(),
                    Actor.id.in_(alias_of.where(func.lower(ActorAlias.name) == text.lower())),  # type: ignore[union-attr]
                )
            )
        ).all()
        if not exact:
            pattern = f"%{text.lower()}%"
            exact = session.execute(
                select(Actor.id, Actor.name)
                .where(
                    or_(
                        func.lower(Actor.name).like(pattern),
                        Actor.id.in_(alias_of.where(func.lower(ActorAlias.name).like(pattern))),  # type: ignore[union-attr]
                    )
                )
                .limit(6)
            ).all()
    return _one(option, "actor", text, [(row[0], row[1]) for row in exact])


def resolve_agenda(store: Store, given: int | str, option: str = "agenda item") -> tuple[int, str]:
    """An agenda item by id, or by title: exact (ignoring case), else the one containing it."""
    from sqlalchemy import func, select

    from desk.model import AgendaItem
    from desk.store import InvalidField

    with store.reading() as session:
        if isinstance(given, int) or str(given).strip().isdigit():
            found = session.get(AgendaItem, int(given))
            if found is None:
                raise InvalidField(option, f"there is no agenda item #{given}")
            return int(given), found.title
        text = str(given).strip()
        rows = session.execute(
            select(AgendaItem.id, AgendaItem.title).where(
                func.lower(AgendaItem.title) == text.lower()
            )
        ).all()
        if not rows:
            rows = session.execute(
                select(AgendaItem.id, AgendaItem.title)
                .where(func.lower(AgendaItem.title).like(f"%{text.lower()}%"))
                .limit(6)
            ).all()
    return _one(option, "agenda item", text, [(row[0], row[1]) for row in rows])


def _one(option: str, kind: str, text: str, found: Sequence[tuple[int, str]]) -> tuple[int, str]:
    from desk.store import InvalidField

    if not found:
        raise InvalidField(option, f"no {kind} is called {text!r}")
    if len(found) > 1:
        listed = "; ".join(f"#{record_id} {name}" for record_id, name in found[:5])
        raise InvalidField(
            option, f"{text!r} names more than one {kind} ({listed}); give its id or full name"
        )
    return found[0]
