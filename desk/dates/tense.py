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


# Words of a marker are joined by spaces but never by a line break, which ends a sentence.
_BLANK = r"[^\S\n]"
# Future first: at one position "expected to" must win over the past-looking "expected". A
# future marker takes the verb after it along ("will be held", "is expected to be held"), so
# that the participle does not count as a past marker of its own.
_FUTURE = (
    r"(?:will|shall|won't|'ll|may|might|could|would|must|should"
    r"|(?:is|are|was|were|be)\s+(?:(?:widely|also|now)\s+)?"
    r"(?:expected|likely|set|due|scheduled|slated|poised|going|planning|about)\s+to"
    r"|(?:plans?|planned|intends?|intended|aims?|hopes?|vows?|vowed|pledged|promised)\s+to"
    # "is to visit", "wants to meet", "an invitation to visit", "invited Lee to visit"
    r"|(?:is|are|was|were)\s+to|(?:wants?|wanted|preparing|prepares|seeks?|ready)\s+to"
    r"|invitations?\s+to|invited\s+(?:(?:him|her|them|[A-Z][\w.-]*)\s+){1,4}to"
    # A decision or an offer to act looks forward from when it was made ("agreed to begin
    # talks by the end of February"); "agreed to a truce", "agreed to the plan" do not.
    r"|(?:agree[sd]?|decided?|decides|resolved?|offer(?:s|ed)?|undert(?:akes?|ook)|prepared)"
    r"\s+to(?!\s+(?:a|an|the|this|that|its|their|his|her|our|it|them)\b))"
    r"(?:\s+(?:not|also|likely|soon|still|then))?(?:\s+be)?(?:\s+[a-z]+)?"
    r"|(?:scheduled|slated|set|planned|due|expected)\s+(?:for|on|in)"
    r"|to\s+be\s+held|upcoming|forthcoming|ahead\s+of"
    # A timetable in the present ("voting closes at 8 p.m. Sunday", "the forum opens Tuesday").
    r"|opens|closes|begins|starts|ends|resumes|convenes|expires"
    # An arrangement in the present progressive ("Lavrov is travelling to Pyongyang on Monday").
    r"|(?:is|are)\s+(?:traveling|travelling|heading|visiting|flying|leaving|hosting|returning"
    r"|arriving|meeting)"
).replace(r"\s", _BLANK)
# "may have met", "could have been": a modal with a perfect looks back, not forward.
_PERFECT_MODAL = rf"(?:may|might|could|would|should|must){_BLANK}+have{_BLANK}+[a-z]+"
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
# A regular past ("agreed") is a word of four letters or more ending in "ed": read whole and
# never backtracked into (a possessive ``{4,}+``), as a "d" inside it cannot end the word.
_MARKER = (
    rf"(?=[a-z'])(?:(?P<modal>{_PERFECT_MODAL})|(?P<future>{_FUTURE})"
    rf"|(?P<past>(?:{trie(_IRREGULAR_PAST.split('|'))})(?![\w-])|[a-z]{{4,}}+(?<=ed)))(?![\w-])"
)
_MARKERS = re.compile(rf"[^\w'-]{_MARKER}")
# Nearly every marker follows a space, which ``re`` skips to much faster as a literal than it
# tests each character against ``[^\w'-]``. Where nothing else that could come before a marker
# is followed by a word (checked with a wider, cheaper class), a stretch's markers are those
# found after its spaces.
_MARKERS_AFTER_SPACE = re.compile(f" {_MARKER}")
_OTHER_BEFORE_WORD = re.compile(r"[^ 0-9A-Za-z_'-](?=[a-z'])")
# Clause breaks: punctuation, and a hyphen between spaces (found apart: a pattern that starts
# with one character lets ``re`` skip ahead to it at C speed).
_CLAUSE_PUNCTUATION = re.compile(r"[,;:()\[\]\"“”—–]")
_SPACED_HYPHEN = re.compile(r"-(?<=\s-)(?=\s)")
# A word in parentheses ("member states (SCO) in November", "(AP)") is a name's short form,
# not an aside: its parentheses do not break the clause around it.
_WORD_IN_PARENTHESES = re.compile(r"\([^()\s]{1,15}\)")
# Words that open another verb phrase within a clause: a coordinated one ("arrived on Monday
# and will leave Thursday"), a reported or relative one ("told reporters on Saturday that the
# army would stay", "the envoy who will ..."). A marker past one is that verb phrase's.
_JOINER = re.compile(r"\b(?:and|but|then|while|whereas|that|which|who)\b")
# Markers that say an event lies ahead without being the verb of the clause: one of them after
# a phrase yields to the verb before it.
_WEAK = re.compile(r"ahead|upcoming|forthcoming")
# A sentence ends at . ! ? followed by space and a capital or quote; "Feb. 25" and "U.S. wrapped"
# do not end one because a digit or a lower-case word follows.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)|[\"'”’)]*\s+(?=[\"“‘(]?[A-Z]))")


