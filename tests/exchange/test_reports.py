"""Dossier reports: what they say, that links and footnotes hold, and how a browser shows them."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from desk.errors import DeskError
from desk.exchange.reports import write_report
from desk.model import Actor, Meeting, Source
from desk.store import Store


def _html(store: Store, tmp_path: Path, subject: str = "Sergei Shoigu") -> str:
    written = write_report(store, "actor", subject, tmp_path / "dossier.html")
    return written.path.read_text(encoding="utf-8")


def test_html_dossier_has_summary_timeline_meetings_and_sources(
    sample_store: Store, tmp_path: Path
) -> None:
    page = _html(sample_store, tmp_path)
    assert page.startswith("<!DOCTYPE html>")
    assert "<h1>Sergei Shoigu" in page
    assert "4 meetings on record, from Jul 2023 to 21 Mar 2025" in page
    assert page.count("<svg") == 1 and "Timeline: Sergei Shoigu" in page
    assert "Shoigu visits Pyongyang for talks with Kim Jong-un" in page
    # The date as the report gave it, with the day it was read against.
    assert "reported as “Sept. 13, 2024” (as of 2025-03-21)" in page
    # Speculated agenda mentions are marked as such, not shown as fact.
    assert re.search(r"Kim Jong-un&#x27;s visit to Russia <span class=\"caution\">speculated", page)
    # No external resources: the file stands alone.
    assert not re.search(r"<(link|script|img)\b", page)


def test_review_states_show_and_the_file_is_readable_by_others(
    sample_store: Store, tmp_path: Path
) -> None:
    visit = sample_store.page(Meeting, typed="shoigu visits pyongyang").rows[0].id
    sample_store.set_review("meeting", visit, "verified")
    written = write_report(sample_store, "actor", "Sergei Shoigu", tmp_path / "dossier.html")
    page = written.path.read_text(encoding="utf-8")
    assert "review: verified" in page
    assert "1 verified by a second person" in page
    assert written.path.stat().st_mode & 0o044 == 0o044  # a document to hand on, not 0600


def test_every_footnote_reference_resolves_both_ways(sample_store: Store, tmp_path: Path) -> None:
    page = _html(sample_store, tmp_path)
    references = re.findall(r'<sup id="ref-(\d+)"><a href="#note-(\d+)">', page)
    notes = re.findall(r'<li id="note-(\d+)">', page)
    backlinks = re.findall(r'<a href="#ref-(\d+)" aria-label="back to the text">', page)
    assert references and all(ref == target for ref, target in references)
    assert sorted(int(n) for n in notes) == list(range(1, len(notes) + 1))
    assert {target for _, target in references} == set(notes) == set(backlinks)
    assert "Attributed to TASS" in page
    assert re.search(r'Grade <span class="grade"[^>]*>B2</span>', page)


def test_markdown_dossier_footnotes_and_embedded_image(sample_store: Store, tmp_path: Path) -> None:
    written = write_report(sample_store, "agenda", "ceasefire in russia", tmp_path / "topic.md")
    text = written.path.read_text(encoding="utf-8")
    assert text.startswith("# Ceasefire in Russia's war against Ukraine")
    used = set(re.findall(r"\[\^(\d+)\](?!:)", text))
    defined = set(re.findall(r"^\[\^(\d+)\]:", text, flags=re.MULTILINE))
    assert used and used == defined
    assert "](data:image/svg+xml;base64," in text
    assert "**(expected)**" in text or "*(expected)*" in text


def test_record_text_is_data_not_markup(store: Store, tmp_path: Path) -> None:
    actor = store.create(Actor, name="<script>alert(1)</script> [x](javascript:alert(1))")
    meeting = store.create(Meeting, title="Talks <b>bold</b> *stars*", date="2025-01-02")
    store.link_actor(meeting.id, actor.id)
    source = store.create(
        Source,
        title="Evil",
        text="They met <img src=x onerror=alert(1)>.",
        url="javascript:alert(1)",
    )
    store.attach_evidence(Meeting, meeting.id, source.id, "They met <img src=x onerror=alert(1)>")
    page = _html(store, tmp_path, subject=str(actor.id))
    assert "<script>" not in page and "<img" not in page and "<b>bold" not in page
    assert "&lt;script&gt;" in page
    assert 'href="javascript' not in page
    markdown = write_report(store, "actor", actor.id, tmp_path / "evil.md").path.read_text("utf-8")
    assert "<script>" not in markdown and "\\*stars\\*" in markdown
    assert "](<javascript" not in markdown


def test_refusals_name_the_problem_and_write_nothing(sample_store: Store, tmp_path: Path) -> None:
    with pytest.raises(DeskError, match=r"\.html or \.md"):
        write_report(sample_store, "actor", "Shoigu", tmp_path / "shoigu.pdf")
    with pytest.raises(DeskError, match="no actor is called 'Nobody'"):
        write_report(sample_store, "actor", "Nobody", tmp_path / "nobody.html")
    with pytest.raises(DeskError, match="there is no folder"):
        write_report(sample_store, "actor", "Shoigu", tmp_path / "missing" / "x.html")
    assert not [path for path in tmp_path.rglob("*") if "sample.sqlite" not in path.name]


def test_cli_report(sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desk.cli.main import main

    out = tmp_path / "kim.html"
    assert (
        main(["--db", str(sample_path), "report", "actor", "Kim Jong-un", "--out", str(out)]) == 0
    )
    assert "Wrote the dossier of Kim Jong-un: 5 meetings" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").count('class="meeting') == 5


def _png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the decompressed scanlines of a PNG (no imaging library needed)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, width, height = 8, b"", 0, 0
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            chunks += body
        position += 12 + length
    return width, height, zlib.decompress(chunks)


@pytest.mark.skipif(
    shutil.which("chromium") is None, reason="needs Chromium (apt-get install chromium)"
)
def test_html_dossier_renders_in_a_real_browser(sample_store: Store, tmp_path: Path) -> None:
    written = write_report(sample_store, "actor", "Sergei Shoigu", tmp_path / "shoigu.html")
    shot = tmp_path / "shoigu.png"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--screenshot={shot}",
            "--window-size=1000,1400",
            written.path.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=90,
    )
    width, height, pixels = _png_pixels(shot)
    assert (width, height) == (1000, 1400)
    # A rendered page, not a blank one: plenty of bytes that are not white.
    assert sum(1 for byte in pixels if byte < 200) > 20_000
