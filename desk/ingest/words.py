"""Content words: what two passages, or a passage and a title, have in common."""

from __future__ import annotations

import re
from functools import lru_cache


def word_set(text: str) -> frozenset[str]:
    """The words of a text, as a set: how the word lists of desk.ingest are written."""
    return frozenset(text.split())


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
STOP_WORDS = word_set(
    """
    a an the of in on for to and or with by at from as its their his her between over against
    about into this that these those is are was were be been will would may might could can
    has have had it they he she we who which what when where while after before than then
    also more most other such some any all both each two three new s
    """
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem: 'exercises' -> 'exercise', 'talks' -> 'talk', "Russia's" -> 'russia'."""
    word = word.lower().removesuffix("'s").removesuffix("’s")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_words(text: str) -> list[str]:
    """The stems of a text's words that carry meaning, in order, each once."""
    seen: dict[str, None] = {}
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if word in STOP_WORDS or len(word) < 2:
            continue
        seen.setdefault(stem(word), None)
    return list(seen)


def overlap(first: list[str], second: list[str]) -> float:
    """Jaccard overlap of two word lists."""
    a, b = set(first), set(second)
    return len(a & b) / len(a | b) if a and b else 0.0
