r"""Reading a source file (.txt, .md, .html) into the plain text desk stores and quotes from.

Line ends become ``\n`` whatever the file used, and a file holding other control characters
(an escape sequence, NUL) is refused with the line and column, before anything is stored.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from desk.errors import DeskError
from desk.text_safety import forbidden_character_message

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

#: Elements whose text is never part of an article.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head", "nav", "footer"})
#: Elements that end a paragraph.
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "aside",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "table",
        "tr",
        "blockquote",
        "figure",
        "figcaption",
        "pre",
        "br",
        "hr",
        "dd",
        "dt",
    ]
)


class SourceFileError(DeskError):
    pass


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if not self.skipping:
            self.parts.append(data)


def text_from_html(markup: str) -> tuple[str, str | None]:
    """The readable text of an HTML page, one paragraph a line, and its <title> if any."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    raw = html.unescape("".join(collector.parts))
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    text = "\n".join(line for line in lines if line)
    title = " ".join("".join(collector.title).split()) or None
    return text, title


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


def read_source_file(path: Path) -> tuple[str, str | None]:
    """The text of a .txt, .md or .html file, and a title when the file names one."""
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
        text, title = text_from_html(content)
    elif suffix in (".md", ".markdown"):
        text, title = _text_from_markdown(content), None
    else:
        text, title = content, None
    if not text.strip():
        raise SourceFileError(f"{path.name} holds no text")
    return text, title
