"""How values are written to and read from a package's CSV files, in Python and in SQLite SQL.

The files are RFC 4180 CSV in UTF-8: comma-separated, CRLF after every record, a header row, and
a field quoted (with its quotation marks doubled) exactly when it holds a comma, a quotation
mark, a carriage return or a line feed, as Python's ``csv`` module does. Values are written as
stored, with these rules, which the package declares:

* A missing value (SQL NULL) is written ``\\N``; an empty field is an empty text. A text that is
  itself one or more backslashes followed by ``N`` gets one more backslash, so it never reads
  as missing (``\\N`` the text is written ``\\\\N``).
* Integers in decimal, dates as ``YYYY-MM-DD``, timestamps in UTC as
  ``YYYY-MM-DDTHH:MM:SS.ffffffZ``.
* The Excel profile starts each file with a UTF-8 byte order mark and neutralizes text that a
  spreadsheet would run as a formula, as OWASP recommends: a text starting with ``=``, ``+``,
  ``-``, ``@`` (or their fullwidth forms ``＝＋－＠``), a tab, a carriage return or a line feed
  gets a ``'`` in front. So that this can
  be undone exactly on import, a text already starting with ``'`` gets one too; importing an
  Excel-profile package removes one leading ``'`` from every text.

The same rules exist twice: as Python functions (for any database, and for reading) and as SQL
expressions SQLite evaluates while it reads (the fast path). Tests hold the two to the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from desk.exchange.schema import MISSING, Column, TableSpec

DELIMITER = ","
QUOTE = '"'
LINE_END = "\r\n"
BOM = "\ufeff"
#: Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection), and their
#: fullwidth forms, which some spreadsheets (East Asian locales, input methods) read as the same.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
NEUTRALIZER = "'"
PROFILES = ("data", "excel")

_NEEDS_QUOTES = re.compile(r'[,"\r\n]')
_BACKSLASHES_N = re.compile(r"\\+N")


def check_profile(profile: str) -> str:
    if profile not in PROFILES:
        raise ValueError(f"unknown export profile {profile!r}; choose one of {', '.join(PROFILES)}")
    return profile


# -- writing, in Python ---------------------------------------------------------------------------
def escape_text(value: str, *, excel: bool) -> str:
    """A stored text as a CSV value (before quoting): escaped, and neutralized for Excel."""
    if _BACKSLASHES_N.fullmatch(value):
        return "\\" + value
    if excel and value and (value[0] in FORMULA_STARTS or value[0] == NEUTRALIZER):
        return NEUTRALIZER + value
    return value


def format_datetime(value: dt.datetime) -> str:
    """A timestamp in UTC, to the microsecond: 2025-03-21T09:30:00.000000Z."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return f"{value:%Y-%m-%dT%H:%M:%S}.{value.microsecond:06d}Z"


def format_value(value: Any, column: Column, *, excel: bool) -> str:
    """One stored value as the text of its CSV field (before quoting)."""
    if value is None:
        return MISSING
    if column.kind == "string":
        return escape_text(str(value), excel=excel)
    if column.kind == "datetime" and isinstance(value, dt.datetime):
        return format_datetime(value)
    if column.kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def quote_field(text: str) -> str:
    """RFC 4180 quoting, exactly where Python's csv.QUOTE_MINIMAL quotes."""
    if _NEEDS_QUOTES.search(text):
        return QUOTE + text.replace(QUOTE, QUOTE + QUOTE) + QUOTE
    return text


def header_line(spec: TableSpec) -> str:
    return DELIMITER.join(spec.column_names) + LINE_END


# -- writing, in SQLite ------------------------------------------------------------------------
def _sql_text(literal: str) -> str:
    return "'" + literal.replace("'", "''") + "'"


_SQL_MISSING = _sql_text(MISSING)
#: What makes text need quoting: a comma, a quotation mark, CR or LF.
_QUOTED_CHARACTERS = (",", '"', "\r", "\n")


def _sql_needs_quotes(expression: str, *, exact: bool = False) -> str:
    """SQL true when ``expression`` holds a character that needs quoting.

    One GLOB per character, ``'*,*'``: SQLite runs such a pattern as a C ``strcspn`` (a
    vectorized search), which costs a third of an ``instr`` scan, and far less than one GLOB
    with a class (``'*[,"\r\n]*'``), which tries the class at every position. A GLOB stops at
    the first NUL of the text, though: for text that may hold one (the ``exact`` records, see
    ``sqlite_exact_line``) the tests are ``instr``, which reads the whole value."""
    if exact:
        tests = [f"instr({expression}, {_sql_text(c)}) > 0" for c in _QUOTED_CHARACTERS]
    else:
        tests = [f"{expression} GLOB {_sql_text('*' + c + '*')}" for c in _QUOTED_CHARACTERS]
    return f"({' OR '.join(tests)})"


_SQL_FORMULA_STARTS = ", ".join(_sql_text(c) for c in (*FORMULA_STARTS, NEUTRALIZER))


def _sql_quote(expression: str, prefix: str = "") -> str:
    """SQL for ``prefix + expression`` in quotation marks, its own doubled."""
    return f"""'"{prefix}'||replace({expression},'"','""')||'"'"""


