"""The archived copy of a source's page: the HTML exactly as fetched or read, so a page that
later changes or disappears does not take the evidence with it.

The bytes are gzip-compressed and then base64-encoded (``content``): stored as text, the copy
travels in a CSV package like any other column. ``sha256`` and ``size`` are those of the bytes
as received, before compression, so the copy can be checked against what was read.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, DateTime, Text, UniqueConstraint
from sqlmodel import Field

from desk.model.tables import Record


class SourceArchive(Record, table=True):
    """The page a source was read from, as received: gzip-compressed, base64-encoded.

    location is the URL asked for (or the file read); final_url where redirects ended; sha256
    and size describe the bytes before compression.
    """

    __tablename__ = "source_archive"
    __table_args__ = (
        UniqueConstraint("source_id"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint("size >= 0", name="size_not_negative"),
        {"sqlite_autoincrement": True},
    )

    source_id: int = Field(foreign_key="source.id", ondelete="CASCADE")
    location: str = Field(sa_type=Text)
    final_url: str | None = Field(default=None, sa_type=Text)
    media_type: str = Field(max_length=100)
    retrieved_at: dt.datetime = Field(sa_type=DateTime(timezone=True))
    size: int
    sha256: str = Field(max_length=64)
    content: str = Field(sa_type=Text)
