"""Names as keys: one name, however a report spells it (see ``desk.ingest.names``).

``name_keys`` turns a name into the keys it is known under, tolerant of what varies between
reports: case and accents, hyphens and spaces, transliteration, word order and connecting
words, possessives. Acronyms are matched on their capitals only. Standard library only: the
store computes the keys of the desk's actors with it when it writes them, the ingest scanner
those of a report's words, and both must agree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
    if text.isascii():  # nothing to decompose: most names, and much faster
        return text.casefold()
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
    found = [
        _POSSESSIVE.sub("", word) if "'" in word or "’" in word else word
        for word in _WORDS.findall(name)
    ]
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


def indexed_keys(name: str) -> tuple[tuple[str, ...], int]:
    """The keys a name is indexed under, and how many words long a text's span must be to
    match it (an acronym is one word)."""
    stripped = name.strip()
    if is_acronym(stripped):
        return name_keys(stripped), 1
    words = words_of(name)
    return keys_of_words([fold_word(word) for word in words]), len(words)
