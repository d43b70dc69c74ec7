"""Names as keys: one actor, however a report spells it.

``name_keys`` turns a name into the keys it is known under, tolerant of what varies between
reports: case and accents, hyphens and spaces ("Kim Jong-un", "Kim Jong Un", "Kim Jongun"),
transliteration ("Sergei"/"Sergey", "Shoigu"/"Shoygu", "Zelensky"/"Zelenskyy"), word order and
connecting words ("Security Council of Russia", "Russia's Security Council") and possessives.
Acronyms ("US", "U.S.", "WHO") are matched on their capitals only, so "Who" and "us" are not.

A ``NameIndex`` maps those keys to whatever carries the name (an actor on the desk, an entry of
the gazetteer); the scanner in ``desk.ingest.mentions`` looks spans of a text up in it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

T = TypeVar("T")

#: Small words that join the parts of a name and are left out when word order is ignored.
CONNECTORS = frozenset(["of", "the", "for", "and", "on", "in", "to", "de", "du", "des", "la"])

_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]{2,})*")
_POSSESSIVE = re.compile(r"['’]s?$")
_SPELLINGS = (
    ("dzh", "j"),
    ("tch", "ch"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("ou", "u"),
    ("ee", "i"),
    ("y", "i"),
)
_DOUBLED = re.compile(r"(.)\1+")


def plain(text: str) -> str:
    """Lower case without accents: 'Sjafrie Sjamsoeddin' -> 'sjafrie sjamsoeddin'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """One word as compared: accents, case, apostrophes and Latin spelling variants folded."""
    folded = plain(word).replace("'", "").replace("’", "").replace(".", "")
    if folded.isascii():
        for old, new in _SPELLINGS:
            folded = folded.replace(old, new)
        folded = _DOUBLED.sub(r"\1", folded)
    return folded


def words_of(name: str) -> list[str]:
    """The words of a name, hyphenated parts apart, without a possessive ending."""
    found = [_POSSESSIVE.sub("", word) for word in _WORDS.findall(name)]
    return [word for word in found if word]


def is_acronym(name: str) -> bool:
    """'US', 'U.S.', 'KCNA', 'G7': capitals (and digits), at least two letters."""
    letters = name.replace(".", "").replace("-", "")
    return (
        len(letters) >= 2
        and letters.isalnum()
        and letters.upper() == letters
        and sum(c.isalpha() for c in letters) >= 2
    )


def keys_of_words(folded: list[str]) -> tuple[str, ...]:
    """The keys of a name already split into folded words (see ``name_keys``)."""
    while folded and folded[0] == "the":
        folded = folded[1:]
    if not folded:
        return ()
    ordered = " ".join(folded)
    content = sorted(word for word in folded if word not in CONNECTORS) or folded
    return (ordered, "~" + " ".join(content), "=" + "".join(folded))


def name_keys(name: str) -> tuple[str, ...]:
    """Every key ``name`` is known under: ordered words, words in any order, words joined up.

    An acronym has one key, its capitals ("!US" for "U.S."), so it never matches a word.
    """
    if is_acronym(name.strip()):
        return ("!" + name.strip().replace(".", "").replace("-", ""),)
    return keys_of_words([fold_word(word) for word in words_of(name)])


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
        stripped = name.strip()
        if is_acronym(stripped):
            keys: tuple[str, ...] = name_keys(stripped)
            length = 1
        else:
            words = words_of(name)
            keys = keys_of_words([fold_word(word) for word in words])
            length = len(words)
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
