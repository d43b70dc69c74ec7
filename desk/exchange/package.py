"""The Data Package: its ``datapackage.json``, and reading a package from a folder or a zip.

A desk package is a Frictionless Data Package (v2): one CSV file per table (see ``schema``)
beside ``datapackage.json``, which gives each file's Table Schema, CSV dialect, size and SHA-256,
and a ``desk`` section saying which desk made it, from which schema revision, with which profile,
and how missing values and formula-looking text are written (see ``csv_format``).

The change log travels in the package (``changeset.csv``, ``change.csv``), so an export is the
whole desk, audit trail included.

Reading never extracts anything to disk: files are streamed out of the folder or zip. Names that
would lead outside the package (absolute paths, ``..``) are refused, in the descriptor and in a
zip's member list alike.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import posixpath
import re
import zipfile
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from desk import __version__
from desk.exchange.csv_format import BOM, FORMULA_STARTS, LINE_END, NEUTRALIZER, PROFILES
from desk.exchange.errors import NotAPackage, PackageError
from desk.exchange.schema import MISSING, TableSpec, package_tables

DESCRIPTOR = "datapackage.json"
#: Hash algorithms a descriptor may name: fixed-length digests (``shake_*`` need a length).
HASHES = frozenset(
    {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256", "sha3_512", "blake2b"}
)
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
DIALECT_PROFILE = "https://datapackage.org/profiles/2.0/tabledialect.json"
#: The layout of the ``desk`` section; a package with a higher one was made by a newer desk.
FORMAT = 1

DIALECT = {
    "$schema": DIALECT_PROFILE,
    "header": True,
    "delimiter": ",",
    "lineTerminator": LINE_END,
    "quoteChar": '"',
    "doubleQuote": True,
}


@dataclass(frozen=True)
class WrittenFile:
    """A CSV file as written: its table, row count, size and SHA-256."""

    spec: TableSpec
    rows: int
    bytes: int
    sha256: str


def describe_profile(profile: str) -> dict[str, Any]:
    """The ``desk`` section's account of how values were written."""
    starts = " ".join(repr(c)[1:-1] for c in FORMULA_STARTS)
    text = {
        "missingValue": MISSING,
        "missing": (
            f"A missing value (NULL) is written {MISSING}; an empty field is an empty text. A text "
            f"made of one or more backslashes and an N gets one more backslash."
        ),
        "timestamps": "UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ",
    }
    if profile == "excel":
        text["byteOrderMark"] = True
        text["neutralized"] = (
            f"Text starting with one of {starts} or {NEUTRALIZER} has a {NEUTRALIZER} in front, "
            f"so spreadsheets never run it as a formula; remove one leading {NEUTRALIZER} from "
            "every text to get the stored value."
        )
    else:
        text["byteOrderMark"] = False
    return text


def build_descriptor(profile: str, files: list[WrittenFile]) -> dict[str, Any]:
    from desk.migrations import HEAD

    return {
        "$schema": PACKAGE_PROFILE,
        "name": "desk",
        "title": "desk: actors, meetings, agenda items, sources and evidence",
        "description": (
            "A desk exported whole: the curated records, the links between them, the passages "
            "of the sources that support them, and the change log. One CSV file per table, "
            "in the order of their foreign keys."
        ),
        "desk": {
            "format": FORMAT,
            "version": __version__,
            "schemaRevision": HEAD,
            "profile": profile,
            **describe_profile(profile),
        },
        "resources": [
            {
                "$schema": RESOURCE_PROFILE,
                "name": written.spec.name,
                "title": written.spec.title,
                **(
                    {"description": written.spec.description}
                    if written.spec.description != written.spec.title
                    else {}
                ),
                "path": written.spec.file_name,
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": written.bytes,
                "hash": f"sha256:{written.sha256}",
                "dialect": DIALECT,
                "schema": written.spec.table_schema(),
            }
            for written in files
        ],
    }


