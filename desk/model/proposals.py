"""Decisions on proposals: what an analyst accepted or rejected of what desk read in a source.

desk.ingest proposes actors, meetings, dates and agenda items for a source; each proposal has a
stable key (derived from its kind, normalized content and span), so a decision is remembered
for the source and the proposal is not offered again. Accepting records what it made or linked
(``record_table``, ``record_id``: for information, not a foreign key, since that record may be
merged or deleted later). The decisions about a source go with it when it is deleted.
"""

from __future__ import annotations

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field

from desk.model.tables import Record, one_of

DECISIONS = ["accepted", "rejected"]


class ProposalDecision(Record, table=True):
    __tablename__ = "proposal_decision"
    __table_args__ = (
        UniqueConstraint("source_id", "kind", "key"),
        one_of("decision", DECISIONS, "decision"),
        {"sqlite_autoincrement": True},
    )

    source_id: int = Field(foreign_key="source.id", ondelete="CASCADE")
    kind: str = Field(max_length=24)
    key: str = Field(max_length=200)
    decision: str = Field(max_length=16)
    label: str = Field(sa_type=Text)
    record_table: str | None = Field(default=None, max_length=40)
    record_id: int | None = None
