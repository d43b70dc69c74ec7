"""The desk as proposals see it: small read-only views of what is already recorded.

``desk.ingest`` never queries the database itself; whoever asks for proposals (the store-backed
``desk.ingest.engine.proposals_for``, or a test) hands these over.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
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

    @property
    def all_names(self) -> tuple[str, ...]:
        """Its name, then its aliases."""
        return (self.name, *self.aliases)


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


@dataclass(frozen=True)
class KnownBodies:
    """The desk's organizations as matching a body written another way reads them: every
    (actor id, name or alias), and a reader of whole actors, asked only for those that match
    (a large desk has thousands of bodies; a report matches a few)."""

    names: Sequence[tuple[int, str]] = ()
    actors: Callable[[Collection[int]], Sequence[KnownActor]] = field(
        default=lambda _ids: (), compare=False
    )

    @classmethod
    def of(cls, actors: Iterable[KnownActor]) -> KnownBodies:
        """The bodies among ``actors`` already read whole."""
        read = list(actors)
        by_id = {actor.id: actor for actor in read}
        names = [(actor.id, name) for actor in read for name in actor.all_names]
        return cls(names, lambda ids: [by_id[i] for i in ids if i in by_id])


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
    #: The organizations on the desk, when ``actors`` does not hold every actor (read whole,
    #: or as ``KnownBodies``: their names, and the actors read only when one matches).
    organizations: KnownBodies | Sequence[KnownActor] | None = None

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
    def bodies(self) -> KnownBodies:
        """The organizations on the desk, for matching a body written another way."""
        if isinstance(self.organizations, KnownBodies):
            return self.organizations
        if self.organizations is not None:
            return KnownBodies.of(self.organizations)
        return KnownBodies.of(actor for actor in self.actors if actor.kind == "organization")
