"""Frames: each clause's meeting words with the actors, date and place that belong to them."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from itertools import pairwise

from desk.dates import DateError, DateMatch, PartialDate
from desk.ingest.clauses import Sentence
from desk.ingest.gazetteer import gazetteer
from desk.ingest.meetings.attendance import attendance
from desk.ingest.meetings.context import Context, preceding_word, state_entity
from desk.ingest.meetings.records import Frame, Party
from desk.ingest.meetings.references import join_back, resolve_references, sequel
from desk.ingest.meetings.roles import assign_roles, split_separate
from desk.ingest.meetings.senders import sends_someone
from desk.ingest.meetings.status import (
    date_for,
    dated_status,
    denials_by_reference,
    is_habitual,
    predicate_end,
    status_of,
)
from desk.ingest.meetings.when import date_frames
from desk.ingest.meetings.words import group_window, groups
from desk.ingest.mentions import Entities, Entity, Mention
from desk.ingest.text import Document
from desk.ingest.vocabulary import (
    KIND_ORDER,
    LOCATIVE,
    MEETING_NOUNS,
    MOVING,
    PLURAL_PARTIES,
    STATE_PEOPLE,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TOPICAL,
    TRIGGERS,
)
from desk.ingest.words import word_set


def read_frames(ctx: Context) -> list[Frame]:
    for sentence in ctx.sentences:
        if attendance(ctx, sentence):
            continue  # who else was at a meeting named before: no meeting of its own
        sequel = ordinal_sequel(ctx, sentence)
        if sequel is not None:
            ctx.frames.append(sequel)
        for clause in sentence.clauses:
            for group in groups(ctx, sentence, clause):
                ctx.frames.extend(frames_of(ctx, sentence, clause, group))
    join_back(ctx)
    denials_by_reference(ctx)
    carry_the_day(ctx)
    days_apart(ctx)
    date_frames(ctx)
    share_subjects(ctx)
    return ctx.frames


def share_subjects(ctx: Context) -> None:
    """'The two had met in Moscow in April and are due to meet again in July': a second
    predicate with no party of its own has the parties of the meeting before it in the
    sentence (once references have given that one its parties)."""
    for position, frame in enumerate(ctx.frames):
        if not frame.shares_subject or frame.parties or position == 0:
            continue
        before = ctx.frames[position - 1]
        if before.sentence == frame.sentence:
            position_ = frame.triggers[0]
            frame.parties = [
                Party(p.entity, "participant", frame.sentence, True, position_)
                for p in before.parties
            ]


def days_apart(ctx: Context) -> None:
    """'..., the office said on Wednesday, a day after Zelenskiy spoke with Trump', 'The call
    came two days after Cho met Yun': a meeting told 'N days after' (or before) something,
    without a date of its own, is N days before (after) the day named last before it in its
    sentence, else the day of the meeting told just before (in the two sentences before)."""
    tokens = ctx.doc.tokens
    for number, frame in enumerate(ctx.frames):
        if frame.date is not None or len(frame.parties) < 2:
            continue  # (a lone arrival stays undated: "..., a day before officials arrive")
        first = ctx.doc.sentence_tokens[frame.sentence][0]
        found = next(
            (
                k
                for k in range(frame.triggers[0] - 1, first + 1, -1)
                if tokens[k].lower in ("after", "before")
                and tokens[k - 1].lower in ("day", "days")
                and (tokens[k - 2].lower in ("a", "one") or tokens[k - 2].lower in _NUMBER_WORDS)
            ),
            None,
        )
        if found is None:
            continue
        count = _NUMBER_WORDS.get(tokens[found - 2].lower, 1)
        cut = tokens[found - 2].start
        days = [
            m.date
            for m in ctx.dates
            if tokens[first].start <= m.start and m.end <= cut and _one_day(m.date)
        ]
        nouns = {
            tokens[i + 1].lower
            for i in range(first, found - 2)
            if tokens[i].lower == "the" and tokens[i + 1].lower in _MEETING_NOUNS_BACK
        }
        if not days and nouns:  # "The call came a day after ...": the day of that call
            days = [
                f.date
                for f in ctx.frames[:number]
                if 0 < frame.sentence - f.sentence <= 6
                and f.date is not None
                and _one_day(f.date)
                and (
                    any(tokens[t].lower in nouns for t in f.triggers)
                    or ("call" in nouns and f.kind == "phone_call")
                )
            ]
        if not days:
            days = [
                f.date
                for f in ctx.frames[:number]
                if 0 < frame.sentence - f.sentence <= 2 and f.date is not None and _one_day(f.date)
            ]
        if not days or days[-1].earliest is None:
            continue
        step = dt.timedelta(days=count)
        day = (
            days[-1].earliest - step if tokens[found].lower == "after" else days[-1].earliest + step
        )
        try:
            frame.date = PartialDate.from_canonical(day.isoformat())
        except DateError:
            continue


#: Meeting nouns by which a sentence opens on a meeting told before: "The call came ...".
_MEETING_NOUNS_BACK = word_set("call meeting talks visit summit trip")


def _one_day(date: PartialDate) -> bool:
    return date.earliest is not None and date.earliest == date.latest


def _represented(frame: Frame, before: Frame) -> bool:
    """Whether someone of ``frame`` comes from a state that is a party of ``before``."""
    states = {p.entity.name for p in before.parties if p.entity.kind == "state"}
    return any(p.entity.country in states for p in frame.parties if p.entity.kind == "person")


#: Adverbs by which a report goes on with the same day's events: "was later received by".
_LATER = word_set("later afterwards afterward then subsequently")


def carry_the_day(ctx: Context) -> None:
    """'A received B in Riyadh on Monday. B was later received by C': a meeting told 'later'
    (then, afterwards) without a date of its own, with someone of the meeting told just before
    (or someone of a state that met in it), in the three sentences before, happened on that
    meeting's day."""
    tokens = ctx.doc.tokens
    for number, frame in enumerate(ctx.frames):
        if frame.date is not None or frame.status != "held":
            continue
        first = ctx.doc.sentence_tokens[frame.sentence][0]
        if not any(tokens[i].lower in _LATER for i in range(first, frame.triggers[0])):
            continue
        before = next(
            (
                f
                for f in reversed(ctx.frames[:number])
                if f.sentence < frame.sentence and f.date is not None
            ),
            None,
        )
        if (
            before is None
            or frame.sentence - before.sentence > 3
            or before.status != "held"
            or before.date is None
            or before.date.earliest is None
            or before.date.earliest != before.date.latest
            or not (frame.entities & before.entities or _represented(frame, before))
        ):
            continue
        frame.date, frame.date_match = before.date, before.date_match


