"""Actors judged not the same, remembered so the possible-duplicates list does not offer them again.

Judging is a write like any other: one changeset in the audit trail, undone with ctrl+z. A merge
carries the merged actor's judgements to the kept one (if B is not C and A is B, A is not C),
and deleting an actor takes its judgements with it, both through the Writer so undo restores them.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desk.model import Actor
from desk.model.duplicates import ActorDistinction
from desk.store.errors import AlreadyLinked, MergeRefused
from desk.store.writer import Writer


def ordered(first: int, second: int) -> tuple[int, int]:
    return (first, second) if first < second else (second, first)


def mark_distinct(writer: Writer, first: int, second: int) -> None:
    if first == second:
        raise MergeRefused(f"actor #{first} cannot be told apart from itself")
    one = writer.require(Actor, first)
    other = writer.require(Actor, second)
    low, high = ordered(first, second)
    if _find(writer.session, low, high) is not None:
        raise AlreadyLinked(
            f"“{one['name']}” and “{other['name']}” are already marked not the same"
        )
    writer.insert(ActorDistinction, {"actor_id": low, "other_actor_id": high})
    writer.summary = f"mark “{one['name']}” and “{other['name']}” as not the same"


def distinct_pairs(session: Session) -> set[tuple[int, int]]:
    """Every pair judged not the same, lower id first."""
    query = select(ActorDistinction.actor_id, ActorDistinction.other_actor_id)
    return {(low, high) for low, high in session.execute(query)}


def involving(session: Session, actor_id: int) -> list[tuple[int, int, int]]:
    """(row id, actor_id, other_actor_id) of the judgements naming ``actor_id``."""
    table = ActorDistinction.__table__  # type: ignore[attr-defined]
    query = select(table.c.id, table.c.actor_id, table.c.other_actor_id).where(
        or_(table.c.actor_id == actor_id, table.c.other_actor_id == actor_id)
    )
    return [(row_id, low, high) for row_id, low, high in session.execute(query)]


def carry_over(writer: Writer, keep_id: int, other_id: int, *, apply: bool) -> int:
    """Move ``other_id``'s judgements to ``keep_id`` before it is merged away; returns how many
    are kept. A judgement between the two themselves, or one ``keep_id`` already has, goes."""
    kept_partners = {
        high if low == keep_id else low for _, low, high in involving(writer.session, keep_id)
    }
    carried = 0
    for row_id, low, high in involving(writer.session, other_id):
        partner = high if low == other_id else low
        if partner == keep_id or partner in kept_partners:
            if apply:
                writer.delete(ActorDistinction, row_id)
            continue
        carried += 1
        kept_partners.add(partner)
        if apply:
            new_low, new_high = ordered(keep_id, partner)
            writer.update(
                ActorDistinction, row_id, {"actor_id": new_low, "other_actor_id": new_high}
            )
    return carried


def _find(session: Session, low: int, high: int) -> int | None:
    return session.execute(
        select(ActorDistinction.id).where(
            ActorDistinction.actor_id == low, ActorDistinction.other_actor_id == high
        )
    ).scalar()
