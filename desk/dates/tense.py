"""Tense: whether a date phrase points back or forward from the day a report was published.

"Friday" in "met Friday" is the Friday before publication; in "will meet Friday" the one after.
``infer_tense`` reads the verbs around a phrase the way a careful reader does: the nearest tense
marker in the same clause wins, then the nearest in the same sentence; a sentence with neither
(a photo caption, a bare list) has no tense.
"""

from __future__ import annotations

import bisect
import re
from enum import StrEnum

from desk.dates.vocabulary import trie


class Tense(StrEnum):
    """The direction a relative date phrase resolves in; ``None`` where the text does not say."""

    PAST = "past"
    FUTURE = "future"

    @classmethod
    def coerce(cls, value: Tense | str | None) -> Tense | None:
        """Accept a Tense, its value ("past", "future") or None."""
        if value is None or isinstance(value, Tense):
            return value
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise ValueError(f"tense must be 'past', 'future' or None, not {value!r}") from None


# Future first: at one position "expected to" must win over the past-looking "expected". A
# future marker takes the verb after it along ("will be held", "is expected to be held"), so
# that the participle does not count as a past marker of its own.
_FUTURE = (
    r"(?:will|shall|won't|'ll|may|might|could|would"
    r"|(?:is|are|was|were|be)\s+(?:(?:widely|also|now)\s+)?"
    r"(?:expected|likely|set|due|scheduled|slated|poised|going|planning|about)\s+to"
    r"|(?:plans?|planned|intends?|intended|aims?|hopes?|vows?|vowed|pledged|promised)\s+to)"
    r"(?:\s+(?:not|also|likely|soon|still|then))?(?:\s+be)?(?:\s+[a-z]+)?"
    r"|(?:scheduled|slated|set|planned|due|expected)\s+(?:for|on|in)"
    r"|to\s+be\s+held|upcoming|forthcoming|ahead\s+of"
)
# "may have met", "could have been": a modal with a perfect looks back, not forward.
_PERFECT_MODAL = r"(?:may|might|could|would|should|must)\s+have\s+[a-z]+"
_IRREGULAR_PAST = (
    "said|met|held|took|went|came|gave|made|told|began|left|spoke|sent|brought|fought|led|ran"
    "|wrote|struck|broke|chose|flew|fell|found|rose|sought|thought|kept|became|saw|won|lost"
    "|paid|laid|set|put|hit|cut|was|were|had|did|got|stood|sat|drew|grew|knew|threw|shook|wore"
)
# Words ending in -ed that are adjectives far more often than verbs in news copy.
_NOT_PAST = frozenset(
    [
        "advanced",
        "armed",
        "based",
        "concerned",
        "detailed",
        "hundred",
        "indeed",
        "interested",
        "limited",
        "need",
        "needed",
        "related",
        "red",
        "seed",
        "speed",
        "united",
        "skilled",
        "supposed",
        "used",
        "expected",
        "scheduled",
        "planned",
        "proposed",
        "alleged",
        "so-called",
        "unprecedented",
        "naked",
        "sacred",
        "wicked",
    ]
)
# A marker starts a word: the pattern takes the character before it too (the sentence is
# searched from the character before its start), which lets ``re`` skip the letters inside
# words at C speed instead of trying every position.
# The irregular verbs as a prefix tree, so that a word is rejected after its first letters.
_MARKERS = re.compile(
    rf"[^\w'-](?=[a-z'])(?:(?P<modal>{_PERFECT_MODAL})|(?P<future>{_FUTURE})"
    rf"|(?P<past>(?:{trie(_IRREGULAR_PAST.split('|'))})(?![\w-])|[a-z]{{2,}}ed))(?![\w-])"
)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”—–]|\s-\s")
# A sentence ends at . ! ? followed by space and a capital or quote; "Feb. 25" and "U.S. wrapped"
# do not end one because a digit or a lower-case word follows.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z])|\n")


def _markers(text: str, start: int, end: int) -> list[tuple[int, Tense]]:
    found = []
    if start == 0:
        text, start, end, shift = " " + text[:end], 0, end + 1, -1
    else:
        start, shift = start - 1, 0
    for match in _MARKERS.finditer(text, start, end):
        if match["past"] and match["past"] in _NOT_PAST:
            continue
        found.append((match.start() + 1 + shift, Tense.FUTURE if match["future"] else Tense.PAST))
    return found


def _nearest(markers: list[tuple[int, Tense]], start: int, end: int) -> Tense | None:
    best: tuple[int, Tense] | None = None
    for position, tense in markers:
        if start <= position < end:
            continue
        distance = start - position if position < start else position - end
        if best is None or distance < best[0]:
            best = (distance, tense)
    return best[1] if best else None


class TenseReader:
    """Tense inference over one text, sharing sentence splits and markers between phrases.

    ``find`` asks about thousands of phrases in one text; sentence breaks are found once and
    each sentence's markers are read once.
    """

    __slots__ = ("_breaks", "_markers", "text")

    def __init__(self, text: str):
        self.text = text
        self._breaks: list[tuple[int, int]] | None = None
        self._markers: dict[int, list[tuple[int, Tense]]] = {}

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``text[start:end]``: from the break before to the break after."""
        if self._breaks is None:
            self._breaks = [match.span() for match in _SENTENCE_BREAK.finditer(self.text)]
        breaks = self._breaks
        index = bisect.bisect_right(breaks, (start, start))
        left = breaks[index - 1][1] if index else 0
        while index < len(breaks) and breaks[index][0] < end:
            index += 1  # a break inside the phrase ("Feb. 25. AFP") is not the phrase's end
        right = breaks[index][0] if index < len(breaks) else len(self.text)
        return left, right

    def tense(self, start: int, end: int) -> Tense | None:
        """The tense of the clause, else the sentence, around the phrase ``text[start:end]``.

        The clause is read first, and the whole sentence only when the clause has no marker:
        reading markers is most of the cost of ``find``.
        """
        sentence_start, sentence_end = self.sentence(start, end)
        text = self.text
        clause_start = sentence_start
        for match in _CLAUSE_BREAK.finditer(text, sentence_start, start):
            clause_start = match.end()
        following = _CLAUSE_BREAK.search(text, end, sentence_end)
        clause_end = following.start() if following else sentence_end
        markers = self._markers.get(sentence_start)
        if markers is None:
            # No marker crosses a clause break, so the clause alone gives the same markers.
            in_clause = _markers(text, clause_start, clause_end)
        else:
            in_clause = [m for m in markers if clause_start <= m[0] < clause_end]
        nearest = _nearest(in_clause, start, end)
        if nearest is not None:
            return nearest
        if markers is None:
            markers = self._markers[sentence_start] = _markers(text, sentence_start, sentence_end)
        return _nearest(markers, start, end)


def infer_tense(text: str, start: int, end: int) -> Tense | None:
    """The tense of the clause, else the sentence, around the phrase ``text[start:end]``."""
    return TenseReader(text).tense(start, end)