#: Ordinals by which a report goes on through a series of meetings: "The second, in Hanoi".
_ORDINALS = word_set("first second third fourth fifth sixth seventh last latest final next")
_SEQUEL_VERBS = word_set("was is were came took had will would")


def ordinal_sequel(ctx: Context, sentence: Sentence) -> Frame | None:
    """'Their first summit, in Singapore on June 12, 2018, ... The second, in Hanoi in February
    2019, collapsed ...': an ordinal standing for the meeting noun of a series named just
    before is another meeting of the same parties, with its own date and place."""
    tokens = ctx.doc.tokens
    first = sentence.first
    if sentence.last - first < 3 or tokens[first].lower not in ("the", "their", "its"):
        return None
    ordinal = first + 1
    if tokens[ordinal].lower not in _ORDINALS - {"first"}:
        return None
    after = ordinal + 1
    if not ("," in ctx.doc.between(ordinal, after) or tokens[after].lower in _SEQUEL_VERBS):
        return None
    series = next(
        (
            f
            for f in reversed(ctx.frames)
            if 0 < sentence.number - f.sentence <= 4
            and any(t > 0 and tokens[t - 1].lower in _ORDINALS for t in f.triggers)
        ),
        None,
    )
    if series is None:
        return None
    found = meeting_dates(ctx, sentence, first, sentence.last, [ordinal])
    places = [
        (p.first, p.name, p.country)
        for p in ctx.entities.places
        if first <= p.first <= sentence.last
    ]
    place, place_country = place_of(ctx, places, [ordinal])
    return Frame(
        sentence.number,
        [ordinal],
        [Party(p.entity, p.role, sentence.number, p.before, p.position) for p in series.parties],
        series.kind,
        series.status,
        found[0].date if found else None,
        found[0] if found else None,
        place,
        place_country,
        separate=True,
    )


