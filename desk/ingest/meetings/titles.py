"""Titles for candidate meetings, and how a title calls an actor."""

from __future__ import annotations

from desk.ingest.meetings.records import MeetingCandidate
from desk.ingest.mentions import Entity
from desk.ingest.text import Document
from desk.ingest.vocabulary import (
    NAME_SUFFIXES,
)


def short_name(entity: Entity, doc: Document) -> str:
    """How a title calls an actor: the surname the report uses, else a sensible part."""
    if entity.kind != "person":
        return entity.name
    for mention in sorted(entity.mentions, key=lambda m: m.start):
        token = doc.tokens[mention.first]
        if not mention.full and mention.first == mention.last and token.capital:
            return token.text  # the surname the report uses (not "the minister")
    words = [w for w in entity.name.split() if w.lower().rstrip(".") not in NAME_SUFFIXES]
    if len(words) < 2:
        return entity.name
    first = len(words) - 1
    while first > 1 and words[first - 1].lower() in _SURNAME_PARTICLES:
        first -= 1
    if first < len(words) - 1:
        return " ".join(words[first:])  # "Bart De Wever": "De Wever"; "von der Leyen"
    particle, _, rest = words[-1].partition("-")
    if rest and particle.lower() in ("al", "el", "ad", "as", "an", "ar"):
        return words[-1]  # "Abdel Fattah al-Sisi": "al-Sisi"
    if "-" in words[-1] or entity.country in FAMILY_NAME_FIRST:
        return words[0]
    return words[-1]


#: Particles that belong to a surname: "De Wever", "von der Leyen", "bin Salman".
_SURNAME_PARTICLES = frozenset(
    ["de", "van", "von", "der", "den", "da", "di", "du", "le", "bin", "al", "el", "abu"]
)

#: States whose people are named family name first ("Xi Jinping", "Kim Jong-un").
FAMILY_NAME_FIRST = frozenset(
    ["China", "North Korea", "South Korea", "Taiwan", "Vietnam", "Cambodia"]
)


def title_of(candidate: MeetingCandidate, doc: Document) -> str:
    names = [p.entity for p in candidate.parties]
    shown = [short_name(entity, doc) for entity in names[:3]]
    joined = "–".join(shown) + (" and others" if len(names) > 3 else "")
    city = candidate.place.split(",")[0] if candidate.place else None
    kind = candidate.kind
    guests = [p for p in candidate.parties if p.role == "guest"]
    if kind == "visit" and len(guests) == 1 and city:
        return f"{short_name(guests[0].entity, doc)} visit to {city}"
    noun = {
        "talks": "talks",
        "visit": "visit",
        "summit": "summit",
        "signing": "signing",
        "exercise": "military exercise",
        "phone_call": "phone call",
        "conference": "conference",
    }[kind]
    return f"{joined} {noun}" + (f" in {city}" if city and kind != "phone_call" else "")
