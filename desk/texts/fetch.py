"""Fetching a report from the web: one page, with limits, and a clear message for each failure.

A page is read with httpx under a time limit, a size limit and a redirect limit, and only when
its server says it is HTML, XHTML or plain text: a PDF or an image is refused by its content
type, before its body is read. The bytes are kept exactly as received (the archived copy).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from desk.errors import DeskError

if TYPE_CHECKING:
    import httpx

#: Seconds to connect, and between two reads of the answer.
TIMEOUT = 20.0
#: The largest page desk reads (bytes): news pages weigh tens to hundreds of kilobytes.
MAX_BYTES = 10 * 1024 * 1024
#: Redirects followed before giving up (a loop, or a chain of trackers).
MAX_REDIRECTS = 5
#: Content types desk reads as a page.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
USER_AGENT = "desk (a terminal event desk; archives the pages its user adds)"


class FetchError(DeskError):
    """A page could not be read: the message says which and why."""


@dataclass(frozen=True)
class FetchedPage:
    """A page as received: its bytes, where it finally came from, and when."""

    url: str
    final_url: str
    content: bytes
    media_type: str
    charset: str | None
    retrieved_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def is_html(self) -> bool:
        return self.media_type in HTML_TYPES


def is_url(value: str) -> bool:
    """Whether ``value`` names a web page rather than a file."""
    return urlsplit(value.strip()).scheme.lower() in ("http", "https")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def check_url(url: str) -> str:
    """The URL, stripped, or a FetchError saying what is wrong with it."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"{url}: desk fetches http:// and https:// pages only")
    if not parts.hostname:
        raise FetchError(f"{url}: the URL names no host")
    return url


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    transport: httpx.BaseTransport | None = None,
) -> FetchedPage:
    """Read the page at ``url``; FetchError names the URL and what went wrong."""
    import httpx

    url = check_url(url)
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=max_redirects,
                timeout=timeout,
                headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.8"},
                transport=transport,
            ) as client,
            client.stream("GET", url) as response,
        ):
            return _read(url, response, max_bytes)
    except httpx.TooManyRedirects as error:
        raise FetchError(
            f"{url}: more than {max_redirects} redirects (a loop?); add the page it ends on"
        ) from error
    except httpx.TimeoutException as error:
        raise FetchError(
            f"{url}: no answer within {timeout:g} s; try again later, or save the page as "
            "a file and add that"
        ) from error
    except httpx.ConnectError as error:
        raise FetchError(f"{url}: cannot connect to {urlsplit(url).hostname} ({error})") from error
    except httpx.HTTPError as error:
        raise FetchError(f"{url}: the page could not be read ({error})") from error


def _read(url: str, response: httpx.Response, max_bytes: int) -> FetchedPage:
    final_url = str(response.url)
    where = url if final_url == url else f"{url} (redirected to {final_url})"
    if response.status_code >= 400:
        raise FetchError(
            f"{where}: the server answered {response.status_code} "
            f"{response.reason_phrase or ''}".rstrip()
        )
    media_type, charset = _content_type(response.headers.get("content-type", ""))
    if media_type not in HTML_TYPES | TEXT_TYPES:
        shown = media_type or "no content type"
        raise FetchError(
            f"{where} is {shown}, not a web page: desk reads HTML and plain text "
            "(save the text of a PDF or document as a .txt file and add that)"
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(
            f"{where} is {_megabytes(int(declared))}, larger than desk reads "
            f"({_megabytes(max_bytes)}); save the article's text as a file and add that"
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(
                f"{where} is larger than desk reads ({_megabytes(max_bytes)}); "
                "save the article's text as a file and add that"
            )
        chunks.append(chunk)
    return FetchedPage(url, final_url, b"".join(chunks), media_type, charset)


def _content_type(header: str) -> tuple[str, str | None]:
    """``text/html; charset=UTF-8`` -> ``("text/html", "utf-8")``."""
    media_type, *parameters = header.split(";")
    charset = None
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media_type.strip().lower(), charset
