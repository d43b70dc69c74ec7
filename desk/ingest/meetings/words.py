"""Meeting words: which tokens name a meeting ("met", "held talks", "visit"), and how a clause's
meeting words group into one event each."""

from __future__ import annotations

from desk.ingest.clauses import Sentence
from desk.ingest.meetings.context import Context
from desk.ingest.vocabulary import (
    HOSTING,
    MEETING_NOUNS,
    NEEDS_ACTOR_AFTER,
    PLURAL_PARTIES,
    STATE_PEOPLE,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TRIGGER_NEEDS,
    TRIGGER_NEEDS_AFTER,
    TRIGGER_NOT_AFTER,
    TRIGGER_NOT_BEFORE,
    TRIGGERS,
)
from desk.ingest.words import word_set


def is_trigger(ctx: Context, sentence: Sentence, index: int) -> bool:
    tokens = ctx.doc.tokens
    token = tokens[index]
    word = token.lower
    if word not in TRIGGERS or (token.capital and word in ("host", "call", "forum")):
        return False
    if sentence.in_reporting(index) or sentence.topic_at(index) is not None:
        return False
    mention = ctx.entities.covering.get(index)
    if mention is not None:
        return False  # part of a name ("Korea Summit Committee")
    previous = tokens[index - 1].lower if index > 0 else ""
    following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
    if word in ("call", "calls") and previous == "courtesy":
        return True  # "paid a courtesy call on the emperor": a visit
    if word in MEETING_NOUNS and _names_the_setting(ctx, index):
        return False
    if word == "called" and not _calls_on_someone(ctx, index):
        return False
    if word in _TALK_NOUNS and not (
        following in ("with", "between", "among")
        or {t.lower for t in tokens[max(0, index - 3) : index]} & _HOLDING
    ):
        return False  # "speed up negotiations on a pact" names no meeting
    needs_after = TRIGGER_NEEDS_AFTER.get(word)
    # "A and B spoke on Friday" (not "A and B spoke about the program", "spoke at a forum")
    spoken_by_a_pair = (
        word in _SPEAKING
        and following not in ("about", "of", "at", "to", "out", "up", "highly")
        and _pair_before(ctx, index)
    )
    if needs_after is not None and following not in needs_after and not spoken_by_a_pair:
        return False
    needs = TRIGGER_NEEDS.get(word)
    if word in ("call", "calls") and following in ("with", "between"):
        needs = None  # "Tuesday's call with Trump": a call with someone is a meeting
    if needs is not None:
        window = {t.lower for t in tokens[max(0, index - 4) : index]}
        if not needs & window:
            return False
    if previous in TRIGGER_NOT_AFTER and word in ("conference", "call", "calls"):
        return False
    if following in TRIGGER_NOT_BEFORE and word in ("call", "calls", "sign", "signs", "meet"):
        return False
    if word in HOSTING and (previous in ("a", "the") or following == "of"):
        return False
    if word in _WELCOMING and following in ("a", "an", "the") and _meeting_noun_follows(ctx, index):
        return False  # "would welcome a Trump–Kim meeting": approval; the noun is the meeting
    if word in NEEDS_ACTOR_AFTER and not _actor_follows(ctx, index) and not spoken_by_a_pair:
        return False
    if word in _HOST_VERBS and not (
        _actor_follows(ctx, index) or _meeting_noun_follows(ctx, index)
    ):
        return False  # "hosted the World Cup" is no meeting; "hosted talks", "hosted X" are
    return not (word == "visiting" and following in ("professor", "fellow", "scholar"))


#: Words by which a clause places its meeting inside another event, named by a noun after:
#: "on the sidelines of the summit", "on the margins of the APEC forum".
_SETTING = word_set("sidelines sideline margins margin")
#: Prepositions of time before a definite event noun: "Before the summit, X called on Y".
_AROUND = word_set("before after")


def _names_the_setting(ctx: Context, index: int) -> bool:
    """Whether the meeting noun at ``index`` names the setting of another meeting, not a
    meeting of its own: "on the sidelines of the summit" (within six words after
    'sidelines of'), "Before the summit, ..." (the summit told before)."""
    tokens = ctx.doc.tokens
    sentence = tokens[index].sentence
    for cursor in range(index - 1, max(-1, index - 7), -1):
        if tokens[cursor].sentence != sentence:
            break
        if tokens[cursor].lower in _SETTING and tokens[cursor + 1].lower == "of":
            return True
    return (
        index > 1
        and tokens[index - 1].lower == "the"
        and tokens[index - 2].lower in _AROUND
        and tokens[index - 2].sentence == sentence
    )


_SPEAKING = frozenset(["spoke", "speak", "speaks", "talked"])