def frames_of(
    ctx: Context, sentence: Sentence, clause: tuple[int, int], group: list[int]
) -> list[Frame]:
    tokens = ctx.doc.tokens
    if is_habitual(ctx, sentence, clause):
        return []
    first_trigger = group[0]
    start, end = group_window(ctx, sentence, clause, group)
    parties, places = parties_of(ctx, sentence, clause, group, start, end)
    resolve_references(ctx, sentence, clause, group, parties, start)
    compound = compound_parties(ctx, group[0])
    if compound:
        parties = compound
    parties = _without_delegation_owners(ctx, parties, start, end)
    parties = _without_abstainers(ctx, clause, group, parties)
    shares_subject = not parties and _shares_the_subject(ctx, sentence, start)
    kind = min((TRIGGERS[tokens[i].lower] for i in group), key=KIND_ORDER.index)
    if any(
        tokens[i].lower in ("call", "calls") and tokens[i - 1].lower == "courtesy" for i in group
    ):
        kind = "visit"  # "paid a courtesy call on the king"
    status = status_of(ctx, sentence, clause, group)
    # "a visit ..., which had been scheduled for Thursday, was cancelled": its date too
    dates = meeting_dates(
        ctx, sentence, start, predicate_end(ctx, sentence, clause, group) or end, group
    )
    place, place_country = place_of(ctx, places, group)
    separate = any(
        tokens[i].lower in ("separate", "separately")
        for i in range(max(start, first_trigger - 2), min(end, group[-1] + 2) + 1)
    )
    frames: list[Frame] = []
    for date_match in dates or [None]:
        date = date_for(ctx, date_match, clause, group, status) if date_match else None
        date = _lasting(ctx, group, date)
        earlier_that_day = same_day_as_before(ctx, date_match)
        date = earlier_that_day or date
        event = sidelines_of(ctx, sentence, date) or relative_to(ctx, sentence, clause, date)
        if event is not None:
            date = event.date
            place, place_country = place or event.place, place_country or event.place_country
        frame_status = dated_status(ctx, status, date, group)
        base = Frame(
            sentence.number,
            list(group),
            [Party(p.entity, p.role, sentence.number, p.before, p.position) for p in parties],
            kind,
            frame_status,
            date,
            date_match,
            place,
            place_country,
            separate or earlier_that_day is not None,  # another event of that day
            sequel=sequel(ctx, group),
            shares_subject=shares_subject,
        )
        # "separate talks" split into one meeting each; "earlier in the day" only keeps the
        # meeting apart from the one told before
        frames.extend(split_separate(ctx, base) if separate else [base])
    for frame in frames:
        assign_roles(ctx, frame)
    return frames


def _shares_the_subject(ctx: Context, sentence: Sentence, start: int) -> bool:
    """Whether a meeting word's share of the clause opens with the coordinator of a second
    predicate of the subject before ("met in April and are due to meet again")."""
    return (
        bool(ctx.frames)
        and ctx.frames[-1].sentence == sentence.number
        and ctx.doc.tokens[start].lower in ("and", "but")
        and ctx.entities.covering.get(start + 1) is None
    )


#: Words for a group sent to a meeting, and the words that name its head.
_DELEGATIONS = word_set("delegation team mission")
_HEADED = word_set("led headed")


