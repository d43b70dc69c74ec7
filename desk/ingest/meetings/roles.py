"""Roles in a meeting (host, guest, participant) from the verbs and the place, and "separate
talks" split into one meeting each."""

from __future__ import annotations

from desk.ingest.meetings.context import Context
from desk.ingest.meetings.records import Frame
from desk.ingest.mentions import Entity
from desk.ingest.vocabulary import (
    HOSTING,
    MOVING,
)


def split_separate(ctx: Context, frame: Frame) -> list[Frame]:
    """'X and Y have held separate talks with Z': one meeting each."""
    if not frame.separate:
        return [frame]
    subjects = [p for p in frame.parties if p.before]
    others = [p for p in frame.parties if not p.before]
    if len(subjects) < 2 or not others:
        return [frame]
    return [
        Frame(
            frame.sentence,
            frame.triggers,
            [subject, *others],
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
    words = {tokens[i].lower for i in frame.triggers}
    moving = [i for i in frame.triggers if tokens[i].lower in MOVING]
    if moving and frame.parties:
        before = [p for p in frame.parties if p.position < moving[0]]
        mover = max(before, key=lambda p: p.position) if before else frame.parties[0]
        for party in frame.parties:
            party.role = "guest" if party is mover else "host"
        return
    if words & HOSTING:
        for party in frame.parties:
            party.role = "host" if party.before else "participant"
        return
    if frame.place_country and len(frame.parties) >= 2:
        hosts = [p for p in frame.parties if _country(p.entity) == frame.place_country]
        if len(hosts) == 1:
            for party in frame.parties:
                party.role = "host" if party is hosts[0] else "guest"


def _country(entity: Entity) -> str | None:
    return entity.name if entity.kind == "state" else entity.country
