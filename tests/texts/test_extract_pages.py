"""A news page reduced to its article: navigation, comments and banners dropped, metadata kept."""

from __future__ import annotations

from pathlib import Path

from page_server import PAGES

from desk.texts import read_source

SAMPLE = Path(__file__).parents[2] / "sample_db" / "sources" / "shoigu-pyongyang-2025-03-21.txt"


def test_the_article_is_kept_and_the_page_around_it_dropped() -> None:
    read = read_source(PAGES / "yonhap-shoigu.html")
    lines = read.text.splitlines()
    # Every paragraph of the article, each on a line of its own, in order.
    paragraphs = SAMPLE.read_text(encoding="utf-8").splitlines()[1:]
    positions = [lines.index(paragraph) for paragraph in paragraphs]
    assert positions == sorted(positions)
    for boilerplate in (
        "We use cookies",
        "Accept all cookies",
        "Politics",  # the navigation
        "Another photo opportunity",  # a reader's comment
        "Related articles",
        "Privacy Policy",
        "Share on Facebook",
    ):
        assert boilerplate not in read.text


def test_the_page_says_who_published_what_and_when() -> None:
    read = read_source(PAGES / "yonhap-shoigu.html")
    assert read.title == (
        "Shoigu may discuss Ukraine ceasefire, Kim's Moscow visit in Pyongyang talks: experts"
    )
    assert (read.author, read.publisher, read.published) == (
        "Kim Soo-yeon",
        "Yonhap News Agency",
        "2025-03-21",
    )
    assert read.raw == (PAGES / "yonhap-shoigu.html").read_bytes()
    assert read.media_type == "text/html"


def test_a_page_without_an_article_element() -> None:
    read = read_source(PAGES / "tass-lavrov.html")
    assert "Russian Foreign Minister Sergey Lavrov has arrived in Pyongyang" in read.text
    assert "Vostochny." in read.text
    for boilerplate in ("uses cookies", "Most read", "Military & Defense", "Certificate"):
        assert boilerplate not in read.text
    assert (read.publisher, read.published) == ("TASS", "2025-07-11")


def test_markdown_and_text_keep_no_archive(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Talks\n\nKim met **Shoigu**.\n", encoding="utf-8")
    read = read_source(path)
    assert read.text == "Talks\n\nKim met Shoigu.\n"
    assert read.raw is None and read.title is None