def _without_delegation_owners(
    ctx: Context, parties: list[Party], start: int, end: int
) -> list[Party]:
    """'a Russian government delegation led by X', 'a delegation of the Russian Federation
    headed by X': the state or government that sends a delegation whose head is named is
    represented by that head, not a party of its own. (A movement's delegation is the movement
    at the table: "a Houthi delegation led by X" keeps the Houthis.)"""
    tokens = ctx.doc.tokens
    owners: set[int] = set()
    for index in range(start, end):
        if tokens[index].lower not in _DELEGATIONS:
            continue
        head = next(
            (
                i
                for i in range(index + 1, min(end, index + 8))
                if tokens[i].lower in _HEADED and tokens[i + 1].lower == "by"
            ),
            None,
        )
        if head is None or not any(
            p.entity.kind == "person" and head + 1 < p.position <= head + 6 for p in parties
        ):
            continue
        for party in parties:
            if _governs(party.entity) and index - 4 <= party.position < head:
                owners.add(id(party))
    return [p for p in parties if id(p) not in owners]


#: Verbs by which someone stays away from a meeting: "X skipped the summit".
_ABSTAINING = word_set(
    "skipped skip skips skipping boycotted boycott boycotts boycotting snubbed shunned missed"
)


def _without_abstainers(
    ctx: Context, clause: tuple[int, int], group: list[int], parties: list[Party]
) -> list[Party]:
    """'X skipped the summit', 'Y boycotted the talks': whoever stays away (the subject of the
    verb, just before the meeting word) is no party to it."""
    tokens = ctx.doc.tokens
    verb = next(
        (
            i
            for trigger in group
            for i in range(max(clause[0], trigger - 4), trigger)
            if tokens[i].lower in _ABSTAINING
        ),
        None,
    )
    if verb is None:
        return parties
    return [p for p in parties if p.position > verb]


def _governs(entity: Entity) -> bool:
    return entity.kind == "state" or (
        entity.kind == "organization" and entity.name.lower().startswith("government")
    )


#: Phrases that date a meeting by the day of the one told just before.
_THAT_DAY = frozenset(
    ["earlier in the day", "later in the day", "earlier that day", "later that day"]
)


def same_day_as_before(ctx: Context, match: DateMatch | None) -> PartialDate | None:
    """'Earlier in the day, A had talks with B': the day the text named last before the
    phrase (the day of what it told just before), not the publication day."""
    if match is None or match.phrase.lower() not in _THAT_DAY:
        return None
    before = [
        m
        for m in ctx.dates
        if m.end <= match.start
        and m.phrase.lower() not in _THAT_DAY
        and m.date.earliest is not None
        and m.date.earliest == m.date.latest
    ]
    return before[-1].date if before else None


def relative_to(
    ctx: Context, sentence: Sentence, clause: tuple[int, int], date: PartialDate | None
) -> Frame | None:
    """'Cho will travel to New York later this month, where he might meet Wang': an undated
    meeting in a 'where' clause happens at the time (and place) of the meeting of the clause
    it hangs on. ('when' is left alone: "spoke on Friday, when Putin briefed him ahead of his
    meeting with Trump" is not Friday's.)"""
    if date is not None or ctx.doc.tokens[clause[0]].lower != "where":
        return None
    return next(
        (
            f
            for f in reversed(ctx.frames)
            if f.sentence == sentence.number and f.date is not None and f.triggers[0] < clause[0]
        ),
        None,
    )


def sidelines_of(ctx: Context, sentence: Sentence, date: PartialDate | None) -> Frame | None:
    """'met separately on the sidelines of the summit': an undated meeting inside an event told
    before takes that event's day and place."""
    if date is not None:
        return None
    tokens = ctx.doc.tokens
    for index in range(sentence.first, sentence.last - 2):
        if tokens[index].lower not in ("sidelines", "margins", "margin", "sideline"):
            continue
        if tokens[index + 1].lower != "of" or tokens[index + 2].lower != "the":
            continue
        noun = tokens[index + 3].lower if index + 3 <= sentence.last else ""
        return next(
            (
                f
                for f in reversed(ctx.frames)
                if f.date is not None
                and f.sentence < sentence.number
                and any(tokens[t].lower == noun for t in f.triggers)
            ),
            None,
        )
    return None


