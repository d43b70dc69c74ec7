"""Who a report names: actors on the desk, states and bodies desk knows, and later references.

The scanner looks up every span that starts with a capital (up to the longest name indexed) and
keeps the longest that names something, so "North Korea" is not read as "Korea". A state or
body inside a longer capitalised name ("South China Sea", "Korea Institute ...") is not a
mention of it. Once a person has been named in full, their surname alone ("Shoigu", "Kim")
refers to them; so does a possessive ("Russia's").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from desk.ingest.gazetteer import Entry, gazetteer
from desk.ingest.known import KnownActor
from desk.ingest.names import (
    CONNECTORS,
    NameIndex,
    NameLookup,
    is_acronym,
    keys_of_words,
    name_keys,
    sort_key,
)
from desk.ingest.text import Document, Token
from desk.ingest.vocabulary import NAME_SUFFIXES, NOT_NAMES, TITLE_HEADS, TITLE_MODIFIERS


@dataclass(eq=False)
class Entity:
    """An actor the report names: one on the desk (``actor_id``) or a candidate for one."""

    name: str
    kind: str
    actor_id: int | None = None
    title: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    #: How it was found: "desk", "gazetteer", "title", "apposition", "speaker", "body".
    origin: str = "desk"
    #: The sentence that names it best (with its title), if one does.
    best_sentence: int | None = None
    #: A news agency or broadcaster: it reports meetings rather than taking part in them.
    reporter: bool = False
    #: A state the report names only as someone's ("Turkish Foreign Minister Hakan Fidan").
    implied_by: Entity | None = None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def key(self) -> str:
        if self.actor_id is not None:
            return f"actor#{self.actor_id}"
        return "new:" + sort_key(self.name)

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def add_alias(self, alias: str) -> None:
        alias = alias.strip()
        if alias and all(sort_key(alias) != sort_key(known) for known in self.names):
            self.aliases.append(alias)

    @property
    def first_full(self) -> Mention | None:
        """The first mention by full name, in text order."""
        full = [m for m in self.mentions if m.full]
        return min(full, key=lambda m: m.start) if full else None


@dataclass(eq=False)
class Mention:
    entity: Entity
    first: int
    last: int
    start: int
    end: int
    #: The whole name (not a surname, pronoun or back-reference).
    full: bool = True
    #: Part of someone's title ("Russia's" in "Russia's Deputy Foreign Minister").
    attribute: bool = False
    #: As an adjective ("Russian officials"), not by name.
    adjective: bool = False


@dataclass(frozen=True)
class Place:
    first: int
    last: int
    name: str
    #: The state it lies in (itself, for a state).
    country: str | None


class Entities:
    """The actors of one report and where each is mentioned, found once and looked up often."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.all: list[Entity] = []
        self.index: NameIndex[Entity] = NameIndex()
        #: Token index -> the mention covering it.
        self.covering: dict[int, Mention] = {}
        self.places: list[Place] = []
        self._place_at: dict[int, Place] = {}
        #: The desk's actors by name (set by ``scan_known``).
        self.desk_index: NameIndex[KnownActor] | NameLookup[KnownActor] = NameIndex()
        self._desk_entities: dict[int, Entity] = {}

    # -- entities ------------------------------------------------------------------------------
    def find(self, name: str) -> Entity | None:
        found = self.index.lookup(name)
        return found[0] if len(found) == 1 else None

    def add(self, entity: Entity) -> Entity:
        """Register ``entity``, or return the one already known under one of its names (found
        in this text, or an actor on the desk)."""
        for name in entity.names:
            existing = self.find(name) or self.on_desk(name)
            if existing is not None:
                self.merge_into(existing, entity)
                return existing
        self.all.append(entity)
        for name in entity.names:
            self.index.add(name, entity)
        return entity

    def on_desk(self, name: str) -> Entity | None:
        """The desk's actor of that name (see ``scan_known``), as an entity of this text."""
        found = self.desk_index.lookup(name)
        return self.desk_entity(found[0]) if len(found) == 1 else None

    def desk_entity(self, actor: KnownActor) -> Entity:
        entity = self._desk_entities.get(actor.id)
        if entity is None:
            entity = Entity(
                actor.name,
                actor.kind,
                actor_id=actor.id,
                title=actor.title,
                country=actor.country,
                aliases=list(actor.aliases),
                origin="desk",
            )
            self.all.append(entity)
            for known in entity.names:
                self.index.add(known, entity)
            self._desk_entities[actor.id] = entity
        return entity

    def merge_into(self, existing: Entity, other: Entity) -> None:
        for name in other.names:
            existing.add_alias(name)
            self.index.add(name, existing)
        better = existing.title is None or other.origin == "apposition"
        if other.title and better and (existing.origin != "desk" or existing.title is None):
            existing.title = other.title
        existing.country = existing.country or other.country
        if existing.best_sentence is None:
            existing.best_sentence = other.best_sentence

    def mention(self, entity: Entity, first: int, last: int, **flags: bool) -> Mention | None:
        """Record a mention over tokens ``first``..``last`` unless they are already taken."""
        if any(index in self.covering for index in range(first, last + 1)):
            return None
        tokens = self.doc.tokens
        mention = Mention(entity, first, last, tokens[first].start, tokens[last].end, **flags)
        entity.mentions.append(mention)
        for index in range(first, last + 1):
            self.covering[index] = mention
        return mention

    def add_place(self, place: Place) -> None:
        if any(index in self._place_at for index in range(place.first, place.last + 1)):
            return
        self.places.append(place)
        for index in range(place.first, place.last + 1):
            self._place_at[index] = place

    def place_at(self, index: int) -> Place | None:
        return self._place_at.get(index)

    def mentions_in(self, first: int, last: int) -> list[Mention]:
        """Mentions starting within tokens ``first``..``last``, in text order."""
        seen: list[Mention] = []
        for index in range(first, last + 1):
            mention = self.covering.get(index)
            if mention is not None and mention.first == index:
                seen.append(mention)
        return seen

    def sorted_mentions(self) -> list[Mention]:
        return sorted((m for e in self.all for m in e.mentions), key=lambda m: m.start)


