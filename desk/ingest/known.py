"""The desk as proposals see it: small read-only views of what is already recorded.

``desk.ingest`` never queries the database itself; whoever asks for proposals (the store-backed
``desk.ingest.engine.proposals_for``, or a test) hands these over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from desk.dates import PartialDate
from desk.ingest.names import NameIndex, NameLookup


@dataclass(frozen=True)
class KnownActor:
    id: int
    name: str
    kind: str
    title: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnownMeeting:
    id: int
    title: str
    status: str
    date: PartialDate | None = None
    place: str | None = None
    actor_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class KnownItem:
    id: int
    title: str
    description: str | None = None


def _no_meetings(_actor_ids: Iterable[int]) -> Sequence[KnownMeeting]:
    return ()


@dataclass(frozen=True)
class Known:
    """Actors (with aliases) and agenda items on the desk, and a way to fetch actors' meetings."""

    actors: Sequence[KnownActor] = ()
    items: Sequence[KnownItem] = ()
    #: The meetings any of the given actors take part in (newest first, bounded).
    meetings_of: Callable[[Iterable[int]], Sequence[KnownMeeting]] = field(
        default=_no_meetings, compare=False
    )
    #: The actors' name index, when it is kept elsewhere (the desk's, in its database: a
    #: ``NameLookup``) or was built before for the same actors. ``actors`` may then be empty.
    index: NameIndex[KnownActor] | NameLookup[KnownActor] | None = field(
        default=None, compare=False, repr=False
    )
    #: The organizations on the desk, when ``actors`` does not hold every actor.
    organizations: Sequence[KnownActor] | None = None

    @cached_property
    def names(self) -> NameIndex[KnownActor] | NameLookup[KnownActor]:
        """The actors by every name and alias (built from ``actors`` unless ``index`` is given:
        a large desk takes a moment)."""
        if self.index is not None:
            return self.index
        index: NameIndex[KnownActor] = NameIndex()
        for actor in self.actors:
            index.add_all((actor.name, *actor.aliases), actor)
        return index

    @cached_property
    def bodies(self) -> tuple[KnownActor, ...]:
        """The organizations on the desk, for matching a body written another way."""
        if self.organizations is not None:
            return tuple(self.organizations)
        return tuple(actor for actor in self.actors if actor.kind == "organization")
