"""Possible duplicate actors, ranked for the analyst: "Kim Jong Un" / "Kim Jong-un", "el-Sisi" /
"al-Sisi", "Russian Security Council" / "Security Council of Russia".

Names and aliases are compared after folding what varies between reports (case, accents,
hyphens and spaces, Latin transliteration such as Sergei/Sergey, the particles al-/el-/ad-, a
state's adjective for the state, small words such as "of" and "the"), then scored with rapidfuzz.
Two given names that differ on both sides ("Kim Jong-un" / "Kim Yo-jong", "Kim Jong-il") cap
the score below the list's threshold: such pairs are different people, however alike they look.
Actors of different kinds, or of different countries, are not offered. Nothing is ever merged
here: a pair is offered, and the analyst merges it or marks it not the same.

To stay fast on a large desk, only actors that share a block are compared: a word of a name, the
name's letters run together, or a one-word name's first letters; blocks so common they say nothing
("kim", "ministry") are skipped, since a real duplicate shares a rarer key too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from rapidfuzz import fuzz, process

from desk.ingest.names import CONNECTORS, fold_word, is_acronym, words_of
from desk.ingest.similar import _adjectives

if TYPE_CHECKING:
    from desk.store import Store

#: Articles and particles of Arabic names (al-Sisi, el-Sisi, ad-Dawla), set aside when comparing.
PARTICLES = frozenset(["al", "el", "ad", "ed", "ash", "as", "az", "ar", "an", "at", "ul", "ud"])
_SMALL = CONNECTORS | {"s"}
#: Titles a person's name may carry in one report and not in another.
TITLES = frozenset(
    fold_word(title)
    for title in [
        "ayatollah",
        "president",
        "general",
        "gen",
        "dr",
        "mr",
        "mrs",
        "ms",
        "sheikh",
        "king",
        "prince",
        "marshal",
        "minister",
        "comrade",
        "chairman",
        "sir",
        "imam",
        "supreme",
        "leader",
        "secretary",
        "premier",
        "colonel",
        "col",
        "admiral",
        "adm",
    ]
)
#: Scores (0-100) from which a pair is offered.
OFFER_FROM = 80.0
#: The score a pair whose given names differ on both sides cannot exceed.
DIFFERENT_NAMES_CAP = 70.0
#: A block with more actors than this ("kim", "ministry") is too common to say anything.
BLOCK_LIMIT = 50
#: How alike (0-100) two names of a block must be to be scored at all: low enough that one
#: name holding the other's words ("Ali Khamenei" in "Ayatollah Ali Khamenei") passes.
NEAR = 70.0
#: Letters of a one-word name's beginning that form a block (catches a typo later in it).
PREFIX = 4


class ActorLike(Protocol):
    """What ranking needs of an actor (desk.store's ``ActorNames`` has it)."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class NameForm:
    """One name of an actor as compared: its words folded, in order, run together, sorted."""

    name: str
    words: tuple[str, ...]
    acronym: str | None = None
    joined: str = ""
    sorted_words: str = ""
    #: A person's name (else a body's): small words and extra words count differently.
    person: bool = True

    @property
    def sorted_joined(self) -> str:
        return self.sorted_words.replace(" ", "")


@dataclass(frozen=True)
class Side:
    """One actor of a pair, with the name of it that matched (the evidence for the pair)."""

    actor_id: int
    name: str
    kind: str
    title: str | None
    country: str | None
    aliases: tuple[str, ...]
    matched: str

    def evidence(self, separator: str, *, aliases: int = 5) -> str:
        """What desk knows of this side: the name that matched, kind, title, country and up to
        ``aliases`` other names, joined by ``separator``."""
        parts = [f"matched “{self.matched}”", self.kind]
        if self.title:
            parts.append(self.title)
        if self.country:
            parts.append(self.country)
        if self.aliases:
            parts.append("also " + ", ".join(f"“{alias}”" for alias in self.aliases[:aliases]))
        return separator.join(parts)


@dataclass(frozen=True)
class DuplicatePair:
    first: Side
    second: Side
    score: float
    reason: str

    @property
    def ids(self) -> tuple[int, int]:
        return (self.first.actor_id, self.second.actor_id)


@lru_cache(maxsize=65536)
def name_form(name: str, person: bool = True) -> NameForm:
    """'al-Sisi' -> (sisi); a body's 'Russian Security Council' -> (russia, security, council).

    A particle counts only before another word ("Kim Reol-el" keeps its "el"); small words and
    a state's adjective are folded for bodies only (a person's "de" or "To" is part of a name).
    """
    stripped = name.strip()
    if is_acronym(stripped):
        return NameForm(name, (), stripped.replace(".", "").replace("-", ""), person=person)
    folded = [fold_word(word) for word in words_of(stripped)]
    last = len(folded) - 1
    kept = [w for i, w in enumerate(folded) if not (w in PARTICLES and i < last)]
    if not person:
        adjectives = _adjectives()
        kept = [adjectives.get(word, word) for word in kept if word not in _SMALL]
    words = tuple(kept or folded)
    return NameForm(name, words, None, "".join(words), " ".join(sorted(words)), person)


def score_forms(a: NameForm, b: NameForm, cutoff: float = 0.0) -> tuple[float, str]:
    """How alike two names are (0-100), and why, in words; below ``cutoff``, 0 without why."""
    if a.acronym or b.acronym:
        same = a.acronym is not None and a.acronym == b.acronym
        return (100.0, "the same acronym") if same else (0.0, "")
    if not a.words or not b.words:
        return 0.0, ""
    if a.joined == b.joined:
        return 100.0, "the same name once case, hyphens, spelling and particles are set aside"
    if a.sorted_words == b.sorted_words:
        return 97.0, "the same words in another order"
    shorter, longer = sorted((set(a.words), set(b.words)), key=len)
    if len(shorter) >= 2 and shorter < longer and _only_extras(longer - shorter, a.person):
        return 92.0, "one name holds every word of the other"
    joined = fuzz.ratio(a.joined, b.joined, score_cutoff=cutoff)
    score = max(joined, fuzz.ratio(a.sorted_words, b.sorted_words, score_cutoff=cutoff))
    if not score:
        return 0.0, ""
    if joined < 90 and _differ_on_both_sides(a.words, b.words):
        capped = min(score, DIFFERENT_NAMES_CAP)
        return (
            (capped, "alike, but each name has a word the other lacks")
            if capped >= cutoff
            else (0.0, "")
        )
    return float(score), "names spelled alike"


def _only_extras(words: set[str], person: bool) -> bool:
    """Words a longer name may add and still be the same actor: a body's any ("Ministry of
    Foreign Affairs of Russia"), a person's initials and titles only ("Ayatollah Ali Khamenei",
    "Vladimir V. Putin"; not "Kim Jong-un" for "Kim Jong")."""
    return not person or all(len(word) == 1 or word in TITLES for word in words)


def _differ_on_both_sides(a: Sequence[str], b: Sequence[str]) -> bool:
    """Each name has a word the other has nothing like ("un" and "yo" in Kim Jong-un/Yo-jong)."""
    return _has_unmatched(a, b) and _has_unmatched(b, a)


def _has_unmatched(words: Sequence[str], others: Sequence[str]) -> bool:
    return any(max(fuzz.ratio(word, other) for other in others) < 75 for word in words)


def _blocks(forms: Iterable[NameForm]) -> set[str]:
    keys: set[str] = set()
    for form in forms:
        if form.acronym:
            keys.add("!" + form.acronym)
            continue
        if not form.words:
            continue
        keys.add("=" + form.joined)
        if len(form.words) == 1:
            # One word ("Lavrov" / "Lavrow"): its first letters are the only key it can share.
            keys.add(form.joined[:PREFIX] + "…")
            continue
        keys.add("~" + form.sorted_joined)
        keys.update(word for word in form.words if len(word) >= 3)
    return keys


Candidates = dict[tuple[int, int], set[tuple[NameForm, NameForm]]]


def _candidates(blocks: dict[str, list[int]], forms: dict[int, list[NameForm]]) -> Candidates:
    """Pairs of actors in a block (lower id first) with the pairs of their names that are
    anywhere near alike. Each name is matched against the names of its block by rapidfuzz in
    one call (in C++), so only names worth scoring reach Python."""
    found: Candidates = {}
    for key, members in blocks.items():
        if not 1 < len(members) <= BLOCK_LIMIT:
            continue
        acronym = key.startswith("!")
        entries = [
            (actor_id, form)
            for actor_id in members
            for form in forms[actor_id]
            if (form.acronym is not None) == acronym
        ]
        joined = [form.acronym or form.joined for _, form in entries]
        ordered = [form.acronym or form.sorted_words for _, form in entries]
        for index, (actor_id, form) in enumerate(entries):
            later = index + 1  # each pair once: a name against the names after it
            for query, choices in ((joined[index], joined), (ordered[index], ordered)):
                for _, _, position in process.extract(
                    query, choices[later:], scorer=fuzz.ratio, score_cutoff=NEAR, limit=None
                ):
                    other, other_form = entries[later + position]
                    if other == actor_id:
                        continue
                    if actor_id < other:
                        found.setdefault((actor_id, other), set()).add((form, other_form))
                    else:
                        found.setdefault((other, actor_id), set()).add((other_form, form))
    return found


def _comparable(a: ActorLike, b: ActorLike) -> bool:
    if a.kind != b.kind:
        return False
    countries = (a.country or "").strip().casefold(), (b.country or "").strip().casefold()
    return not (all(countries) and countries[0] != countries[1])


def _side(actor: ActorLike, matched: str) -> Side:
    return Side(
        actor.id, actor.name, actor.kind, actor.title, actor.country, actor.aliases, matched
    )


def rank_duplicates(
    actors: Sequence[ActorLike],
    *,
    not_same: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset(),
    offer_from: float = OFFER_FROM,
    limit: int | None = None,
) -> list[DuplicatePair]:
    """Pairs of actors that may be one, best first; pairs in ``not_same`` (lower id first) are
    left out. Ties go to the pair of lower ids, so the order is stable."""
    by_id = {actor.id: actor for actor in actors}
    forms = {
        actor.id: [
            name_form(name, actor.kind == "person")
            for name in dict.fromkeys((actor.name, *actor.aliases))
        ]
        for actor in actors
    }
    blocks: dict[str, list[int]] = {}
    for actor_id, actor_forms in forms.items():
        for key in _blocks(actor_forms):
            blocks.setdefault(key, []).append(actor_id)
    found: list[DuplicatePair] = []
    excluded = set(not_same)
    for (low, high), form_pairs in _candidates(blocks, forms).items():
        first, second = by_id[low], by_id[high]
        if (low, high) in excluded or not _comparable(first, second):
            continue
        best = (0.0, "", "", "")
        for a, b in form_pairs:
            score, reason = score_forms(a, b, offer_from)
            if score > best[0]:
                best = (score, reason, a.name, b.name)
        if best[0] >= offer_from:
            found.append(
                DuplicatePair(_side(first, best[2]), _side(second, best[3]), best[0], best[1])
            )
    found.sort(key=lambda pair: (-pair.score, pair.ids))
    return found if limit is None else found[:limit]


def possible_duplicates(store: Store, *, limit: int | None = 200) -> list[DuplicatePair]:
    """The desk's possible duplicate actors, best first, without pairs marked not the same."""
    return rank_duplicates(store.actor_names(), not_same=store.distinct_actor_pairs(), limit=limit)
