"""Checking loaded rows: the rules a desk's rows keep, found broken in one pass per table.

A file is first loaded as it is (see ``loading``); then one query per table looks for a row that
breaks any rule (its types, the desk's CHECK constraints and, once the tables it refers to are
in, its references), and only that row is examined to say which rule, in the user's terms, with
the line of the file it came from. Partial dates (few distinct values, even among a million
meetings) and sources' SHA-256 are checked in Python; quotes against their sources' texts.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NoReturn

from desk.exchange import csv_format
from desk.exchange.errors import InvalidData
from desk.exchange.loading import shown
from desk.exchange.package import PackageSource, Resource
from desk.exchange.reading import Located, header_names, locate_id, locate_record
from desk.exchange.schema import Check, ForeignKey, TableSpec

#: A carriage return that does not end a line (CRLF is a newline, kept from older desks).
LONE_CARRIAGE_RETURN = re.compile("\r(?!\n)")


@dataclass
class Loaded:
    """Rows of one file, loaded: where they are, and whether their rowid is the record number
    (a scratch or stage table) or the id (a table of the desk)."""

    resource: Resource
    relation: str
    by_record: bool = False
    rows: int = 0


class Checks:
    """The checks of rows loaded into one SQLite connection from one package."""

    def __init__(self, db: sqlite3.Connection, source: PackageSource) -> None:
        self.db = db
        self.source = source

    def scan(self, loaded: Loaded, rules: list[Rule], where: str = "1") -> None:
        """One pass over loaded rows for every rule; the first row breaking one is reported."""
        if not rules:
            return
        found = self.db.execute(
            f"SELECT r.rowid FROM {loaded.relation} r WHERE ({where}) AND "
            f"({' OR '.join(rule.bad for rule in rules)}) ORDER BY r.rowid LIMIT 1"
        ).fetchone()
        if found is not None:
            self.explain(loaded, found[0], rules)

    def explain(self, loaded: Loaded, rowid: int, rules: list[Rule]) -> NoReturn:
        """Raise the message for the first of ``rules`` that the loaded row ``rowid`` breaks."""
        spec = loaded.resource.spec
        names = spec.column_names
        outcomes = self.db.execute(
            f"SELECT {', '.join(f'({rule.bad})' for rule in rules)}, "
            f"{', '.join(f'r.{name}' for name in names)} FROM {loaded.relation} r "
            f"WHERE r.rowid = ?",
            (rowid,),
        ).fetchone()
        values = dict(zip(names, outcomes[len(rules) :], strict=True))
        rule = next(rule for rule, broken in zip(rules, outcomes, strict=False) if broken)
        line = self.line(loaded, rowid)
        resource = loaded.resource
        if rule.kind == "type":
            assert rule.column is not None
            column = spec.column(rule.column)
            raise InvalidData(
                resource.path,
                f"expected {csv_format.EXPECTED[column.kind]}, got "
                f"{self.as_written(loaded, rowid, column.name, values[column.name])}",
                line=line,
                column=column.name,
            )
        if rule.kind == "check":
            raise broken_check(resource, rule.check, values, line)
        if rule.kind == "character":
            assert rule.column is not None
            value = str(values[rule.column])
            lone = LONE_CARRIAGE_RETURN.search(value)
            at = lone.start() if lone else value.index("\r")
            raise InvalidData(
                resource.path,
                "the value holds the control character U+000D (carriage return) not followed "
                f"by a line feed, at position {at + 1}; only tab and newline are allowed",
                line=None if line is None else line + value.count("\n", 0, at),
                column=rule.column,
            )
        if rule.kind == "reference":
            assert rule.key is not None
            raise broken_reference(
                resource, rule.key.column, rule.key.table, values[rule.key.column], line
            )
        raise InvalidData(
            resource.path,
            f"the quote is not the text of source #{values['source_id']} between offsets "
            f"{values['quote_start']} and {values['quote_end']}; a quote must be a passage of "
            "its source",
            line=line,
            column="quote",
        )

    def quotes(self, loaded: Loaded, where: str = "1") -> None:
        """Every quote is the passage of its source's text at its offsets, in code points (as
        SQLite's substr() counts a text's characters). Rows are taken in source order, so each
        text is read once."""
        found = self.db.execute(
            f"SELECT min(r.row) FROM (SELECT rowid AS row, source_id, quote_start, quote_end, "
            f"quote FROM {loaded.relation} WHERE {where} ORDER BY source_id) r "
            f"WHERE NOT EXISTS (SELECT 1 FROM main.source s WHERE s.id = r.source_id AND "
            f"substr(s.text, r.quote_start + 1, r.quote_end - r.quote_start) = r.quote)"
        ).fetchone()
        if found[0] is not None:
            self.explain(loaded, found[0], [QUOTE_RULE])

    def as_written(self, loaded: Loaded, rowid: int, column: str, value: Any) -> str:
        """A value as the file writes it (``1e20``, not the ``1e+20`` SQLite made of it)."""
        located = self.located(loaded, rowid)
        header = header_names(self.source, loaded.resource)
        if located is not None and column in header:
            position = header.index(column)
            if position < len(located.fields):
                return shown(located.fields[position])
        return shown(value)

    def located(self, loaded: Loaded, rowid: int) -> Located | None:
        """The record of the package file a loaded row came from."""
        if loaded.by_record:
            return locate_record(self.source, loaded.resource, rowid)
        return locate_id(self.source, loaded.resource, rowid)

    def line(self, loaded: Loaded, rowid: int) -> int | None:
        """The line of the package file a loaded row came from."""
        if loaded.by_record:
            located = locate_record(self.source, loaded.resource, rowid)
        else:
            located = locate_id(self.source, loaded.resource, rowid)
        return located.line if located else None

    def rows(self, loaded: Loaded, where: str = "1") -> None:
        """Partial dates and sources' hashes: checks SQL leaves to Python."""
        spec = loaded.resource.spec
        if "date_text" in spec.column_names:
            self.dates(loaded, where)
        if spec.name == "source":
            self.hashes(loaded, where)

    def dates(self, loaded: Loaded, where: str) -> None:
        """Each distinct date (few, even among a million meetings) against what its text says.
        DISTINCT keeps the few dates in a small index, where GROUP BY sorted every row; only
        when a date is wrong are the rows grouped, to find the first row holding one."""
        columns = "date_text, date_precision, date_earliest, date_latest, date_sort"
        distinct = self.db.execute(  # read as they come: tens of thousands of dates at 1M rows
            f"SELECT DISTINCT {columns} FROM {loaded.relation} WHERE {where}"
        )
        if all(date_problem(*values) is None for values in distinct):
            return
        rows = self.db.execute(
            f"SELECT {columns}, min(rowid) FROM {loaded.relation} WHERE {where} GROUP BY {columns}"
        )
        problems = []
        for text, precision, earliest, latest, sort, rowid in rows:
            problem = date_problem(text, precision, earliest, latest, sort)
            if problem is not None:
                problems.append((rowid, problem))
        if problems:
            rowid, (column, problem) = min(problems)
            raise InvalidData(
                loaded.resource.path, problem, line=self.line(loaded, rowid), column=column
            )

    def hashes(self, loaded: Loaded, where: str) -> None:
        previous = self.db.text_factory
        self.db.text_factory = bytes  # hash the UTF-8 text as stored, without decoding it
        try:
            broken = None
            for rowid, text, digest in self.db.execute(
                f"SELECT rowid, text, sha256 FROM {loaded.relation} WHERE {where} ORDER BY rowid"
            ):
                if hashlib.sha256(text).hexdigest().encode() != digest:
                    broken = rowid
                    break
        finally:
            self.db.text_factory = previous
        if broken is not None:
            raise InvalidData(
                loaded.resource.path,
                "the sha256 is not that of the source's text (the text or its hash was changed "
                "after export)",
                line=self.line(loaded, broken),
                column="sha256",
            )


