"""Names as keys: one actor, however a report spells it.

``name_keys`` turns a name into the keys it is known under, tolerant of what varies between
reports: case and accents, hyphens and spaces ("Kim Jong-un", "Kim Jong Un", "Kim Jongun"),
transliteration ("Sergei"/"Sergey", "Shoigu"/"Shoygu", "Zelensky"/"Zelenskyy"), word order and
connecting words ("Security Council of Russia", "Russia's Security Council") and possessives.
Acronyms ("US", "U.S.", "WHO") are matched on their capitals only, so "Who" and "us" are not.

The keys are computed in ``desk.name_keys`` (below the store, which keeps the keys of the desk's
actors in its database). A ``NameIndex`` maps those keys to whatever carries the name (an entry
of the gazetteer, an actor of the report); a ``NameLookup`` asks a kept index (the desk's) for
them. The scanner in ``desk.ingest.mentions`` looks spans of a text up in either.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from desk.name_keys import (
    CONNECTORS,
    fold_word,
    indexed_keys,
    is_acronym,
    keys_of_words,
    name_keys,
    plain,
    words_of,
)

__all__ = [
    "CONNECTORS",
    "NameIndex",
    "NameLookup",
    "fold_word",
    "indexed_keys",
    "is_acronym",
    "keys_of_words",
    "name_keys",
    "plain",
    "sort_key",
    "words_of",
]

T = TypeVar("T")


def sort_key(name: str) -> str:
    """One key per name, the same for word-order variants: for comparing names."""
    keys = name_keys(name)
    return next((key for key in keys if key[0] in "~!"), keys[0] if keys else "")


@dataclass
class NameIndex(Generic[T]):
    """Keys -> the things known under them; a key shared by different things is ambiguous."""

    entries: dict[str, list[T]] = field(default_factory=dict)
    #: The most words any indexed name has (how far a scan needs to look ahead).
    longest: int = 1

    def add(self, name: str, value: T) -> None:
        keys, length = indexed_keys(name)
        if not keys:
            return
        self.longest = max(self.longest, length)
        for key in keys:
            found = self.entries.setdefault(key, [])
            if value not in found:
                found.append(value)

    def add_all(self, names: Iterable[str], value: T) -> None:
        for name in names:
            self.add(name, value)

    def lookup_keys(self, keys: Iterable[str]) -> list[T]:
        """What the first key that is known stands for (several things if ambiguous)."""
        for key in keys:
            found = self.entries.get(key)
            if found:
                return found
        return []

    def lookup(self, name: str) -> list[T]:
        return self.lookup_keys(name_keys(name))


class NameLookup(Generic[T]):
    """Keys looked up where an index is kept (the desk's actors' keys, in its database) rather
    than built here: ``find`` answers many keys at once, and what it answered is remembered.
    Reads like a ``NameIndex``; ``prefetch`` asks for all the keys a text may need in one go."""

    def __init__(
        self, find: Callable[[Collection[str]], Mapping[str, Sequence[T]]], longest: int
    ) -> None:
        self._find = find
        self._found: dict[str, list[T]] = {}
        #: The most words any indexed name has (how far a scan needs to look ahead).
        self.longest = max(longest, 1)

    def prefetch(self, keys: Iterable[str]) -> None:
        missing = {key for key in keys if key not in self._found}
        if not missing:
            return
        found = self._find(missing)
        for key in missing:
            self._found[key] = list(found.get(key, ()))

    def lookup_keys(self, keys: Iterable[str]) -> list[T]:
        """What the first key that is known stands for (several things if ambiguous)."""
        keys = tuple(keys)
        found = self._found
        for key in keys:
            if key not in found:  # asked for the first time: all of them at once
                self.prefetch(keys)
                break
        for key in keys:
            if found[key]:
                return found[key]
        return []

    def lookup(self, name: str) -> list[T]:
        return self.lookup_keys(name_keys(name))
