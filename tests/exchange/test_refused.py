"""Bad packages are refused with a precise message (file, line, column, what was expected), and
the desk is left exactly as it was, whether empty (a restore) or not (a merge)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desk.exchange import InvalidData, NotAPackage, PackageError, import_package
from desk.store import Store

from .conftest import edited, forget_checksums  # type: ignore[import-not-found]

Rows = list[list[str]]


def rewrite(package: Path, name: str, change: Callable[[Rows], Rows | None]) -> None:
    """Edit a file's records with the csv module (as a script would), then forget its hash."""
    file = package / name
    records = list(csv.reader(io.StringIO(file.read_text("utf-8"), newline="")))
    changed = change(records)
    records = changed if changed is not None else records
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(records)
    file.write_text(buffer.getvalue(), "utf-8", newline="")
    forget_checksums(package, name)


def with_lines(file: Path, expected: str) -> str:
    """Fill in {N}: the line data record N starts on (records may span lines)."""

    def line(match: re.Match[str]) -> str:
        wanted = int(match.group(1))
        with file.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            next(reader)
            ended = reader.line_num
            for number, _ in enumerate(reader, start=1):
                if number == wanted:
                    return str(ended + 1)
                ended = reader.line_num
        raise AssertionError(f"{file.name} has no record {wanted}")

    return re.sub(r"\{(\d+)\}", line, expected)


def column(records: Rows, name: str) -> int:
    return records[0].index(name)


def set_value(name: str, row: int, value: str) -> Callable[[Rows], None]:
    """Set ``name`` in data record ``row`` (1 = the first after the header)."""

    def change(records: Rows) -> None:
        records[row][column(records, name)] = value

    return change


def set_values(values: dict[str, str], row: int) -> Callable[[Rows], None]:
    """Set several fields of data record ``row``; a value ``=name`` copies field ``name``."""

    def change(records: Rows) -> None:
        for name, value in values.items():
            if value.startswith("="):
                value = records[row][column(records, value[1:])]
            records[row][column(records, name)] = value

    return change


def test_equal_timestamps_in_another_iso_form_are_each_normalized(
    package: Path, empty_store: Store
) -> None:
    """A record's second timestamp equal to its first, in a form desk does not write, is
    normalized like the first (not just converted, as a timestamp written by desk is)."""
    moment = "2025-03-21 11:30:00.5+02:00"
    rewrite(package, "agenda_item.csv", set_values({"created_at": moment, "updated_at": moment}, 1))
    rewrite(  # and one written by desk, then the same one in another form
        package,
        "agenda_item.csv",
        set_values({"created_at": "2025-03-21T09:30:00.500000Z", "updated_at": moment}, 2),
    )
    import_package(empty_store, package)
    with empty_store.engine.connect() as connection:
        stored = connection.exec_driver_sql(
            "SELECT created_at, updated_at FROM agenda_item ORDER BY id LIMIT 2"
        ).all()
    assert [tuple(row) for row in stored] == [("2025-03-21 09:30:00.500000",) * 2] * 2


def drop_column(name: str) -> Callable[[Rows], Rows]:
    def change(records: Rows) -> Rows:
        index = column(records, name)
        return [record[:index] + record[index + 1 :] for record in records]

    return change


def add_column(name: str) -> Callable[[Rows], Rows]:
    def change(records: Rows) -> Rows:
        return [[*records[0], name], *([*record, "x"] for record in records[1:])]

    return change


def duplicate_row(row: int) -> Callable[[Rows], Rows]:
    def change(records: Rows) -> Rows:
        return [*records[: row + 1], records[row], *records[row + 1 :]]

    return change


