"""What the meeting readers produce: parties, frames (one clause's account of a meeting) and
candidates (one meeting, however often named)."""

from __future__ import annotations

from dataclasses import dataclass, field

from desk.dates import DateMatch, PartialDate
from desk.ingest.mentions import Entity


@dataclass(eq=False)
class Party:
    entity: Entity
    role: str = "participant"
    #: The sentence that shows this actor in the meeting.
    sentence: int = 0
    #: Named before the meeting word (the subject), or after it ("with X").
    before: bool = True
    #: Where it is named (or referred to), in tokens.
    position: int = 0


@dataclass(eq=False)
class Frame:
    """One clause's account of a meeting."""

    sentence: int
    triggers: list[int]
    parties: list[Party]
    kind: str
    status: str
    date: PartialDate | None = None
    date_match: DateMatch | None = None
    place: str | None = None
    place_country: str | None = None
    separate: bool = False
    #: "meet again", "a second summit": the next meeting of a pair, not the one told before.
    sequel: bool = False
    #: A second predicate of the subject before ("met ... and are due to meet again").
    shares_subject: bool = False

    @property
    def entities(self) -> set[int]:
        return {id(p.entity) for p in self.parties}


@dataclass(eq=False)
class MeetingCandidate:
    frames: list[Frame]
    parties: list[Party] = field(default_factory=list)
    date: PartialDate | None = None
    date_match: DateMatch | None = None
    place: str | None = None
    place_country: str | None = None
    status: str = "reported"
    kind: str = "talks"
    title: str = ""

    @property
    def primary(self) -> Frame:
        return self.frames[0]

    @property
    def sentences(self) -> list[int]:
        return sorted({frame.sentence for frame in self.frames})

    @property
    def entities(self) -> set[int]:
        return {id(p.entity) for p in self.parties}
