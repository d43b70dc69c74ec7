"""Reading one CSV file of a package: UTF-8 checked, hashed and counted as it streams.

Rows come from Python's csv module over a text stream of the file, so no Python code runs per
row; the byte stream underneath feeds the hash (checked against the descriptor at the end) and
the progress count a megabyte at a time. When something is wrong, the file is read again from
the start to say exactly where: the line a record starts on, and the column.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from desk.exchange.errors import InvalidData
from desk.exchange.package import PackageSource, Resource
from desk.text_safety import forbidden_character, forbidden_character_message

#: The longest field desk reads, in characters: a source's whole text (a long book is a few MB).
#: The csv module holds a field as 4 bytes per character while it reads it, so this bounds an
#: import's memory whatever a package holds (a 1 GB field in a 1 MB zip).
FIELD_SIZE_LIMIT = 32 * 1024 * 1024
#: The longest line desk reads, in bytes: one field at the limit and room for the others. Checked
#: on the bytes as they stream, before the csv module holds the line.
ROW_SIZE_LIMIT = FIELD_SIZE_LIMIT + 1024 * 1024
CHUNK = 1024 * 1024

#: Bytes that are a control character a record may not hold (see ``desk.text_safety``), but for
#: the carriage return, which ends every CSV line (one inside a value is found by SQL after
#: loading); C1 controls are two bytes in UTF-8 (``_C1``).
_FORBIDDEN_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_C1 = re.compile(b"\xc2[\x80-\x9f]")


def allow_large_fields() -> None:
    """Let the csv module read fields as large as a source's text (its default stops at 128 KB),
    and no larger."""
    if csv.field_size_limit() != FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)


class LineTooLong(Exception):
    """A line of the file is longer than ``ROW_SIZE_LIMIT`` (raised while streaming)."""


class ForbiddenByte(Exception):
    """The file holds a control character a record may not hold (raised while streaming)."""


class _Counting(io.RawIOBase):
    """A raw stream that hashes and counts the bytes read through it, and stops at a line longer
    than ``ROW_SIZE_LIMIT`` or a forbidden control character, before the csv module sees it."""

    def __init__(
        self,
        raw: IO[bytes],
        digest: Any,
        counted: Callable[[int], None],
        *,
        controls: bool = True,
    ) -> None:
        self.raw = raw
        self.digest = digest
        self.counted = counted
        self.controls = controls
        #: Bytes since the last line feed, and the last byte read (a C1 control may straddle).
        self.run = 0
        self.last = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        data = self.raw.read(len(view))
        size = len(data)
        view[:size] = data
        if size:
            self._check(data)
            if self.digest is not None:
                self.digest.update(data)
            self.counted(size)
        return size

    def _check(self, data: bytes) -> None:
        first = data.find(b"\n")
        if first < 0:
            self.run += len(data)
            if self.run > ROW_SIZE_LIMIT:
                raise LineTooLong
        else:
            # Lines inside one chunk are shorter than the chunk, far below the limit.
            if self.run + first > ROW_SIZE_LIMIT:
                raise LineTooLong
            self.run = len(data) - data.rfind(b"\n") - 1
        if not self.controls:
            return
        if len(data.translate(None, _FORBIDDEN_BYTES)) != len(data):
            raise ForbiddenByte
        if (b"\xc2" in data and _C1.search(data)) or (
            self.last == b"\xc2" and 0x80 <= data[0] <= 0x9F
        ):
            raise ForbiddenByte
        self.last = data[-1:]


@dataclass
class Opened:
    """A CSV file being read: its rows (after the header) and how its columns map to the table."""

    #: Data records, as lists of texts; blank lines are skipped.
    rows: Iterator[list[str]]
    #: For each column of the table, its position in the file (0-based).
    positions: dict[str, int]
    reader: Any
    digest: Any


def _text(binary: IO[bytes]) -> io.TextIOWrapper:
    # utf-8-sig: a byte order mark (the Excel profile's, or a spreadsheet's) is not data.
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="strict", newline="")


@contextmanager
def open_rows(
    source: PackageSource,
    resource: Resource,
    counted: Callable[[int], None],
) -> Iterator[Opened]:
    """Open a resource's CSV file, check its header row, and stream its data records."""
    allow_large_fields()
    algorithm = resource.hash[0] if resource.hash else "sha256"
    digest = hashlib.new(algorithm)
    with source.open(resource.path) as raw:
        binary = io.BufferedReader(_Counting(raw, digest, counted), buffer_size=CHUNK)
        text = _text(binary)
        reader = csv.reader(text, strict=True)
        try:
            header = next(reader, None)
        except UNREADABLE as error:
            raise locate_unreadable(source, resource, error) from error
        positions = check_header(resource, header)
        yield Opened(filter(None, reader), positions, reader, digest)


