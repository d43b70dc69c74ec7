"""Reading a curation kept as reviewable TOML (sources, actors, agenda items, meetings).

Records refer to each other by ``key``; an unknown key or a missing field is reported with the
file and the record it is in.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk.errors import DeskError

FILES = ("sources.toml", "actors.toml", "agenda.toml", "meetings.toml")


class CurationError(DeskError):
    pass


@dataclass(frozen=True)
class Citation:
    """A passage to attach as evidence (``source`` is a source key)."""

    source: str
    quote: str
    occurrence: int | None = None
    attributed_to: str | None = None
    attributed_text: str | None = None
    credibility: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Entry:
    """One record of a curation file: its key, its fields, and what cites and links it."""

    file: str
    key: str
    fields: dict[str, Any]
    evidence: list[Citation] = field(default_factory=list)
    aliases: list[dict[str, Any]] = field(default_factory=list)
    participants: list[tuple[str, dict[str, Any], list[Citation]]] = field(default_factory=list)
    agenda: list[tuple[str, dict[str, Any], list[Citation]]] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.file}, “{self.key}”"


@dataclass(frozen=True)
class Curation:
    directory: Path
    sources: list[Entry]
    actors: list[Entry]
    agenda_items: list[Entry]
    meetings: list[Entry]


def _citations(raw: list[dict[str, Any]], default_source: str | None, where: str) -> list[Citation]:
    citations = []
    for number, item in enumerate(raw, start=1):
        item = dict(item)
        source = item.pop("source", default_source)
        if source is None:
            raise CurationError(
                f"{where}: evidence {number} names no source (and the file sets no default_source)"
            )
        if "quote" not in item:
            raise CurationError(f"{where}: evidence {number} has no quote")
        unknown = set(item) - {
            "quote",
            "occurrence",
            "attributed_to",
            "attributed_text",
            "credibility",
            "note",
        }
        if unknown:
            raise CurationError(f"{where}: evidence {number} has unknown fields {sorted(unknown)}")
        citations.append(Citation(source=source, **item))
    return citations


def _entries(directory: Path, name: str, table: str) -> list[Entry]:
    path = directory / name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CurationError(f"{path}: {error}") from error
    except OSError as error:
        raise CurationError(f"cannot read {path}: {error.strerror}") from error
    default_source = data.get("default_source")
    entries = []
    seen: set[str] = set()
    for number, raw in enumerate(data.get(table, []), start=1):
        raw = dict(raw)
        key = raw.pop("key", None)
        if not key:
            raise CurationError(f"{name}: {table} number {number} has no key")
        if key in seen:
            raise CurationError(f"{name}: the key “{key}” is used twice")
        seen.add(key)
        where = f"{name}, “{key}”"
        evidence = _citations(raw.pop("evidence", []), default_source, where)
        participants = [
            (
                p.pop("actor"),
                p,
                _citations(p.pop("evidence", []), default_source, f"{where}, participant"),
            )
            for p in map(dict, raw.pop("participant", []))
        ]
        agenda = [
            (
                a.pop("item"),
                a,
                _citations(a.pop("evidence", []), default_source, f"{where}, agenda"),
            )
            for a in map(dict, raw.pop("agenda", []))
        ]
        aliases = list(raw.pop("aliases", []))
        entries.append(Entry(name, key, raw, evidence, aliases, participants, agenda))
    return entries


def load(directory: Path) -> Curation:
    missing = [name for name in FILES if not (directory / name).is_file()]
    if missing:
        raise CurationError(f"{directory} is not a curation: {', '.join(missing)} missing")
    return Curation(
        directory=directory,
        sources=_entries(directory, "sources.toml", "source"),
        actors=_entries(directory, "actors.toml", "actor"),
        agenda_items=_entries(directory, "agenda.toml", "agenda_item"),
        meetings=_entries(directory, "meetings.toml", "meeting"),
    )