def _sql_quoted(expression: str, prefix: str = "", *, exact: bool = False) -> str:
    """SQL for ``prefix + expression`` as a CSV field (``expression`` must not be NULL)."""
    quoted = _sql_quote(expression, prefix)
    plain = f"'{prefix}'||{expression}" if prefix else expression
    needs = _sql_needs_quotes(expression, exact=exact)
    return f"CASE WHEN {needs} THEN {quoted} ELSE {plain} END"


def _sql_escaped(name: str) -> str:
    """SQL true when the text ``name`` is backslashes and an N (written with one more). Two
    comparisons first (text starting with a backslash sorts from '\\' to ']'), so the GLOB and
    trim calls run only for such text, not for every value."""
    return f"{name} >= '\\' AND {name} < ']' AND {name} GLOB '\\*N' AND trim({name}, '\\') = 'N'"


def _written_as_stored(column: Column, *, excel: bool) -> bool:
    """Whether every value the column may hold is written as it is: a vocabulary (enforced by
    the desk's CHECK constraint) of words needing no quotes, escape or neutralizing. Skipping
    their tests saves a fifth of the time SQLite spends formatting meetings and their links."""
    return column.enum is not None and all(
        escape_text(word, excel=excel) == word and quote_field(word) == word and word != MISSING
        for word in column.enum
    )


def sqlite_field(column: Column, *, excel: bool) -> tuple[str, str]:
    """The printf conversion and the SQL argument(s) writing ``column`` as a CSV field."""
    name = column.name
    if column.kind == "datetime":
        # Stored as 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC): its one space becomes the T. One call
        # (replace) costs less than cutting the value in two (substr, and two printf fields).
        if column.required:
            return "%sZ", f"replace({name}, ' ', 'T')"
        return "%s", f"coalesce(replace({name}, ' ', 'T')||'Z', {_SQL_MISSING})"
    if column.kind != "string" or _written_as_stored(column, excel=excel):
        return "%s", name if column.required else f"coalesce({name}, {_SQL_MISSING})"
    branches = []
    if not column.required:
        branches.append(f"WHEN {name} IS NULL THEN {_SQL_MISSING}")
    branches.append(f"WHEN {_sql_escaped(name)} THEN '\\'||{name}")
    if excel:
        neutralized = _sql_quoted(name, prefix="''")
        branches.append(f"WHEN substr({name}, 1, 1) IN ({_SQL_FORMULA_STARTS}) THEN {neutralized}")
    branches.append(f"WHEN {_sql_needs_quotes(name)} THEN {_sql_quote(name)}")
    return "%s", f"CASE {' '.join(branches)} ELSE {name} END"


def sqlite_exact_line(spec: TableSpec, *, excel: bool) -> str:
    """``sqlite_line`` built by concatenation, exact even for text holding NUL (which printf's
    %s and so the fast line cut short): slower, used only for batches that hold one."""
    fields = []
    for column in spec.columns:
        if column.kind != "string":
            template, arguments = sqlite_field(column, excel=excel)
            fields.append(f"printf({_sql_text(template)}, {arguments})")
            continue
        name = column.name
        branches = []
        if not column.required:
            branches.append(f"WHEN {name} IS NULL THEN {_SQL_MISSING}")
        branches.append(f"WHEN {name} GLOB '\\*N' AND trim({name}, '\\') = 'N' THEN '\\'||{name}")
        if excel:
            neutralized = _sql_quoted(name, prefix="''", exact=True)
            branches.append(
                f"WHEN substr({name}, 1, 1) IN ({_SQL_FORMULA_STARTS}) THEN {neutralized}"
            )
        fields.append(f"CASE {' '.join(branches)} ELSE {_sql_quoted(name, exact=True)} END")
    return f"||{_sql_text(DELIMITER)}||".join(fields) + f"||{_sql_text(LINE_END)}"


def sqlite_has_nul(spec: TableSpec) -> str:
    """SQL true when a row's text holds a NUL (so ``sqlite_line`` would cut it short)."""
    tests = [  # (a vocabulary's words hold none)
        f"instr({c.name}, char(0))" for c in spec.columns if c.kind == "string" and c.enum is None
    ]
    return f"coalesce({' OR '.join(tests)}, 0)" if tests else "0"


def sqlite_line(spec: TableSpec, *, excel: bool) -> str:
    """One SQL expression giving a whole CSV record (CRLF included) for a row of ``spec``."""
    formats, arguments = zip(*(sqlite_field(c, excel=excel) for c in spec.columns), strict=True)
    template = DELIMITER.join(formats) + LINE_END
    return f"printf({_sql_text(template)}, {', '.join(arguments)})"


# -- reading ---------------------------------------------------------------------------------------
def unescape_text(value: str, *, excel: bool) -> str | None:
    """A CSV value of a text column as stored: None for missing, escapes and Excel's ' undone."""
    if value == MISSING:
        return None
    if _BACKSLASHES_N.fullmatch(value):
        return value[1:]
    if excel and value.startswith(NEUTRALIZER):
        return value[1:]
    return value