def check_header(resource: Resource, header: list[str] | None) -> dict[str, int]:
    spec = resource.spec
    expected = spec.column_names
    if not header:
        raise InvalidData(
            resource.path,
            f"the file is empty: expected a header row naming the columns {', '.join(expected)}",
            line=1,
        )
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    repeated = sorted({name for name in header if header.count(name) > 1})
    if missing or extra or repeated:
        problems = []
        if missing:
            problems.append(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
        if extra:
            problems.append(f"unexpected column{'s' if len(extra) > 1 else ''} {', '.join(extra)}")
        if repeated:
            problems.append(f"repeated column {', '.join(repeated)}")
        raise InvalidData(
            resource.path,
            f"{'; '.join(problems)} ({resource.path} needs the columns {', '.join(expected)})",
            line=1,
        )
    return {name: header.index(name) for name in expected}


def check_hash(resource: Resource, opened: Opened) -> None:
    if resource.hash is None:
        return
    algorithm, expected = resource.hash
    if opened.digest.hexdigest() != expected:
        raise InvalidData(
            resource.path,
            f"the file's {algorithm} is not the one datapackage.json gives: it was changed or "
            'damaged after export (to import a file you edited on purpose, remove its "hash" '
            'and "bytes" from datapackage.json)',
        )


def check_size(source: PackageSource, resource: Resource) -> int:
    size = source.size(resource.path) or 0
    if resource.bytes is not None and size != resource.bytes:
        shorter = "cut short" if size < resource.bytes else "longer than exported"
        raise InvalidData(
            resource.path,
            f"the file has {size:,} bytes but datapackage.json says {resource.bytes:,}: it is "
            f"{shorter} (truncated or changed after export; to import a file you edited on "
            'purpose, remove its "hash" and "bytes" from datapackage.json)',
        )
    return size


# -- where things went wrong -----------------------------------------------------------------------
@dataclass(frozen=True)
class Located:
    """A data record found again: the line it starts on and its fields."""

    line: int
    fields: list[str]


def locate_records(
    source: PackageSource, resource: Resource, wanted: set[int]
) -> dict[int, Located]:
    """Data records by number (1 = the first after the header), read again from the file."""
    found: dict[int, Located] = {}
    if not wanted:
        return found
    last = max(wanted)
    with source.open(resource.path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.reader(text)
        try:
            next(reader, None)
            number = 0
            ended = reader.line_num
            for fields in reader:
                start = ended + 1
                ended = reader.line_num
                if not fields:
                    continue
                number += 1
                if number in wanted:
                    found[number] = Located(start, fields)
                if number >= last:
                    break
        except csv.Error:
            pass
    return found


def locate_record(source: PackageSource, resource: Resource, number: int) -> Located | None:
    return locate_records(source, resource, {number}).get(number)


def locate_id(source: PackageSource, resource: Resource, record_id: int) -> Located | None:
    """The first record whose id column holds ``record_id``."""
    with source.open(resource.path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.reader(text)
        header = next(reader, None) or []
        position = header.index("id") if "id" in header else 0
        ended = reader.line_num
        wanted = str(record_id)
        for fields in reader:
            start = ended + 1
            ended = reader.line_num
            if len(fields) > position and fields[position] == wanted:
                return Located(start, fields)
    return None


#: What reading a file's rows raises when the file is not what desk reads.
UNREADABLE = (csv.Error, UnicodeDecodeError, LineTooLong, ForbiddenByte)


def locate_unreadable(
    source: PackageSource, resource: Resource, error: BaseException
) -> InvalidData:
    """Say where a file stops being UTF-8 or well-formed CSV, or holds what desk does not read."""
    if isinstance(error, UnicodeDecodeError):
        return _locate_encoding(source, resource)
    if isinstance(error, LineTooLong) or "field larger than field limit" in str(error):
        return _locate_oversized(source, resource)
    if isinstance(error, ForbiddenByte):
        if _looks_like_utf16(source, resource):
            return _locate_encoding(source, resource)
        return _locate_forbidden(source, resource)
    with source.open(resource.path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.reader(text, strict=True)
        ended = 0
        try:
            for _ in reader:
                ended = reader.line_num
        except csv.Error as found:
            message = str(found)
            if "unexpected end of data" in message or "EOF" in message:
                return InvalidData(
                    resource.path,
                    "the file ends inside a quoted field: it is truncated, or a quotation mark "
                    "is not closed",
                    line=ended + 1,
                )
            return InvalidData(
                resource.path,
                f"not well-formed CSV ({message}); a field holding quotation marks must be "
                'quoted, with each " doubled',
                line=reader.line_num,
            )
    return InvalidData(resource.path, f"cannot be read: {error}")


#: Stands in for bytes that are not UTF-8 while looking for them (a noncharacter: never data).
_MARK = "\U0010fffe"
codecs.register_error("desk-mark-invalid", lambda error: (_MARK, error.end))  # type: ignore[arg-type]


def _looks_like_utf16(source: PackageSource, resource: Resource) -> bool:
    """Whether NUL bytes are the file being UTF-16 (a byte order mark, or every other byte)."""
    with source.open(resource.path) as raw:
        start = raw.read(4096)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    return start.count(b"\x00") * 4 > len(start)


def _first_bad_bytes(source: PackageSource, resource: Resource) -> str:
    """The first bytes that are not UTF-8, found a chunk at a time (memory stays flat)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with source.open(resource.path) as raw:
        while True:
            chunk = raw.read(CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                pending = error.object
                return f" (bytes {pending[error.start : error.start + 4].hex(' ')})"
            if not chunk:
                return ""


def header_names(source: PackageSource, resource: Resource) -> list[str]:
    """The column names as the file's header row gives them (in its order)."""
    with source.open(resource.path) as raw:
        line = raw.readline(64 * 1024).decode("utf-8-sig", errors="replace")
    try:
        return next(csv.reader([line.rstrip("\r\n")]), [])
    except csv.Error:
        return []


def _locate_oversized(source: PackageSource, resource: Resource) -> InvalidData:
    """The first record with a field longer than FIELD_SIZE_LIMIT or a line longer than
    ROW_SIZE_LIMIT: the line it starts on and, for a field, its column."""
    names = header_names(source, resource)
    ended = 0
    with source.open(resource.path) as raw:
        guarded = _Counting(raw, None, lambda size: None, controls=False)
        binary = io.BufferedReader(guarded, buffer_size=CHUNK)
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.reader(text)
        try:
            for _ in reader:
                ended = reader.line_num
        except (csv.Error, LineTooLong):
            pass
        del reader, text  # and the field the reader holds
    line = ended + 1
    # The record starts on ``line`` (the lines before it are short): split its bytes by a
    # regular expression (in C, over at most a row and a field) to find the long field.
    with source.open(resource.path) as raw:
        for _ in range(ended):
            raw.readline(ROW_SIZE_LIMIT + 2)
        record = raw.read(ROW_SIZE_LIMIT + FIELD_SIZE_LIMIT)
    position = 0
    for index in range(len(names) + 1):
        match = _FIELD.match(record, position)
        if match is None:
            break
        if match.end() - match.start() > FIELD_SIZE_LIMIT:
            return InvalidData(
                resource.path,
                f"a value is longer than {FIELD_SIZE_LIMIT // 2**20} MB, the most desk reads "
                "in one field",
                line=line,
                column=names[index] if index < len(names) else None,
            )
        position = match.end()
        if record[position : position + 1] != b",":
            break
        position += 1
    return InvalidData(
        resource.path,
        f"the row is longer than {ROW_SIZE_LIMIT // 2**20} MB, the most desk reads in one row",
        line=line,
    )


#: One CSV field: quoted (quotes doubled inside) or plain. Unrolled (``[^"]*`` repeats one
#: character at a time), so matching a field of 32 MB keeps no state per character.
_FIELD = re.compile(b'"[^"]*(?:""[^"]*)*"|[^,\r\n"]*')


def _locate_forbidden(source: PackageSource, resource: Resource) -> InvalidData:
    """The first value holding a control character a record may not hold."""
    with source.open(resource.path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.reader(text)
        ended = 0
        header: list[str] = []
        try:
            for number, fields in enumerate(reader):
                start = ended + 1
                ended = reader.line_num
                if not number:
                    header = fields
                for index, field in enumerate(fields):
                    problem = forbidden_character_message(field)
                    if problem is None:
                        continue
                    position = forbidden_character(field) or 0
                    return InvalidData(
                        resource.path,
                        f"the value {problem}",
                        line=start + field.count("\n", 0, position),
                        column=header[index] if number and index < len(header) else None,
                    )
        except csv.Error:
            pass
    return InvalidData(
        resource.path, "holds a control character that is not tab or newline (not allowed)"
    )


def _locate_encoding(source: PackageSource, resource: Resource) -> InvalidData:
    shown = _first_bad_bytes(source, resource)
    names = header_names(source, resource)
    with source.open(resource.path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="desk-mark-invalid", newline="")
        reader = csv.reader(text)
        ended = 0
        try:
            for number, fields in enumerate(reader):
                start = ended + 1
                ended = reader.line_num
                for index, field in enumerate(fields):
                    if _MARK in field:
                        before = field[: field.index(_MARK)]
                        return InvalidData(
                            resource.path,
                            f"not UTF-8 text at character {len(before) + 1} of the value"
                            f"{shown}: desk packages are UTF-8; was the file saved in another "
                            "encoding?",
                            line=start + before.count("\n"),
                            column=(names[index] if number and index < len(names) else None),
                        )
        except csv.Error:
            pass
    return InvalidData(
        resource.path,
        f"not UTF-8 text{shown}: desk packages are UTF-8; was the file saved in another encoding?",
        line=1,
    )
