r"""Filter-as-you-type: which records match what a user typed, by name, alias and title.

Each word typed must begin a word of the record (prefix match, case- and accent-insensitive), so
"kim jong" finds "Kim Jong-un" and "Kim Jong Un", and "шой" finds "Шойгу". SQLite answers from its
FTS5 indexes (migrations 0001 and 0003); PostgreSQL from case-insensitive word-start regular
expressions (``~* '\mkim'``) that its pg_trgm indexes serve (migration 0003). Both give the same
results on the sample (tests/store/test_listing.py runs on both engines).
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, text

from desk.model import Actor, ActorAlias, AgendaItem, Meeting, Record, Source

#: Columns each kind is searched by (kept in step with FULL_TEXT in migration 0001).
SEARCHED_COLUMNS: dict[type[Record], tuple[str, ...]] = {
    Actor: ("name", "title", "country"),
    ActorAlias: ("name",),
    Meeting: ("title", "place"),
    AgendaItem: ("title", "description"),
    Source: ("title", "publisher"),
}

_WORD = re.compile(r"\w+")


def terms(typed: str) -> list[str]:
    """The words of a filter, folded for matching."""
    return [word.casefold() for word in _WORD.findall(typed)]


def fts_query(words: list[str]) -> str:
    """An FTS5 MATCH expression requiring every word as a prefix; quoting keeps it literal."""
    return " ".join(f'"{word}"*' for word in words)


def _fts_ids(model: type[Record], words: list[str]) -> Select[tuple[int]]:
    table = f"{model.__tablename__}_fts"
    return (
        select(text("rowid"))
        .select_from(text(table))
        .where(text(f"{table} MATCH :query").bindparams(query=fts_query(words)))
    )


def _word_start_clause(model: type[Record], words: list[str]) -> ColumnElement[bool]:
    r"""Every word begins a word of one of the columns (PostgreSQL's ``\m``: start of a word)."""
    columns = [getattr(model, name) for name in SEARCHED_COLUMNS[model]]
    return and_(
        *(
            or_(*(column.regexp_match(rf"\m{re.escape(word)}", flags="i") for column in columns))
            for word in words
        )
    )


def matches(model: type[Record], typed: str, dialect: str) -> ColumnElement[bool] | None:
    """A WHERE clause selecting the records of ``model`` that match ``typed``; None if no words."""
    words = terms(typed)
    if not words:
        return None
    if model not in SEARCHED_COLUMNS:
        return false()
    if dialect == "sqlite":
        clause: ColumnElement[bool] = model.id.in_(_fts_ids(model, words))  # type: ignore[union-attr]
        if model is Actor:
            alias_ids = _fts_ids(ActorAlias, words)
            clause = or_(
                clause,
                Actor.id.in_(select(ActorAlias.actor_id).where(ActorAlias.id.in_(alias_ids))),  # type: ignore[union-attr]
            )
        return clause
    clause = _word_start_clause(model, words)
    if model is Actor:
        aliases = select(ActorAlias.actor_id).where(_word_start_clause(ActorAlias, words))
        clause = or_(clause, Actor.id.in_(aliases))  # type: ignore[union-attr]
    return clause
