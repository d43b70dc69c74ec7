"""find(): every date phrase in a source's text, with its span, value and tense.

The scanner reads the text once with a cheap pattern (words and number clusters) and a table
lookup that keeps only date words: months and weekdays only when capitalised, numbers only
when they stand alone (not "11,000", "G20", "F-16", "Type 094", "5%"). Adjacent date words
form runs; within each run the longest span that ``parse`` accepts wins, left to right, so
matches never overlap and "September last year" is one phrase, not "September" + "last year".
The tense handed to ``parse`` is read from the verbs around the span (see ``tense``).

A careful reader's caution on top of the grammar:

* a bare month or season ("May", "summer") is a date only after a preposition ("in May") or
  in a list after one ("in July and August"): "Theresa May" and "may travel" are not;
* a bare year likewise ("in 1945", "since 2022"): "2000 troops" is not a date;
* "in"/"on" belong to the phrase only when the phrase is relative ("in May", "on Saturday");
  for absolute dates the phrase is the date itself ("1945", "July 2023");
* "from" starts a phrase only with an end ("from March 3 to 5"): "dates from the 1990s" is
  the 1990s;
* phrases that point back ("earlier that year", "the next day") resolve against the nearest
  earlier match in the same paragraph, and are skipped when that match is not a single day,
  month or year as the phrase requires.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from desk.dates.parse import Resolution, attempt
from desk.dates.partial import PartialDate
from desk.dates.tense import Tense, TenseReader
from desk.dates.vocabulary import (
    DAY_WORDS,
    MODIFIERS,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    PERIOD_WORDS,
    SEASONS,
    TAIL_WORDS,
    WEEKDAY_NAMES,
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date phrase in a text: ``text[start:end] == phrase``."""

    start: int
    end: int
    phrase: str
    date: PartialDate
    tense: Tense | None


def _word_kinds() -> dict[str, str]:
    """Surface form -> token kind. Months and weekdays count only when capitalised."""
    kinds: dict[str, str] = {}
    for word in MODIFIERS:
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


_WORD_KINDS = _word_kinds()
# One cheap pass: every word and number cluster; the table above decides what they are.
_SCAN = re.compile(
    r"(?P<iso>\d{4}-\d{2}-\d{2})(?![\d/-])"
    r"|(?P<numeric>\d{1,2}[./]\d{1,2}[./]\d{4})(?![\d/]|[.-]\d)"
    r"|(?P<other>\d+(?:[.,:/]\d+)+)"
    r"|(?P<decade>\d{3}0s|['’]\d0s)\b"
    r"|(?P<digits>\d+)(?P<ordinal>st|nd|rd|th)?"
    r"|(?P<period>[QH][1-4])\b"
    r"|(?P<letters>[A-Za-z]+)\.?"
    r"|(?P<comma>,)|(?P<dash>[-–—])"
)
_NUMBER_FOLLOWS = re.compile(r"\s\d")
_ANCHOR_KINDS = frozenset(
    ["iso", "numeric", "decade", "year", "month", "weekday", "period", "anchor"]
)
_SEASONS = frozenset(SEASONS)
_HOLDERS = frozenset(["quarter", "half"])
_NO_START = TAIL_WORDS | {",", "-", "–", "—", "and", "to", "of"}
_PREPOSITIONS = frozenset(["in", "on", "during", "at", "over"])
# A bare unit or part of a day is never a date on its own.
_ALONE_NEVER = PERIOD_WORDS - _SEASONS
_RANGE_WORDS = frozenset(["to", "through", "until", "till", "and", "-", "–", "—"])
# No date phrase runs longer than this many tokens ("from the first half of 2024 to the
# second half of 2025" is 14); the cap keeps a long run of list words linear.
_LONGEST = 16
_CHAIN = frozenset(["and", "or", ","])
_ENDING_WORDS = TAIL_WORDS | {"later", "earlier", "before", "after", "afterwards"}


@dataclass(slots=True)
class _Token:
    kind: str
    word: str  # lower case
    start: int
    end: int

    @property
    def can_end(self) -> bool:
        return self.kind in _ANCHOR_KINDS or self.kind == "number" or self.word in _ENDING_WORDS


