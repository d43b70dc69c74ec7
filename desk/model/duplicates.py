"""Pairs of actors an analyst said are not the same ("Kim Jong-un" / "Kim Yo-jong").

The possible-duplicates list (desk.ingest.duplicates) ranks actors by how alike their names are;
a pair judged different is remembered here and not offered again. The lower id comes first, so
a pair is stored once. Merging an actor carries its judgements to the actor it is merged into.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field

from desk.model.tables import Record


class ActorDistinction(Record, table=True):
    __tablename__ = "actor_distinction"
    __table_args__ = (
        UniqueConstraint("actor_id", "other_actor_id"),
        CheckConstraint("actor_id < other_actor_id", name="ordered_pair"),
        {"sqlite_autoincrement": True},
    )

    actor_id: int = Field(foreign_key="actor.id", index=True)
    other_actor_id: int = Field(foreign_key="actor.id", index=True)
