"""find(): every date phrase in a source's text, with its span, value and tense.

The scanner first skips, at C speed, every stretch of the text that holds no date word (see
``tokens``), then reads the rest word by word, keeping only date words: months and weekdays
only when capitalised, numbers only when they stand alone (not "11,000", "G20", "F-16",
"Type 094", "5%"). Adjacent date words form runs; within each run the longest span that
``parse`` accepts wins, left to right, so matches never overlap and "September last year" is
one phrase, not "September" + "last year". The tense handed to ``parse`` is read from the
verbs around the span (see ``tense``).

A careful reader's caution on top of the grammar:

* a bare month or season ("May", "summer") is a date only after a preposition ("in May") or
  in a list after one ("in July and August"): "Theresa May" and "may travel" are not;
* a bare year likewise ("in 1945", "since 2022"): "2000 troops" is not a date;
* "in"/"on" belong to the phrase only when the phrase is relative ("in May", "on Saturday");
  for absolute dates the phrase is the date itself ("1945", "July 2023");
* "from" starts a phrase only with an end ("from March 3 to 5"): "dates from the 1990s" is
  the 1990s;
* phrases that point back ("earlier that year", "the next day") resolve against the nearest
  earlier match in the same paragraph (in the paragraph before, when theirs names none) that
  is a single day, month or year as the phrase requires (looking past up to two that are
  not), and are skipped when none is; before any date in the text they count from the
  reference day (the report's own day is all the context there is);
* a bare year is also a date before a noun after a determiner ("the 2015 nuclear deal",
  "Russia's 2022 invasion");
* a holiday is a date unless a name follows ("Christmas Island"); "Independence Day" is the
  owner's ("Ukraine's"), else that of the country the text names most, else the US one, and
  not a date when two countries are named equally often; "two days ahead" counts
  from the reference day, but not in "two days ahead of the summit" (ahead of an event).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from desk.dates.holidays import INDEPENDENCE_DAYS
from desk.dates.parse import Resolution, trial
from desk.dates.partial import PartialDate
from desk.dates.tense import Tense, TenseReader
from desk.dates.tokens import ANCHOR_KINDS, Token, regions, tokens
from desk.dates.vocabulary import PERIOD_WORDS, SEASONS, TAIL_WORDS


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date phrase in a text: ``text[start:end] == phrase``."""

    start: int
    end: int
    phrase: str
    date: PartialDate
    tense: Tense | None


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
# How many earlier dates of a paragraph a phrase that points back may look past.
_ANCHORS_BACK = 3
# A date spanning more than a week is looked past by a phrase that needs one day.
_DAYS_AT_MOST = 7
# "the 2015 nuclear deal", "Russia's 2022 invasion": a year before a noun, after a determiner.
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:[Tt]he|an?|its|his|her|their|our|this|that)|['’]s)\s+$")
_WORD_AFTER = re.compile(r"\s+[A-Za-z]")
# "Easter Island", "Christmas Island": a holiday's name inside another name.
_NAME_AFTER = re.compile(r"[^\S\n]+[A-Z]")
# "The Sunday Times", "Sunday Telegraph": a weekday in a newspaper's name.
_PUBLICATION_AFTER = re.compile(
    r"[^\S\n]+(?:Times|Telegraph|Mail|Express|Post|Herald|Mirror|Observer|Independent|Tribune"
    r"|Journal|Standard|Guardian|Star|Sport|Review|Magazine|Edition)\b"
)
# "Ukraine's Independence Day", "Indian Independence Day": the country owns the holiday.
_OWNER_BEFORE = re.compile(r"(?P<owner>\b[A-Z][\w.]*)(?:['’]s)?[^\S\n]+$")
# Capitalised words before a holiday that are not its owner.
_NOT_OWNERS = frozenset(["On", "In", "At", "By", "For", "The", "Since", "Until", "Before", "After"])
# Countries a text names, to tell whose "Independence Day" it means. Each name must start a
# word; that is checked after each match (``_country_named_most``), as a leading ``\b`` keeps ``re``
# from skipping at C speed to the names' first letters. No name holds a word start where another
# name could begin, so a match inside a word never hides one that starts a word.
_COUNTRY_NAMES = re.compile(
    "|".join(
        re.escape(name.title() if len(name) > 4 else name.upper()).replace(r"\ ", r"\s+")
        for name in sorted(INDEPENDENCE_DAYS, key=len, reverse=True)
    )
    + r"(?![\w.])"
)
_WORD_CHARACTER = re.compile(r"\w")
_SPACES = re.compile(r"\s+")
# "two days ahead of the summit" counts back from the summit, not forward from the report.
_OF_AFTER = re.compile(r"\s+of\b")
# "two weeks after the summit", "a day before Putin's visit": counted from an event.
_EVENT_AFTER = re.compile(
    r"[^\S\n]+(?:(?:the|a|an|his|her|its|their|this|that|these|those)\b|[A-Z])"
)
# "in five years", "in more than a decade": a count of units after "in".
_COUNT_PHRASE = re.compile(
    r"in\s+(?:(?:more\s+than|over|nearly|almost|about|around|some)\s+)?(?:a|an|[\w-]+)\s+"
    r"(?:days?|weeks?|months?|years?|decades?)$",
    re.IGNORECASE,
)
# Words that make "in five years" a span up to now: "the first ... in", "the highest ... in".
_SUPERLATIVE = re.compile(
    r"\b(?:first|only|highest|lowest|biggest|largest|worst|best|longest|shortest|strongest"
    r"|weakest|deadliest|most|least)\b",
    re.IGNORECASE,
)
_VERB_BETWEEN = re.compile(
    r"\b(?:will|would|shall|is|are|was|were|be|been|take|takes|come|comes|[a-z]{3,}ed)\b"
)
# A number on the word after a stretch: an abbreviated month at its end is then a month.
_NUMBER_NEXT = re.compile(r"\s\d")


def _runs(text: str, found: list[Token]) -> list[list[Token]]:
    """Tokens separated by nothing but spaces (no line break), with at least one anchor."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    anchored = False
    previous_end = -1
    for token in found:
        gap = text[previous_end : token.start] if current else ""
        if current and (gap and not (gap.isspace() and "\n" not in gap)):
            if anchored:
                runs.append(current)
            current, anchored = [], False
        current.append(token)
        anchored = anchored or token.kind in ANCHOR_KINDS
        previous_end = token.end
    if current and anchored:
        runs.append(current)
    return runs


def _kind(core: list[Token]) -> str | None:
    """'month', 'year', 'season' or 'holder' when the phrase is such a word standing alone."""
    only: Token | None = None
    words = 0
    holder = dated = False
    for token in core:  # one pass: this runs for every span find() tries
        word, kind = token.word, token.kind
        if word != "the":
            words += 1
            only = token
        if word in _HOLDERS or kind == "period":
            holder = True
        elif kind == "year" or word == "year" or word == "years":
            dated = True
    if words == 1 and only is not None:
        if only.kind == "month":
            return "month"
        if only.kind == "year":
            return "year"
        if only.word in _SEASONS:
            return "season"
    return "holder" if holder and not dated else None


_Attempt = tuple[Resolution | None, bool, bool]


class _Scan:
    """One pass of ``find`` over a text: the matches so far and what was already tried.

    News copy repeats its phrases ("last year", "Friday") and its non-dates alike. A phrase
    whose reading needed neither the tense around it nor an earlier date is tried once per
    text; one that needed only the tense once per tense; the others once per tense and anchor.
    """

    __slots__ = (
        "first_anchor",
        "matches",
        "most_named",
        "plain",
        "reader",
        "reference",
        "size",
        "tenses",
        "text",
        "tried",
    )

    def __init__(self, text: str, reference: dt.date):
        self.text = text
        self.reference = reference
        self.reader = TenseReader(text)
        self.matches: list[DateMatch] = []
        self.plain: dict[str, _Attempt] = {}
        self.tried: dict[tuple[str, Tense | None, PartialDate | None], _Attempt] = {}
        # Keyed by ``start * size + end``: an int, which the garbage collector need not track.
        self.tenses: dict[int, Tense | None] = {}
        self.size = len(text) + 1
        # Without a reference day (parse then uses today) nothing before the text is known.
        self.first_anchor = PartialDate.from_day(reference) if reference is not None else None
        # The country the whole text names most: counted once, on the first "Independence Day".
        self.most_named: tuple[str | None] | None = None

    def tense(self, start: int, end: int) -> Tense | None:
        span = start * self.size + end
        tenses = self.tenses
        if span not in tenses:
            tenses[span] = self.reader.tense(start, end)
        return tenses[span]

    def attempt(self, start: int, end: int) -> Resolution | None:
        phrase = self.text[start:end]
        known = self.plain.get(phrase)
        if known is not None and not known[1] and not known[2]:
            return known[0]
        # Before any date in the text, a phrase that points back counts from the report's day.
        # A phrase that needs a day looks past dates of the wrong size ("met on Tuesday to
        # revive the 2015 deal. The previous day ...") to the nearest one that fits.
        anchors = _anchors(self.text, self.matches, start) if self.matches else [self.first_anchor]
        for anchor in anchors or [None]:
            result, anchored = self._attempt(phrase, start, end, anchor)
            if result is not None and anchored and not self._agrees(result.date, start, end):
                continue  # "will fly on the next day" does not count from a day gone by
            if result is not None or not anchored or not _coarse(anchor):
                return result
        return None

    def _agrees(self, date: PartialDate, start: int, end: int) -> bool:
        """Whether a date read from an anchor lies where the clause's tense points: not wholly
        before the reference day in a future clause, nor wholly after it in a past one."""
        reference = self.reference
        if reference is None or date.earliest is None or date.latest is None:
            return True
        tense = self.tense(start, end)
        if tense is Tense.FUTURE:
            return date.latest >= reference
        if tense is Tense.PAST:
            return date.earliest <= reference
        return True

    def independence_day(self, start: int, end: int, holiday: int) -> Resolution | None:
        """ "on Independence Day": the owner's, else that of the country the text names most,
        else the US one; None when two countries are named equally often."""
        owner = _OWNER_BEFORE.search(self.text, max(0, holiday - 30), holiday)
        if owner is not None and owner["owner"] not in _NOT_OWNERS:
            country: str | None = owner["owner"].lower()
            if country not in INDEPENDENCE_DAYS:
                return None  # "Kenya's Independence Day": a country desk has no day for
        else:
            if self.most_named is None:
                self.most_named = (_country_named_most(self.text),)
            country = self.most_named[0]
            if country is None:
                return None
        phrase = self.text[start:end]
        qualified = f"{phrase[: holiday - start]}{country}'s {self.text[holiday:end]}"
        result = trial(qualified, self.reference, lambda: self.tense(start, end), None)[0]
        if result is None:
            return None
        date = result.date.with_context(phrase=phrase)
        return Resolution(date, result.relative, result.anchored)

    def _attempt(
        self, phrase: str, start: int, end: int, anchor: PartialDate | None
    ) -> tuple[Resolution | None, bool]:
        """The phrase against one anchor, and whether the anchor was read."""
        known = self.plain.get(phrase)
        if known is None:
            known = self.plain[phrase] = trial(
                phrase, self.reference, lambda: self.tense(start, end), anchor
            )
            return known[0], known[2]
        tense = self.tense(start, end)
        tensed = self.tried.get((phrase, tense, None))
        if tensed is not None and not tensed[2]:
            return tensed[0], False
        key = (phrase, tense, anchor)
        if key not in self.tried:
            self.tried[key] = trial(phrase, self.reference, tense, anchor)
            if not self.tried[key][2]:
                self.tried[(phrase, tense, None)] = self.tried[key]
        return self.tried[key][0], self.tried[key][2]


def _country_named_most(text: str) -> str | None:
    """The country ``text`` names most often; the US when none; None on a tie."""
    counts: dict[tuple[int, int], int] = {}
    for match in _COUNTRY_NAMES.finditer(text):
        start = match.start()
        if start and _WORD_CHARACTER.match(text, start - 1):
            continue  # inside a word: the "US" of "AUS"
        day = INDEPENDENCE_DAYS[_SPACES.sub(" ", match[0].lower())]
        counts[day] = counts.get(day, 0) + 1
    return _owner_named_most(counts)


def _owner_named_most(counts: dict[tuple[int, int], int]) -> str | None:
    """The country of the independence day counted most; the US when none; None on a tie."""
    if not counts:
        return "united states"
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return next(name for name, day in INDEPENDENCE_DAYS.items() if day == ranked[0][0])


def find(text: str, reference: dt.date) -> list[DateMatch]:
    """Every date phrase in ``text`` resolved against ``reference`` (the publication day)."""
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    scan = _Scan(text, reference)
    # News copy repeats its stretches ("on Friday.", "last week,"): each distinct one is read
    # into runs, and its spans planned, once per text. What a stretch reads as depends on its
    # own characters and on whether a number follows it (see ``tokens``), never on those
    # before it, which are a space or line break (or none) for every stretch, nor on the space
    # or end of text after it.
    plans: dict[str, tuple[_Plan, ...]] = {}
    for start, end in regions(text):
        # The stretch, and whether a number follows it on the next word ("Jan" before "\n5"),
        # the one thing after a stretch its reading looks at; as one string (a tuple would be
        # one more object for the garbage collector to walk while find() runs).
        key = text[start:end]
        if _NUMBER_NEXT.match(text, end):
            key += "\n0"  # no stretch holds a line break: no other stretch reads the same
        runs = plans.get(key)
        if runs is None:
            runs = plans[key] = tuple(_plan(run) for run in _runs(key, tokens(key, 0, end - start)))
        for run in runs:
            _scan_planned(scan, run, start)
    return scan.matches


def _find_every_word(text: str, reference: dt.date) -> list[DateMatch]:
    """``find`` without the pre-filter or the plans, reading every word and trying every span
    as it goes: the yardstick tests hold ``find`` to."""
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    scan = _Scan(text, reference)
    for run in _runs(text, tokens(text)):
        _scan_run(scan, run)
    return scan.matches


# What to check in the text after a span's last word before trying it.
_NAME_FOLLOWS = 1  # a holiday: not when a name follows ("Christmas Island")
_OF_FOLLOWS = 2  # "ahead": not "ahead of the summit"
_INDEPENDENCE = 4  # "Independence Day": whose it is
_PUBLICATION_FOLLOWS = 8  # a weekday: not "The Sunday Times"
_EVENT_FOLLOWS = 16  # "after", "before": not "two weeks after the summit"
_COUNT_SINCE = 32  # "in ...": not "their first meeting in five years"


# One span worth trying: the indices of its last word and of its first word past the leading
# prepositions, the kind of a phrase that is such a word alone (see ``_kind``), what to check in
# the text after it, where it starts and ends, where its core starts, where its last word
# starts, and where its first word ends when that word is a year (else -1).
_Span = tuple[int, int, str | None, int, int, int, int, int, int]
# A run planned: the spans worth trying at each word, longest first, and for each word whether
# it may join two phrases of a list ("1") or not ("0").
_Plan = tuple[tuple[tuple[_Span, ...], ...], str]


def _plan(run: list[Token]) -> _Plan:
    """What ``_scan_run`` decides from a run's words alone (can a span end there, is there an
    anchor, what the phrase is when its prepositions are left out), decided once for every
    occurrence of the same stretch of text; positions are relative to the stretch.

    Plans are tuples of ints and strings, which the garbage collector stops tracking: ``find``
    keeps thousands of them while it runs, and would otherwise have them walked again and again.
    """
    count = len(run)
    latest_anchor: list[int] = []  # the latest anchor at or before each word (-1: none yet)
    seen = -1
    for position, token in enumerate(run):
        if token.kind in ANCHOR_KINDS:
            seen = position
        latest_anchor.append(seen)
    plans: list[tuple[_Span, ...]] = []
    for index in range(count):
        first = run[index]
        spans: list[_Span] = []
        plans.append(())
        if first.word in _NO_START:
            continue
        prepositions = 0
        while index + prepositions < count and run[index + prepositions].word in _PREPOSITIONS:
            prepositions += 1
        year_end = first.end if first.kind == "year" else -1
        for stop in range(min(count, index + _LONGEST) - 1, index - 1, -1):
            last = run[stop]
            if not last.can_end or latest_anchor[stop] < index:
                continue
            if first.word == "from" and not any(
                t.word in _RANGE_WORDS for t in run[index : stop + 1]
            ):
                continue  # "dates from the 1990s" is an origin, not an open range
            if stop == index and first.word in _ALONE_NEVER:
                continue
            core = index + min(prepositions, stop - index)  # the phrase keeps one word
            checks = 0
            if last.kind == "holiday":
                checks |= _NAME_FOLLOWS
            if last.word == "ahead":
                checks |= _OF_FOLLOWS
            if last.word.startswith("independence"):
                checks |= _INDEPENDENCE
            if last.kind == "weekday":
                checks |= _PUBLICATION_FOLLOWS
            if last.word in ("after", "before"):
                checks |= _EVENT_FOLLOWS
            if first.word == "in":
                checks |= _COUNT_SINCE
            kind = _kind(run[core : stop + 1])
            spans.append(
                (
                    stop,
                    core,
                    kind,
                    checks,
                    first.start,
                    last.end,
                    run[core].start,
                    last.start,
                    year_end,
                )
            )
        plans[index] = tuple(spans)
    chain = "".join("1" if token.word in _CHAIN else "0" for token in run)
    return tuple(plans), chain


def _scan_planned(scan: _Scan, run: _Plan, base: int) -> None:
    """``_scan_run`` over a planned run whose stretch of text starts at ``base``."""
    text, matches = scan.text, scan.matches
    plans, chain = run
    last_end_index = -10
    last_kind: str | None = None
    index = 0
    count = len(plans)
    while index < count:
        for stop, core, kind, checks, start, end, core_start, last_start, year_end in plans[index]:
            if kind and core == index:
                chained = (
                    kind == last_kind
                    and index - last_end_index in (1, 2)
                    and "0" not in chain[last_end_index + 1 : index]
                )
                if not chained and not (
                    kind == "year"
                    and year_end >= 0
                    and _before_a_noun(text, base + start, base + year_end)
                ):
                    continue
            end += base
            if checks:
                if checks & _NAME_FOLLOWS and _NAME_AFTER.match(text, end):
                    continue
                if checks & _PUBLICATION_FOLLOWS and _PUBLICATION_AFTER.match(text, end):
                    continue
                if checks & _OF_FOLLOWS and _OF_AFTER.match(text, end):
                    continue
                if checks & _EVENT_FOLLOWS and _EVENT_AFTER.match(text, end):
                    continue
                if checks & _COUNT_SINCE and _since_superlative(text, base + start, end):
                    continue
            start += base
            if checks & _INDEPENDENCE:
                result = scan.independence_day(start, end, base + last_start)
            else:
                result = scan.attempt(start, end)
            if result is None:
                continue
            date = result.date
            phrase_start = start
            if core != index and not result.relative and not result.anchored:
                phrase_start = base + core_start
                date = date.with_context(phrase=text[phrase_start:end])
            tense = scan.tense(start, end)
            matches.append(DateMatch(phrase_start, end, text[phrase_start:end], date, tense))
            last_end_index, last_kind = stop, kind
            index = stop + 1
            break
        else:
            index += 1


def _scan_run(scan: _Scan, run: list[Token]) -> None:
    """Record the longest parseable spans of one run, left to right."""
    text, matches = scan.text, scan.matches
    last_end_index = -10
    last_kind: str | None = None
    index = 0
    count = len(run)
    # The index of the latest anchor at or before each token (-1: none yet).
    latest_anchor: list[int] = []
    seen = -1
    for position, token in enumerate(run):
        if token.kind in ANCHOR_KINDS:
            seen = position
        latest_anchor.append(seen)
    while index < count:
        first = run[index]
        if first.word in _NO_START:
            index += 1
            continue
        found = False
        # Prepositions at the start of the span ("in", "on"), counted once for every end.
        prepositions = 0
        while index + prepositions < count and run[index + prepositions].word in _PREPOSITIONS:
            prepositions += 1
        for stop in range(min(count, index + _LONGEST) - 1, index - 1, -1):
            last = run[stop]
            if not last.can_end or latest_anchor[stop] < index:
                continue
            if first.word == "from" and not any(
                t.word in _RANGE_WORDS for t in run[index : stop + 1]
            ):
                continue  # "dates from the 1990s" is an origin, not an open range
            leading = min(prepositions, stop - index)  # the phrase keeps at least one word
            core = run[index + leading : stop + 1]
            kind = _kind(core)
            if kind and not leading:
                chained = (
                    kind == last_kind
                    and index - last_end_index in (1, 2)
                    and all(t.word in _CHAIN for t in run[last_end_index + 1 : index])
                )
                if not chained and not (kind == "year" and _attributive(text, first)):
                    continue
            if stop == index and first.word in _ALONE_NEVER:
                continue
            if last.kind == "holiday" and _NAME_AFTER.match(text, last.end):
                continue
            if last.kind == "weekday" and _PUBLICATION_AFTER.match(text, last.end):
                continue  # "The Sunday Times", "the Mail on Sunday" is a date only when dated
            if last.word == "ahead" and _OF_AFTER.match(text, last.end):
                continue
            if last.word in ("after", "before") and _EVENT_AFTER.match(text, last.end):
                continue  # "two weeks after the summit" counts from the summit, not a date
            if first.word == "in" and _since_superlative(text, first.start, last.end):
                continue  # "their first meeting in five years" is how long, not when
            start, end = first.start, last.end
            if last.word.startswith("independence"):
                result = scan.independence_day(start, end, last.start)
            else:
                result = scan.attempt(start, end)
            if result is None:
                continue
            date = result.date
            if leading and not result.relative and not result.anchored:
                start = core[0].start
                date = date.with_context(phrase=text[start:end])
            tense = scan.tense(first.start, end)
            matches.append(DateMatch(start, end, text[start:end], date, tense))
            last_end_index, last_kind = stop, kind
            index = stop + 1
            found = True
            break
        if not found:
            index += 1


def _attributive(text: str, token: Token) -> bool:
    """A year standing before a noun after a determiner: "the 2015 nuclear deal"."""
    return token.kind == "year" and _before_a_noun(text, token.start, token.end)


def _before_a_noun(text: str, start: int, end: int) -> bool:
    """Whether the word ``text[start:end]`` stands before a noun after a determiner."""
    if not _WORD_AFTER.match(text, end):
        return False
    return _DETERMINER_BEFORE.search(text, max(0, start - 12), start) is not None


def _since_superlative(text: str, start: int, end: int) -> bool:
    """Whether "in <count> <units>" measures the time since something last happened: after
    "first", "highest" ... in its clause with no verb between ("the first visit in a decade",
    not "the first round will be held in two weeks")."""
    if not _COUNT_PHRASE.match(text[start:end]):
        return False
    before = text[max(0, start - 120) : start]
    cut = max(before.rfind(mark) for mark in ".;:")
    before = before[cut + 1 :]
    ends = [match.end() for match in _SUPERLATIVE.finditer(before)]
    return bool(ends) and _VERB_BETWEEN.search(before, ends[-1]) is None


def _coarse(anchor: PartialDate | None) -> bool:
    """A date no phrase counting in days can start from: a year, a month, "since 2019".

    A few days ("the first week of November") are not looked past: the day before them is
    unknown, and an older day would be wrong."""
    if anchor is None:
        return False
    if anchor.earliest is None or anchor.latest is None:
        return True
    return (anchor.latest - anchor.earliest).days >= _DAYS_AT_MOST


def _anchors(text: str, matches: list[DateMatch], start: int) -> list[PartialDate]:
    """The earlier matches of the same paragraph, nearest first, for phrases that point back.

    A paragraph that names no date before the phrase goes on with the paragraph before it
    ("... will meet on Friday.\n\nUmerov will fly on to Paris the next day"): the dates of
    that paragraph are the ones the text is still talking about.
    """
    found: list[PartialDate] = []
    end = start
    for previous in reversed(matches[-_ANCHORS_BACK:]):
        if found and text.find("\n", previous.end, end) >= 0:
            break
        found.append(previous.date)
        end = previous.start
    return found
