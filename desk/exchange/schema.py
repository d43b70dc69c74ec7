"""The tables of a desk package and their Table Schemas, derived from the SQLModel tables.

A package holds every record table (``desk.model.RECORD_TABLES``, in dependency order) and then
the change log (``changeset``, ``change``). Each table becomes one CSV file whose columns are the
table's columns in declaration order; the Table Schema says each field's type, whether it is
required, its vocabulary, the primary key, the foreign keys between the files and the unique keys.
Nothing here is written by hand per table: a new column or vocabulary travels by itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

#: The Frictionless (Data Package v2) profiles a package declares.
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"

#: How desk writes a missing value (SQL NULL) in every CSV file: never as an empty field, which
#: stays an empty text. Declared as the Table Schema's ``missingValues``.
MISSING = "\\N"

#: Descriptions of columns shared by many tables.
COMMON_DESCRIPTIONS = {
    "id": "The record's id; other files refer to it.",
    "created_at": "When the record was created (UTC).",
    "updated_at": "When the record was last changed (UTC).",
    "version": "Bumped on every change; two people editing one record never overwrite each other.",
    "date_text": (
        "The date as known and no more, canonical EDTF-like text: 2024, 2024-09, 2024-09-13, "
        "199X, 2025-05~ (approximate), 2025-03-03/2025-03-05, ../2025-03-20 (intervals)."
    ),
    "date_precision": "What date_text says: day, month, year, decade, range or approximate.",
    "date_earliest": "The earliest day date_text allows (empty when open at its start).",
    "date_latest": "The latest day date_text allows (empty when open at its end).",
    "date_sort": "The day timelines sort by: date_earliest, else date_latest.",
    "date_phrase": 'The words the date came from ("last June", "on Saturday").',
    "date_reference": "The day date_phrase was resolved against (a source's publication day).",
}

#: What the change log's tables hold (their classes document the module, not themselves).
TABLE_DOCS = {
    "changeset": (
        "One write to the desk: who made it, when, and what it did (the audit trail).\n\n"
        "undoes_id points at the changeset an undo reversed."
    ),
    "change": (
        "One row that a changeset inserted, updated or deleted.\n\n"
        "before and after hold the row as JSON, so the change can be undone."
    ),
}

_ENUM_CHECK = re.compile(
    r"^(?P<column>\w+) (?:IS NULL OR (?P=column) )?IN \((?P<values>'[^']*'(?:, '[^']*')*)\)$"
)


@dataclass(frozen=True)
class Column:
    name: str
    #: Table Schema type: integer, string, date or datetime.
    kind: str
    required: bool
    enum: tuple[str, ...] | None = None
    description: str | None = None


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str


@dataclass(frozen=True)
class Check:
    """A CHECK constraint of the table: its name and SQL condition (true or NULL passes)."""

    name: str
    sql: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class TableSpec:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    foreign_keys: tuple[ForeignKey, ...]
    unique_keys: tuple[tuple[str, ...], ...]
    checks: tuple[Check, ...]

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    def table_schema(self) -> dict[str, Any]:
        """The Frictionless Table Schema of this table's CSV file."""
        fields = []
        for column in self.columns:
            field: dict[str, Any] = {"name": column.name, "type": column.kind}
            if column.description:
                field["description"] = column.description
            constraints: dict[str, Any] = {}
            if column.required:
                constraints["required"] = True
            if column.enum is not None:
                constraints["enum"] = list(column.enum)
            if constraints:
                field["constraints"] = constraints
            fields.append(field)
        schema: dict[str, Any] = {
            "$schema": TABLE_SCHEMA_PROFILE,
            "fields": fields,
            "missingValues": [MISSING],
            "primaryKey": ["id"],
        }
        if self.unique_keys:
            schema["uniqueKeys"] = [list(key) for key in self.unique_keys]
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {
                    "fields": [key.column],
                    "reference": (
                        {"fields": ["id"]}  # a reference to the same file names no resource
                        if key.table == self.name
                        else {"resource": key.table, "fields": ["id"]}
                    ),
                }
                for key in self.foreign_keys
            ]
        return schema


