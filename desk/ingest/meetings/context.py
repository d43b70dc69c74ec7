"""The reading context the meeting readers share, and small look-ups on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desk.dates import DateMatch
from desk.ingest.clauses import Sentence
from desk.ingest.gazetteer import gazetteer
from desk.ingest.meetings.records import Frame
from desk.ingest.mentions import Entities, Entity
from desk.ingest.text import Document


@dataclass
class Context:
    """What the readers of one text share: the text, its actors, sentences and dates, the
    publication date, and the frames read so far (for "the two leaders", "the meeting")."""

    doc: Document
    entities: Entities
    sentences: list[Sentence]
    dates: list[DateMatch]
    reference: dt.date | None
    frames: list[Frame] = field(default_factory=list)
    dates_at: dict[int, DateMatch] = field(default_factory=dict)

    #: Tokens inside a date ("May" in "on May 2" is no "may" of doubt).
    date_tokens: set[int] = field(default_factory=set)
    #: Where dates start, in token order (for looking up a clause's dates by bisection).
    date_positions: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        for match in self.dates:
            first = self.doc.token_at(match.start)
            self.dates_at[first] = match
            last = max(first, self.doc.token_at(match.end) - 1)
            self.date_tokens.update(range(first, last + 1))
        self.date_positions = sorted(self.dates_at)


def preceding_word(ctx: Context, index: int) -> str:
    tokens = ctx.doc.tokens
    cursor = index - 1
    while cursor >= 0 and tokens[cursor].lower in ("the", "a", "an"):
        cursor -= 1
    if cursor < 0 or tokens[cursor].sentence != tokens[index].sentence:
        return ""
    return tokens[cursor].lower


def state_entity(ctx: Context, name: str) -> Entity | None:
    found = ctx.entities.find(name)
    if found is not None:
        return found
    entry = gazetteer().states.get(name)
    if entry is None:
        return None
    return ctx.entities.add(
        Entity(
            entry.name,
            "state",
            country=entry.name,
            aliases=list(entry.aliases),
            origin="gazetteer",
        )
    )


def country_of(ctx: Context, entity: Entity) -> Entity | None:
    if entity.kind == "state":
        return entity
    if entity.country:
        return state_entity(ctx, entity.country)
    return None


# when, where, how sure
