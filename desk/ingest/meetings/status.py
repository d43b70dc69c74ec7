"""How sure a meeting is, from the modality and tense of its clause, and how its date reads
("until", "since")."""

from __future__ import annotations

import itertools
from dataclasses import replace

from desk.dates import DateError, DateMatch, PartialDate, Tense
from desk.dates.parse import resolve
from desk.ingest.clauses import Sentence
from desk.ingest.meetings.context import Context
from desk.ingest.meetings.records import Frame
from desk.ingest.meetings.roles import adjectival_visiting
from desk.ingest.vocabulary import (
    BEGINNING,
    CANCELLED,
    DENIED,
    ENDING,
    EXPECTATION,
    EXPECTED,
    HABITUAL,
    MEETING_NOUNS,
    ONGOING,
    PLANNED,
    SPECULATED,
)
from desk.ingest.words import word_set

#: Past forms that do not end in -ed (those that do are read as past by their ending).
_PAST_VERBS = word_set(
    """
    met held signed visited shook arrived hosted travelled traveled wrapped concluded had
    talked ended took attended spoke sat went came flew began gave made saw led left brought
    sought told
    """
)

_HEDGE_WINDOW_AFTER = 2


def date_for(
    ctx: Context, match: DateMatch, clause: tuple[int, int], group: list[int], status: str
) -> PartialDate | None:
    tokens = ctx.doc.tokens
    date = _in_meeting_tense(ctx, match, status)
    window = {t.lower for t in tokens[max(clause[0], group[0] - 8) : group[-1] + 1]}
    try:
        if window & ENDING and not date.is_interval:
            return PartialDate.between(None, date, phrase=date.phrase, reference=date.reference)
        if window & BEGINNING and not date.is_interval:
            return PartialDate.between(date, None, phrase=date.phrase, reference=date.reference)
    except DateError:
        return date
    return date


#: Statuses of meetings still to come: their relative dates point forward.
_TO_COME = frozenset(["planned", "expected", "speculated"])


def _in_meeting_tense(ctx: Context, match: DateMatch, status: str) -> PartialDate:
    """A meeting still to come is dated forward: "agreed to meet again in October" is the
    October ahead, even when the sentence's first verb is past. Only a date read against the
    publication day moves ("last October", "in October 2024" and "the next day" stay)."""
    date = match.date
    reference = ctx.reference
    if (
        status not in _TO_COME
        or reference is None
        or date.reference != reference
        or date.latest is None
        or date.latest >= reference
    ):
        return date
    try:
        forward = resolve(match.phrase, reference, Tense.FUTURE)
    except DateError:
        return date
    if not forward.relative or forward.date.earliest is None or forward.date.earliest < reference:
        return date
    return forward.date


def status_of(ctx: Context, sentence: Sentence, clause: tuple[int, int], group: list[int]) -> str:
    tokens = ctx.doc.tokens
    start = clause[0]
    if tokens[start].lower == "that":
        start = max(sentence.first, start - 3)  # "denied that", "speculation that"
        start = _claim_governor(ctx, sentence, start + 3) or start
    end = min(clause[1], group[-1] + _HEDGE_WINDOW_AFTER)
    if _noun_subject(ctx, clause, group):
        end = clause[1]  # "Talks between X and Y are set to begin": the predicate's modality
        end = _predicate_after_relative(sentence, clause, tokens) or end
    window = [tokens[i].lower for i in range(start, end + 1) if i not in ctx.date_tokens]
    around = set(window)
    if around & DENIED or _ruled_out(window) or _negated(ctx, clause, group):
        return "denied"
    if around & CANCELLED and not ({"called"} & around and "off" not in around):
        return "cancelled"
    if around & SPECULATED:
        return "speculated"
    if _agreed_to(window) or _agreed_to_noun(ctx, clause, group):
        return "planned"  # "agreed to hold a trilateral meeting", "agreed to begin talks"
    if around & EXPECTED:
        return "planned" if around & PLANNED and not around & EXPECTATION else "expected"
    if any(tokens[i].lower in ONGOING and not adjectival_visiting(ctx, i) for i in group):
        return "reported"
    if around & _PAST_VERBS or any(tokens[i].lower.endswith("ed") for i in group):
        return "held"
    return "reported"


