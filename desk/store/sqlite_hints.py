"""``INDEXED BY`` for SQLite through SQLAlchemy's ``with_hint``.

SQLAlchemy renders FROM-clause hints only for dialects that ask for them, and its SQLite
dialect does not. Filtering a million meetings needs one: the planner otherwise looks every
match up by rowid instead of reading the small covering index (see migration 0003). This
renders a hint given with ``dialect_name="sqlite"`` verbatim after the table name; queries
without such a hint are unaffected.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.sql.compiler import SQLCompiler


def _from_hint_text(self: SQLCompiler, table: Any, text: str | None) -> str | None:
    return text


if SQLiteCompiler.get_from_hint_text is SQLCompiler.get_from_hint_text:
    SQLiteCompiler.get_from_hint_text = _from_hint_text  # type: ignore[method-assign]
