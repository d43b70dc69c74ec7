"""`desk add-source URL…`: pages fetched from a local server, archived, extracted, quoted."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from page_server import ARTICLES, PAGES, serve_pages

from desk.cli.main import main
from desk.exchange import export_package
from desk.model import Actor, Source
from desk.store import Store

SAMPLE = Path(__file__).parents[2] / "sample_db" / "sources" / "shoigu-pyongyang-2025-03-21.txt"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_pages() as base:
        yield base


def _ids(out: str) -> list[int]:
    return [int(line) for line in out.split()]


def test_a_page_is_added_by_url_with_its_metadata_and_archived_copy(
    site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "desk.sqlite"
    assert main(["--db", str(database), "add-source", f"{site}/old/shoigu"]) == 0
    captured = capsys.readouterr()
    assert "warning" not in captured.err  # the page names its publication day
    (source_id,) = _ids(captured.out)
    raw = (PAGES / ARTICLES["/news/shoigu"]).read_bytes()
    with Store.open(database) as store:
        source = store.get(Source, source_id)
        assert source.title.startswith("Shoigu may discuss Ukraine ceasefire")
        assert (source.author, source.publisher, source.date_text) == (
            "Kim Soo-yeon",
            "Yonhap News Agency",
            "2025-03-21",
        )
        assert source.url == f"{site}/news/shoigu"  # where the redirect ended
        assert source.retrieved_at is not None
        assert "Accept all cookies" not in source.text
        page = store.archived_page(source_id)
        assert page is not None
        assert page.content == raw
        assert page.sha256 == hashlib.sha256(raw).hexdigest()
        assert (page.location, page.final_url) == (f"{site}/old/shoigu", f"{site}/news/shoigu")
        assert page.media_type == "text/html"
        # (SQLite hands timestamps back without their zone: they are stored in UTC.)
        assert page.retrieved_at.replace(tzinfo=None) == source.retrieved_at.replace(tzinfo=None)
        assert page.stored_size < len(raw)  # compressed

        # A quote keeps its offsets into the extracted text.
        quote = "Hyun Seong-soo, vice president of the Korea Institute for National Unification"
        actor = store.create(Actor, name="Hyun Seong-soo", kind="person")
        evidence = store.attach_evidence(Actor, actor.id, source_id, quote)
        assert source.text[evidence.quote_start : evidence.quote_end] == quote


def test_several_files_and_urls_at_once_in_the_order_given(
    site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "desk.sqlite"
    arguments = [f"{site}/news/shoigu", str(PAGES / "tass-lavrov.html"), str(SAMPLE)]
    assert main(["--db", str(database), "add-source", *arguments]) == 0
    captured = capsys.readouterr()
    ids = _ids(captured.out)
    assert len(ids) == 3
    assert "█" not in captured.err  # the progress bar is drawn on terminals only
    assert str(SAMPLE) in captured.err  # the only report without a publication day
    with Store.open(database) as store:
        titles = [store.get(Source, source_id).title for source_id in ids]
        assert titles[1] == "Lavrov arrives in Pyongyang for talks with Choe Son-hui"
        assert titles[2] == "shoigu pyongyang 2025 03 21"
        lavrov = store.archived_page(ids[1])
        assert lavrov is not None and lavrov.location == str(PAGES / "tass-lavrov.html")
        assert store.archived_page(ids[2]) is None  # a text file is its own copy


def test_one_unreadable_report_adds_nothing_and_each_failure_is_named(
    site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "desk.sqlite"
    arguments = [f"{site}/news/shoigu", f"{site}/missing", f"{site}/report.pdf"]
    assert main(["--db", str(database), "add-source", *arguments]) == 1
    err = capsys.readouterr().err
    assert f"{site}/missing: the server answered 404 Not Found" in err
    assert f"{site}/report.pdf is application/pdf, not a web page" in err
    assert "nothing added: 2 of 3 reports could not be read" in err
    assert not database.exists()  # not even an empty desk


def test_a_page_already_on_the_desk_is_not_added_twice(
    site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "desk.sqlite"
    assert main(["--db", str(database), "add-source", str(PAGES / "yonhap-shoigu.html")]) == 0
    capsys.readouterr()
    assert main(["--db", str(database), "add-source", f"{site}/news/shoigu"]) == 1
    assert "same text (SHA-256) as source #1" in capsys.readouterr().err
    assert main(["--db", str(database), "add-source", f"{site}/news/shoigu", "--again"]) == 0


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--title", "Two reports"], "--title names one report"),
        (["--url", "https://example.org/a"], "--url names one report"),
    ],
)
def test_options_for_one_report_are_refused_for_several(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], expected: str
) -> None:
    reports = [str(SAMPLE), str(PAGES / "tass-lavrov.html")]
    database = tmp_path / "desk.sqlite"
    assert main(["--db", str(database), "add-source", *reports, *extra]) == 2
    assert expected in capsys.readouterr().err
    assert not database.exists()


def test_the_archived_page_travels_in_a_package_and_goes_with_its_source(
    site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "desk.sqlite"
    assert main(["--db", str(database), "add-source", f"{site}/politics/lavrov"]) == 0
    (source_id,) = _ids(capsys.readouterr().out)
    with Store.open(database) as store:
        export_package(store, tmp_path / "package")
        csv = (tmp_path / "package" / "source_archive.csv").read_text(encoding="utf-8")
        assert csv.startswith("id,created_at,updated_at,version,source_id,location,")
        assert f"{site}/politics/lavrov" in csv

        deleted = store.delete(Source, source_id, with_dependents=True)
        assert store.archived_page(source_id) is None
        store.undo(deleted)
        page = store.archived_page(source_id)
        assert page is not None
        assert page.content == (PAGES / "tass-lavrov.html").read_bytes()


def test_desk_check_finds_an_archived_page_changed_outside_desk(
    site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    from desk.store.archives import pack

    database = tmp_path / "desk.sqlite"
    assert main(["--db", str(database), "add-source", f"{site}/politics/lavrov"]) == 0
    assert main(["--db", str(database), "check"]) == 0
    capsys.readouterr()
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE source_archive SET content = ?", (pack(b"<p>forged</p>"),))
    assert main(["--db", str(database), "check"]) == 1
    out = capsys.readouterr().out
    assert "the archived page of source #1 does not match its SHA-256" in out