def dump_descriptor(descriptor: dict[str, Any]) -> bytes:
    """The descriptor as written: the same descriptor always gives the same bytes."""
    return (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# -- reading ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Resource:
    spec: TableSpec
    #: The file's name inside the package, as the descriptor gives it.
    path: str
    bytes: int | None
    #: (algorithm, hex digest) from the descriptor's ``hash``, if it has one.
    hash: tuple[str, str] | None


@dataclass(frozen=True)
class PackageInfo:
    profile: str
    schema_revision: str | None
    desk_version: str | None
    resources: tuple[Resource, ...]

    @property
    def excel(self) -> bool:
        return self.profile == "excel"

    @property
    def bom(self) -> bytes:
        return BOM.encode("utf-8") if self.excel else b""


class PackageSource(ABC):
    """A package on disk: a folder or a zip file, read without extracting anything."""

    def __init__(self, location: Path) -> None:
        self.location = location

    def read(self, name: str) -> bytes:
        with self.open(name) as handle:
            return handle.read()

    @abstractmethod
    def open(self, name: str) -> AbstractContextManager[IO[bytes]]:
        """A binary stream of the file ``name`` inside the package."""

    @abstractmethod
    def size(self, name: str) -> int | None:
        """The size in bytes of the file ``name``."""

    @abstractmethod
    def exists(self, name: str) -> bool:
        """Whether the package holds a file ``name``."""

    def damage_in(self, name: str) -> PackageError | None:
        """Why ``name`` cannot be read back whole, or None: asked when its rows look broken,
        since damaged bytes can read as a broken row before the damage itself is noticed."""
        return None

    def close(self) -> None:  # noqa: B027 (a folder holds nothing to release)
        """Release the source (a zip file's handle)."""

    def info(self) -> PackageInfo:
        """The descriptor, checked: a desk package this desk can import, with safe file names."""
        try:
            raw = self.read(DESCRIPTOR)
        except OSError as error:
            raise NotAPackage(f"cannot read {DESCRIPTOR} in {self.location}: {error}") from error
        return parse_descriptor(raw, self)


class FolderSource(PackageSource):
    def _path(self, name: str) -> Path:
        path = (self.location / name).resolve()
        if not path.is_relative_to(self.location.resolve()):
            raise NotAPackage(f"{name} leads outside the package folder {self.location}")
        return path

    @contextmanager
    def open(self, name: str) -> Iterator[IO[bytes]]:  # type: ignore[override]
        with self._path(name).open("rb") as handle:
            yield handle

    def size(self, name: str) -> int | None:
        return self._path(name).stat().st_size

    def exists(self, name: str) -> bool:
        return self._path(name).is_file()


class ZipSource(PackageSource):
    def __init__(self, location: Path) -> None:
        super().__init__(location)
        try:
            self.zip = zipfile.ZipFile(location)
        except (zipfile.BadZipFile, OSError) as error:
            raise NotAPackage(f"{location} is not a readable zip file ({error})") from error
        try:
            self.prefix = self._find_root()
        except NotAPackage:
            self.zip.close()
            raise

    def _find_root(self) -> str:
        names = self.zip.namelist()
        for name in names:
            if not is_safe_name(name):
                raise NotAPackage(
                    f"{self.location} holds {name!r}, a path outside the package folder; a desk "
                    "package names only files inside it, so nothing was imported"
                )
        if DESCRIPTOR in names:
            return ""
        nested = [n for n in names if n.count("/") == 1 and n.endswith("/" + DESCRIPTOR)]
        if len(nested) == 1:
            return nested[0][: -len(DESCRIPTOR)]
        shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "") if names else "nothing"
        raise NotAPackage(
            f"{self.location} is not a desk package: it holds no {DESCRIPTOR} (it holds {shown})"
        )

    def _member(self, name: str) -> zipfile.ZipInfo:
        try:
            return self.zip.getinfo(self.prefix + name)
        except KeyError as error:
            raise FileNotFoundError(f"{self.location} holds no {self.prefix + name}") from error

    @contextmanager
    def open(self, name: str) -> Iterator[IO[bytes]]:  # type: ignore[override]
        member = self._member(name)
        if member.flag_bits & 0x1:
            raise NotAPackage(f"{name} in {self.location} is encrypted; desk cannot read it")
        try:
            handle = self.zip.open(member)
        except ZIP_DAMAGE as error:
            raise self.damaged(name, error) from error
        with handle:
            yield _Checked(handle, lambda error: self.damaged(name, error))

    def damaged(self, name: str, error: BaseException) -> NotAPackage:
        """What to say when a member cannot be read back: the zip is damaged or foreign."""
        if isinstance(error, NotImplementedError):
            problem = "packed with a compression method desk cannot read (desk writes deflate)"
        elif isinstance(error, EOFError):
            problem = "cut short"
        else:
            problem = f"damaged ({error})"
        return NotAPackage(f"{name} in {self.location} is {problem}; nothing was imported")

    def size(self, name: str) -> int | None:
        return self._member(name).file_size

    def damage_in(self, name: str) -> PackageError | None:
        """Read the member through (its CRC is checked at its end), in bounded memory."""
        try:
            with self.zip.open(self._member(name)) as handle:
                while handle.read(1 << 20):
                    pass
        except FileNotFoundError:
            return None
        except ZIP_DAMAGE as error:
            return self.damaged(name, error)
        return None

    def exists(self, name: str) -> bool:
        try:
            self._member(name)
        except FileNotFoundError:
            return False
        return True

    def close(self) -> None:
        self.zip.close()