def _pair_before(ctx: Context, index: int) -> bool:
    """Whether two people joined by 'and' stand right before ``index`` ("Modi and Putin",
    "President A and Peruvian President B")."""
    tokens = ctx.doc.tokens
    mention = ctx.entities.covering.get(index - 1)
    if mention is None or mention.entity.kind != "person" or mention.first < 2:
        return False
    cursor = mention.first - 1
    while cursor > 0 and mention.first - cursor <= 4 and tokens[cursor].lower != "and":
        if not tokens[cursor].capital:
            return False  # only a title ("Peruvian President") between 'and' and the name
        cursor -= 1
    if tokens[cursor].lower != "and" or cursor < 1:
        return False
    other = ctx.entities.covering.get(cursor - 1)
    return (
        other is not None and other.entity.kind == "person" and other.entity is not mention.entity
    )


def _calls_on_someone(ctx: Context, index: int) -> bool:
    """'called on Putin at the Kremlin' is a visit; 'called on Russia to withdraw' and 'called
    on the sides to talk' urge: a person right after 'on', and no 'to' after the name."""
    tokens = ctx.doc.tokens
    for cursor in range(index + 2, min(index + 7, len(tokens))):
        mention = ctx.entities.covering.get(cursor)
        if mention is not None and mention.entity.kind == "person" and not mention.attribute:
            after = tokens[mention.last + 1] if mention.last + 1 < len(tokens) else None
            return after is None or after.lower != "to"
        if not tokens[cursor].capital:
            return False  # "called on the sides ..."
    return False


#: Nouns of talks that name a meeting only with their parties after them ("consultations
#: between ...") or a verb of holding before them ("held negotiations").
_TALK_NOUNS = frozenset(["negotiations", "consultations", "discussions"])
_HOLDING = word_set(
    """
    held hold holds holding began begin begins resumed resume resumes opened conducted launched
    started
    """
)


def groups(ctx: Context, sentence: Sentence, clause: tuple[int, int]) -> list[list[int]]:
    """Meeting words of a clause, grouped when they name one event ("held talks", "visit
    ... for a summit"); an infinitive between two ("to prepare for a visit") parts them."""
    tokens = ctx.doc.tokens
    triggers = [i for i in range(clause[0], clause[1] + 1) if is_trigger(ctx, sentence, i)]
    groups: list[list[int]] = []
    for index in triggers:
        if groups:
            previous = groups[-1][-1]
            between = tokens[previous + 1 : index + 1]
            # "to prepare for a visit" parts two events; "arrived ... to meet" is one.
            separated = any(
                t.lower == "to"
                and not between[position + 1].capital
                and between[position + 1].lower not in ("the", "a", "an")
                and between[position + 1].lower not in TRIGGERS
                for position, t in enumerate(between[:-1])
            )
            if (
                not separated
                and not own_party_between(ctx, previous, index)
                and tense_break(ctx, groups[-1], index) is None
            ):
                groups[-1].append(index)
                continue
        groups.append([index])
    return groups


#: Words that join two predicates of one subject ("held talks ..., and will meet again").
_COORDINATORS = word_set("and but while")
#: Words of a meeting still to come ("will meet again", "plan to meet", "could meet").
_TO_COME = word_set(
    """
    will would could may might shall expected plan plans planned agreed set due intend intends
    hope hopes
    """
)
#: Past forms that do not end in -ed.
_PAST = word_set("met held had signed visited spoke sat shook hosted talked took went came")


def _new_dated_subject(ctx: Context, previous: int, cursor: int, index: int) -> bool:
    """'The two leaders held talks in Lisbon in January, and Ruiz visited Porto in April': after
    a comma and the coordinator a named subject opens its own clause, the first meeting having
    its own date already."""
    mention = ctx.entities.covering.get(cursor + 1)
    if mention is None or "," not in ctx.doc.between(cursor - 1, cursor):
        return False
    if not any(i in ctx.date_tokens for i in range(previous + 1, cursor)):
        return False
    return mention.last + 1 == index or (
        mention.last + 2 == index and ctx.doc.tokens[mention.last + 1].lower in _TO_COME
    )


def tense_break(ctx: Context, group: list[int], index: int) -> int | None:
    """Where two meeting words of a clause part into two meetings because one happened and the
    other is still to come: "X held talks with Y on Monday, and the two men will meet again in
    January" (the coordinator's position, or None). The same meeting told with two words ("held
    talks", "met ... to discuss") has no coordinator with a word of the future between."""
    tokens = ctx.doc.tokens
    previous = group[-1]
    verb = tokens[index]
    if (
        "," in ctx.doc.between(index - 1, index)
        and not verb.capital
        and (verb.lower.endswith("ed") or verb.lower in _PAST)
        and any(i in ctx.date_tokens for i in range(previous + 1, index))
    ):
        return index  # "met Putin in Vostochny in September 2023, hosted him in Pyongyang"
    for cursor in range(previous + 1, index):
        if tokens[cursor].lower not in _COORDINATORS:
            continue
        before = {t.lower for t in tokens[max(0, group[0] - 3) : cursor]}
        after = {t.lower for t in tokens[cursor + 1 : index]}
        past_before = bool(before & _PAST) or any(tokens[i].lower.endswith("ed") for i in group)
        if past_before and after & _TO_COME and not before & _TO_COME:
            return cursor
        if _new_dated_subject(ctx, previous, cursor, index):
            return cursor
        if before & _TO_COME and after & _PAST and not after & _TO_COME:
            return cursor
    return None


