"""What Alembic compares: the desk's own tables and indexes, not the engines' search indexes
(SQLite's FTS5 shadow tables, PostgreSQL's pg_trgm indexes) nor the actors' name keys (derived
tables the store keeps, see desk.store.actor_keys), which the model does not declare."""

from typing import Any

#: Tables the store derives from the model's (kept out of exports, copies and comparisons).
DERIVED_TABLES = frozenset({"actor_name_key"})


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    if name is None:
        return True
    if type_ == "table" and ("_fts" in name or name in DERIVED_TABLES):
        return False
    if type_ == "index" and name.startswith(tuple(f"ix_{table}_" for table in DERIVED_TABLES)):
        return False
    return not (type_ == "index" and name.endswith("_trgm"))
