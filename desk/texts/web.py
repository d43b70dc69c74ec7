"""The text of a fetched page: decoded by its declared charset (else detected), line ends made
``\\n``, control characters refused, and HTML reduced to its main text and metadata."""

from __future__ import annotations

from dataclasses import replace

from desk.text_safety import forbidden_character_message
from desk.texts.extract import ReadSource, SourceFileError, extract_html, normalize_newlines
from desk.texts.fetch import FetchedPage


def decode_page(page: FetchedPage) -> str:
    """The page as text: by the charset its server declared, else as the page itself says
    (a <meta charset>, a byte-order mark) or as it looks (trafilatura's detection)."""
    if page.charset:
        try:
            return page.content.decode(page.charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead, as browsers do
    from trafilatura.utils import decode_file

    decoded = decode_file(page.content)
    return decoded if isinstance(decoded, str) else decoded.decode("utf-8", errors="replace")


def read_page(page: FetchedPage) -> ReadSource:
    """What desk stores from a fetched page, with the page's bytes kept for the archive."""
    name = page.final_url
    content = normalize_newlines(decode_page(page)).removeprefix("\ufeff")
    problem = forbidden_character_message(content, in_lines=True)
    if problem is not None:
        raise SourceFileError(f"{name} {problem}")
    if page.is_html:
        read = extract_html(content, name=name, url=page.final_url)
    else:
        if not content.strip():
            raise SourceFileError(f"{name} holds no text")
        read = ReadSource(text=content)
    return replace(read, raw=page.content, media_type=page.media_type)
