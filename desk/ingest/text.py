"""A report as tokens and sentences, read once: what every other part of desk.ingest works on.

Tokens are words (hyphenated words in parts: "Jong-un" is "Jong" + "un", joined), numbers and
dotted abbreviations ("U.S."); a possessive ending ("Russia's", "forces'") is noted on its word
rather than kept as a token. Offsets are code points into the text, as evidence stores them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from desk.ingest.names import fold_word
from desk.texts import sentence_spans

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]{2,})*|\d+(?:[.,:]\d+)*")
#: Characters that may stand between the words of one name.
_JOINERS = frozenset(" \u00a0")


@dataclass(slots=True)
class Token:
    index: int
    start: int
    end: int
    text: str
    #: The word as compared (see desk.ingest.names.fold_word).
    fold: str
    #: Upper-case first letter, or a script without case (Hangul, Han).
    capital: bool
    #: Joined to the previous token by a hyphen ("un" in "Jong-un").
    joined: bool
    #: Only spaces between the previous token and this one (no punctuation).
    close: bool
    #: Followed by a possessive ending ("Russia's").
    possessive: bool = False
    sentence: int = 0
    #: The word in lower case, as the word lists of desk.ingest.vocabulary are.
    lower: str = ""

    def __post_init__(self) -> None:
        self.lower = self.text.lower()


def _is_capital(word: str) -> bool:
    first = word[0]
    return first.isupper() or (first.isalpha() and not first.islower())


class Document:
    """A text split into tokens and sentences, with lookups between offsets and both."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Token] = []
        self._tokenise()
        self.sentences: list[tuple[int, int]] = sentence_spans(text) or [(0, len(text))]
        self._sentence_starts = [start for start, _ in self.sentences]
        self._token_starts = [token.start for token in self.tokens]
        for token in self.tokens:
            token.sentence = self.sentence_of(token.start)
        #: The first token of each sentence, and one past its last.
        self.sentence_tokens: list[tuple[int, int]] = [
            (self.token_at(start), self.token_at(end)) for start, end in self.sentences
        ]
        #: The name keys of token spans (first, last), each computed once: the scans for the
        #: desk's actors and the gazetteer's names look at the same spans (desk.ingest.mentions).
        self.span_keys: dict[tuple[int, int], tuple[str, ...]] = {}
        #: The candidate name spans for each look-ahead, found once (desk.ingest.mentions).
        self.span_bounds: dict[int, list[tuple[int, int]]] = {}

    def _tokenise(self) -> None:
        text = self.text
        tokens = self.tokens
        previous_end = -1
        for match in _TOKEN.finditer(text):
            start, end = match.span()
            word = match.group()
            between = text[previous_end:start] if previous_end >= 0 else ""
            if word == "s" and tokens and between in ("'", "’") and previous_end == start - 1:
                tokens[-1].possessive = True
                previous_end = end
                continue
            if word[-1] in "'’":
                word = word[:-1]
                end -= 1
            token = Token(
                index=len(tokens),
                start=start,
                end=end,
                text=word,
                fold=fold_word(word),
                capital=_is_capital(word),
                joined=between == "-",
                close=bool(between) and set(between) <= _JOINERS,
            )
            if word.endswith(("s", "S")) and text[end : end + 1] in ("'", "’"):
                following = text[end + 1 : end + 2]
                if not following or not following.isalnum():
                    token.possessive = True
            tokens.append(token)
            previous_end = end

    # -- lookups -----------------------------------------------------------------------------
    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def sentence_text(self, number: int) -> str:
        start, end = self.sentences[number]
        return self.text[start:end]

    def token_at(self, offset: int) -> int:
        """The index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self._token_starts, offset)

    def span_text(self, first: int, last: int) -> str:
        """The text from token ``first`` through token ``last`` (inclusive)."""
        return self.text[self.tokens[first].start : self.tokens[last].end]

    def between(self, first: int, second: int) -> str:
        """The text between the end of token ``first`` and the start of token ``second``."""
        return self.text[self.tokens[first].end : self.tokens[second].start]

    @cached_property
    def lower(self) -> str:
        return self.text.lower()
