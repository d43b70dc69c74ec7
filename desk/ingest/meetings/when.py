"""When a meeting happened, for frames whose own clause gave no date.

A report often dates a meeting by another event or by a later mention of it:

* "The call came a day after Cho met the ambassador", "said on Wednesday, a day after Zelenskiy
  spoke by phone with Trump": an interval after or before the enclosing clause, whose own date
  (or the date of the meeting it names, "The call") is the anchor;
* "Tuesday's call with Trump", "the June 12 summit", "last week's talks": a possessive or
  attributive date on the meeting noun itself;
* "will fly on to Paris the next day for a meeting": a day counted from the day of the meeting
  the same party was at just before.

Each rule only dates a frame that has no date of its own, except the interval rule, which also
moves a date that belongs to the enclosing clause ("The talks on Friday came two days after
...": Friday is not the earlier meeting's day).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from desk.dates import DateError, DateMatch, PartialDate
from desk.dates.vocabulary import NUMBERS
from desk.ingest.meetings.context import Context
from desk.ingest.meetings.records import Frame, Party
from desk.ingest.meetings.status import dated_status
from desk.ingest.vocabulary import MEETING_NOUNS, TRIGGERS

_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
#: "hours after", "shortly before": the same day.
_SAME_DAY = frozenset(["hours", "minutes", "shortly", "soon", "just", "moments"])
_DIRECTIONS = {"after": 1, "before": -1}
#: Words that open a date phrase, not an attribute of the noun after it ("met on Monday talks").
_PREPOSITIONS = frozenset(["on", "in", "at", "during", "since", "by", "until", "from", "for"])
#: Determiners of a meeting noun that points back to a meeting told before ("The call came ...").
_BACK = frozenset(["the", "this", "that", "their", "his", "her", "its"])
#: Phrases counting a day from the day of the meeting told before.
_NEXT_DAY = {
    "the next day": 1,
    "the following day": 1,
    "the day after": 1,
    "the day before": -1,
    "the previous day": -1,
}


def date_frames(ctx: Context) -> None:
    """Date the frames the clause readers left undated (see the module's docstring)."""
    _occasions(ctx)
    for frame in ctx.frames:
        _same_pair(ctx, frame)
        if _interval_as_date(ctx, frame):
            # "The talks came two days after Lund met Berg": no date of the talks, which are
            # the meeting the subject names (dated by the meeting told before, if any)
            first = ctx.sentences[frame.sentence].first
            start = ctx.doc.token_at(frame.date_match.start)  # type: ignore[union-attr]
            day = _enclosing_day(ctx, frame, first, start)
            frame.date = PartialDate.from_day(day) if day is not None else None
            continue
        interval = _interval_before(ctx, frame)
        if interval is not None:
            _set(ctx, frame, interval)
            continue
        if frame.date is None:
            _set(
                ctx,
                frame,
                _attributive(ctx, frame)
                or _interval_after(ctx, frame)
                or _later(ctx, frame)
                or _on_the_visit(ctx, frame)
                or _when_clause(ctx, frame),
            )
        elif frame.date_match is not None and frame.date_match.phrase.lower() in _NEXT_DAY:
            _set(ctx, frame, _day_from_before(ctx, frame))


#: Words that may stand between the occasions of a list ("in Vladivostok in April 2019, at the
#: Vostochny cosmodrome in September 2023, and in Pyongyang in June 2024").
_LIST_WORDS = frozenset(
    ["and", "again", "then", "also", "once", "in", "at", "on", "the", "a", "an"]
)


def _occasions(ctx: Context) -> None:
    """'have met three times: in Vladivostok in April 2019, at the Vostochny cosmodrome in
    September 2023, and in Pyongyang in June 2024': a meeting clause listing occasions, each
    with its place and date, names one meeting per date."""
    tokens = ctx.doc.tokens
    positions = ctx.date_positions
    added: list[Frame] = []
    for frame in ctx.frames:
        match = frame.date_match
        if match is None or len(frame.entities) < 2:
            continue
        sentence = ctx.sentences[frame.sentence]
        first = ctx.doc.token_at(match.start)
        if first < frame.triggers[-1]:
            continue
        end = ctx.doc.token_at(match.end)
        for start in positions[bisect_left(positions, end) :]:
            if start > sentence.last or sentence.in_reporting(start):
                break
            gap = range(end, start)
            others = [
                i for i in gap if tokens[i].lower not in _LIST_WORDS and not tokens[i].capital
            ]
            if len(others) > 1 or any(tokens[i].lower in TRIGGERS for i in gap):
                break
            between = ctx.doc.text[tokens[end - 1].end : tokens[start].start]
            if "," not in between and not any(tokens[i].lower == "and" for i in gap):
                break
            following = ctx.dates_at[start]
            if following.phrase.split()[-1].lower() in _DIRECTIONS:
                break  # "on Monday, a day before officials were to arrive": no occasion
            if not any(tokens[i].capital or tokens[i].lower == "again" for i in gap):
                break  # each occasion names its place ("at the Vostochny cosmodrome")
            if following.date == frame.date or following.date.earliest is None:
                break
            place = _place_between(ctx, end, start)
            added.append(
                Frame(
                    frame.sentence,
                    [start],
                    [
                        Party(p.entity, p.role, p.sentence, p.before, p.position)
                        for p in frame.parties
                    ],
                    frame.kind,
                    dated_status(ctx, frame.status, following.date, frame.triggers),
                    following.date,
                    following,
                    place[0] if place else None,
                    place[1] if place else None,
                    separate=True,
                )
            )
            end = ctx.doc.token_at(following.end)
    ctx.frames.extend(added)


def _place_between(ctx: Context, first: int, last: int) -> tuple[str, str | None] | None:
    for place in ctx.entities.places:
        if first <= place.first < last:
            if place.country and place.country != place.name:
                return f"{place.name}, {place.country}", place.country
            return place.name, place.country
    return None


def _interval_as_date(ctx: Context, frame: Frame) -> bool:
    """Whether the frame's date is an interval phrase that opens a clause after the meeting
    words ("The talks came two days after Lund met Berg"), not a date of the meeting."""
    match = frame.date_match
    if match is None or match.phrase.split()[-1].lower() not in _DIRECTIONS:
        return False
    tokens = ctx.doc.tokens
    after = ctx.doc.token_at(match.end)
    sentence = ctx.sentences[frame.sentence]
    return (
        ctx.doc.token_at(match.start) > frame.triggers[-1]
        and after <= sentence.last
        and not ctx.doc.text[match.end : tokens[after].start].strip()
    )


#: Words by which a clause names the pair that met before ("The pair", "the two", "their").
_PAIR_WORDS = frozenset(["pair", "two", "both", "their", "they"])


def _same_pair(ctx: Context, frame: Frame) -> None:
    """'... met Vega in Santiago on Monday. The pair also spoke by phone on May 20', 'their
    first meeting since a summit in Lima in March': a dated meeting without parties of its own,
    named by a word for the pair or as the one before ('since'), is another meeting of the
    pair told just before."""
    if frame.parties or frame.date is None:
        return
    tokens = ctx.doc.tokens
    sentence = ctx.sentences[frame.sentence]
    trigger = frame.triggers[0]
    window = range(max(sentence.first, trigger - 6), trigger)
    since = any(
        tokens[i].lower == "since" for i in range(max(sentence.first, trigger - 3), trigger)
    )
    named = any(tokens[i].lower in _PAIR_WORDS for i in window)
    if not (since or named):
        return
    earlier = [
        f
        for f in ctx.frames
        if f is not frame
        and len(f.entities) >= 2
        and 0 <= frame.sentence - f.sentence <= (0 if since else 1)
        and (f.sentence, f.triggers[0]) < (frame.sentence, trigger)
        and f.date != frame.date
    ]
    if not earlier:
        return
    for party in earlier[-1].parties:
        frame.parties.append(Party(party.entity, "participant", frame.sentence, True, trigger))


def _set(ctx: Context, frame: Frame, date: PartialDate | None) -> None:
    if date is None:
        return
    frame.date = date
    frame.status = dated_status(ctx, frame.status, date, frame.triggers)


def _single_day(date: PartialDate | None) -> dt.date | None:
    if date is None or date.earliest is None or date.earliest != date.latest:
        return None
    return date.earliest


def _shifted(day: dt.date, days: int, phrase: str) -> PartialDate | None:
    try:
        return PartialDate.from_day(day + dt.timedelta(days=days), phrase=phrase, reference=day)
    except (DateError, OverflowError):
        return None


def _interval_before(ctx: Context, frame: Frame) -> PartialDate | None:
    """'a day after Cho met Yun': the interval phrase just before the meeting words, counted
    from the enclosing clause's date (a date before the phrase in the sentence, or the day of
    the meeting its subject names, "The call")."""
    if len(frame.entities) < 2:
        return None  # "a day before Bolivian officials were to arrive": no meeting told
    tokens = ctx.doc.tokens
    trigger = frame.triggers[0]
    first = ctx.sentences[frame.sentence].first
    if frame.date_match is not None and ctx.doc.token_at(frame.date_match.start) > trigger:
        return None  # "a day after Cho met Yun on Tuesday": the clause's own date
    found = None
    for index in range(trigger - 1, first + 1, -1):
        if tokens[index].lower in _DIRECTIONS:
            found = _interval_at(ctx, index)
            break
        if index < trigger - 12 or ctx.doc.between(index, index + 1).strip(" ,"):
            break
    if found is None:
        return None
    start, days, direction = found
    # the meeting clause follows the phrase: no other meeting word in between
    if any(tokens[i].lower in TRIGGERS for i in range(direction + 1, trigger)):
        return None
    offset = days * _DIRECTIONS[tokens[direction].lower]
    phrase = ctx.doc.span_text(start, direction)
    anchor = _enclosing_day(ctx, frame, first, start)
    if anchor is None:
        return None
    return _shifted(anchor, -offset, phrase)


def _interval_at(ctx: Context, direction: int) -> tuple[int, int, int] | None:
    """'two days after', 'a week before', 'hours after' ending at ``direction``: where the
    phrase starts, how many days it counts, and ``direction``."""
    tokens = ctx.doc.tokens
    unit = tokens[direction - 1].lower if direction > 0 else ""
    if unit in _SAME_DAY:
        return direction - 1, 0, direction
    if unit not in _UNITS or direction < 2:
        return None
    count = tokens[direction - 2].lower
    days = NUMBERS.get(count) or (int(count) if count.isdigit() else None)
    if days is None:
        return None
    return direction - 2, days * _UNITS[unit], direction


def _interval_after(ctx: Context, frame: Frame) -> PartialDate | None:
    """'met Vega hours after she arrived in Lima on Monday': the interval phrase after the
    meeting words, counted from the date of the clause it opens."""
    if len(frame.entities) < 2:
        return None
    tokens = ctx.doc.tokens
    sentence = ctx.sentences[frame.sentence]
    last = frame.triggers[-1]
    for index in range(last + 1, min(sentence.last, last + 12) + 1):
        if index in ctx.date_tokens or ctx.doc.between(index - 1, index).strip(" ,"):
            return None  # a date before the phrase, or the clause ends (";", ":", ".")
        if tokens[index].lower not in _DIRECTIONS:
            continue
        found = _interval_at(ctx, index)
        if found is None:
            return None
        start, days, direction = found
        positions = ctx.date_positions
        after = [
            p
            for p in positions[bisect_left(positions, direction) :]
            if p <= sentence.last and not sentence.in_reporting(p)
        ]
        if not after:
            return None
        day = _single_day(ctx.dates_at[after[0]].date)
        if day is None:
            return None
        offset = days * _DIRECTIONS[tokens[direction].lower]
        return _shifted(day, offset, ctx.doc.span_text(start, direction))
    return None


#: Words that put a meeting after the one told just before, on its day ("were later received").
_LATER = frozenset(["later", "afterwards", "afterward", "subsequently"])


def _later(ctx: Context, frame: Frame) -> PartialDate | None:
    """'The two ministers were later received by Trump': an undated meeting told as coming
    after the dated one of the sentence before takes its day."""
    tokens = ctx.doc.tokens
    sentence = ctx.sentences[frame.sentence]
    trigger = frame.triggers[0]
    window = range(max(sentence.first, trigger - 4), min(sentence.last, frame.triggers[-1] + 1) + 1)
    if not any(tokens[i].lower in _LATER for i in window):
        return None
    if any(tokens[i].lower in ("day", "week", "month", "year") for i in window):
        return None  # "later that day" and the like are dates of their own
    earlier = [
        f
        for f in ctx.frames
        if f is not frame
        and 0 <= frame.sentence - f.sentence <= 2
        and f.triggers[0] < trigger
        and f.date is not None
    ]
    if not earlier or _single_day(earlier[-1].date) is None:
        return None
    return earlier[-1].date


def _on_the_visit(ctx: Context, frame: Frame) -> PartialDate | None:
    """'Vega arrived in Santiago on Monday for a two-day visit. He held talks with Fuentes':
    an undated meeting of a visitor told just after the dated visit is part of it."""
    if len(frame.entities) < 2 or frame.kind == "visit":
        return None
    visits = [
        f
        for f in ctx.frames
        if f.kind == "visit"
        and 0 < frame.sentence - f.sentence <= 1
        and f.date is not None
        and f.entities
        and f.entities <= frame.entities
        and (frame.place is None or frame.place == f.place)
        and (f.status in _FUTURE) == (frame.status in _FUTURE)
    ]
    return visits[-1].date if visits else None


_FUTURE = frozenset(["planned", "expected", "speculated"])


def _when_clause(ctx: Context, frame: Frame) -> PartialDate | None:
    """'Orlov visited Beijing in April, when he also met Li': an undated meeting in a 'when'
    clause happened at the time of the dated meeting the clause hangs on. Not one the clause
    only names ("..., when Putin briefed him ahead of his meeting with Trump")."""
    tokens = ctx.doc.tokens
    sentence = ctx.sentences[frame.sentence]
    trigger = frame.triggers[0]
    clause = next((c for c in sentence.clauses if c[0] <= trigger <= c[1]), None)
    if clause is None or tokens[clause[0]].lower != "when" or clause[0] == sentence.first:
        return None
    if any(tokens[i].lower in _NOT_THEN for i in range(clause[0], trigger)):
        return None
    if frame.status in _FUTURE:
        return None
    main = [
        f
        for f in ctx.frames
        if f.sentence == frame.sentence
        and f.triggers[-1] < clause[0]
        and f.date is not None
        and f.status not in _FUTURE
    ]
    return main[-1].date if main else None


#: Words by which a 'when' clause names a meeting other than at its time.
_NOT_THEN = frozenset(["ahead", "before", "after", "since", "until", "next", "upcoming"])


def _enclosing_day(ctx: Context, frame: Frame, first: int, start: int) -> dt.date | None:
    positions = ctx.date_positions
    before = positions[bisect_left(positions, first) : bisect_left(positions, start)]
    if before:
        return _single_day(ctx.dates_at[before[-1]].date)
    tokens = ctx.doc.tokens
    # "The call came a day after ...": the meeting the subject names, told before
    nouns = [
        i
        for i in range(first + 1, start)
        if tokens[i].lower in MEETING_NOUNS and tokens[i - 1].lower in _BACK
    ]
    if not nouns:
        return None
    kind = TRIGGERS.get(tokens[nouns[0]].lower)
    earlier = [
        f
        for f in ctx.frames
        if f.sentence < frame.sentence
        and _single_day(f.date) is not None
        and (kind is None or f.kind == kind)
    ]
    if not earlier:
        return None
    return _single_day(earlier[-1].date)


def _attributive(ctx: Context, frame: Frame) -> PartialDate | None:
    """'Tuesday's call', 'the June 12 summit', 'last week's talks': a date written on the
    meeting noun."""
    tokens = ctx.doc.tokens
    trigger = frame.triggers[0]
    if tokens[trigger].lower not in MEETING_NOUNS:
        return None
    match = _date_ending_at(ctx, trigger - 1)
    if match is None and trigger > 1 and tokens[trigger - 1].lower in TRIGGERS:
        match = _date_ending_at(ctx, trigger - 2)  # "Tuesday's phone call"
    if match is None or match.phrase.split()[0].lower() in _PREPOSITIONS:
        return None
    return match.date


def _date_ending_at(ctx: Context, index: int) -> DateMatch | None:
    if index < 0:
        return None
    tokens = ctx.doc.tokens
    if not tokens[index + 1].close and not tokens[index].possessive:
        return None
    for match in ctx.dates:
        if match.start <= tokens[index].start and ctx.doc.token_at(match.end) - 1 == index:
            return match
    return None


def _day_from_before(ctx: Context, frame: Frame) -> PartialDate | None:
    """'will fly on to Paris the next day for a meeting': the day after that of the meeting
    told before in which one of the same parties took part."""
    match = frame.date_match
    assert match is not None
    days = _NEXT_DAY[match.phrase.lower()]
    earlier = [
        f
        for f in ctx.frames
        if f.sentence < frame.sentence
        and f.entities & frame.entities
        and _single_day(f.date) is not None
    ]
    if not earlier:
        return None
    day = _single_day(earlier[-1].date)
    assert day is not None
    return _shifted(day, days, match.phrase)
