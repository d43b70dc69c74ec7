"""Archived pages: a source's page kept as received, compressed, beside the text read from it.

The page's bytes are gzip-compressed and base64-encoded into one text column, so the copy
travels in a CSV package like any other value; reading it back checks its SHA-256.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from desk.model.archive import SourceArchive
from desk.store.errors import DeskError
from desk.store.writer import Writer, as_utc


@dataclass(frozen=True)
class PageCopy:
    """A page as received, to keep with the source read from it."""

    location: str
    content: bytes
    media_type: str
    retrieved_at: dt.datetime
    final_url: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class ArchivedPage:
    """A kept page, decompressed: ``content`` is checked against ``sha256``."""

    source_id: int
    location: str
    final_url: str | None
    media_type: str
    retrieved_at: dt.datetime
    sha256: str
    content: bytes
    #: Bytes of the stored (compressed, encoded) column: what keeping the page costs.
    stored_size: int


def pack(content: bytes) -> str:
    """Bytes as gzip, then base64 text (mtime 0: the same page packs to the same text)."""
    return base64.b64encode(gzip.compress(content, compresslevel=9, mtime=0)).decode("ascii")


def unpack(stored: str) -> bytes:
    return gzip.decompress(base64.b64decode(stored.encode("ascii"), validate=True))


def keep(writer: Writer, source_id: int, page: PageCopy) -> None:
    """Store ``page`` for source ``source_id`` within the writer's transaction."""
    writer.insert(
        SourceArchive,
        {
            "source_id": source_id,
            "location": page.location,
            "final_url": page.final_url if page.final_url != page.location else None,
            "media_type": page.media_type,
            "retrieved_at": as_utc(page.retrieved_at),
            "size": len(page.content),
            "sha256": page.sha256,
            "content": pack(page.content),
        },
    )


def archived_page(session: Session, source_id: int) -> ArchivedPage | None:
    row = session.scalars(select(SourceArchive).where(SourceArchive.source_id == source_id)).first()
    if row is None:
        return None
    try:
        content = unpack(row.content)
    except (ValueError, OSError, EOFError) as error:
        raise DeskError(
            f"the archived page of source #{source_id} is damaged (it cannot be decompressed)"
        ) from error
    if hashlib.sha256(content).hexdigest() != row.sha256:
        raise DeskError(
            f"the archived page of source #{source_id} does not match its SHA-256 "
            f"({row.sha256[:12]}…)"
        )
    return ArchivedPage(
        source_id=source_id,
        location=row.location,
        final_url=row.final_url,
        media_type=row.media_type,
        retrieved_at=as_utc(row.retrieved_at),
        sha256=row.sha256,
        content=content,
        stored_size=len(row.content),
    )
