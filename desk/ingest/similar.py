"""A body the desk knows, written another way: "Russian Security Council" for "Security Council
of Russia", "TASS Russian News Agency" for "TASS".

Exact names and aliases are matched by ``scan_known``; what is left is ranked here with a fuzzy
string library (rapidfuzz) over name keys in which a state's adjective reads as the state and
small words are dropped, so word order and "of Russia"/"Russian" do not matter. A match is only
offered: the report's wording becomes a proposed *alias* of the desk's actor (a
``KnownActorProposal`` the analyst accepts or rejects); nothing is merged on the desk.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from desk.ingest.gazetteer import gazetteer
from desk.ingest.known import KnownBodies
from desk.ingest.mentions import Entities, Entity
from desk.ingest.names import fold_word, is_acronym, words_of

#: Scores (0-100, rapidfuzz's token_set_ratio) from which a wording is offered as an alias.
OFFER_FROM = 90
_SMALL = frozenset(["of", "the", "and", "for", "on", "in", "s"])


@lru_cache(maxsize=65536)
def body_key(name: str) -> str:
    """'Russian Security Council' and 'Security Council of Russia' -> 'council russia security'."""
    adjectives = _adjectives()
    words = []
    for word in words_of(name):
        folded = fold_word(word)
        if folded in _SMALL:
            continue
        words.append(adjectives.get(folded, folded))
    return " ".join(sorted(words))


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    data = gazetteer()
    found = {fold_word(adjective): fold_word(state) for adjective, state in data.adjectives.items()}
    for state in data.states:
        found.setdefault(fold_word(state), fold_word(state))
    return found


class BodyKeys:
    """Every name and alias of the desk's bodies as a body key, each computed once per reading
    (not once for each new body the report names)."""

    def __init__(self, names: Iterable[tuple[int, str]]) -> None:
        self.owners = list(names)
        self.keys = [body_key(name) for _, name in self.owners]

    def best(self, name: str) -> tuple[int, float] | None:
        """The id of the body ``name`` most likely means, with its score, if one is close
        enough."""
        from rapidfuzz import fuzz, process

        mine = body_key(name)
        if not self.keys or not mine:
            return None
        for _, score, position in process.extract(
            mine, self.keys, scorer=fuzz.token_set_ratio, score_cutoff=OFFER_FROM, limit=5
        ):
            actor_id, known = self.owners[position]
            if _fair(mine, self.keys[position], name, known):
                return actor_id, score
        return None


def _fair(mine: str, theirs: str, name: str, known: str) -> bool:
    """One name inside a longer one matches only when the shorter is an acronym ("TASS" in
    "TASS Russian News Agency") or they share two words ("Security Council" is not every
    council of security)."""
    a, b = set(mine.split()), set(theirs.split())
    if a == b or not (a <= b or b <= a):
        return True
    shorter = name if len(a) < len(b) else known
    return len(a & b) >= 2 or is_acronym(shorter)


def offer_known_bodies(entities: Entities, bodies: KnownBodies) -> None:
    """Read each new body that closely matches one on the desk as that actor, so its wording is
    offered as an alias (see ``engine``) rather than proposed as a new actor."""
    keys: BodyKeys | None = None
    for entity in list(entities.all):
        if entity.actor_id is not None or entity.kind != "organization" or not entity.mentions:
            continue
        if keys is None:
            keys = BodyKeys(bodies.names)
        match = keys.best(entity.name)
        if match is None:
            continue
        actors = bodies.actors([match[0]])
        if actors:
            _move(entities, entity, entities.desk_entity(actors[0]))


def _move(entities: Entities, entity: Entity, target: Entity) -> None:
    for mention in entity.mentions:
        mention.entity = target
        target.mentions.append(mention)
    entity.mentions = []
    target.country = target.country or entity.country
    entities.all.remove(entity)
