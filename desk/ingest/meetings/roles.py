"""Roles in a meeting (host, guest, participant) from the verbs and the place, and "separate
talks" split into one meeting each."""

from __future__ import annotations

from desk.ingest.meetings.context import Context
from desk.ingest.meetings.records import Frame, Party
from desk.ingest.mentions import Entity
from desk.ingest.vocabulary import (
    HOSTING,
    MOVING,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)

#: Forms of "be" before a participle make it passive: "was received by".
_BE = frozenset(["was", "were", "is", "are", "been", "being", "be"])


def split_separate(ctx: Context, frame: Frame) -> list[Frame]:
    """'X and Y have held separate talks with Z', 'Z met separately with X and Y': one meeting
    each."""
    if not frame.separate:
        return [frame]
    subjects = [p for p in frame.parties if p.before]
    others = [p for p in frame.parties if not p.before]
    if len(subjects) == 1 and len(others) >= 2:
        # "X met separately with Y and Z": one meeting with each
        subjects, others = others, subjects
    if len(subjects) < 2 or not others:
        return [frame]
    return [
        Frame(
            frame.sentence,
            frame.triggers,
            sorted([subject, *others], key=lambda p: p.position),
            frame.kind,
            frame.status,
            frame.date,
            frame.date_match,
            frame.place,
            frame.place_country,
            separate=True,
        )
        for subject in subjects
    ]


def assign_roles(ctx: Context, frame: Frame) -> None:
    tokens = ctx.doc.tokens
    moving = [i for i in frame.triggers if tokens[i].lower in MOVING]
    if moving and frame.parties:
        before = [p for p in frame.parties if p.position < moving[0]]
        after = [p for p in frame.parties if p.position > moving[0]]
        if adjectival_visiting(ctx, moving[0]) and after:
            movers = [min(after, key=lambda p: p.position)]  # "visiting Australian PM Albanese"
        else:
            movers = _listed_with_nearest(ctx, before) or frame.parties[:1]
        movers = _invitee_instead(ctx, frame, movers, moving[0])
        for party in frame.parties:
            party.role = "guest" if any(party is m for m in movers) else "host"
        return
    hosting = [i for i in frame.triggers if tokens[i].lower in HOSTING]
    if hosting:
        # "X hosted Y", "X received Y": X hosts. "Y was received by X": the passive turns it.
        verb = hosting[0]
        passive = _be_before(tokens, verb) or (
            # "a meeting hosted by France and Britain": the participle is passive too
            verb + 1 < len(tokens) and tokens[verb + 1].lower == "by"
        )
        for party in frame.parties:
            after = party.position > verb
            party.role = "host" if after == passive else "guest"
        return
    if frame.place_country and len(frame.parties) >= 2:
        hosts = [p for p in frame.parties if _country(p.entity) == frame.place_country]
        if len(hosts) == 1:
            for party in frame.parties:
                party.role = "host" if party is hosts[0] else "guest"


#: Nouns of an invitation: "X accepted Y's invitation to visit", "at Y's invitation".
_INVITATION = frozenset(["invitation", "invite"])


def _invitee_instead(ctx: Context, frame: Frame, movers: list[Party], verb: int) -> list[Party]:
    """'X accepted Y's invitation to visit Minsk': Y, the nearest before 'visit', invites and
    hosts; X, named before Y, is the one who travels."""
    tokens = ctx.doc.tokens
    if len(movers) != 1:
        return movers
    inviter = movers[0]
    owner = _possessive_end(ctx, inviter)
    if owner is None or owner + 1 >= verb or tokens[owner + 1].lower not in _INVITATION:
        return movers
    earlier = [p for p in frame.parties if p.position < inviter.position]
    if not earlier:
        return []  # the one invited is not named as an actor: the inviter still hosts
    return [max(earlier, key=lambda p: p.position)]


def _possessive_end(ctx: Context, party: Party) -> int | None:
    """The last token of ``party``'s mention at its position, when it is a possessive."""
    tokens = ctx.doc.tokens
    for mention in ctx.entities.mentions_in(party.position, party.position):
        if mention.entity is party.entity and tokens[mention.last].possessive:
            return mention.last
    if tokens[party.position].possessive:
        return party.position
    return None


def _listed_with_nearest(ctx: Context, before: list[Party]) -> list[Party]:
    """The party nearest before a travel verb and those listed with it ("A, B and C travelled
    to Riyadh": all three travel; "X ..., meeting Kim in his visits": only X, by 'his')."""
    if not before:
        return []
    tokens = ctx.doc.tokens
    ordered = sorted(before, key=lambda p: p.position, reverse=True)
    chain = [ordered[0]]
    for party in ordered[1:]:
        between = range(party.position + 1, chain[-1].position)
        if not all(
            i in ctx.entities.covering
            or tokens[i].capital
            or tokens[i].lower in _LIST_WORDS
            or tokens[i].lower in TITLE_HEADS
            or tokens[i].lower in TITLE_MODIFIERS
            for i in between
        ):
            break
        chain.append(party)
    return chain


#: Words that join the names of a list.
_LIST_WORDS = frozenset(["and", "including", "as", "well"])


def _be_before(tokens, verb: int) -> bool:  # type: ignore[no-untyped-def]
    """'was received', 'were later received', 'was warmly welcomed': a form of 'be' before the
    participle, an adverb allowed between."""
    if verb > 0 and tokens[verb - 1].lower in _BE:
        return True
    return (
        verb > 1 and tokens[verb - 2].lower in _BE and tokens[verb - 1].lower.endswith("ly")
    ) or (verb > 1 and tokens[verb - 2].lower in _BE and tokens[verb - 1].lower in _ADVERBS)


#: Adverbs that may stand between 'be' and a participle without -ly.
_ADVERBS = frozenset(["later", "also", "then", "first", "again", "once", "often", "already"])


def _country(entity: Entity) -> str | None:
    return entity.name if entity.kind == "state" else entity.country


def adjectival_visiting(ctx: Context, index: int) -> bool:
    """'visiting Australian Prime Minister Albanese': 'visiting' describes the one after it."""
    tokens = ctx.doc.tokens
    return (
        tokens[index].lower == "visiting"
        and index + 1 < len(tokens)
        and tokens[index + 1].capital
        and tokens[index + 1].close
    )