def _tokens(text: str) -> list[_Token]:
    tokens = []
    append = tokens.append
    kinds = _WORD_KINDS
    for match in _SCAN.finditer(text):
        group = match.lastgroup
        start, end = match.span()
        if group == "letters":
            word = match[0]
            kind = kinds.get(word)
            if kind is None and word[-1] == ".":
                word = word[:-1]
                end -= 1
                kind = kinds.get(word)
            if kind is None:
                continue
            if kind == "abbreviation":
                if not _NUMBER_FOLLOWS.match(text, end):
                    continue
                kind = "month"
            append(_Token(kind, word.lower(), start, end))
        elif group == "digits" or group == "decade":
            if not _stands_alone(text, start, end):
                continue
            if group == "digits":
                size = end - start - (2 if match["ordinal"] else 0)
                if size == 4 and not match["ordinal"]:
                    group = "year"
                elif size <= 2:
                    group = "number"
                else:
                    continue
            append(_Token(group, match[0].lower(), start, end))
        elif group in ("iso", "numeric"):
            if _stands_alone(text, start, end):
                append(_Token(group, match[0], start, end))
        elif group != "other":
            append(_Token(group or "", match[0].lower(), start, end))
    return tokens


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A number that is not part of a name or a measure: not "G20", "F-16", "$2024", "5%"."""
    before = text[start - 1] if start else " "
    if before.isalnum() or before in "$€£#_'":
        return False
    if before == "-" and start >= 2 and text[start - 2].isalpha():
        return text[max(0, start - 4) : start - 1].lower() == "mid"  # "mid-2024"
    after = text[end] if end < len(text) else " "
    if after.isalnum() or after in "%_":
        return False
    return not (after == "-" and end + 1 < len(text) and text[end + 1].islower())


def _runs(text: str, tokens: list[_Token]) -> list[list[_Token]]:
    """Tokens separated by nothing but spaces (no line break), with at least one anchor."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    anchored = False
    previous_end = -1
    for token in tokens:
        gap = text[previous_end : token.start] if current else ""
        if current and (gap and not (gap.isspace() and "\n" not in gap)):
            if anchored:
                runs.append(current)
            current, anchored = [], False
        current.append(token)
        anchored = anchored or token.kind in _ANCHOR_KINDS
        previous_end = token.end
    if current and anchored:
        runs.append(current)
    return runs


def _kind(core: list[_Token]) -> str | None:
    """'month', 'year', 'season' or 'holder' when the phrase is such a word standing alone."""
    words = [token for token in core if token.word != "the"]
    if len(words) == 1:
        only = words[0]
        if only.kind == "month":
            return "month"
        if only.kind == "year":
            return "year"
        if only.word in _SEASONS:
            return "season"
    holder = any(t.word in _HOLDERS or t.kind == "period" for t in core)
    if holder and not any(t.kind == "year" or t.word in ("year", "years") for t in core):
        return "holder"
    return None


def find(text: str, reference: dt.date) -> list[DateMatch]:
    """Every date phrase in ``text`` resolved against ``reference`` (the publication day)."""
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    matches: list[DateMatch] = []
    reader = TenseReader(text)
    memo: dict[tuple[str, Tense | None, PartialDate | None], Resolution | None] = {}
    for run in _runs(text, _tokens(text)):
        _scan_run(text, run, reference, reader, memo, matches)
    return matches


def _scan_run(
    text: str,
    run: list[_Token],
    reference: dt.date,
    reader: TenseReader,
    memo: dict[tuple[str, Tense | None, PartialDate | None], Resolution | None],
    matches: list[DateMatch],
) -> None:
    """Record the longest parseable spans of one run, left to right.

    ``memo`` remembers every span already tried in this text with the same tense and anchor:
    news copy repeats its phrases ("last year", "Friday") and its non-dates alike.
    """
    last_end_index = -10
    last_kind: str | None = None
    index = 0
    count = len(run)
    while index < count:
        first = run[index]
        if first.word in _NO_START:
            index += 1
            continue
        found = False
        for stop in range(min(count, index + _LONGEST) - 1, index - 1, -1):
            last = run[stop]
            if not last.can_end:
                continue
            span = run[index : stop + 1]
            if not any(token.kind in _ANCHOR_KINDS for token in span):
                continue
            if first.word == "from" and not any(t.word in _RANGE_WORDS for t in span):
                continue  # "dates from the 1990s" is an origin, not an open range
            leading = 0
            while leading < len(span) - 1 and span[leading].word in _PREPOSITIONS:
                leading += 1
            core = span[leading:]
            kind = _kind(core)
            if kind and not leading:
                chained = (
                    kind == last_kind
                    and index - last_end_index in (1, 2)
                    and all(t.word in _CHAIN for t in run[last_end_index + 1 : index])
                )
                if not chained:
                    continue
            if stop == index and first.word in _ALONE_NEVER:
                continue
            start, end = first.start, last.end
            tense = reader.tense(start, end)
            anchor = _anchor(text, matches, start)
            key = (text[start:end], tense, anchor)
            if key in memo:
                result = memo[key]
            else:
                result = memo[key] = attempt(key[0], reference, tense, anchor)
            if result is None:
                continue
            date = result.date
            if leading and not result.relative and not result.anchored:
                start = core[0].start
                date = date.with_context(phrase=text[start:end])
            matches.append(DateMatch(start, end, text[start:end], date, tense))
            last_end_index, last_kind = stop, kind
            index = stop + 1
            found = True
            break
        if not found:
            index += 1


def _anchor(text: str, matches: list[DateMatch], start: int) -> PartialDate | None:
    """The nearest earlier match in the same paragraph, for phrases that point back."""
    if not matches:
        return None
    previous = matches[-1]
    if "\n" in text[previous.end : start]:
        return None
    return previous.date