_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _lasting(ctx: Context, group: list[int], date: PartialDate | None) -> PartialDate | None:
    """'a three-day visit beginning August 19': the visit's first day and its length make its
    span (2025-08-19/2025-08-21). Only a single day is widened."""
    if date is None or date.earliest is None or date.earliest != date.latest:
        return date
    tokens = ctx.doc.tokens
    days = None
    for cursor in range(max(0, group[0] - 4), group[0]):
        if tokens[cursor].lower in ("day", "days") and tokens[cursor].joined and cursor > 0:
            word = tokens[cursor - 1].lower
            days = _NUMBER_WORDS.get(word) or (int(word) if word.isdigit() else None)
    if days is None or not 1 < days < 15:
        return date
    try:
        return PartialDate.between(
            date,
            PartialDate.from_canonical((date.earliest + dt.timedelta(days=days - 1)).isoformat()),
            phrase=date.phrase,
            reference=date.reference,
        )
    except DateError:
        return date


def parties_of(
    ctx: Context,
    sentence: Sentence,
    clause: tuple[int, int],
    group: list[int],
    start: int,
    end: int,
) -> tuple[list[Party], list[tuple[int, str, str | None]]]:
    tokens = ctx.doc.tokens
    parties: list[Party] = []
    places: list[tuple[int, str, str | None]] = []
    seen: set[int] = set()
    for place in ctx.entities.places:
        inside = start <= place.first <= end
        if inside and sentence.topic_at(place.first) is None:
            if sentence.in_reporting(place.first) or _acting_city(ctx, place.first):
                continue
            places.append((place.first, place.name, place.country))
    for mention in ctx.entities.mentions_in(start, end):
        entity = mention.entity
        index = mention.first
        if sentence.in_reporting(index) or sentence.topic_at(index) is not None:
            continue
        if mention.attribute or entity.reporter or sends_someone(ctx, mention):
            continue
        preceding, anchor = _governing_word(ctx, index)
        if _related_between(ctx, index):
            continue  # "the partnership between China and Egypt": a topic, not the parties
        if entity.kind != "person":
            after_place = (
                index > 0 and ctx.entities.place_at(index - 1) is not None
            ) or _after_city(ctx, index)
            sent_from = preceding == "from" and _people_word_before(ctx, anchor)
            if preceding == "with" and anchor > 1 and tokens[anchor - 2].lower in _STANDING:
                continue  # "the war with Russia", "ties with China": a topic, not a party
            if preceding == "to" and not _goes_to(ctx, anchor):
                continue  # "developments relating to Ukraine": neither the place nor a party
            if (
                (preceding in LOCATIVE and not sent_from)
                or after_place
                or after_moving_verb(ctx, index)
            ):
                if entity.kind == "state":
                    places.append((index, entity.name, entity.name))
                continue
            if preceding in TOPICAL and not (
                preceding == "of"
                and (_people_word_before(ctx, anchor) or _gathering_of(ctx, anchor, entity))
            ):
                continue  # "talks on Ukraine" is a topic; "the ministers of Poland" take part
            if tokens[mention.last].possessive and not possesses_trigger(ctx, mention, group):
                continue
            if entity.kind == "organization" and not beside_party_word(ctx, mention, group):
                continue
        elif owns_title(ctx, mention, group) or owns_other_thing(ctx, mention, group):
            continue  # "Abenov's adviser, Dana Kuanysh, met ...": the adviser takes part
        if id(entity) in seen:
            continue
        seen.add(id(entity))
        parties.append(Party(entity, "participant", sentence.number, index < group[0], index))
    for entity, index in adjective_parties(ctx, start, end):
        if id(entity) not in seen:
            seen.add(id(entity))
            parties.append(Party(entity, "participant", sentence.number, index < group[0], index))
    return parties, places


#: Words after which "to <state>" is a destination: "travel to", "a visit to", "invited X to".
_TOWARD = (
    MOVING
    | MEETING_NOUNS
    | word_set(
        """
    invited invite invites inviting went go goes going came come comes coming headed head heads
    heading way back sent send sends dispatched welcomed welcome welcomes moved return returned
    returns returning trips delegation delegations envoy ambassador
    """
    )
)