CASES: list[tuple[str, str, Callable[[Rows], Rows | None], str]] = [
    (
        "missing column",
        "actor.csv",
        drop_column("kind"),
        "actor.csv, line 1: missing column kind (actor.csv needs the columns id, created_at",
    ),
    (
        "extra column",
        "meeting.csv",
        add_column("mood"),
        "meeting.csv, line 1: unexpected column mood",
    ),
    (
        "not a whole number",
        "meeting.csv",
        set_value("version", 3, "two"),
        "meeting.csv, line 4, column version: expected a whole number such as 42, got 'two'",
    ),
    (
        "a fraction where a whole number goes",
        "evidence.csv",
        set_value("quote_start", 1, "445.5"),
        "evidence.csv, line {1}, column quote_start: expected a whole number such as 42, "
        "got '445.5'",
    ),
    (
        "not a day",
        "meeting.csv",
        set_value("date_reference", 1, "2025-02-30"),
        "meeting.csv, line 2, column date_reference: expected a date such as 2025-03-21, got "
        "'2025-02-30'",
    ),
    (
        "not a timestamp",
        "agenda_item.csv",
        set_value("created_at", 2, "yesterday"),
        "agenda_item.csv, line 3, column created_at: expected a UTC timestamp such as "
        "2025-03-21T09:30:00.000000Z, got 'yesterday'",
    ),
    (
        # The second is read as the first (its reader only converts a value equal to the
        # first's): the first's reader says what is wrong.
        "a timestamp of no day, in both of a record's timestamps",
        "agenda_item.csv",
        set_values({"created_at": "2025-02-30T09:30:00.000000Z", "updated_at": "=created_at"}, 2),
        "agenda_item.csv, line 3, column created_at: expected a UTC timestamp such as "
        "2025-03-21T09:30:00.000000Z, got '2025-02-30T09:30:00.000000Z'",
    ),
    (
        "an hour past the day, in the second timestamp only",
        "agenda_item.csv",
        set_values({"updated_at": "2025-03-21T24:00:00.000000Z"}, 2),
        "agenda_item.csv, line 3, column updated_at: expected a UTC timestamp such as "
        "2025-03-21T09:30:00.000000Z, got '2025-03-21T24:00:00.000000Z'",
    ),
    (
        "a required value missing",
        "meeting.csv",
        set_value("title", 2, "\\N"),
        "meeting.csv, line 3, column title: a value is required, but the field is \\N (missing)",
    ),
    (
        "a word out of the vocabulary",
        "meeting.csv",
        set_value("status", 5, "rumoured"),
        "meeting.csv, line 6, column status: expected one of held, reported, planned, expected, "
        "speculated, denied, cancelled, got 'rumoured'",
    ),
    (
        "a broken rule of the desk",
        "evidence.csv",
        set_value("credibility", 4, "9"),
        "evidence.csv, line {4}, column credibility: breaks the rule ck_evidence_credibility_range",
    ),
    (
        "evidence for two records at once",
        "evidence.csv",
        set_value("meeting_id", 1, "1"),
        "evidence.csv, line {1}, column actor_id: breaks the rule ck_evidence_one_target",
    ),
    (
        "a broken reference",
        "meeting_actor.csv",
        set_value("actor_id", 6, "999"),
        "meeting_actor.csv, line 7, column actor_id: refers to actor #999, which is not in "
        "actor.csv",
    ),
    (
        "a broken reference to a link",
        "evidence.csv",
        set_value("source_id", 10, "7"),
        "evidence.csv, line {10}, column source_id: refers to source #7, which is not in "
        "source.csv",
    ),
    (
        "a duplicate id",
        "actor.csv",
        duplicate_row(3),
        "actor.csv, line 5, column id: the id 3 appears twice (it is first used on line 4)",
    ),
    (
        "a duplicate alias",
        "actor_alias.csv",
        lambda records: [*records, [str(99), *records[1][1:]]],
        "actor_alias.csv, line {58}, column name: another record already has actor_id 1, name "
        "'Sergey Shoygu'; no two records of actor_alias.csv may share actor_id, name",
    ),
    (
        "a date whose text and bounds disagree",
        "meeting.csv",
        set_value("date_precision", 1, "year"),
        "meeting.csv, line 2, column date_precision: 2025-03-21 has the precision day, not year",
    ),
    (
        # Two records with wrong dates, the later one's wrong date sorting first: the first
        # record is reported.
        "two wrong dates",
        "meeting.csv",
        lambda records: [
            set_value("date_precision", 3, "decade")(records),
            set_value("date_text", 2, "2025-03-22"),
        ][-1](records),
        "meeting.csv, line 3, column date_earliest: the earliest day of 2025-03-22 is "
        "2025-03-22, not",
    ),
    (
        "a carriage return that ends no line",
        "meeting.csv",
        set_value("title", 2, "Talks\r in Moscow"),
        "meeting.csv, line 3, column title: the value holds the control character U+000D "
        "(carriage return) not followed by a line feed, at position 6",
    ),
    (
        "a carriage return in a vocabulary's column",
        "meeting.csv",
        set_value("status", 2, "held\r\n"),
        "meeting.csv, line 3, column status: expected one of held, reported",
    ),
    (
        "a date that is not canonical",
        "meeting.csv",
        set_value("date_text", 1, "21 March 2025"),
        "meeting.csv, line 2, column date_text: not a canonical date",
    ),
    (
        "a source whose text was changed",
        "source.csv",
        lambda records: records[1].__setitem__(
            column(records, "text"), records[1][column(records, "text")].replace("Friday", "Monday")
        ),
        "source.csv, line 2, column sha256: the sha256 is not that of the source's text",
    ),
    (
        "a quote that is not in its source",
        "evidence.csv",
        set_value("quote_start", 2, "883"),
        "evidence.csv, line {2}, column quote: the quote is not the text of source #1 between "
        "offsets 883 and 974",
    ),
    (
        "a record with a field too few",
        "agenda_item.csv",
        lambda records: records[3].pop() and None,
        "agenda_item.csv, line 4: expected 7 fields, as the header names, but found 6",
    ),
    (
        "a changeset undoing one that does not exist",
        "changeset.csv",
        set_value("undoes_id", 2, "5000"),
        "changeset.csv, line 3, column undoes_id: refers to changeset #5000",
    ),
]