def _markers(text: str) -> tuple[list[int], list[int], list[Tense]]:
    """Every tense marker of ``text``: the positions where they start and end, and their tenses."""
    # A leading space lets the text's first word be a marker; it shifts positions by one, which
    # cancels the pattern's taking the character before the word.
    return _markers_between(" " + text, 0, len(text))


def _markers_between(spaced: str, start: int, end: int) -> tuple[list[int], list[int], list[Tense]]:
    """The tense markers of ``text[start:end]``, where ``spaced`` is ``" " + text``.

    They are those of the whole text that start there when ``start`` follows a line break (or
    is 0) and ``end`` is a line break (or the text's end): a marker is words joined by spaces
    or tabs, never by a line break, and one scan finds none of a line's markers differently
    for having read the lines before it.
    """
    positions: list[int] = []
    ends: list[int] = []
    tenses: list[Tense] = []
    append_position, append_end, append_tense = positions.append, ends.append, tenses.append
    past, future = Tense.PAST, Tense.FUTURE
    markers = _MARKERS
    if _OTHER_BEFORE_WORD.search(spaced, start, end + 1) is None:
        markers = _MARKERS_AFTER_SPACE
    for match in markers.finditer(spaced, start, end + 1):
        group = match.lastgroup
        if group == "past" and match["past"] in _NOT_PAST:
            continue
        append_position(match.start())
        append_end(match.end() - 1)
        append_tense(future if group == "future" else past)
    return positions, ends, tenses


def _clause_breaks(text: str) -> tuple[list[int], list[int]]:
    """The starts and ends of the clause breaks of ``text`` in order, as one leftmost,
    non-overlapping scan finds them (a punctuation mark is one character: its end is start + 1,
    worked out without a tuple per mark; wire copy has one every few dozen characters)."""
    starts = [match.start() for match in _CLAUSE_PUNCTUATION.finditer(text)]
    if "(" in text:
        inside = {
            position
            for match in _WORD_IN_PARENTHESES.finditer(text)
            for position in (match.start(), match.end() - 1)
        }
        if inside:
            starts = [start for start in starts if start not in inside]
    hyphens = [match.start() - 1 for match in _SPACED_HYPHEN.finditer(text)]
    if not hyphens:
        return starts, [start + 1 for start in starts]
    merged_starts: list[int] = []
    merged_ends: list[int] = []
    last_end = -1
    spans = [(start, start + 1) for start in starts] + [(start, start + 3) for start in hyphens]
    for start, end in sorted(spans):
        if start >= last_end:  # " - - ": the second hyphen's span overlaps the first
            merged_starts.append(start)
            merged_ends.append(end)
            last_end = end
    return merged_starts, merged_ends