def dated_status(ctx: Context, status: str, date: PartialDate | None, group: list[int]) -> str:
    if status not in ("reported", "held") or date is None or ctx.reference is None:
        return status
    if date.earliest is not None and date.earliest > ctx.reference:
        return "expected"
    if status == "reported" and date.latest is not None and date.latest < ctx.reference:
        ongoing = any(ctx.doc.tokens[i].lower in ONGOING for i in group)
        return "reported" if ongoing else "held"
    return status


#: Adjectives of a recurring basis: "on a regular basis", "at regular intervals".
_RECURRING = frozenset(["regular", "routine", "rotating", "permanent", "monthly", "weekly"])


def is_habitual(ctx: Context, sentence: Sentence, clause: tuple[int, int]) -> bool:
    """'Each time our officials visit Pyongyang, they meet ...', 'the two usually meet': a
    general statement, not a meeting."""
    tokens = ctx.doc.tokens
    words = [t.lower for t in tokens[sentence.first : sentence.last + 1]]
    for position, word in enumerate(words[:-1]):
        if word in ("each", "every") and words[position + 1] == "time":
            return True
        if word in _RECURRING and words[position + 1] in ("basis", "intervals"):
            return True  # "hold consultations on a regular basis"
    return any(tokens[i].lower in HABITUAL for i in range(clause[0], clause[1] + 1)) or (
        "whenever" in words
    )


def _noun_subject(ctx: Context, clause: tuple[int, int], group: list[int]) -> bool:
    """Whether the meeting words are a noun that is the clause's subject ("The visit of ... was
    scheduled for September"): no verb or modal comes before it in the clause, so its tense
    and modality are the predicate's, after it."""
    tokens = ctx.doc.tokens
    if not all(tokens[i].lower in MEETING_NOUNS for i in group):
        return False
    before = range(clause[0], group[0])
    return not any(
        _verbal(tokens[i].lower)
        # "a planned visit": a participle before the noun describes it, it is not the verb
        and not (i > clause[0] and tokens[i - 1].lower in ("a", "an", "the", "this"))
        for i in before
    )


def _predicate_after_relative(sentence: Sentence, clause: tuple[int, int], tokens) -> int | None:  # type: ignore[no-untyped-def]
    """'a visit to Kyiv by X, which had been scheduled for Thursday, was cancelled': the noun's
    predicate comes after the relative clause; the end of that predicate's clause."""
    clauses = sentence.clauses
    if clause not in clauses:
        return None
    position = clauses.index(clause)
    if position + 2 >= len(clauses):
        return None
    relative, predicate = clauses[position + 1], clauses[position + 2]
    if tokens[relative[0]].lower not in ("which", "that") or tokens[predicate[0]].capital:
        return None
    return predicate[1]


def predicate_end(
    ctx: Context, sentence: Sentence, clause: tuple[int, int], group: list[int]
) -> int | None:
    """Where the predicate of a meeting noun that is its clause's subject ends, when a
    relative clause stands between them; None otherwise."""
    if not _noun_subject(ctx, clause, group):
        return None
    return _predicate_after_relative(sentence, clause, ctx.doc.tokens)


def _verbal(word: str) -> bool:
    return (
        word.endswith("ed")
        or word in _PAST_VERBS
        or word in EXPECTED
        or word in SPECULATED
        or word in ("to", "is", "are", "was", "were", "has", "have", "hold", "holds")
    )


#: What a denial refers back with: "The Kremlin has dismissed the idea", "denied such reports".
_BACK_REFERENCES = frozenset(
    ["idea", "proposal", "suggestion", "reports", "report", "claim", "claims", "plan", "it"]
)
_FUTURE_OR_OPEN = frozenset(["expected", "planned", "speculated", "reported"])