# -- scanning ----------------------------------------------------------------------------------
def spans(doc: Document, longest: int) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """Candidate name spans ``first..last`` with their keys, longest first at each start."""
    for first, last in span_bounds(doc, longest):
        yield first, last, keys_of_span(doc, first, last)


def span_bounds(doc: Document, longest: int) -> list[tuple[int, int]]:
    """Candidate name spans ``first..last``, longest first at each start (``spans`` without
    their keys, for a scan that skips most of them), found once per document and length."""
    found = doc.span_bounds.get(longest)
    if found is None:
        found = doc.span_bounds[longest] = list(_span_bounds(doc, longest))
    return found


def _span_bounds(doc: Document, longest: int) -> Iterator[tuple[int, int]]:
    tokens = doc.tokens
    count = len(tokens)
    for first, token in enumerate(tokens):
        if not token.capital or (token.joined and first and tokens[first - 1].capital is False):
            continue
        last_allowed = first
        while (
            last_allowed + 1 < count
            and last_allowed - first + 1 < longest
            and tokens[last_allowed + 1].sentence == token.sentence
            and (
                tokens[last_allowed + 1].close
                or tokens[last_allowed + 1].joined
                or _inner_possessive(doc, last_allowed)
            )
        ):
            last_allowed += 1
        for last in range(last_allowed, first - 1, -1):
            following = tokens[last + 1] if last + 1 < count else None
            if following is not None and following.joined and not following.capital:
                continue  # never split "Jong-un"
            if tokens[last].lower in CONNECTORS:
                continue  # "Ukraine and" is not a name
            yield first, last


def _inner_possessive(doc: Document, index: int) -> bool:
    """ "People's Republic": a possessive inside a capitalised name (the longest name wins, so
    "Republic of Korea" is not read inside "Democratic People's Republic of Korea")."""
    tokens = doc.tokens
    following = tokens[index + 1]
    return (
        tokens[index].possessive
        and following.capital
        and doc.between(index, index + 1) in ("'s ", "’s ")
    )


def keys_of_span(doc: Document, first: int, last: int) -> tuple[str, ...]:
    """``span_keys`` of tokens ``first``..``last``, computed once per document."""
    keys = doc.span_keys.get((first, last))
    if keys is None:
        keys = doc.span_keys[(first, last)] = span_keys(doc.tokens[first : last + 1])
    return keys


def span_keys(tokens: list[Token]) -> tuple[str, ...]:
    if len(tokens) == 1 and is_acronym(tokens[0].text):
        return name_keys(tokens[0].text)
    words: list[str] = []
    for number, token in enumerate(tokens):
        words.append(token.fold)
        if token.possessive and number < len(tokens) - 1:
            words.append("s")  # as name_keys reads "People's"
    return _cached_keys(tuple(words))


@lru_cache(maxsize=1 << 16)
def _cached_keys(words: tuple[str, ...]) -> tuple[str, ...]:
    """A report names the same people again and again: their spans' keys are computed once."""
    return keys_of_words(list(words))