def _goes_to(ctx: Context, index: int) -> bool:
    """Whether the 'to' before token ``index`` leads to a destination, not a topic."""
    tokens = ctx.doc.tokens
    start = max(tokens_sentence_start(ctx, index), index - 6)
    return any(tokens[i].lower in _TOWARD for i in range(start, index - 1))


def tokens_sentence_start(ctx: Context, index: int) -> int:
    return ctx.doc.sentence_tokens[ctx.doc.tokens[index].sentence][0]


def after_moving_verb(ctx: Context, index: int) -> bool:
    """'visit Japan': a state right after a verb of travel is where, not who."""
    return index > 0 and ctx.doc.tokens[index - 1].lower in MOVING


def possesses_trigger(ctx: Context, mention: Mention, group: list[int]) -> bool:
    return any(0 < trigger - mention.last <= 3 for trigger in group)


#: Nouns of a standing relation: "with X" after them names the other side of it, not a
#: party to the meeting ("ending the war with Russia").
_STANDING = word_set("war wars conflict ties relations dispute border feud rivalry")
#: What a person's possessive may head and still be at the meeting: "at Xi's invitation".
_INVITING = word_set("invitation invite request initiative")


def owns_other_thing(ctx: Context, mention: Mention, group: list[int]) -> bool:
    """A person named in the possessive before some other noun ("Trump's proposal",
    "Zelenskiy's office") is the owner of that thing, not a party; the possessive of the
    meeting itself ("Putin's talks with ...") or of an invitation stays one."""
    tokens = ctx.doc.tokens
    last = mention.last
    if not tokens[last].possessive or possesses_trigger(ctx, mention, group):
        return False
    if last + 1 >= len(tokens) or tokens[last + 1].lower in _INVITING:
        return False
    return not any(0 < trigger - last <= 4 for trigger in group)


#: What a person's possessive may head besides a title: "the head of Zelenskiy's office".
_INSTITUTIONS = word_set("office administration government cabinet staff ministry party")


def owns_title(ctx: Context, mention: Mention, group: list[int]) -> bool:
    """A person named with a possessive before someone else's title ("Putin's aide", "Abenov's
    foreign policy adviser"): the owner, not a party."""
    tokens = ctx.doc.tokens
    if not tokens[mention.last].possessive or possesses_trigger(ctx, mention, group):
        return False
    for cursor in range(mention.last + 1, min(mention.last + 5, len(tokens))):
        word = tokens[cursor].lower
        if word in TITLE_HEADS or word in _INSTITUTIONS:
            return True
        if word not in TITLE_MODIFIERS:
            return False
    return False


def beside_party_word(ctx: Context, mention: Mention, group: list[int]) -> bool:
    """A body takes part when it acts: next to the meeting word or after 'with'."""
    preceding = preceding_word(ctx, mention.first)
    return preceding in ("with", "between", "and") or any(
        abs(trigger - mention.last) <= 3 or abs(mention.first - trigger) <= 3 for trigger in group
    )


#: Plural people and bodies through which states meet: "the Egyptian and Sudanese
#: presidents", "Chinese and Indian foreign ministries", "Russian and Chinese navies".
_SENT_BY_STATES = STATE_PEOPLE | word_set(
    """
    presidents ministers ministries governments leaders sides militaries armies navies
    delegation delegations team teams negotiators
    """
)


