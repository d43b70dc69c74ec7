"""What Alembic compares: the desk's own tables and indexes, not the engines' search indexes
(SQLite's FTS5 shadow tables, PostgreSQL's pg_trgm indexes), which the model does not declare."""

from typing import Any


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    if name is None:
        return True
    if type_ == "table" and "_fts" in name:
        return False
    return not (type_ == "index" and name.endswith("_trgm"))
