"""Review states travel: in the package (restore and merge, on both engines), in the flat CSV
(a review_state column, and --verified-only), and through the command line."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from engines import ENGINES, database_url

from desk.cli.main import main
from desk.exchange import export_flat, export_package, import_package
from desk.model import Meeting, ReviewState
from desk.store import Store


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param  # type: ignore[no-any-return]


def _open(
    request: pytest.FixtureRequest, engine: str, template: str, path: Path
) -> Iterator[Store]:
    if engine == "sqlite":
        with Store.open(path) as opened:
            yield opened
        return
    for url in database_url(request, engine, template):
        with Store.open(url) as opened:
            yield opened


@pytest.fixture
def sample_desk(engine: str, sample_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    yield from _open(request, engine, "sample", sample_path)


@pytest.fixture
def empty_desk(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    yield from _open(request, engine, "empty", tmp_path / "empty.sqlite")


def reviewed(store: Store) -> dict[str, int]:
    """Three meetings and a link moved along by a colleague."""
    meetings = [row.id for row in store.page(Meeting, limit=3).rows]
    detail = store.meeting_detail(meetings[0])
    link = detail.participants[0].link.id
    assert link is not None
    with Store.open(store.location, author="colleague") as colleague:
        colleague.set_review("meeting", meetings[0], "verified")
        colleague.set_review("meeting", meetings[1], "disputed", "the date is the report's")
        colleague.set_review("meeting", meetings[2], "needs_review")
        colleague.set_review("meeting_actor", link, "verified")
    return {"verified": meetings[0], "disputed": meetings[1], "waiting": meetings[2], "link": link}


def states(store: Store, ids: dict[str, int]) -> dict[str, tuple[str, str | None, str | None]]:
    found = {}
    for name, record_id in ids.items():
        table = "meeting_actor" if name == "link" else "meeting"
        status = store.review_status(table, record_id)
        found[name] = (status.state.value, status.note, status.set_by)
    return found


def test_states_travel_in_the_package_on_each_engine(
    sample_desk: Store, empty_desk: Store, tmp_path: Path
) -> None:
    ids = reviewed(sample_desk)
    exported = export_package(sample_desk, tmp_path / "first").path
    descriptor = json.loads((exported / "datapackage.json").read_text("utf-8"))
    assert "review.csv" in [resource["path"] for resource in descriptor["resources"]]
    result = import_package(empty_desk, exported)
    assert result.added["review"] == 4
    assert states(empty_desk, ids) == states(sample_desk, ids)
    assert states(empty_desk, ids)["disputed"] == (
        "disputed",
        "the date is the report's",
        "colleague",
    )
    again = export_package(empty_desk, tmp_path / "second").path
    assert (again / "review.csv").read_bytes() == (exported / "review.csv").read_bytes()
    # the restored history knows the review steps: undoing the last one works
    [latest] = empty_desk.history(limit=1)
    assert latest.action == "review"
    empty_desk.undo(latest.id or 0)
    assert empty_desk.review_status("meeting_actor", ids["link"]).state is ReviewState.DRAFT


def test_a_merged_package_brings_its_states(
    sample_path: Path, sample_store: Store, tmp_path: Path
) -> None:
    colleague_path = tmp_path / "colleague.sqlite"
    colleague_path.write_bytes(sample_path.read_bytes())
    with Store.open(colleague_path, author="colleague") as colleague:
        first = colleague.page(Meeting, limit=1).rows[0].id
        colleague.set_review("meeting", first, "verified")
        package = export_package(colleague, tmp_path / "colleague").path
    result = import_package(sample_store, package)
    assert result.mode == "merge" and result.added["review"] == 1
    status = sample_store.review_status("meeting", first)
    assert (status.state, status.set_by) == (ReviewState.VERIFIED, "colleague")
    sample_store.undo(result.changeset_id)
    assert sample_store.review_status("meeting", first).state is ReviewState.DRAFT


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_flat_file_says_each_meetings_state(sample_store: Store, tmp_path: Path) -> None:
    ids = reviewed(sample_store)
    rows = {
        int(row["meeting_id"]): row
        for row in read(export_flat(sample_store, tmp_path / "a.csv").path)
    }
    assert len(rows) == 10
    assert rows[ids["verified"]]["review_state"] == "verified"
    assert rows[ids["disputed"]]["review_state"] == "disputed"
    assert rows[ids["waiting"]]["review_state"] == "needs_review"
    assert sum(row["review_state"] == "draft" for row in rows.values()) == 7


def test_verified_only_keeps_verified_meetings(sample_store: Store, tmp_path: Path) -> None:
    ids = reviewed(sample_store)
    result = export_flat(sample_store, tmp_path / "verified.csv", verified_only=True)
    assert result.filters == ("verified only",)
    assert [int(row["meeting_id"]) for row in read(result.path)] == [ids["verified"]]


def test_the_command_line_flag(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(sample_path) as store:
        reviewed(store)
    target = tmp_path / "verified.csv"
    assert main(["export", "--db", str(sample_path), "--flat", "--verified-only", str(target)]) == 0
    assert "Wrote 1 meeting (verified only)" in capsys.readouterr().out
    assert [row["review_state"] for row in read(target)] == ["verified"]
    package = tmp_path / "package"
    assert main(["export", "--db", str(sample_path), "--verified-only", str(package)]) == 1
    assert "--verified-only: applies to --flat exports" in capsys.readouterr().err
    assert not package.exists()


def older_package(sample_package: Path, tmp_path: Path) -> Path:
    """The sample's package as a desk made before review states wrote it: no review.csv."""
    import shutil

    package = tmp_path / "older"
    shutil.copytree(sample_package, package)
    (package / "review.csv").unlink()
    descriptor_path = package / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text("utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "review"]
    descriptor_path.write_text(json.dumps(descriptor, indent=2), "utf-8")
    return package


def test_a_package_from_before_review_states_imports_as_drafts(
    sample_package: Path, sample_store: Store, tmp_path: Path
) -> None:
    package = older_package(sample_package, tmp_path)
    with Store.open(tmp_path / "restored.sqlite") as restored:
        result = import_package(restored, package)
        assert result.mode == "restore" and result.added["meeting"] == 10
        assert (
            restored.review_counts()[ReviewState.DRAFT]
            == sample_store.review_counts()[ReviewState.DRAFT]
        )
    merged = import_package(sample_store, package)  # identical records: nothing to add
    assert merged.mode == "merge" and sum(merged.added.values()) == 0
