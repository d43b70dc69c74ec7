"""Bad inputs for export, import and copy: damaged zips and descriptors, hostile packages.

Each case starts from the curated sample (built once per process, then copied), breaks one
thing, and runs one command on it.
"""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import sqlite3
import struct
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from badinput import BadInput, Scratch

DESK = "desk.sqlite"
PACKAGE = "package"
ZIP = "package.zip"


@functools.cache
def _built() -> tuple[Path, Path]:
    """The sample desk and its package (data profile), made once in a private folder."""
    from desk.exchange import export_package
    from desk.sample import build
    from desk.store import Store

    folder = Path(tempfile.mkdtemp(prefix="desk-bad-inputs-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    desk = folder / "sample.sqlite"
    build(desk)
    with Store.open(desk) as store:
        export_package(store, folder / "package")
    return desk, folder / "package"


def _desk(scratch: Scratch) -> Path:
    target = scratch.path(DESK)
    shutil.copy(_built()[0], target)
    return target


def _package(scratch: Scratch) -> Path:
    target = scratch.path(PACKAGE)
    shutil.copytree(_built()[1], target)
    return target


def _zipped(scratch: Scratch, *, method: int = zipfile.ZIP_DEFLATED) -> Path:
    folder = _built()[1]
    target = scratch.path(ZIP)
    with zipfile.ZipFile(target, "w", method) as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, file.name)
    return target


def _db(scratch: Scratch) -> list[str]:
    return ["--db", str(scratch.path("empty.sqlite"))]


def _import(*extra: str, target: str = PACKAGE) -> list[str]:
    return ["import", *extra, target]


def _descriptor(scratch: Scratch, change: Callable[[dict], object]) -> None:
    path = _package(scratch) / "datapackage.json"
    descriptor = json.loads(path.read_text("utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor), "utf-8")


def _edit_csv(scratch: Scratch, name: str, change: Callable[[bytes], bytes]) -> None:
    """Change a CSV file of the package and drop its size and hash, as a user editing it would."""
    package = _package(scratch)
    file = package / name
    file.write_bytes(change(file.read_bytes()))
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text("utf-8"))
    for resource in descriptor["resources"]:
        if resource["path"] == name:
            resource.pop("hash", None)
            resource.pop("bytes", None)
    path.write_text(json.dumps(descriptor), "utf-8")


def _first_value(data: bytes, column: int, value: bytes) -> bytes:
    """``data`` with field ``column`` of the first record replaced (records without quotes)."""
    lines = data.split(b"\r\n")
    fields = lines[1].split(b",")
    fields[column] = value
    lines[1] = b",".join(fields)
    return b"\r\n".join(lines)


# -- zips ------------------------------------------------------------------------------------------
def _member_offset(path: Path, name: str) -> tuple[int, int]:
    """Where a member's data starts in the zip, and its compressed size."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    with path.open("rb") as handle:
        handle.seek(info.header_offset)
        header = handle.read(30)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    return info.header_offset + 30 + name_length + extra_length, info.compress_size


def _bad_crc(scratch: Scratch) -> list[str]:
    path = _zipped(scratch, method=zipfile.ZIP_STORED)
    start, size = _member_offset(path, "actor.csv")
    data = bytearray(path.read_bytes())
    data[start + size // 2] ^= 0x01  # one bit: still CSV, but not the bytes the CRC covers
    path.write_bytes(bytes(data))
    return [*_db(scratch), *_import(target=ZIP)]


def _corrupt_deflate(scratch: Scratch) -> list[str]:
    path = _zipped(scratch)
    start, size = _member_offset(path, "source.csv")
    data = bytearray(path.read_bytes())
    data[start + 8 : start + size - 8] = bytes(range(256)) * ((size - 16) // 256) + bytes(
        (size - 16) % 256
    )
    path.write_bytes(bytes(data))
    return [*_db(scratch), *_import(target=ZIP)]


def _unknown_method(scratch: Scratch) -> list[str]:
    path = _zipped(scratch)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("actor.csv")
    # The method, in the member's local header and in the central directory, becomes 99 (AES).
    struct.pack_into("<H", data, info.header_offset + 8, 99)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == b"actor.csv":
            struct.pack_into("<H", data, central + 10, 99)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return [*_db(scratch), *_import(target=ZIP)]


def _truncated_zip(scratch: Scratch) -> list[str]:
    path = _zipped(scratch)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return [*_db(scratch), *_import(target=ZIP)]


def _descriptor_in_zip_damaged(scratch: Scratch) -> list[str]:
    path = _zipped(scratch, method=zipfile.ZIP_STORED)
    start, _ = _member_offset(path, "datapackage.json")
    data = bytearray(path.read_bytes())
    data[start + 20] ^= 0x01
    path.write_bytes(bytes(data))
    return [*_db(scratch), *_import("--dry-run", target=ZIP)]


# -- descriptors -----------------------------------------------------------------------------------
def _nested_brackets(scratch: Scratch) -> list[str]:
    package = _package(scratch)
    (package / "datapackage.json").write_text("[" * 200_000 + "]" * 200_000)
    return [*_db(scratch), *_import()]


def _shake_hash(scratch: Scratch) -> list[str]:
    def change(descriptor: dict) -> None:
        descriptor["resources"][0]["hash"] = "shake_128:" + "0" * 32

    _descriptor(scratch, change)
    return [*_db(scratch), *_import()]


def _hash_not_hex(scratch: Scratch) -> list[str]:
    def change(descriptor: dict) -> None:
        descriptor["resources"][0]["hash"] = "sha256:not-a-digest"

    _descriptor(scratch, change)
    return [*_db(scratch), *_import()]


def _format_text(scratch: Scratch) -> list[str]:
    _descriptor(scratch, lambda d: d["desk"].__setitem__("format", "1"))
    return [*_db(scratch), *_import()]


def _format_newer(scratch: Scratch) -> list[str]:
    _descriptor(scratch, lambda d: d["desk"].__setitem__("format", 99))
    return [*_db(scratch), *_import()]


def _revision_list(scratch: Scratch) -> list[str]:
    _descriptor(scratch, lambda d: d["desk"].__setitem__("schemaRevision", ["a"]))
    return [*_db(scratch), *_import()]


def _missing_resource(scratch: Scratch) -> list[str]:
    _descriptor(scratch, lambda d: d.__setitem__("resources", d["resources"][1:]))
    return [*_db(scratch), *_import()]


def _resources_not_a_list(scratch: Scratch) -> list[str]:
    _descriptor(scratch, lambda d: d.__setitem__("resources", {"actor": "actor.csv"}))
    return [*_db(scratch), *_import()]


def _resource_path_number(scratch: Scratch) -> list[str]:
    _descriptor(scratch, lambda d: d["resources"][0].__setitem__("path", 42))
    return [*_db(scratch), *_import()]


def _descriptor_array(scratch: Scratch) -> list[str]:
    (_package(scratch) / "datapackage.json").write_text("[1, 2, 3]")
    return [*_db(scratch), *_import()]


def _descriptor_not_utf8(scratch: Scratch) -> list[str]:
    (_package(scratch) / "datapackage.json").write_bytes(b'{"name": "d\xe9sk"}')
    return [*_db(scratch), *_import()]


def _descriptor_is_folder(scratch: Scratch) -> list[str]:
    package = _package(scratch)
    (package / "datapackage.json").unlink()
    (package / "datapackage.json").mkdir()
    return [*_db(scratch), *_import()]


def _csv_is_folder(scratch: Scratch) -> list[str]:
    package = _package(scratch)
    (package / "actor.csv").unlink()
    (package / "actor.csv").mkdir()
    return [*_db(scratch), *_import()]


def _dev_null(scratch: Scratch) -> list[str]:
    return [*_db(scratch), "import", "/dev/null"]


# -- CSV files -------------------------------------------------------------------------------------
def _bad_byte_far_in(scratch: Scratch) -> list[str]:
    def change(data: bytes) -> bytes:
        return data + b"\r\n" * 200_000 + b"\xff"

    _edit_csv(scratch, "actor.csv", change)
    return [*_db(scratch), *_import()]


def _long_field(scratch: Scratch) -> list[str]:
    from desk.exchange.reading import FIELD_SIZE_LIMIT

    def change(data: bytes) -> bytes:
        return _first_value(data, 5, b"x" * (FIELD_SIZE_LIMIT + 10))

    _edit_csv(scratch, "actor.csv", change)
    return [*_db(scratch), *_import()]


def _long_row(scratch: Scratch) -> list[str]:
    from desk.exchange.reading import ROW_SIZE_LIMIT

    def change(data: bytes) -> bytes:
        return data + b"," * (ROW_SIZE_LIMIT + 10)

    _edit_csv(scratch, "meeting.csv", change)
    return [*_db(scratch), *_import("--dry-run")]


def _nul_in_name(scratch: Scratch) -> list[str]:
    _edit_csv(scratch, "actor.csv", lambda data: data.replace(b"Shoigu", b"Sho\x00igu", 1))
    return [*_db(scratch), *_import()]


def _escape_in_title(scratch: Scratch) -> list[str]:
    _edit_csv(scratch, "meeting.csv", lambda data: data.replace(b"Pyongyang", b"\x1b]0;x\x07", 1))
    return [*_db(scratch), *_import("--dry-run")]


def _carriage_return_in_text(scratch: Scratch) -> list[str]:
    _edit_csv(scratch, "agenda_item.csv", lambda data: _first_value(data, 4, b'"a\rb"'))
    return [*_db(scratch), *_import()]


def _id_1e20(scratch: Scratch) -> list[str]:
    _edit_csv(scratch, "actor.csv", lambda data: _first_value(data, 0, b"1e20"))
    return [*_db(scratch), *_import()]


def _huge_id(scratch: Scratch) -> list[str]:
    _edit_csv(scratch, "meeting.csv", lambda data: _first_value(data, 0, b"9" * 40))
    return [*_db(scratch), *_import()]


def _huge_version(scratch: Scratch) -> list[str]:
    _edit_csv(scratch, "agenda_item.csv", lambda data: _first_value(data, 3, b"1" * 30))
    return [*_db(scratch), *_import("--dry-run")]


def _version_1e20(scratch: Scratch) -> list[str]:
    _edit_csv(scratch, "agenda_item.csv", lambda data: _first_value(data, 3, b"1e20"))
    return [*_db(scratch), *_import()]


def _duplicate_id(scratch: Scratch) -> list[str]:
    def change(data: bytes) -> bytes:
        lines = data.split(b"\r\n")
        return b"\r\n".join([*lines[:-1], lines[1], b""])

    _edit_csv(scratch, "agenda_item.csv", change)
    return [*_db(scratch), *_import()]


def _bad_hash(scratch: Scratch) -> list[str]:
    package = _package(scratch)
    data = (package / "actor.csv").read_bytes()
    (package / "actor.csv").write_bytes(data.replace(b"Shoigu", b"Shoigo", 1))
    return [*_db(scratch), *_import()]


# -- export ----------------------------------------------------------------------------------------
def _force_onto_notes(scratch: Scratch) -> list[str]:
    package = _package(scratch)
    (package / "notes.txt").write_text("my notes")
    (package / "sub").mkdir()
    (package / "sub" / "photo.jpg").write_bytes(b"\xff\xd8")
    return ["--db", str(_desk(scratch)), "export", "--force", PACKAGE]


def _force_onto_foreign_zip(scratch: Scratch) -> list[str]:
    with zipfile.ZipFile(scratch.path("photos.zip"), "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8")
    return ["--db", str(_desk(scratch)), "export", "--force", "photos.zip"]


def _force_flat_onto_spreadsheet(scratch: Scratch) -> list[str]:
    scratch.path("budget.csv").write_text("item,cost\r\nrent,100\r\n")
    return ["--db", str(_desk(scratch)), "export", "--flat", "--force", "budget.csv"]


def _export_disk_full(scratch: Scratch) -> list[str]:
    _package(scratch)
    return ["--db", str(_desk(scratch)), "export", "--force", PACKAGE]


def _export_zip_disk_full(scratch: Scratch) -> list[str]:
    return ["--db", str(_desk(scratch)), "export", ZIP]


def _flat_disk_full(scratch: Scratch) -> list[str]:
    desk = _desk(scratch)
    connection = sqlite3.connect(desk)  # long summaries: a flat file larger than the limit
    connection.execute("UPDATE meeting SET summary = printf('%.20000c', 'x')")
    connection.commit()
    connection.close()
    return ["--db", str(desk), "export", "--flat", "events.csv"]


def _export_onto_dev_null(scratch: Scratch) -> list[str]:
    return ["--db", str(_desk(scratch)), "export", "--force", "/dev/null"]


def _export_under_a_file(scratch: Scratch) -> list[str]:
    scratch.path("notes.txt").write_text("my notes")
    return ["--db", str(_desk(scratch)), "export", "notes.txt/package"]


# -- import and copy into a full disk --------------------------------------------------------------
def _import_disk_full(scratch: Scratch) -> list[str]:
    from desk.store import Store

    with Store.open(scratch.path("empty.sqlite")):
        pass
    _package(scratch)
    return [*_db(scratch), *_import()]


def _copy_disk_full(scratch: Scratch) -> list[str]:
    return ["copy", "--from", str(_desk(scratch)), "--to", "copy.sqlite"]


def _copy_nul_to_postgres(scratch: Scratch) -> list[str]:
    desk = _desk(scratch)
    connection = sqlite3.connect(desk)
    connection.execute("UPDATE source SET title = 'Yonhap' || char(0) WHERE id = 1")
    connection.commit()
    connection.close()
    assert scratch.postgres_url is not None
    return ["copy", "--from", str(desk), "--to", scratch.postgres_url]


def _import_nul_dry_run_zip(scratch: Scratch) -> list[str]:
    _edit_csv(scratch, "source.csv", lambda data: data.replace(b"Yonhap", b"Yon\x00hap", 1))
    shutil.make_archive(str(scratch.path("package")), "zip", scratch.path(PACKAGE))
    return [*_db(scratch), *_import("--dry-run", target=ZIP)]


#: A few blocks: room for the scratch desk's schema, not for a package's data.
SMALL = 64 * 1024

CASES = [
    BadInput("import-not-a-zip", lambda s: _not_a_zip(s), ["package.zip"], [ZIP]),
    BadInput("import-zip-bad-crc", _bad_crc, [ZIP, "actor.csv", "crc"], [ZIP]),
    BadInput("import-zip-corrupt-deflate", _corrupt_deflate, [ZIP, "source.csv"], [ZIP]),
    BadInput("import-zip-unknown-method", _unknown_method, [ZIP, "compression method"], [ZIP]),
    BadInput("import-zip-truncated", _truncated_zip, [ZIP], [ZIP]),
    BadInput(
        "import-dry-run-zip-descriptor-bad-crc", _descriptor_in_zip_damaged, [ZIP, "crc"], [ZIP]
    ),
    BadInput("import-nested-brackets", _nested_brackets, ["datapackage.json", "nest"], [PACKAGE]),
    BadInput("import-hash-shake128", _shake_hash, ["actor.csv", "shake_128"], [PACKAGE]),
    BadInput("import-hash-not-hex", _hash_not_hex, ["actor.csv", "not a sha256 digest"]),
    BadInput("import-format-text", _format_text, ["datapackage.json", '"format": "1"']),
    BadInput("import-format-newer", _format_newer, ["datapackage.json", "format 99"]),
    BadInput("import-revision-list", _revision_list, ["datapackage.json", "schemaRevision"]),
    BadInput("import-missing-resource", _missing_resource, ["datapackage.json", "'actor'"]),
    BadInput("import-resources-object", _resources_not_a_list, ["datapackage.json", "resources"]),
    BadInput("import-resource-path-number", _resource_path_number, ["datapackage.json", "path"]),
    BadInput("import-descriptor-array", _descriptor_array, ["datapackage.json", "json object"]),
    BadInput("import-descriptor-not-utf8", _descriptor_not_utf8, ["datapackage.json", "utf-8"]),
    BadInput("import-descriptor-is-folder", _descriptor_is_folder, ["datapackage.json"]),
    BadInput("import-csv-is-folder", _csv_is_folder, ["actor.csv"], [PACKAGE]),
    BadInput("import-dev-null", _dev_null, ["/dev/null", "not a desk package"], ["empty.sqlite"]),
    BadInput("import-bad-byte-far-in", _bad_byte_far_in, ["actor.csv", "line 200", "utf-8"]),
    BadInput("import-field-too-long", _long_field, ["actor.csv", "line 2", "column kind", "32 MB"]),
    BadInput("import-dry-run-row-too-long", _long_row, ["meeting.csv", "line", "longer than"]),
    BadInput("import-nul-in-name", _nul_in_name, ["actor.csv", "column name", "U+0000"]),
    BadInput("import-dry-run-escape", _escape_in_title, ["meeting.csv", "U+001B", "column"]),
    BadInput("import-carriage-return", _carriage_return_in_text, ["agenda_item.csv", "U+000D"]),
    BadInput("import-id-1e20", _id_1e20, ["actor.csv", "line 2", "column id", "'1e20'"]),
    BadInput("import-id-huge", _huge_id, ["meeting.csv", "line 2", "column id", "9999"]),
    BadInput(
        "import-dry-run-version-huge",
        _huge_version,
        ["agenda_item.csv", "line 2", "column version", "'" + "1" * 30 + "'"],
    ),
    BadInput("import-version-1e20", _version_1e20, ["agenda_item.csv", "column version", "'1e20'"]),
    BadInput("import-duplicate-id", _duplicate_id, ["agenda_item.csv", "appears twice"]),
    BadInput("import-hash-mismatch", _bad_hash, ["actor.csv", "sha256"], [PACKAGE]),
    BadInput("import-dry-run-zip-nul", _import_nul_dry_run_zip, ["source.csv", "U+0000"], [ZIP]),
    BadInput(
        "export-force-onto-user-files",
        _force_onto_notes,
        [PACKAGE, "notes.txt", "not replaced"],
        [PACKAGE],
    ),
    BadInput(
        "export-force-onto-foreign-zip", _force_onto_foreign_zip, ["photos.zip"], ["photos.zip"]
    ),
    BadInput(
        "export-flat-force-onto-spreadsheet",
        _force_flat_onto_spreadsheet,
        ["budget.csv", "not a flat file"],
        ["budget.csv"],
    ),
    BadInput(
        "export-disk-full",
        _export_disk_full,
        [PACKAGE, "file too large"],
        [PACKAGE],
        file_size_limit=SMALL,
    ),
    BadInput(
        "export-zip-disk-full",
        _export_zip_disk_full,
        [ZIP, "file too large"],
        [ZIP],
        file_size_limit=SMALL,
    ),
    BadInput(
        "export-flat-disk-full",
        _flat_disk_full,
        ["events.csv", "file too large"],
        ["events.csv"],
        file_size_limit=SMALL,
    ),
    BadInput("export-under-a-file", _export_under_a_file, ["notes.txt/package"], ["notes.txt"]),
    BadInput("export-onto-dev-null", _export_onto_dev_null, ["/dev/null"], ["/dev/null"]),
    BadInput(
        "import-disk-full",
        _import_disk_full,
        ["empty.sqlite", "full"],
        ["empty.sqlite"],
        file_size_limit=SMALL * 4,
    ),
    BadInput(
        "copy-disk-full",
        _copy_disk_full,
        ["copy.sqlite", "full"],
        [DESK],
        file_size_limit=SMALL * 4,
    ),
    BadInput(
        "copy-nul-to-postgresql",
        _copy_nul_to_postgres,
        ["source #1", "title", "U+0000"],
        [DESK],
        needs_postgres=True,
    ),
]


def _not_a_zip(scratch: Scratch) -> list[str]:
    scratch.path(ZIP).write_bytes(b"this is not a zip file")
    return [*_db(scratch), *_import(target=ZIP)]
