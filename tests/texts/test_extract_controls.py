"""Reading a source file: line ends made \\n, control characters refused with line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.texts import normalize_newlines, read_source_file
from desk.texts.extract import SourceFileError


def test_line_ends_become_newlines(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"Kim met Shoigu.\r\nThey talked.\rThen left.\n")
    text, _ = read_source_file(path)
    assert text == "Kim met Shoigu.\nThey talked.\nThen left.\n"
    assert normalize_newlines("a\r\nb\rc\n") == "a\nb\nc\n"


def test_tabs_are_text(tmp_path: Path) -> None:
    path = tmp_path / "table.txt"
    path.write_text("Name\tRole\nKim\thost\n", encoding="utf-8")
    assert read_source_file(path)[0] == "Name\tRole\nKim\thost\n"


@pytest.mark.parametrize(
    ("raw", "described", "where"),
    [
        (b"Kim met Shoigu.\nThey \x1b]0;pwned\x07 talked.\n", "U+001B (ESC)", "line 2, column 6"),
        (b"first\r\nsecond\x00\n", "U+0000 (NUL)", "line 2, column 7"),
        ("one\ntwo \u009b2J\n".encode(), "U+009B", "line 2, column 5"),
    ],
)
def test_a_file_with_controls_is_refused_where_they_are(
    tmp_path: Path, raw: bytes, described: str, where: str
) -> None:
    path = tmp_path / "hostile.txt"
    path.write_bytes(raw)
    with pytest.raises(SourceFileError) as raised:
        read_source_file(path)
    message = str(raised.value)
    assert message.startswith("hostile.txt ")
    assert f"{described} at {where}" in message


def test_a_control_in_an_html_title_is_refused_and_a_reference_to_one_dropped(
    tmp_path: Path,
) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head>\n<title>Report \x1b]0;pwned\x07</title></head>"
        "<body><p>Kim met Shoigu.</p></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(SourceFileError) as raised:
        read_source_file(path)
    assert "page.html holds the control character U+001B (ESC) at line 2, column 15" in str(
        raised.value
    )
    # Written as character references, controls are dropped by the HTML decoder (as browsers do).
    path.write_text(
        "<html><head><title>Report &#27;]0;pwned&#7;</title></head>"
        "<body><p>Kim met Shoigu.</p></body></html>",
        encoding="utf-8",
    )
    assert read_source_file(path) == ("Kim met Shoigu.", "Report ]0;pwned")


def test_markup_in_a_title_is_just_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>[/] Yonhap [@click=app.quit]x[/]</title></head>"
        "<body><p>Kim met Shoigu.</p></body></html>",
        encoding="utf-8",
    )
    text, title = read_source_file(path)
    assert title == "[/] Yonhap [@click=app.quit]x[/]"
    assert text == "Kim met Shoigu."
