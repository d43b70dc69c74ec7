r"""Reading a source file (.txt, .md, .html) into the plain text desk stores and quotes from.

An HTML page is reduced to its main text and metadata by trafilatura (``extract_html``), for
files and fetched pages alike.

Line ends become ``\n`` whatever the file used, and a file holding other control characters
(an escape sequence, NUL) is refused with the line and column, before anything is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from desk.errors import DeskError
from desk.text_safety import forbidden_character_message

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


class SourceFileError(DeskError):
    pass


@dataclass(frozen=True)
class ReadSource:
    """A report as read: the text desk stores and quotes from, what the page says about itself,
    and the page's bytes when it was HTML (kept as the archived copy)."""

    text: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    #: The publication day the page states (``YYYY-MM-DD``), if it states one.
    published: str | None = None
    raw: bytes | None = None
    media_type: str | None = None


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else None
    return value or None


def extract_html(markup: str, *, name: str, url: str | None = None) -> ReadSource:
    """The main text of an HTML page, one paragraph a line, without its navigation, comments,
    banners and footer, and its title, author, publisher and publication day (trafilatura).

    ``name`` is the file or URL messages name.
    """
    import trafilatura

    found = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        # Precision over recall: a rubric, a "subscribe" box or a menu line kept in the text
        # would be quoted as the report (measured in benchmarks/extraction).
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
    )
    text = found.text if found is not None else None
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    text = "\n".join(line for line in lines if line)
    if not text:
        raise SourceFileError(f"{name} holds no article text desk can find")
    read = ReadSource(
        text=text,
        title=_clean(found.title),
        author=_clean(found.author),
        publisher=_clean(found.sitename),
        published=_clean(found.date),
    )
    for field_name in ("text", "title", "author", "publisher"):
        problem = forbidden_character_message(getattr(read, field_name) or "", in_lines=True)
        if problem is not None:
            raise SourceFileError(f"{name}: its {field_name} {problem}")
    return read


def text_from_html(markup: str) -> tuple[str, str | None]:
    """The main text of an HTML page, one paragraph a line, and its title if any."""
    read = extract_html(markup, name="the page")
    return read.text, read.title


def _text_from_markdown(markup: str) -> str:
    """Markdown without its markup characters, so quotes match what a reader sees."""
    lines = []
    for line in markup.splitlines():
        line = re.sub(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)", "", line)
        line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", line)
        lines.append(line)
    return "\n".join(lines).strip() + "\n"


def normalize_newlines(text: str) -> str:
    r"""``\r\n`` and lone ``\r`` as ``\n``: offsets into a source must not depend on the OS it
    was saved on, and a stray carriage return would be refused as a control character."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: Path) -> ReadSource:
    """The text of a .txt, .md or .html file, and what an HTML page says about itself."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise SourceFileError(
            f"{path.name}: desk reads {', '.join(SUPPORTED_SUFFIXES)} files, "
            f"not {suffix or 'files without a suffix'}"
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SourceFileError(f"cannot read {path}: {error.strerror}") from error
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceFileError(
            f"{path.name} is not UTF-8 text (byte {error.start} cannot be read); save it as UTF-8"
        ) from error
    content = normalize_newlines(content)
    problem = forbidden_character_message(content, in_lines=True)
    if problem is not None:
        raise SourceFileError(f"{path.name} {problem}")
    if suffix in (".html", ".htm"):
        read = extract_html(content, name=path.name)
        return replace(read, raw=raw, media_type="text/html")
    text = _text_from_markdown(content) if suffix in (".md", ".markdown") else content
    if not text.strip():
        raise SourceFileError(f"{path.name} holds no text")
    return ReadSource(text=text)


def read_source_file(path: Path) -> tuple[str, str | None]:
    """The text of a .txt, .md or .html file, and a title when the file names one."""
    read = read_source(path)
    return read.text, read.title