@dataclass(frozen=True)
class Rule:
    """A rule a loaded row (alias ``r``) must keep: ``bad`` is SQL true when it breaks it."""

    kind: str  # type, check, character, reference or quote
    column: str | None
    bad: str
    check: Check | None = None
    key: ForeignKey | None = None


#: Date columns whose values the partial-date check recomputes (and so checks).
DATE_CHECKED = frozenset({"date_earliest", "date_latest", "date_sort"})

#: A piece of evidence quotes its source's text at its offsets (counted in code points, as
#: SQLite's substr() counts characters of a text).
QUOTE_RULE = Rule(
    "quote",
    "quote",
    "NOT EXISTS (SELECT 1 FROM main.source s WHERE s.id = r.source_id AND "
    "substr(s.text, r.quote_start + 1, r.quote_end - r.quote_start) = r.quote)",
)


@dataclass(frozen=True)
class IdSet:
    """The ids a table holds, as SQL tests them: every id from ``first`` to ``last`` but those
    in ``gaps`` (a table of (lo, hi) runs of missing ids, keyed by lo), or, when the ids have
    too many gaps for that, those in ``relation`` (a table of the ids). A range and a few gaps
    stay in SQLite's page cache where a table of a million ids does not: the references of the
    2.6 million participants of a million meetings took 1.4 s CPU to check against a table of
    the ids, 0.04 s against their ranges."""

    first: int = 1
    last: int = 0
    gaps: str | None = None
    relation: str | None = None

    def lacks(self, value: str) -> str:
        """SQL true when ``value`` (not NULL) is not one of the ids."""
        if self.relation is not None:
            return f"NOT EXISTS (SELECT 1 FROM {self.relation} p WHERE p.id = {value})"
        outside = f"{value} NOT BETWEEN {self.first} AND {self.last}"
        if self.gaps is None:
            return f"({outside})"
        in_gap = (
            f"(SELECT g.hi FROM {self.gaps} g WHERE g.lo <= {value} ORDER BY g.lo DESC LIMIT 1)"
            f" >= {value}"
        )
        return f"({outside} OR coalesce({in_gap}, 0))"