def denials_by_reference(ctx: Context) -> None:
    """'Zelensky said he was ready to meet Putin. The Kremlin has dismissed the idea.': a
    sentence that denies what the one before proposed makes that meeting denied, with this
    sentence as evidence too (a copy of its frame, which merging joins to it)."""
    tokens = ctx.doc.tokens
    by_sentence: dict[int, list[Frame]] = {}
    for frame in ctx.frames:
        by_sentence.setdefault(frame.sentence, []).append(frame)
    for sentence in ctx.sentences:
        if sentence.number in by_sentence or sentence.number == 0:
            continue
        words = [t.lower for t in tokens[sentence.first : sentence.last + 1]]
        denial = next((n for n, w in enumerate(words) if w in DENIED), None)
        if denial is None or not set(words[denial + 1 : denial + 4]) & _BACK_REFERENCES:
            continue
        earlier = [
            f for f in by_sentence.get(sentence.number - 1, []) if f.status in _FUTURE_OR_OPEN
        ]
        if not earlier:
            continue
        frame = earlier[-1]
        frame.status = "denied"
        ctx.frames.append(replace(frame, sentence=sentence.number, parties=list(frame.parties)))


#: Verbs after "agreed to" that make a meeting of it ("agreed to hold talks"), unlike "agreed to
#: revive the talks" (which speaks of talks already named).
_TO_MEET = frozenset(["hold", "meet", "visit", "host", "convene", "travel", "organize", "organise"])


def _agreed_to(words: list[str]) -> bool:
    """'agreed to hold a trilateral meeting', 'decided to meet again': a planned meeting."""
    return any(
        first in ("agreed", "agree", "agrees", "decided", "decide")
        and second == "to"
        and third in _TO_MEET
        for first, second, third in zip(words, words[1:], words[2:], strict=False)
    )


#: Nouns of a claim whose 'that' clause a denial governs: "denied a report by X that ...".
_CLAIMS = word_set("report reports claim claims allegation allegations suggestion suggestions")


def _claim_governor(ctx: Context, sentence: Sentence, that: int) -> int | None:
    """'denied a report by Israel's Channel 12 that A had met B': where the verb of denial
    stands when a claim noun (and who made it) comes between it and 'that'."""
    tokens = ctx.doc.tokens
    claim = None
    for cursor in range(that - 1, max(sentence.first - 1, that - 10), -1):
        word = tokens[cursor].lower
        if word in _CLAIMS:
            claim = cursor
        elif claim is not None and word in DENIED:
            return cursor
    return None


#: Verbs whose infinitive after them is a plan, not a fact: "agreed to begin talks".
_DETERMINERS = word_set("the their these those its his her this that")
_RESOLVING = word_set("agreed agree agrees decided decide decides pledged promised resolved")


def _agreed_to_noun(ctx: Context, clause: tuple[int, int], group: list[int]) -> bool:
    """'agreed to restore relations and to begin technical talks': a meeting noun governed by
    an infinitive after a verb of agreeing is planned (the agreeing is what happened)."""
    tokens = ctx.doc.tokens
    trigger = group[0]
    if tokens[trigger].lower not in MEETING_NOUNS or trigger == 0:
        return False
    if tokens[trigger - 1].lower in _DETERMINERS:
        return False  # "agreed to revive the talks": talks named before, not a new meeting
    start = max(clause[0], trigger - 12)
    for cursor in range(start, trigger - 1):
        if tokens[cursor].lower not in _RESOLVING:
            continue
        following = cursor + 1
        while following < trigger and following in ctx.date_tokens:
            following += 1  # "agreed on Monday to begin talks"
        if tokens[following].lower == "to":
            return True
    return False


def _ruled_out(words: list[str]) -> bool:
    """'ruled out a meeting', 'rules out talks'."""
    return any(
        first in ("ruled", "rules", "rule") and second == "out"
        for first, second in itertools.pairwise(words)
    )


#: Words that negate the verb after them: "will not meet", "has no plans to meet".
_NEGATIONS = frozenset(["not", "never", "no", "n't"])


def _negated(ctx: Context, clause: tuple[int, int], group: list[int]) -> bool:
    """'will not attend the summit', 'has no plans to meet', 'never met': the clause says the
    meeting is not (or was not) to be: denied."""
    tokens = ctx.doc.tokens
    before = range(max(clause[0], group[0] - 4), group[0])
    return any(
        tokens[i].lower in _NEGATIONS and tokens[i + 1].lower != "only"  # "not only met"
        for i in before
    )
