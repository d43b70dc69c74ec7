"""The words date phrases are made of, and where in a text they cluster.

``tokens`` reads a stretch of text into date words: months and weekdays only when capitalised,
numbers only when they stand alone (not "11,000", "G20", "F-16", "Type 094", "5%"). Reading
every word of a long source in Python is what made ``find`` slow, so ``regions`` first finds,
with one compiled pattern run at C speed, the stretches where known words follow one another
and at least one of them can anchor a date (a month, weekday, year, "yesterday", "week"...).
Most of a report is skipped there; only those stretches are read word by word.

The pre-filter may take in more than a run (it accepts "11,000" or "G20"'s "20" as words),
never less: every stretch ``tokens`` would join into an anchored run lies inside one region.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from desk.dates.vocabulary import (
    CENTURY_ORDINALS,
    CLOCK_WORDS,
    DAY_WORDS,
    MODIFIERS,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    PERIOD_WORDS,
    TAIL_WORDS,
    WEEKDAY_NAMES,
    trie,
)

#: Token kinds that can anchor a date phrase; a run of words needs one of them.
ANCHOR_KINDS = frozenset(
    ["iso", "numeric", "decade", "year", "month", "weekday", "period", "anchor", "holiday"]
)
_ENDING_WORDS = TAIL_WORDS | {"later", "earlier", "before", "after", "afterwards"}
_CAN_END_KINDS = ANCHOR_KINDS | {"number"}


def _word_kinds() -> dict[str, str]:
    """Surface form -> token kind. Months and weekdays count only when capitalised."""
    kinds: dict[str, str] = {}
    for word in MODIFIERS | CLOCK_WORDS | {w.partition("-")[0] for w in CENTURY_ORDINALS}:
        kinds[word] = kinds[word.capitalize()] = "word"
    for word in DAY_WORDS:
        kinds[word] = kinds[word.capitalize()] = "anchor"
    for word in PERIOD_WORDS:
        kinds[word] = "anchor"  # lower case only: "Victory Day", "Arab Spring" are names
    for word in TAIL_WORDS:
        kinds[word] = "word"
    for word in MONTH_NAMES:
        kinds[word] = "month"
    for word in MONTH_ABBREVIATIONS:
        kinds[word + "."] = "month"
        kinds[word] = "abbreviation"  # a month only before a number: "Jan" is also a name
    for word in WEEKDAY_NAMES:
        kinds[word] = "weekday"
    return kinds


WORD_KINDS = _word_kinds()

# Holidays are capitalised names of one or more words ("New Year's Day"): one token each.
_HOLIDAY = (
    r"New Year['’]s(?: Day| Eve)?|Christmas(?: Eve| Day)?|May Day|Independence Day"
    r"|(?:Orthodox )?Easter(?: Sunday| Monday)?|Thanksgiving(?: Day)?"
).replace(" ", r"[^\S\n]")
# A clock time ("3 p.m.", "10:30 a.m."): never a date, but it may stand before one.
_CLOCK = r"\d{1,2}(?::[0-5]\d)?\s?(?:[ap]\.m\.|[ap]m\b)"
# The date-shaped number clusters, in the order the scanner tries them.
_NUMBERS = (
    r"(?P<iso>\d{4}-\d{2}-\d{2})(?![\d/-])",
    r"(?P<numeric>\d{1,2}[./]\d{1,2}[./]\d{4})(?![\d/]|[.-]\d)",
    r"(?P<other>\d+(?:[.,:/]\d+)+)",
    r"(?P<decade>\d{3}0s|['’]\d0s)\b",
    r"(?P<digits>\d+)(?P<ordinal>st|nd|rd|th)?",
)
# One cheap pass: every word and number cluster; the table above decides what they are.
_SCAN = re.compile(
    "|".join(
        [
            rf"(?P<holiday>{_HOLIDAY})(?![A-Za-z])",
            rf"(?P<clock>{_CLOCK})",
            *_NUMBERS,
            r"(?P<period>[QH][1-4])\b",
            r"(?P<letters>[A-Za-z]+)\.?",
            r"(?P<comma>,)|(?P<dash>[-–—])",
        ]
    )
)
_NUMBER_FOLLOWS = re.compile(r"\s\d")


def _hint_pattern() -> str:
    """A word that can anchor a date, or a year-like number (the group ``hint``)."""
    words = [w for w, kind in WORD_KINDS.items() if kind in ANCHOR_KINDS or kind == "abbreviation"]
    # A holiday's hint is its main word; the stretch grows to the rest ("New Year's Day").
    words += ["Christmas", "Easter", "Thanksgiving", "Year", "Independence"]
    return (
        rf"(?P<hint>(?:{trie(words)})(?![A-Za-z])\.?"
        r"|[0-9]{4}|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{4}|['’][0-9]0s|[QH][1-4](?![0-9]))"
    )


_GAP = r"[^\S\n]*"
_DIGITS_AHEAD = r"[0-9]+(?:[.,:/-][0-9]+)*(?:st|nd|rd|th|s)?(?![0-9])"
_DIGITS_BACK = r"(?:ts|dn|dr|ht|s)?[0-9]+(?:[.,:/-][0-9]+)*['’]?"


def _ahead_pattern() -> re.Pattern[str]:
    """Date words one after another, reading forward: more than the scanner keeps, never less."""
    # A stretch may begin inside a holiday's name ("Year" of "New Year's Day"): its words too.
    words = {*WORD_KINDS, "Day", "Eve"}
    token = (
        rf"(?:{_HOLIDAY}|{trie(words)})(?![A-Za-z])\.?|{_CLOCK}|['’]s|['’]?{_DIGITS_AHEAD}"
        r"|[QH][1-4]|[,–—-]"
    )
    return re.compile(rf"\S*(?:{_GAP}(?:{token}))*\S*")


def _back_pattern() -> re.Pattern[str]:
    """The same, reading backward over the reversed text."""
    # Holidays and clock times backward are their words: "Year's" is "s", "'", "Year".
    pieces = {
        *WORD_KINDS,
        *["New", "Year", "s", "Day", "Eve", "Christmas", "Orthodox", "Easter", "Thanksgiving"],
        "Independence",
    }
    reversed_words = [word[::-1] for word in pieces]
    # No check that the word starts there: "5thin" holds the word "in".
    token = (
        rf"\.?(?:{trie(reversed_words)})|{_DIGITS_BACK}|[1-4][QH]|[,–—'’-]"
        r"|\.?m\.?[ap]"
    )
    return re.compile(rf"\S*(?:{_GAP}(?:{token}))*\S*")


# A hint follows a character that is no letter (the text's first word has nothing before it),
# or an ordinal's letters ("5thJan" reads as "5th", "Jan"). Starting each pattern with that
# character lets ``re`` skip the letters of ordinary words at C speed; as a space, nearly always
# the one before a word, it is found faster still as a literal than as a class of characters,
# so hints after a space and after anything else are found in two passes.
_HINT_AFTER_SPACE = re.compile(" " + _hint_pattern())
# The ordinal's letters come after the character's class (not as an alternative to it), which
# keeps the pattern starting with one class that ``re`` can skip ahead to; tried lazily, the
# character alone is tried first, as the alternative once was.
_HINT_AFTER_OTHER = re.compile(rf"[^A-Za-z ](?:(?<=[0-9])(?:st|nd|rd|th))??{_hint_pattern()}")
_HINT_AT_START = re.compile(_hint_pattern())
# Each reads on to the end of the word it stops in, so a stretch starts and ends at a space.
_AHEAD = _ahead_pattern()
_BACK = _back_pattern()


def _hints(text: str) -> Iterator[tuple[int, int]]:
    """The spans of hints in ``text``, in order.

    Not quite those one pass with either character before a hint would find: each pass skips
    the hints its own earlier hints overlap, which the other may not. But a hint holds no space,
    so one hint overlaps another only within one word, and every word where one pass finds a
    hint is one where a single pass finds one; the stretches ``regions`` grows from the words
    are the same.
    """
    others = [match.span("hint") for match in _HINT_AFTER_OTHER.finditer(text)]
    first = _HINT_AT_START.match(text)
    if first:
        others.insert(0, first.span("hint"))
    others.append((len(text) + 1, 0))  # stops the merge below
    index = 0
    upcoming = others[0][0]
    for match in _HINT_AFTER_SPACE.finditer(text):
        span = match.span("hint")
        while upcoming < span[0]:
            yield others[index]
            index += 1
            upcoming = others[index][0]
        yield span
    yield from others[index:-1]


def regions(text: str) -> Iterator[tuple[int, int]]:
    """Stretches of ``text`` that may hold a date phrase, in order and disjoint.

    Each starts after a space or line break and ends before one, so that reading it word by word
    gives the same words as reading the whole text would; each reaches, on both sides, as far as
    known words follow one another.
    """
    size = len(text)
    backward: str | None = None
    start = end = -1
    for left, right in _hints(text):
        right = _AHEAD.match(text, right).end()
        if left < end:  # inside the stretch found so far, which it may lengthen
            end = max(end, right)
            continue
        if backward is None:
            backward = text[::-1]
        left = size - _BACK.match(backward, size - left).end()
        if left <= end:
            end = max(end, right)
            continue
        if end >= 0:
            yield start, end
        start, end = left, right
    if end >= 0:
        yield start, end


class Token:
    """One date word: its kind, lower-case form and span, and whether a phrase may end with it.

    A plain class with slots rather than a dataclass: ``find`` makes tens of thousands.
    """

    __slots__ = ("can_end", "end", "kind", "start", "word")

    def __init__(self, kind: str, word: str, start: int, end: int):
        self.kind = kind
        self.word = word  # lower case
        self.start = start
        self.end = end
        self.can_end = kind in _CAN_END_KINDS or word in _ENDING_WORDS

    def __repr__(self) -> str:
        return f"Token({self.kind!r}, {self.word!r}, {self.start}, {self.end})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.kind, self.word, self.start, self.end) == (
            other.kind,
            other.word,
            other.start,
            other.end,
        )

    __hash__ = None  # type: ignore[assignment]


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The date words of ``text[start:end]``; ``start`` must follow a space (or be 0)."""
    stop = len(text) if end is None else end
    found: list[Token] = []
    append = found.append
    kinds = WORD_KINDS
    # The pattern's lookaheads see the end of the stretch as the end of the text: ``stop`` is
    # followed by a space or the text's end, where they answer the same.
    for match in _SCAN.finditer(text, start, stop):
        begin, finish = match.span()
        group = match.lastgroup
        if group == "letters":
            word = match[0]
            kind = kinds.get(word)
            if kind is None and word[-1] == ".":
                word = word[:-1]
                finish -= 1
                kind = kinds.get(word)
            if kind is None:
                continue
            if kind == "abbreviation":
                if not _NUMBER_FOLLOWS.match(text, finish):
                    continue
                kind = "month"
            append(Token(kind, word.lower(), begin, finish))
        elif group == "digits" or group == "decade":
            if not _stands_alone(text, begin, finish):
                continue
            if group == "digits":
                size = finish - begin - (2 if match["ordinal"] else 0)
                if size == 4 and not match["ordinal"]:
                    group = "year"
                elif size <= 2:
                    group = "number"
                else:
                    continue
            append(Token(group, match[0].lower(), begin, finish))
        elif group == "holiday":
            append(Token(group, " ".join(match[0].lower().split()), begin, finish))
        elif group in ("iso", "numeric"):
            if _stands_alone(text, begin, finish):
                append(Token(group, match[0], begin, finish))
        elif group != "other":
            append(Token(group or "", match[0].lower(), begin, finish))
    return found


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A number that is not part of a name or a measure: not "G20", "F-16", "$2024", "5%"."""
    before = text[start - 1] if start else " "
    if before.isalnum() or before in "$€£#_'":
        return False
    if before == "-" and start >= 2 and text[start - 2].isalpha():
        return text[max(0, start - 4) : start - 1].lower() in ("mid", "end")  # "mid-2024"
    after = text[end] if end < len(text) else " "
    if after.isalnum() or after in "%_":
        return False
    return not (after == "-" and end + 1 < len(text) and text[end + 1].islower())