def _kind(column: Any) -> str:
    import datetime as dt

    from sqlalchemy.types import TypeDecorator

    type_ = column.type
    if isinstance(type_, TypeDecorator):  # SQLModel's AutoString wraps a VARCHAR
        type_ = type_.impl_instance
    python_type = type_.python_type
    if issubclass(python_type, dt.datetime):
        return "datetime"
    if issubclass(python_type, dt.date):
        return "date"
    if issubclass(python_type, int):
        return "integer"
    if issubclass(python_type, str):
        return "string"
    raise TypeError(f"{column.table.name}.{column.name}: no Table Schema type for {column.type!r}")


def _spec(model: Any) -> TableSpec:
    from sqlalchemy import CheckConstraint, UniqueConstraint

    table = model.__table__
    enums: dict[str, tuple[str, ...]] = {}
    checks: list[Check] = []
    # Plain str, not SQLAlchemy's quoted_name: a spec pickled to an import's worker process must
    # not make it import SQLAlchemy (tens of MB, summed over every worker).
    names = [str(column.name) for column in table.columns]
    for constraint in table.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        sql = str(constraint.sqltext)
        match = _ENUM_CHECK.match(sql)
        if match:
            enums[match["column"]] = tuple(re.findall(r"'([^']*)'", match["values"]))
        mentioned = tuple(name for name in names if re.search(rf"\b{name}\b", sql))
        checks.append(Check(str(constraint.name), sql, mentioned))
    checks.sort(key=lambda check: check.name)  # constraints are a set: keep the order stable
    columns = tuple(
        Column(
            name=str(column.name),
            kind=_kind(column),
            required=not column.nullable,
            enum=enums.get(column.name),
            description=COMMON_DESCRIPTIONS.get(column.name),
        )
        for column in table.columns
    )
    foreign_keys = tuple(
        ForeignKey(str(column.name), str(next(iter(column.foreign_keys)).column.table.name))
        for column in table.columns
        if column.foreign_keys
    )
    unique_keys = tuple(
        sorted(
            (
                tuple(str(column.name) for column in constraint.columns)
                for constraint in table.constraints
                if isinstance(constraint, UniqueConstraint)
            ),
            key=lambda key: [names.index(name) for name in key],
        )
    )
    doc = (TABLE_DOCS.get(table.name) or model.__doc__ or table.name).strip()
    first, _, rest = doc.partition("\n\n")
    title = " ".join(first.split())
    return TableSpec(
        name=str(table.name),
        title=title,
        description=" ".join(rest.split()) if rest else title,
        columns=columns,
        foreign_keys=foreign_keys,
        unique_keys=unique_keys,
        checks=tuple(checks),
    )


#: The change log's tables: they travel last, and a merge checks but does not merge them.
HISTORY_TABLES = ("changeset", "change")


@cache
def package_tables() -> tuple[TableSpec, ...]:
    """Every table of the desk, each after the tables it refers to: the record tables
    (``desk.model.RECORD_TABLES``), any other table of the model (say, decisions on proposals),
    then the change log. A table added to the model travels without a change here."""
    from sqlmodel import SQLModel
    from sqlmodel.main import default_registry

    import desk.model

    for name in desk.model.__all__:  # define every table (desk.model loads its modules lazily)
        getattr(desk.model, name)
    classes = {mapper.local_table.name: mapper.class_ for mapper in default_registry.mappers}
    ordered = [model.__tablename__ for model in desk.model.RECORD_TABLES]
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in ordered and table.name not in HISTORY_TABLES:
            ordered.append(table.name)
    return tuple(_spec(classes[name]) for name in (*ordered, *HISTORY_TABLES))


@cache
def record_table_names() -> frozenset[str]:
    """The tables a merge merges: all but the change log."""
    return frozenset(spec.name for spec in package_tables() if spec.name not in HISTORY_TABLES)


def table_spec(name: str) -> TableSpec:
    for spec in package_tables():
        if spec.name == name:
            return spec
    raise KeyError(name)