def is_embedded(doc: Document, first: int, last: int) -> bool:
    """Whether tokens ``first``..``last`` are part of a longer capitalised name."""
    tokens = doc.tokens
    before = tokens[first - 1] if first > 0 else None
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    first_token = tokens[first]
    if (
        before is not None
        and before.capital
        and (first_token.close or (first_token.joined and first_token.capital is False))
        and not before.possessive
        and before.sentence == first_token.sentence
        and before.lower not in TITLE_HEADS | TITLE_MODIFIERS
        and before.lower not in NOT_NAMES
        and not _starts_sentence(doc, first - 1)
    ):
        return True
    return (
        after is not None
        and after.capital
        and after.close
        and not tokens[last].possessive
        and after.sentence == first_token.sentence
        and after.lower not in TITLE_HEADS | TITLE_MODIFIERS
    )


def _starts_sentence(doc: Document, index: int) -> bool:
    token = doc.tokens[index]
    return doc.sentence_tokens[token.sentence][0] == index


def scan_known(
    doc: Document, entities: Entities, index: NameIndex[KnownActor] | NameLookup[KnownActor]
) -> None:
    """Mentions of actors already on the desk (``index``: by name and alias). A kept index (a
    ``NameLookup``) is asked for every key the text's spans have at once."""
    if isinstance(index, NameLookup):
        index.prefetch(key for _, _, keys in spans(doc, index.longest + 1) for key in keys)
    entities.desk_index = index
    scan(doc, index, entities, entities.desk_entity)


def scan_gazetteer(doc: Document, entities: Entities) -> None:
    """States, international bodies and news agencies desk knows, and cities (as places)."""
    data = gazetteer()
    index: NameIndex[Entry | str] = NameIndex()
    for entry in data.entries:
        index.add_all((entry.name, *entry.aliases), entry)
    for city in data.cities:
        index.add(city, city)

    resolved: dict[str, Entity] = {}

    def resolve(value: Entry | str) -> Entity | None:
        if isinstance(value, str):
            return None
        if value.name in resolved:
            return resolved[value.name]
        entity = Entity(
            value.name,
            value.kind,
            title=value.title if value.kind != "state" else None,
            country=value.country,
            aliases=list(value.aliases),
            origin="gazetteer",
            reporter=bool(value.title and ("news" in value.title or "broadcaster" in value.title)),
        )
        registered = entities.add(entity)
        registered.reporter = registered.reporter or entity.reporter
        resolved[value.name] = registered
        return registered

    for first, last, found in _longest_matches(doc, index, entities):
        value = found[0]
        if is_embedded(doc, first, last):
            continue
        if isinstance(value, str):
            entities.add_place(Place(first, last, value, data.cities[value]))
            continue
        entity = resolve(value)
        if entity is not None:
            entities.mention(entity, first, last)


def scan(doc: Document, index: NameIndex, entities: Entities, resolve) -> None:  # type: ignore[type-arg]
    for first, last, found in _longest_matches(doc, index, entities):
        if len(found) != 1:
            continue  # the same name for two actors: leave it to the analyst
        value = found[0]
        single = last == first
        if single and is_embedded(doc, first, last):
            continue
        entity = resolve(value)
        if entity is not None:
            entities.mention(entity, first, last)


def _longest_matches(
    doc: Document,
    index: NameIndex,
    entities: Entities,  # type: ignore[type-arg]
) -> Iterator[tuple[int, int, list]]:  # type: ignore[type-arg]
    skip_until = -1
    for first, last in span_bounds(doc, index.longest + 1):
        if first <= skip_until or first in entities.covering:
            continue
        if any(i in entities.covering for i in range(first, last + 1)):
            continue
        found = index.lookup_keys(keys_of_span(doc, first, last))
        if found:
            skip_until = last
            yield first, last, found


def scan_entities(doc: Document, entities: Entities) -> None:
    """Every further mention, by full name or alias, of the actors found so far."""
    index: NameIndex[Entity] = NameIndex()
    for entity in entities.all:
        index.add_all(entity.names, entity)
    scan(doc, index, entities, lambda entity: entity)


# -- references back ---------------------------------------------------------------------------
#: Particles of names ("Khalil al-Hayya", "Tamim bin Hamad"): never a name alone ("Al-Ansari"
#: is not "al-Hayya").
_PARTICLES = frozenset(["al", "el", "ad", "an", "ash", "bin", "bint", "ibn", "ben"])