class TenseReader:
    """Tense inference over one text, sharing sentence splits, clause breaks and markers.

    ``find`` asks about thousands of phrases in one text. Sentence and clause breaks are each
    found in one pass over the whole text, at C speed, the first time a phrase is asked about;
    the tense markers of a line when a phrase in it is. Each phrase then costs a
    few binary searches. No marker crosses a clause or sentence break (markers are words joined
    by spaces, never by a line break), so the markers of a clause are exactly those found in
    the whole text that start inside it (see ``_markers_between``).
    """

    __slots__ = (
        "_clause_ends",
        "_clause_starts",
        "_line",
        "_markers",
        "_sentence_breaks",
        "_sentence_ends",
        "_spaced",
        "text",
    )

    def __init__(self, text: str):
        self.text = text
        # Where each sentence break starts (None until the text is indexed) and ends.
        self._sentence_breaks: list[int] | None = None
        self._sentence_ends: list[int] = []
        self._clause_starts: list[int] = []
        self._clause_ends: list[int] = []
        self._spaced = ""
        # The markers of the line last asked about: a quarter of a news text is lines without
        # a date, whose verbs need not be read. Only the last is kept, as phrases are asked
        # about in order: keeping every line's would leave thousands of lists for the garbage
        # collector to walk again and again while ``find`` runs. (Lines, not sentences: a
        # marker may hold a name that ends in a full stop, "invited U.S. President Trump to".)
        self._line = (0, 0)
        self._markers: tuple[list[int], list[int], list[Tense]] = ([], [], [])

    def _index(self) -> list[int]:
        text = self.text
        starts: list[int] = []
        ends: list[int] = []
        for match in _SENTENCE_END.finditer(text):
            starts.append(match.start() if match[0] == "\n" else match.start() + 1)
            ends.append(match.end())
        self._clause_starts, self._clause_ends = _clause_breaks(text)
        self._spaced = " " + text
        self._sentence_ends = ends
        self._sentence_breaks = starts
        return starts

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``text[start:end]``: from the break before to the break after."""
        starts = self._sentence_breaks
        if starts is None:
            starts = self._index()
        # The first break starting at or after the phrase's start (a break ends after it starts).
        index = bisect.bisect_left(starts, start)
        left = self._sentence_ends[index - 1] if index else 0
        count = len(starts)
        while index < count and starts[index] < end:
            index += 1  # a break inside the phrase ("Feb. 25. AFP") is not the phrase's end
        right = starts[index] if index < count else len(self.text)
        return left, right

    def tense(self, start: int, end: int) -> Tense | None:
        """The tense of the clause, else the sentence, around the phrase ``text[start:end]``."""
        sentence_start, sentence_end = self.sentence(start, end)
        # The clause runs from the last clause break before the phrase to the first one after
        # it, counting only breaks that lie wholly inside the sentence.
        starts, ends = self._clause_starts, self._clause_ends
        index = bisect.bisect_right(ends, start) - 1
        clause_start = sentence_start
        if index >= 0 and starts[index] >= sentence_start:
            clause_start = ends[index]
        index = bisect.bisect_left(starts, end)
        clause_end = sentence_end
        if index < len(starts) and ends[index] <= sentence_end:
            clause_end = starts[index]
        line_start, line_end = self._line
        if not line_start <= start < line_end:  # a phrase never holds a line break
            text = self.text
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            if line_end < 0:
                line_end = len(text)
            self._line = (line_start, line_end)
            self._markers = _markers_between(self._spaced, line_start, line_end)
        markers = self._markers
        nearest = self._nearest(markers, clause_start, clause_end, start, end)
        if nearest is None:
            nearest = self._nearest(markers, sentence_start, sentence_end, start, end)
        return nearest

    def _nearest(
        self,
        markers: tuple[list[int], list[int], list[Tense]],
        left: int,
        right: int,
        start: int,
        end: int,
    ) -> Tense | None:
        """The tense of the marker in ``[left, right)`` nearest the phrase; before wins a tie.

        ``markers`` are those of a sentence holding ``[left, right)``."""
        positions, marker_ends, marker_tenses = markers
        before = bisect.bisect_left(positions, start) - 1
        after = bisect.bisect_left(positions, end)
        has_before = before >= 0 and positions[before] >= left
        has_after = after < len(positions) and positions[after] < right
        if has_before and has_after:
            # "arrived on Monday and will leave on Thursday": a marker past a joining word
            # belongs to another verb phrase; the one not cut off from the phrase is its verb.
            apart_before = _JOINER.search(self.text, positions[before], start) is not None
            apart_after = _JOINER.search(self.text, end, positions[after]) is not None
            if apart_before != apart_after:
                return marker_tenses[after if apart_before else before]
            if _WEAK.match(self.text, positions[after]):
                # "met late into the night on Thursday ahead of the summit": "ahead of" dates
                # the event after it, the verb before the phrase dates the phrase.
                return marker_tenses[before]
        # Distances are the gaps between the words: from the end of a marker before the phrase
        # ("are scheduled to meet in Anchorage, Alaska, on Friday"), to the start of one after.
        gap_before = start - marker_ends[before] if has_before else 0
        if has_before and (not has_after or gap_before <= positions[after] - end):
            return marker_tenses[before]
        if has_after:
            return marker_tenses[after]
        return None


def infer_tense(text: str, start: int, end: int) -> Tense | None:
    """The tense of the clause, else the sentence, around the phrase ``text[start:end]``."""
    return TenseReader(text).tense(start, end)
