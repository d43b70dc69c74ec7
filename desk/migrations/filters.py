"""What Alembic compares: the desk's own tables, not SQLite's full-text shadow tables."""

from typing import Any


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    return not (type_ == "table" and name is not None and "_fts" in name)