def sqlite_reader(
    column: Column, parameter: int, *, excel: bool, same_as: int | None = None
) -> str:
    """SQL turning bound CSV text ``?parameter`` into the value to store for ``column``.

    Texts are unescaped; integers and dates are stored as given (the column's affinity makes a
    whole number an INTEGER) and checked after loading, one pass per table (``sqlite_bad_type``);
    timestamps are checked and converted here. A timestamp in another ISO 8601 form goes through
    ``desk_datetime(parameter, value)``, a function the importer registers, which normalizes it
    or records what was wrong and stops the statement.

    ``same_as``: for a timestamp, the parameter of an earlier timestamp of the same record (its
    ``created_at``, read before it). A timestamp written exactly as that one, in the form desk
    writes, is only converted: that one's own reader checks the value, and stops the statement,
    naming the earlier column, if it is wrong. Most records are never edited, so their
    ``updated_at`` is their ``created_at``: this halves the cost of checking timestamps.
    """
    p = f"?{parameter}"
    if column.kind == "string":
        # Two or more backslashes and an N (the comparisons spare other text the GLOB call).
        escaped = f"{p} >= '\\' AND {p} < ']' AND {p} GLOB '\\\\*N' AND trim({p}, '\\') = 'N'"
        branches = [f"WHEN {p} = {_SQL_MISSING} THEN NULL", f"WHEN {escaped} THEN substr({p}, 2)"]
        if excel:
            branches.append(f"WHEN substr({p}, 1, 1) = '''' THEN substr({p}, 2)")
        return f"CASE {' '.join(branches)} ELSE {p} END"
    if column.kind in ("integer", "date"):  # (CASE: cheaper than a call of nullif())
        return f"CASE WHEN {p} = {_SQL_MISSING} THEN NULL ELSE {p} END"
    # datetime: the form desk writes (one GLOB checks its shape and ranges; days past the 28th
    # are checked against their month) is stored as SQLAlchemy stores it, in UTC.
    day = f"substr({p}, 1, 10)"
    stored = f"replace(substr({p}, 1, 26), 'T', ' ')"
    same = ""
    if same_as is not None:
        # The only valid timestamps of this shape are those desk writes: converted as they are.
        earlier = f"?{same_as}"
        same = f"WHEN {p} = {earlier} AND {earlier} GLOB {_SQL_DATETIME_LAYOUT} THEN {stored} "
    return (
        f"CASE {same}WHEN {p} = {_SQL_MISSING} THEN NULL "
        f"WHEN {p} GLOB {_SQL_DATETIME_SHAPE} AND substr({p}, 12, 2) < '24' "
        f"AND (substr({p}, 9, 2) BETWEEN '01' AND '28' AND substr({p}, 6, 2) BETWEEN '01' AND '12' "
        f"OR date({day}, '+0 days') = {day}) "
        f"THEN {stored} ELSE desk_datetime({parameter}, {p}) END"
    )


def sqlite_bad_type(column: Column, name: str) -> str | None:
    """SQL true when the stored value ``name`` of ``column`` is not of the column's type."""
    if column.kind == "integer":
        return f"({name} IS NOT NULL AND typeof({name}) <> 'integer')"
    if column.kind == "date":
        # date() keeps 2023-02-29 as it is; adding zero days normalizes it, so only real days
        # come back unchanged.
        return (
            f"({name} IS NOT NULL AND (typeof({name}) <> 'text' "
            f"OR date({name}, '+0 days') IS NOT {name}))"
        )
    return None


#: SQLite column types giving loaded values the affinity of the desk's own columns.
SQLITE_AFFINITY = {"integer": "INTEGER", "date": "NUMERIC", "datetime": "NUMERIC", "string": "TEXT"}


_SQL_DATETIME_SHAPE = (
    "'[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]"
    ".[0-9][0-9][0-9][0-9][0-9][0-9]Z'"
)


#: The layout alone (digits unchecked): a cheaper test, for a value known to be a timestamp.
_SQL_DATETIME_LAYOUT = "'????-??-??T??:??:??.??????Z'"


_ISO_DATETIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})"
)


def read_datetime(value: str) -> str | None:
    """An ISO 8601 timestamp with a zone, as stored (UTC, microseconds); None if it is not one."""
    match = _ISO_DATETIME.fullmatch(value)
    if match is None:
        return None
    day, time, fraction, zone = match.groups()
    try:
        moment = dt.datetime.fromisoformat(f"{day}T{time}.{(fraction or '').ljust(6, '0')}")
        if zone != "Z":
            moment = moment.replace(tzinfo=dt.datetime.strptime(zone, "%z").tzinfo)
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    except ValueError:
        return None
    return f"{moment:%Y-%m-%d %H:%M:%S}.{moment.microsecond:06d}"


#: What each column type expects, for error messages.
EXPECTED = {
    "integer": "a whole number such as 42",
    "date": "a date such as 2025-03-21",
    "datetime": "a UTC timestamp such as 2025-03-21T09:30:00.000000Z",
    "string": "a text",
}
