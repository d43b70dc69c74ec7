"""Sentence spans in news text, for moving through a source by sentence.

A sentence ends at ., ! or ? (with any closing quote or bracket) before whitespace and a capital,
digit-free start, or at the end of a line. Common abbreviations ("U.S.", "Feb.", "Mr.") and
initials do not end sentences, and "Sept. 13" never does.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "adm",
        "gov",
        "sen",
        "rep",
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "inc",
        "corp",
        "co",
        "ltd",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
    ]
)

_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s)""")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) code-point offsets of each sentence, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        spans.extend((offset + start, offset + end) for start, end in _line_sentences(line))
        offset += len(line)
    return spans


def _line_sentences(line: str) -> list[tuple[int, int]]:
    spans = []
    start = _skip_space(line, 0)
    for match in _END.finditer(line):
        end = match.end()
        following = _skip_space(line, end)
        if following >= len(line.rstrip()):
            break
        if not _ends_sentence(line, match.start(), following):
            continue
        spans.append((start, end))
        start = following
    stripped_end = len(line.rstrip())
    if start < stripped_end:
        spans.append((start, stripped_end))
    return spans


def _ends_sentence(line: str, stop: int, following: int) -> bool:
    next_character = line[following]
    if not (next_character.isupper() or next_character in "\"“‘'("):
        return False
    if line[stop] != ".":
        return True
    word = _WORD_BEFORE.search(line[:stop])
    if word is None:
        return True
    token = word.group(1).lower().rstrip(".")
    return not (token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()))


def _skip_space(line: str, position: int) -> int:
    while position < len(line) and line[position].isspace():
        position += 1
    return position