def scan_surnames(doc: Document, entities: Entities) -> None:
    """A person's first or last name alone, after they were named in full, refers to them."""
    tokens = doc.tokens
    people = [e for e in entities.all if e.kind == "person" and e.first_full is not None]
    if not people:
        return
    short: dict[str, list[tuple[Entity, int]]] = {}
    for person in people:
        full = person.first_full
        assert full is not None
        span = tokens[full.first : full.last + 1]
        parts = [t for t in span if not t.joined]
        parts = [t for t in parts if t.lower not in NAME_SUFFIXES and t.lower not in _PARTICLES]
        last = span[-1]
        if last.joined and last.capital and len(span) >= 2 and span[-2].lower in ("al", "el"):
            # "Abdel Fattah al-Sisi" is "Sisi" as well as "al-Sisi"
            short.setdefault(last.fold, []).append((person, full.start))
        if len(parts) == 1 and span[-1].lower in NAME_SUFFIXES:
            # "King Abdullah II" is "Abdullah" again later
            short.setdefault(parts[0].fold, []).append((person, full.start))
        if len(parts) < 2:
            continue
        for part in (parts[0], parts[-1]):
            short.setdefault(part.fold, []).append((person, full.start))
    used: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if not token.capital or index in entities.covering or token.lower in NOT_NAMES:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is not None and following.joined and not following.capital:
            continue
        candidates = [
            person for person, named_at in short.get(token.fold, ()) if named_at < token.start
        ]
        unique = {id(person): person for person in candidates}
        chosen = next(iter(unique.values())) if len(unique) == 1 else _usual(unique, used)
        if chosen is None or is_embedded(doc, index, index):
            continue
        used[id(chosen)] = used.get(id(chosen), 0) + 1
        entities.mention(chosen, index, index, full=False)


def _usual(candidates: dict[int, Entity], used: dict[int, int]) -> Entity | None:
    """Of several people a short name may mean ('Kim' after 'Kim Jong Un' and 'Kim Myong
    Gil'), the one the report has already been calling so, when only one of them is."""
    called = [person for key, person in candidates.items() if used.get(key, 0) > 0]
    return called[0] if len(called) == 1 else None


_VAGUE = frozenset(["top", "senior", "high-ranking", "the", "a", "an", "chief", "official"])


def scan_title_references(doc: Document, entities: Entities) -> None:
    """'Russia's top security official', 'the North Korean leader': a title without a name
    refers to the one person already named whose country and title fit."""
    data = gazetteer()
    tokens = doc.tokens
    people = [e for e in entities.all if e.kind == "person" and e.title and e.country]
    if not people:
        return
    for index, token in enumerate(tokens):
        if token.lower not in TITLE_HEADS or token.capital or index in entities.covering:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is not None and following.close and following.capital:
            continue  # a name follows: not a reference
        first = index
        while first > 0 and tokens[first].close and not tokens[first - 1].capital:
            if tokens[first - 1].lower not in TITLE_MODIFIERS | {"top", "senior"}:
                break
            first -= 1
        country = None
        owner_first = first
        for width in (2, 1):
            start = first - width
            if start < 0:
                continue
            text = doc.span_text(start, first - 1)
            if tokens[first - 1].possessive and text in data.states:
                country = data.states[text].name
            elif text in data.adjectives:
                country = data.adjectives[text]
            if country is not None:
                owner_first = start
                break
        if country is None:
            continue
        words = [t.lower for t in tokens[first : index + 1]]
        wanted = [w for w in words if w not in _VAGUE]
        if not wanted:
            continue
        fitting = [
            person
            for person in people
            if person.country == country
            and all(word in person.title.lower() for word in wanted)  # type: ignore[union-attr]
            and any(m.full and m.start < token.start for m in person.mentions)
        ]
        if len(fitting) != 1:
            continue
        for mention in entities.mentions_in(owner_first, first - 1):
            mention.attribute = True
        entities.mention(fitting[0], first, index, full=False)


def imply_states(doc: Document, entities: Entities) -> None:
    """The state of a person or body the report names ("Turkish Foreign Minister Hakan Fidan",
    "Chinese coast guard") is an actor too, even if the report never names the state itself."""
    states = gazetteer().states
    for entity in list(entities.all):
        if entity.origin not in ("title", "apposition", "body") or not entity.mentions:
            continue  # the country must come from this text's words
        if entity.country is None or entity.country not in states:
            continue
        if entities.find(entity.country) is not None:
            continue
        entry = states[entity.country]
        entities.add(
            Entity(
                entry.name,
                "state",
                country=entry.name,
                aliases=list(entry.aliases),
                origin="gazetteer",
                best_sentence=entity.best_sentence
                if entity.best_sentence is not None
                else doc.tokens[min(m.first for m in entity.mentions)].sentence,
                implied_by=entity,
            )
        )