@pytest.mark.parametrize(("name", "file", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_values_are_refused_precisely_and_nothing_is_written(
    package: Path,
    empty_store: Store,
    desk_content: Callable[[Store], list[str]],
    name: str,
    file: str,
    change: Callable[[Rows], Rows | None],
    expected: str,
) -> None:
    rewrite(package, file, change)
    expected = with_lines(package / file, expected)
    before = desk_content(empty_store)
    with pytest.raises(InvalidData) as refused:
        import_package(empty_store, package)
    assert expected in str(refused.value)
    assert str(refused.value).endswith("; nothing was imported")
    assert desk_content(empty_store) == before


MERGE_CASES = [
    case
    for case in CASES
    if case[0]
    in {
        "not a whole number",
        "a required value missing",
        "a word out of the vocabulary",
        "a duplicate id",
        "a broken rule of the desk",
        "a date whose text and bounds disagree",
    }
]


@pytest.mark.parametrize(
    ("name", "file", "change", "expected"), MERGE_CASES, ids=[c[0] for c in MERGE_CASES]
)
def test_a_merge_refuses_bad_values_too(
    package: Path,
    sample_store: Store,
    desk_content: Callable[[Store], list[str]],
    name: str,
    file: str,
    change: Callable[[Rows], Rows | None],
    expected: str,
) -> None:
    rewrite(package, file, change)
    expected = with_lines(package / file, expected)
    before = desk_content(sample_store)
    with pytest.raises(InvalidData) as refused:
        import_package(sample_store, package)
    assert expected in str(refused.value)
    assert desk_content(sample_store) == before


def test_a_merge_refuses_a_reference_to_nothing(
    package: Path, sample_store: Store, desk_content: Callable[[Store], list[str]]
) -> None:
    def new_link(records: Rows) -> None:
        records.append([str(500), *records[1][1:]])
        records[-1][column(records, "actor_id")] = "777"

    rewrite(package, "meeting_actor.csv", new_link)
    before = desk_content(sample_store)
    with pytest.raises(InvalidData) as refused:
        import_package(sample_store, package)
    assert (
        "meeting_actor.csv, line 22, column actor_id: refers to actor #777, which is not in "
        "actor.csv nor in the desk"
    ) in str(refused.value)
    assert desk_content(sample_store) == before


def test_a_truncated_file_is_refused_by_its_size(
    package: Path, empty_store: Store, desk_content: Callable[[Store], list[str]]
) -> None:
    file = package / "evidence.csv"
    data = file.read_bytes()
    file.write_bytes(data[: len(data) // 2])
    before = desk_content(empty_store)
    with pytest.raises(InvalidData) as refused:
        import_package(empty_store, package)
    assert (
        f"evidence.csv: the file has {len(data) // 2:,} bytes but datapackage.json says "
        f"{len(data):,}: it is cut short"
    ) in str(refused.value)
    assert desk_content(empty_store) == before


def test_a_file_cut_inside_a_quoted_field_is_refused(
    package: Path, empty_store: Store, desk_content: Callable[[Store], list[str]]
) -> None:
    def cut(text: str) -> str:
        return text[: text.index('"Experts said Shoigu') + 20]

    edited(package, "evidence.csv", cut)
    before = desk_content(empty_store)
    with pytest.raises(InvalidData) as refused:
        import_package(empty_store, package)
    assert "evidence.csv, line 4: the file ends inside a quoted field" in str(refused.value)
    assert desk_content(empty_store) == before


def test_a_changed_file_of_the_same_size_is_refused_by_its_hash(
    package: Path, empty_store: Store
) -> None:
    file = package / "actor.csv"
    file.write_bytes(file.read_bytes().replace(b"Sergei Shoigu", b"Sergei Shoygu", 1))
    with pytest.raises(InvalidData) as refused:
        import_package(empty_store, package)
    assert (
        "actor.csv: the file's sha256 is not the one datapackage.json gives: it was changed or "
        "damaged after export"
    ) in str(refused.value)


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16"])
def test_a_file_in_another_encoding_is_refused(
    package: Path, empty_store: Store, desk_content: Callable[[Store], list[str]], encoding: str
) -> None:
    file = package / "actor_alias.csv"
    text = file.read_bytes().decode("utf-8")
    if encoding == "cp1251":  # Cyrillic survives, Hangul does not: keep the lines that encode
        lines = [line for line in text.split("\r\n") if _encodes(line, encoding)]
        text = "\r\n".join(lines)
    file.write_bytes(text.encode(encoding))
    forget_checksums(package, "actor_alias.csv")
    before = desk_content(empty_store)
    with pytest.raises(InvalidData) as refused:
        import_package(empty_store, package)
    message = str(refused.value)
    assert message.startswith("actor_alias.csv, line ")
    assert "not UTF-8 text" in message
    assert "was the file saved in another encoding?" in message
    if encoding == "cp1251":
        first_cyrillic = next(
            number for number, line in enumerate(lines, start=1) if "Сергей" in line
        )
        assert f"line {first_cyrillic}, column name: not UTF-8 text at character 1" in message
    else:
        assert "line 1:" in message
    assert desk_content(empty_store) == before


def _encodes(line: str, encoding: str) -> bool:
    try:
        line.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def test_a_zip_that_is_not_a_package_is_refused(tmp_path: Path, empty_store: Store) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday.jpg", b"\xff\xd8\xff")
        archive.writestr("notes.txt", "nothing here")
    with pytest.raises(NotAPackage) as refused:
        import_package(empty_store, path)
    assert str(refused.value) == (
        f"{path} is not a desk package: it holds no datapackage.json (it holds holiday.jpg, "
        "notes.txt)"
    )
    text = tmp_path / "fake.zip"
    text.write_text("just text")
    with pytest.raises(NotAPackage, match="is not a desk package"):
        import_package(empty_store, text)


def test_a_zip_naming_a_path_outside_its_folder_is_refused(
    sample_package: Path, tmp_path: Path, empty_store: Store
) -> None:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in sample_package.iterdir():
            archive.write(file, file.name)
        archive.writestr("../../outside.csv", "id\r\n1\r\n")
    with pytest.raises(NotAPackage) as refused:
        import_package(empty_store, path)
    assert str(refused.value) == (
        f"{path} holds '../../outside.csv', a path outside the package folder; a desk package "
        "names only files inside it, so nothing was imported"
    )
    assert not (tmp_path.parent / "outside.csv").exists()


def test_a_descriptor_naming_a_path_outside_the_package_is_refused(
    package: Path, empty_store: Store
) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    descriptor["resources"][0]["path"] = "../../etc/passwd"
    (package / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    with pytest.raises(NotAPackage) as refused:
        import_package(empty_store, package)
    assert "resource 'actor' has the path '../../etc/passwd', which leads outside" in str(
        refused.value
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("desk"), 'has no "desk" section: the package was not made by desk'),
        (lambda d: d["desk"].update(format=99), "was made by a newer desk (package format 99"),
        (
            lambda d: d["desk"].update(schemaRevision="9999"),
            "was made by a newer desk (schema revision 9999",
        ),
        (lambda d: d["resources"].pop(3), "lists no resource 'agenda_item'"),
        (
            lambda d: d["resources"][0]["schema"].update(missingValues=[""]),
            "actor.csv: its Table Schema declares missing values as ['']",
        ),
        (
            lambda d: d["resources"][1].update(path="nowhere.csv"),
            "lists nowhere.csv, but the package holds no such file",
        ),
    ],
)
def test_a_descriptor_desk_cannot_use_is_refused(
    package: Path, empty_store: Store, change: Callable[[dict], object], expected: str
) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    change(descriptor)
    (package / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    with pytest.raises(NotAPackage) as refused:
        import_package(empty_store, package)
    assert expected in str(refused.value)


def test_a_descriptor_that_is_not_json_is_refused(package: Path, empty_store: Store) -> None:
    (package / "datapackage.json").write_text('{"resources": [', "utf-8")
    with pytest.raises(NotAPackage) as refused:
        import_package(empty_store, package)
    assert "datapackage.json in " in str(refused.value)
    assert "is not valid JSON: line 1, column 16" in str(refused.value)


def test_a_folder_without_a_descriptor_is_refused(tmp_path: Path, empty_store: Store) -> None:
    (tmp_path / "loose").mkdir()
    (tmp_path / "loose" / "actor.csv").write_text("id\r\n")
    with pytest.raises(PackageError, match=r"is not a desk package: it holds no datapackage\.json"):
        import_package(empty_store, tmp_path / "loose")
    with pytest.raises(PackageError, match="there is no package at"):
        import_package(empty_store, tmp_path / "absent")


def test_malformed_quoting_is_refused(package: Path, empty_store: Store) -> None:
    edited(
        package,
        "agenda_item.csv",
        lambda text: text.replace("Ceasefire in Russia's", '"Ceasefire" in Russia\'s', 1),
    )
    with pytest.raises(InvalidData) as refused:
        import_package(empty_store, package)
    assert "agenda_item.csv, line 2: not well-formed CSV" in str(refused.value)


WORKER_CASES = [
    case
    for case in CASES
    if case[0]
    in {
        "not a timestamp",
        "a word out of the vocabulary",
        "a broken reference",
        "a date whose text and bounds disagree",
        "a source whose text was changed",
        "a quote that is not in its source",
        "a duplicate id",
        "a required value missing",
    }
]


@pytest.mark.parametrize(
    ("name", "file", "change", "expected"), WORKER_CASES, ids=[c[0] for c in WORKER_CASES]
)
def test_worker_processes_refuse_bad_files_as_precisely(
    package: Path,
    empty_store: Store,
    desk_content: Callable[[Store], list[str]],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    file: str,
    change: Callable[[Rows], Rows | None],
    expected: str,
) -> None:
    """Made to think the sample is large, a restore loads its files in worker processes."""
    monkeypatch.setattr("desk.exchange.restore.PARALLEL_THRESHOLD_BYTES", 0)
    monkeypatch.setattr("desk.exchange.restore.PARALLEL_FILE_BYTES", 1000)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    rewrite(package, file, change)
    expected = with_lines(package / file, expected)
    before = desk_content(empty_store)
    with pytest.raises(InvalidData) as refused:
        import_package(empty_store, package)
    assert expected in str(refused.value)
    assert desk_content(empty_store) == before
    assert empty_store.location.path is not None
    assert not [p for p in empty_store.location.path.parent.iterdir() if "desk-import" in p.name]