def adjective_parties(ctx: Context, start: int, end: int) -> list[tuple[Entity, int]]:
    """'Russian and Ukrainian officials': states through the people they send."""
    tokens = ctx.doc.tokens
    data = gazetteer()
    found: list[tuple[Entity, int]] = []
    index = start
    while index <= end:
        token = tokens[index]
        if token.lower in _SENT_BY_STATES and index > start and not token.possessive:
            cursor = index - 1
            while cursor > start and tokens[cursor].lower in TITLE_MODIFIERS:
                cursor -= 1  # "Chinese and Indian foreign ministries", "trade officials"
            states: list[tuple[str, int]] = []
            while cursor >= start:
                matched = False
                for width in (2, 1):
                    first = cursor - width + 1
                    if first < start:
                        continue
                    text = ctx.doc.span_text(first, cursor)
                    if text in data.adjectives:
                        states.append((data.adjectives[text], first))
                        cursor = first - 1
                        matched = True
                        break
                if not matched:
                    break
                if cursor >= start and tokens[cursor].lower in ("and", "or"):
                    cursor -= 1
                    continue
                break
            for state, first in states:
                entity = state_entity(ctx, state)
                if entity is not None:
                    found.append((entity, first))
        index += 1
    return found


def compound_parties(ctx: Context, trigger: int) -> list[Party]:
    """'South Korea-U.S. military drills': the hyphenated pair before a meeting word."""
    tokens = ctx.doc.tokens
    mentions: list[Mention] = []
    cursor = trigger - 1
    while cursor >= 0 and trigger - cursor <= 4 and not tokens[cursor].capital:
        cursor -= 1
    mention = ctx.entities.covering.get(cursor) if cursor >= 0 else None
    while mention is not None:
        mentions.insert(0, mention)
        if not tokens[mention.first].joined or mention.first == 0:
            break
        mention = ctx.entities.covering.get(mention.first - 1)
    if len(mentions) < 2:
        return []
    sentence = tokens[trigger].sentence
    return [Party(m.entity, "participant", sentence, True, m.first) for m in mentions]


def meeting_dates(
    ctx: Context, sentence: Sentence, start: int, end: int, group: list[int]
) -> list[DateMatch]:
    positions = ctx.date_positions
    found = [
        ctx.dates_at[index]
        for index in positions[bisect_left(positions, start) : bisect_right(positions, end)]
        if not sentence.in_reporting(index) and sentence.topic_at(index) is None
    ]
    if not found:
        return []
    if len(found) > 1:
        text = ctx.doc.text
        gaps = [text[a.end : b.start].strip() for a, b in pairwise(found)]
        # "on Monday and Tuesday", "on May 2, 5 and 9"; not "on Monday, a day before ..."
        listed = all(gap.strip(" ,") in ("and", "", "or") for gap in gaps) and gaps[-1] != ","
        if listed:
            return found
    tokens = ctx.doc.tokens
    trigger_start = tokens[group[0]].start
    if group[0] > 0 and tokens[group[0] - 1].lower == "to":
        # "agreed on Monday to meet in October": the day before the infinitive is the
        # agreeing's, the meeting's date follows it
        after = [m for m in found if m.start > trigger_start]
        if after:
            found = after
    nearest = min(found, key=lambda m: abs(m.start - trigger_start))
    # "was in Moscow last week and called on Putin on August 7": the day inside the week
    inside = [m for m in found if m is not nearest and _narrower(m.date, nearest.date)]
    if inside:
        return [min(inside, key=lambda m: abs(m.start - trigger_start))]
    return [nearest]


def _narrower(inner: PartialDate, outer: PartialDate) -> bool:
    """Whether ``inner`` lies inside ``outer`` and is shorter."""
    if None in (inner.earliest, inner.latest, outer.earliest, outer.latest):
        return False
    return (
        outer.earliest <= inner.earliest  # type: ignore[operator]
        and inner.latest <= outer.latest  # type: ignore[operator]
        and (inner.earliest, inner.latest) != (outer.earliest, outer.latest)
    )


def place_of(
    ctx: Context, places: list[tuple[int, str, str | None]], group: list[int]
) -> tuple[str | None, str | None]:
    if not places:
        return None, None
    places.sort()
    after = [p for p in places if p[0] > group[0]] or places
    _, name, country = after[0]
    if country and country != name:
        return f"{name}, {country}", country
    return name, country


def find_frames(
    doc: Document,
    entities: Entities,
    sentences: list[Sentence],
    dates: list[DateMatch],
    reference: dt.date | None,
) -> list[Frame]:
    return read_frames(Context(doc, entities, sentences, dates, reference))