def own_party_between(ctx: Context, previous: int, index: int) -> bool:
    """Whether an actor after 'by' introduces the second meeting word's own party ("talks ...
    followed by a visit by X"); "spoke by phone" is one event."""
    tokens = ctx.doc.tokens
    return any(
        tokens[i].lower == "by" and ctx.entities.covering.get(i + 1) is not None
        for i in range(previous + 1, index)
    )


# one group's frames


def group_window(
    ctx: Context, sentence: Sentence, clause: tuple[int, int], group: list[int]
) -> tuple[int, int]:
    """The tokens that belong to a group: from the previous group (or clause start) to the
    next one (or clause end)."""
    triggers = [i for i in range(clause[0], clause[1] + 1) if is_trigger(ctx, sentence, i)]
    before = [i for i in triggers if i < group[0] and i not in group]
    after = [i for i in triggers if i > group[-1] and i not in group]
    start = clause[0] if not before else (before[-1] + group[0]) // 2 + 1
    end = clause[1] if not after else (group[-1] + after[0]) // 2
    # "held talks ... on Monday, and will meet again in January": each its own half
    if before:
        parting = tense_break(ctx, [before[-1]], group[0])
        start = start if parting is None else parting
    if after:
        parting = tense_break(ctx, group, after[0])
        end = end if parting is None else parting - 1
    return start, _next_dated_predicate(ctx, group, end)


def _next_dated_predicate(ctx: Context, group: list[int], end: int) -> int:
    """'Kim met Putin in Vostochny in September 2023, hosted him in Pyongyang in June 2024,
    and attended ...': a verb's meeting ends where a coordinated verb in the past begins, once
    the meeting has its own date."""
    tokens = ctx.doc.tokens
    if any(tokens[i].lower in MEETING_NOUNS for i in group):
        return end
    dated = False
    for cursor in range(group[-1] + 1, end + 1):
        if cursor in ctx.date_tokens:
            dated = True
            continue
        if not dated or "," not in ctx.doc.between(cursor - 1, cursor):
            continue
        verb = cursor + 1 if tokens[cursor].lower == "and" else cursor
        word = tokens[verb].lower
        following = tokens[verb + 1].lower if verb + 1 < len(tokens) else ""
        if (
            verb <= end
            and not tokens[verb].capital
            and word.endswith("ed")
            and following not in ("by", "to", "in", "on", "at", "with")
            and verb not in ctx.date_tokens
        ):
            return cursor - 1
    return end


def _actor_follows(ctx: Context, index: int) -> bool:
    """Whether an actor (or 'the delegation', 'his counterpart') follows within the clause:
    "received Abiy", "spoke by phone with Scholz", "welcomed the Iranian delegation"."""
    tokens = ctx.doc.tokens
    if index + 1 < len(tokens) and tokens[index + 1].lower in OBJECT_PRONOUNS:
        return True  # "hosted him in Pyongyang"
    for cursor in range(index + 1, min(index + 8, len(tokens))):
        if tokens[cursor].sentence != tokens[index].sentence:
            return False
        if any(mark in ctx.doc.between(cursor - 1, cursor) for mark in ",;:("):
            return False
        mention = ctx.entities.covering.get(cursor)
        if mention is not None and not ctx.entities.place_at(cursor):
            return True
        if tokens[cursor].lower in STATE_PEOPLE or tokens[cursor].lower in PLURAL_PARTIES:
            return True
        if tokens[cursor].lower in ("counterpart", "counterparts", "guest", "guests"):
            return True
        if tokens[cursor].lower in TITLE_HEADS and all(
            tokens[i].lower in ("the", "his", "her", "their")
            or tokens[i].capital
            or tokens[i].lower in TITLE_MODIFIERS
            for i in range(index + 1, cursor)
        ):
            return True  # "will receive the Iranian official"
    return False


#: Pronouns that stand for the person met after a meeting verb ("hosted him").
OBJECT_PRONOUNS = frozenset(["him", "her"])
_HOST_VERBS = frozenset(["host", "hosts", "hosted"])
_WELCOMING = frozenset(["welcome", "welcomes", "welcomed", "welcoming"])


def _meeting_noun_follows(ctx: Context, index: int) -> bool:
    tokens = ctx.doc.tokens
    return any(
        tokens[cursor].lower in MEETING_NOUNS
        for cursor in range(index + 1, min(index + 5, len(tokens)))
        if tokens[cursor].sentence == tokens[index].sentence
    )
