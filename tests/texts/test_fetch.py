"""Fetching pages from a local server: what is read, and a clear message for each failure."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from page_server import ARTICLES, PAGES, serve_pages

from desk.texts.fetch import FetchError, fetch, is_url
from desk.texts.web import read_page


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_pages() as base:
        yield base


def test_a_page_is_read_as_received(site: str) -> None:
    page = fetch(f"{site}/news/shoigu")
    raw = (PAGES / ARTICLES["/news/shoigu"]).read_bytes()
    assert page.content == raw
    assert page.sha256 == hashlib.sha256(raw).hexdigest()
    assert (page.media_type, page.charset) == ("text/html", "utf-8")
    assert page.final_url == page.url == f"{site}/news/shoigu"
    assert page.retrieved_at.tzinfo is not None


def test_a_redirect_is_followed_and_both_addresses_kept(site: str) -> None:
    page = fetch(f"{site}/old/shoigu")
    assert page.url == f"{site}/old/shoigu"
    assert page.final_url == f"{site}/news/shoigu"


def test_plain_text_is_read_with_its_line_ends_made_newlines(site: str) -> None:
    read = read_page(fetch(f"{site}/notes.txt"))
    assert read.text == "Kim met Shoigu on Friday.\n"
    assert read.media_type == "text/plain"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/missing", ["/missing", "answered 404 Not Found"]),
        ("/report.pdf", ["/report.pdf is application/pdf, not a web page", ".txt"]),
        ("/loop", ["/loop", "more than 5 redirects"]),
        ("/huge", ["/huge is 50 MB, larger than desk reads (10 MB)"]),
        ("/huge-unannounced", ["/huge-unannounced is larger than desk reads (10 MB)"]),
    ],
)
def test_each_failure_says_what_and_where(site: str, path: str, expected: list[str]) -> None:
    with pytest.raises(FetchError) as raised:
        fetch(f"{site}{path}")
    for part in expected:
        assert part in str(raised.value)


def test_a_slow_server_runs_into_the_time_limit(site: str) -> None:
    with pytest.raises(FetchError) as raised:
        fetch(f"{site}/slow", timeout=0.5)
    assert "no answer within 0.5 s" in str(raised.value)


def test_nothing_listens_there() -> None:
    with serve_pages() as base:
        pass  # the server is gone: its port refuses connections
    with pytest.raises(FetchError) as raised:
        fetch(f"{base}/news/shoigu")
    assert "cannot connect to 127.0.0.1" in str(raised.value)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("ftp://example.org/report.html", "http:// and https:// pages only"),
        ("http:///report.html", "names no host"),
    ],
)
def test_urls_desk_does_not_fetch(url: str, expected: str) -> None:
    with pytest.raises(FetchError) as raised:
        fetch(url)
    assert expected in str(raised.value)


def test_what_counts_as_a_url() -> None:
    assert is_url("https://en.yna.co.kr/view/1") and is_url(" HTTP://x.org ")
    assert not is_url("reports/yonhap.html") and not is_url("C:/reports/a.html")


@pytest.mark.parametrize("declared", [None, "klingon", "utf-8"])
def test_a_page_in_another_encoding_is_read_by_what_it_says_or_looks_like(
    declared: str | None,
) -> None:
    from desk.texts.fetch import FetchedPage

    paragraph = "Министр иностранных дел России Сергей Лавров прибыл в Пхеньян."
    markup = (
        '<html><head><meta charset="windows-1251"><title>Лавров в Пхеньяне</title></head>'
        f"<body><article><p>{paragraph}</p><p>{paragraph}</p></article></body></html>"
    ).encode("cp1251")
    read = read_page(FetchedPage("http://x/a", "http://x/a", markup, "text/html", declared))
    assert read.title == "Лавров в Пхеньяне"
    assert paragraph in read.text
