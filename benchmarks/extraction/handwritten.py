"""desk's hand-written HTML extractor, as it was before trafilatura replaced it (issue 14).

Kept only as the reference the extraction benchmark measures trafilatura against: it drops
<script>, <style>, <nav> and <footer> and keeps every other text of the page.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

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