#: What reading a damaged zip member raises: a bad CRC, corrupt deflate data, an unknown
#: compression method, a member cut short.
ZIP_DAMAGE = (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError)


class _Checked(io.RawIOBase):
    """A zip member's stream whose read errors become one clear ``NotAPackage``."""

    def __init__(self, raw: IO[bytes], damaged: Callable[[BaseException], NotAPackage]) -> None:
        self.raw = raw
        self.damaged = damaged

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        try:
            return self.raw.read(-1 if size is None else size)
        except ZIP_DAMAGE as error:
            raise self.damaged(error) from error

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def open_source(path: Path) -> PackageSource:
    """The package at ``path``: a folder, its datapackage.json, or a zip file."""
    if not path.exists():
        raise NotAPackage(f"there is no package at {path}")
    if path.is_dir():
        if not (path / DESCRIPTOR).is_file():
            raise NotAPackage(f"{path} is not a desk package: it holds no {DESCRIPTOR}")
        return FolderSource(path)
    if not path.is_file():
        raise NotAPackage(
            f"{path} is not a desk package: it is neither a folder nor a file (a device or a pipe)"
        )
    if path.name == DESCRIPTOR:
        return FolderSource(path.parent)
    if zipfile.is_zipfile(path):
        return ZipSource(path)
    raise NotAPackage(
        f"{path} is not a desk package: give the folder an export made (holding {DESCRIPTOR}) "
        "or its .zip"
    )


def is_safe_name(name: str) -> bool:
    """Whether a file name stays inside the package folder (relative, no '..', no drive)."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or ":" in name:
        return False
    normalized = posixpath.normpath(name)
    return not (normalized == ".." or normalized.startswith("../") or os.path.isabs(normalized))


def parse_descriptor(raw: bytes, source: PackageSource) -> PackageInfo:
    where = f"{DESCRIPTOR} in {source.location}"
    try:
        descriptor = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise NotAPackage(f"{where} is not UTF-8 text ({error.reason})") from error
    except json.JSONDecodeError as error:
        raise NotAPackage(
            f"{where} is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}"
        ) from error
    except RecursionError as error:
        raise NotAPackage(
            f"{where} nests its JSON too deeply to be a Data Package descriptor"
        ) from error
    if not isinstance(descriptor, dict):
        raise NotAPackage(f"{where} is not a Data Package descriptor (a JSON object)")
    desk = descriptor.get("desk")
    if not isinstance(desk, dict):
        raise NotAPackage(
            f'{where} has no "desk" section: the package was not made by desk export, which '
            "is what desk imports"
        )
    _check_made_here(desk, where)
    profile = desk.get("profile")
    if profile not in PROFILES:
        raise NotAPackage(f"{where}: unknown profile {profile!r} (expected data or excel)")
    return PackageInfo(
        profile=profile,
        schema_revision=desk.get("schemaRevision"),
        desk_version=desk.get("version"),
        resources=_resources(descriptor.get("resources"), where, source),
    )


def _check_made_here(desk: dict[str, Any], where: str) -> None:
    from desk.migrations import HEAD, REVISIONS

    made_with = desk.get("format")
    if not isinstance(made_with, int) or isinstance(made_with, bool) or made_with < 1:
        raise NotAPackage(
            f'{where} has "format": {_json_shown(made_with)} in its "desk" section, where desk '
            f"writes a whole number such as {FORMAT}: it was not written by desk export"
        )
    if made_with > FORMAT:
        raise NotAPackage(
            f"{where} was made by a newer desk (package format {made_with}; this desk reads up "
            f"to {FORMAT}): upgrade desk to import it"
        )
    if desk.get("missingValue", MISSING) != MISSING:
        raise NotAPackage(
            f"{where} writes missing values as {desk.get('missingValue')!r}; desk packages "
            f"write {MISSING}"
        )
    revision = desk.get("schemaRevision")
    if revision is not None and not isinstance(revision, str):
        raise NotAPackage(
            f'{where} has "schemaRevision": {_json_shown(revision)}; desk writes a revision name'
        )
    if revision is not None and revision not in REVISIONS:
        raise NotAPackage(
            f"{where} was made by a newer desk (schema revision {revision}; this desk knows up "
            f"to {HEAD}): upgrade desk to import it"
        )


def _json_shown(value: Any) -> str:
    """A descriptor's value as JSON, cut short for a message."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