def _gathering_of(ctx: Context, index: int, entity: Entity) -> bool:
    """'a meeting of the Council of Foreign Ministers', 'a session of the Security Council':
    the body whose gathering the meeting noun names takes part in it."""
    if entity.kind not in ("organization", "group"):
        return False
    tokens = ctx.doc.tokens
    cursor = index - 1
    while cursor > 0 and tokens[cursor].lower in ("of", "the"):
        cursor -= 1
    return tokens[cursor].lower in MEETING_NOUNS or tokens[cursor].lower in ("session", "sessions")


#: Nouns of a standing relation whose "between X and Y" names its sides, not a meeting's.
_RELATIONS = _STANDING | word_set(
    "partnership partnerships cooperation trade friendship alliance ties rapprochement"
)


def _related_between(ctx: Context, index: int) -> bool:
    """Whether the actor at ``index`` is one side of a relation named with 'between' ("the
    comprehensive strategic partnership between China and Egypt", "trade between X and Y")."""
    tokens = ctx.doc.tokens
    between = index - 1
    if preceding_word(ctx, index) in ("and", "or"):
        before = ctx.entities.covering.get(index - 2)
        if before is None:
            return False
        between = before.first - 1
    if between < 1 or tokens[between].lower != "between":
        return False
    return tokens[between - 1].lower in _RELATIONS


def _governing_word(ctx: Context, index: int) -> tuple[str, int]:
    """The word before an actor and where the actor stands; for the second of two joined by
    'and', the word before the first and where the first stands ("his call for Jordan and
    Egypt": both after 'for'; "the ministers of Estonia and Latvia": both after 'of')."""
    preceding = preceding_word(ctx, index)
    if preceding not in ("and", "or") or index < 2:
        return preceding, index
    before = ctx.entities.covering.get(index - 2)
    if before is None or ctx.doc.tokens[before.last].possessive:
        return preceding, index
    first = preceding_word(ctx, before.first)
    if first in TOPICAL or first in LOCATIVE:
        return first, before.first
    return preceding, index


def _after_city(ctx: Context, index: int) -> bool:
    """'in Gyeongju, South Korea': a state after a comma and a city the gazetteer may not know,
    itself after 'in' or 'at', is the city's country (a place, not a party)."""
    tokens = ctx.doc.tokens
    if index < 2 or ctx.doc.between(index - 1, index) != ", ":
        return False
    cursor = index - 1
    while cursor > 0 and tokens[cursor].capital and index - cursor <= 3:
        if tokens[cursor - 1].lower in ("in", "at"):
            return True
        if not tokens[cursor].close:
            break
        cursor -= 1
    return False


def _people_word_before(ctx: Context, index: int) -> bool:
    """'leaders from Saudi Arabia', 'a delegation from Hamas': the people a state or body
    sends, so it takes part (not a place)."""
    tokens = ctx.doc.tokens
    for cursor in range(index - 1, max(-1, index - 4), -1):
        if tokens[cursor].lower in STATE_PEOPLE or tokens[cursor].lower in PLURAL_PARTIES:
            return True
    return False


def _acting_city(ctx: Context, index: int) -> bool:
    """'Beijing was watching the talks', 'Moscow has dismissed ...': a capital that acts (its
    government), at the head of a clause before its verb, is not where anyone met."""
    tokens = ctx.doc.tokens
    place = ctx.entities.place_at(index)
    last = place.last if place is not None else index
    if last + 1 >= len(tokens) or not tokens[last + 1].close:
        return False
    following = tokens[last + 1].lower
    previous = tokens[index - 1].lower if index > 0 else ""
    opens = index == 0 or tokens[index - 1].sentence != tokens[index].sentence
    verbs = ("was", "is", "has", "had", "said", "says", "will", "would", "were")
    return following in verbs and (opens or previous in _CLAUSE_OPENERS)


#: Words after which a clause begins, its subject next: "..., though Beijing has yet to ...".
_CLAUSE_OPENERS = word_set("that and but said says though although while whereas because since")
