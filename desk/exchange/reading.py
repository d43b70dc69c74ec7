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
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from desk.exchange.errors import InvalidData
from desk.exchange.package import PackageSource, Resource

#: Larger than any field desk writes (a source's whole text), smaller than memory.
FIELD_SIZE_LIMIT = min(sys.maxsize, 2**31 - 1)
CHUNK = 1024 * 1024


def allow_large_fields() -> None:
    """Let the csv module read fields as large as a source's text (its default stops at 128 KB)."""
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)


class _Counting(io.RawIOBase):
    """A raw stream that hashes and counts the bytes read through it."""

    def __init__(self, raw: IO[bytes], digest: Any, counted: Callable[[int], None]) -> None:
        self.raw = raw
        self.digest = digest
        self.counted = counted

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        data = self.raw.read(len(view))
        size = len(data)
        view[:size] = data
        if size:
            self.digest.update(data)
            self.counted(size)
        return size


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
        except (csv.Error, UnicodeDecodeError) as error:
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


def locate_unreadable(
    source: PackageSource, resource: Resource, error: BaseException
) -> InvalidData:
    """Say where a file stops being UTF-8 or well-formed CSV."""
    if isinstance(error, UnicodeDecodeError):
        return _locate_encoding(source, resource)
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


def _locate_encoding(source: PackageSource, resource: Resource) -> InvalidData:
    shown = ""
    with source.open(resource.path) as raw:
        data = raw.read()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        shown = f" (bytes {data[error.start : error.start + 4].hex(' ')})"
    del data
    names = resource.spec.column_names
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
    return InvalidData(resource.path, f"not UTF-8 text{shown}")