#: Tables a package made before they existed lacks, and whose absence means "none": a package
#: without review states holds drafts only.
MAY_BE_ABSENT = frozenset({"review"})


def _resources(listed: Any, where: str, source: PackageSource) -> tuple[Resource, ...]:
    if not isinstance(listed, list):
        raise NotAPackage(f'{where} has no "resources" list')
    expected = {spec.name: spec for spec in package_tables()}
    found: dict[str, Resource] = {}
    for entry in listed:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise NotAPackage(f"{where}: every resource needs a name")
        name = entry["name"]
        if name not in expected:
            raise NotAPackage(
                f"{where} lists a resource {name!r} that is no table of a desk (a desk package "
                f"holds {', '.join(expected)})"
            )
        if name in found:
            raise NotAPackage(f"{where} lists the resource {name!r} twice")
        found[name] = _resource(expected[name], entry, where, source)
    missing = [name for name in expected if name not in found and name not in MAY_BE_ABSENT]
    if missing:
        raise NotAPackage(
            f"{where} lists no resource {', '.join(repr(m) for m in missing)}: a desk package "
            f"holds {', '.join(expected)}"
        )
    return tuple(found[name] for name in expected if name in found)


def _resource(
    spec: TableSpec, entry: dict[str, Any], where: str, source: PackageSource
) -> Resource:
    path = entry.get("path")
    if not isinstance(path, str):
        raise NotAPackage(f"{where}: resource {spec.name!r} needs a path (a file in the package)")
    if "://" in path or not is_safe_name(path):
        raise NotAPackage(
            f"{where}: resource {spec.name!r} has the path {path!r}, which leads outside the "
            "package; a desk package names only files inside it"
        )
    if not source.exists(path):
        raise NotAPackage(f"{where} lists {path}, but the package holds no such file")
    encoding = str(entry.get("encoding", "utf-8")).lower().replace("_", "-")
    if encoding not in ("utf-8", "utf8", "utf-8-sig"):
        raise NotAPackage(f"{path}: declared as {encoding}; desk reads UTF-8 files only")
    dialect = entry.get("dialect", {})
    if isinstance(dialect, dict) and (
        dialect.get("delimiter", ",") != ","
        or dialect.get("quoteChar", '"') != '"'
        or dialect.get("header", True) is not True
    ):
        raise NotAPackage(
            f"{path}: declared with another CSV dialect ({json.dumps(dialect)}); desk reads "
            "comma-separated files with a header row and double quotes"
        )
    schema = entry.get("schema", {})
    declared_missing = schema.get("missingValues", [MISSING]) if isinstance(schema, dict) else None
    if declared_missing != [MISSING]:
        raise NotAPackage(
            f"{path}: its Table Schema declares missing values as {declared_missing!r}; desk "
            f"packages write them as [{MISSING!r}]"
        )
    size = entry.get("bytes")
    return Resource(
        spec=spec,
        path=path,
        bytes=size if isinstance(size, int) else None,
        hash=_hash(entry.get("hash"), path),
    )


def _hash(declared: Any, path: str) -> tuple[str, str] | None:
    if declared is None:
        return None
    if not isinstance(declared, str):
        raise NotAPackage(f"{path}: its hash must be text such as sha256:<hex digits>")
    algorithm, _, digest = declared.rpartition(":")
    algorithm = (algorithm or "md5").lower()  # Data Package v1: a bare digest is MD5
    if algorithm not in HASHES:
        raise NotAPackage(
            f"{path}: its hash uses {_json_shown(algorithm)}, which desk cannot check (it "
            f"checks {', '.join(sorted(HASHES))})"
        )
    size = hashlib.new(algorithm).digest_size * 2
    if not re.fullmatch(f"[0-9a-f]{{{size}}}", digest.lower()):
        raise NotAPackage(
            f"{path}: its hash {_json_shown(declared)} is not a {algorithm} digest "
            f"({size} hexadecimal digits)"
        )
    return algorithm, digest.lower()