def rules(spec: TableSpec, ids: Callable[[str], IdSet] | None = None) -> list[Rule]:
    """The rules of a table's rows, in the order a breach is reported: its own (types, the
    desk's CHECK constraints), then, given ``ids`` (naming a table of the ids a referenced table
    holds), its references. Quotes are checked on their own (``Checks.quotes``)."""
    found = row_rules(spec)
    if ids is not None:
        found += reference_rules(spec, ids)
    return found


def row_rules(spec: TableSpec) -> list[Rule]:
    """What a row must be by itself: values of the column's type, the desk's CHECK constraints."""
    covered = DATE_CHECKED if "date_text" in spec.column_names else frozenset()
    found = []
    for column in spec.columns:
        bad = csv_format.sqlite_bad_type(column, f"r.{column.name}")
        if bad is not None and column.name not in covered:
            found.append(Rule("type", column.name, bad))
    for check in spec.checks:
        column = check.columns[0] if check.columns else None
        found.append(Rule("check", column, f"NOT ({check.sql})", check=check))
    # Other control characters stop the file as it streams (``reading``); a carriage return,
    # which ends every line of the file, is found here, inside the values. One that ends a line
    # (CRLF) is a newline: earlier desks kept Windows line ends in sources read from files,
    # and their backups must restore as they were. (The replace() copying a text runs only for
    # a text holding a carriage return; a vocabulary's column needs no test: its CHECK rule,
    # reported first, refuses any value with one.)
    for column in spec.columns:
        if column.kind == "string" and not (
            column.enum is not None and not any("\r" in word for word in column.enum)
        ):
            name = f"r.{column.name}"
            lone = f"replace({name}, char(13) || char(10), '')"
            found.append(
                Rule(
                    "character",
                    column.name,
                    f"(instr({name}, char(13)) > 0 AND instr({lone}, char(13)) > 0)",
                )
            )
    return found


def reference_rules(spec: TableSpec, ids: Callable[[str], IdSet]) -> list[Rule]:
    """Each reference leads to a record: its id is in ``ids(table)``."""
    return [
        Rule(
            "reference",
            key.column,
            f"(r.{key.column} IS NOT NULL AND {ids(key.table).lacks(f'r.{key.column}')})",
            key=key,
        )
        for key in spec.foreign_keys
    ]


# -- messages --------------------------------------------------------------------------------------
def broken_check(
    resource: Resource, check: Any, values: dict[str, Any], line: int | None
) -> InvalidData:
    spec = resource.spec
    for column in spec.columns:
        if column.enum is not None and column.name in check.columns:
            value = values.get(column.name)
            if value is not None and value not in column.enum:
                return InvalidData(
                    resource.path,
                    f"expected one of {', '.join(column.enum)}, got {shown(value)}",
                    line=line,
                    column=column.name,
                )
    listed = ", ".join(f"{c} = {shown(values.get(c))}" for c in check.columns)
    return InvalidData(
        resource.path,
        f"breaks the rule {check.name} ({check.sql}): {listed}",
        line=line,
        column=check.columns[0] if check.columns else None,
    )


def broken_reference(
    resource: Resource,
    column: str,
    table: str,
    value: Any,
    line: int | None,
    *,
    in_desk: bool = False,
) -> InvalidData:
    where = f"in {table}.csv" + (" nor in the desk" if in_desk else "")
    return InvalidData(
        resource.path,
        f"refers to {table} #{value}, which is not {where}",
        line=line,
        column=column,
    )


@lru_cache(maxsize=65536)
def _expected_date(text: str) -> tuple[str, str, str | None, str | None] | str:
    """(canonical text, precision, earliest, latest) of a date, or what is wrong with it."""
    from desk.dates import DateError, PartialDate

    try:
        value = PartialDate.from_canonical(text)
    except DateError as error:
        return str(error)
    return (
        value.text,
        value.precision.value,
        value.earliest.isoformat() if value.earliest else None,
        value.latest.isoformat() if value.latest else None,
    )


def date_problem(
    text: str | None,
    precision: str | None,
    earliest: str | None,
    latest: str | None,
    sort: str | None,
) -> tuple[str, str] | None:
    """What is wrong with a row's date columns (column, problem), or None."""
    if text is None:
        if earliest is not None or latest is not None or sort is not None:
            return "date_text", "date_earliest, date_latest and date_sort need a date_text"
        return None
    expected = _expected_date(text)
    if isinstance(expected, str):
        return "date_text", f"not a canonical date: {expected}"
    canonical, expected_precision, expected_earliest, expected_latest = expected
    if canonical != text:
        return "date_text", f"not in canonical form: write {canonical!r}"
    if precision != expected_precision:
        return "date_precision", f"{text} has the precision {expected_precision}, not {precision}"
    if earliest != expected_earliest:
        return "date_earliest", f"the earliest day of {text} is {expected_earliest}, not {earliest}"
    if latest != expected_latest:
        return "date_latest", f"the latest day of {text} is {expected_latest}, not {latest}"
    if sort != (expected_earliest or expected_latest):
        return "date_sort", f"{text} sorts on {expected_earliest or expected_latest}, not {sort}"
    return None
