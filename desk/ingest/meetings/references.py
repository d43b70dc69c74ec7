"""Coreference for meeting clauses: "his talks", "they met", "the two ministers", "their
countries", "the meeting", "who" — the actors a clause refers to without naming them."""

from __future__ import annotations

from desk.ingest.clauses import Sentence
from desk.ingest.gazetteer import gazetteer
from desk.ingest.meetings.context import Context, country_of
from desk.ingest.meetings.records import Party
from desk.ingest.meetings.words import OBJECT_PRONOUNS
from desk.ingest.mentions import Entity
from desk.ingest.vocabulary import (
    PLURAL_PARTIES,
    PRONOUNS_MANY,
    PRONOUNS_ONE,
    SPEECH,
    STATE_PEOPLE,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TRIGGERS,
)
from desk.ingest.words import word_set

_DEFINITE = frozenset(["the", "this", "that", "these", "those"])
#: Nouns a meeting word names a meeting by, so "the meeting" refers back to one.
_NOUNS = word_set("meeting meetings talks visit visits trip summit exercise exercises drills call")
#: People in the plural a report may go on to call "they".
GENERIC_PLURALS = frozenset(["diplomats", "experts", "observers", "analysts", "people"])


def resolve_references(
    ctx: Context,
    sentence: Sentence,
    clause: tuple[int, int],
    group: list[int],
    parties: list[Party],
    start: int,
) -> None:
    """'his talks', 'they met', 'the two ministers', 'their countries', 'the meeting'."""
    tokens = ctx.doc.tokens
    seen = {id(p.entity) for p in parties}

    def add(entity: Entity, position: int = start) -> None:
        if id(entity) in seen and position > start:
            if _owns_counterpart(position):
                return  # "X welcomed his counterpart": 'his' does not move X after the verb
            for party in parties:
                if party.entity is entity:
                    party.position = max(party.position, position)
        if id(entity) not in seen:
            seen.add(id(entity))
            parties.append(
                Party(entity, "participant", sentence.number, position < group[0], position)
            )

    def _owns_counterpart(position: int) -> bool:
        following = tokens[position + 1 : position + 4]
        return tokens[position].lower in PRONOUNS_ONE | PRONOUNS_MANY and any(
            t.lower in ("counterpart", "counterparts") for t in following
        )

    window = range(max(start, group[0] - 6), group[-1])
    words = [tokens[i].lower for i in window]
    for index in range(max(clause[0], start), min(clause[1], group[-1] + 6) + 1):
        if tokens[index].lower in ("counterpart", "counterparts"):
            for person in counterparts(ctx, index, seen):
                add(person, index)
        if _definite_title(ctx, index):
            person = titled_before(ctx, index)
            if person is not None:
                add(person, index)
    for index in range(max(clause[0], start), group[-1]):
        if tokens[index].lower in ("latter", "former") and tokens[index - 1].lower == "the":
            person = latter_or_former(ctx, sentence, index)
            if person is not None:
                add(person, index)
    pronoun = next((i for i in window if tokens[i].lower in PRONOUNS_ONE), None)
    if pronoun is not None and not _between_pair(ctx, group, parties):
        person = person_before(ctx, sentence, clause, pronoun)
        if person is not None:
            add(person, pronoun)
    its = next((i for i in window if tokens[i].lower == "its"), None)
    if its is not None:
        body = body_before(ctx, sentence, its)
        if body is not None:
            add(body, its)
    plural_pronoun = next((i for i in window if tokens[i].lower in PRONOUNS_MANY), None)
    if plural_pronoun is not None and plural_noun_before(ctx, sentence, plural_pronoun):
        plural_pronoun = None  # "European leaders ... when they meet": not earlier parties
    plural = plural_pronoun is not None or plural_reference(ctx, clause, group)
    if plural and len(parties) < 2:
        titled = _titled_pair(ctx, range(max(clause[0], start), group[0]))
        if titled:
            for person in titled:  # "The secretaries ... are to meet again": the two secretaries
                add(person)
        previous = None if titled else last_pair(ctx)
        if previous is not None:
            countries = "countries" in words
            for party in previous:
                if countries:
                    state = country_of(ctx, party.entity)
                    if state is not None:
                        add(state)
                else:
                    add(party.entity)
    if _definite_delegation(ctx, range(max(clause[0], start), group[0])):
        members = _delegation_members(ctx, sentence)
        for party in members:
            add(party.entity)  # "the delegation held talks with X": its members
        if members and members[0].role == "guest":  # a visiting delegation's hosts
            names = {id(m.entity) for m in members}
            for party in parties:
                party.role = "guest" if id(party.entity) in names else "host"
    opening = tokens[clause[0]].lower
    if clause[0] > 0 and opening.endswith("ing") and opening in TRIGGERS:
        # "..., meeting Kim in his visits": the sentence's subject meets.
        subject = subject_of_sentence(ctx, sentence, clause[0])
        if subject is not None:
            add(subject)
    if tokens[clause[0]].lower in ("who", "which"):
        relative_antecedent(ctx, sentence, clause, add)
    if not parties:
        subject = subject_before_relative(ctx, sentence, clause)
        if subject is not None:
            add(subject, start)  # "Witkoff, who held talks ..., could return to Russia"

    after = group[-1] + 1
    if not parties and after < len(tokens) and tokens[after].lower in OBJECT_PRONOUNS:
        # "Kim met Putin in Vostochny in 2023, hosted him in Pyongyang in 2024": the sentence's
        # subject, and the person named before that the pronoun stands for
        subject = subject_of_sentence(ctx, sentence, group[0])
        if subject is not None:
            add(subject, start)
            people = [
                m.entity
                for m in ctx.entities.mentions_in(sentence.first, group[0] - 1)
                if m.entity.kind == "person" and not m.attribute and m.entity is not subject
            ]
            if people:
                add(people[-1], after)

    definite = group[0] > 0 and tokens[group[0] - 1].lower in _DEFINITE
    if not parties and definite and tokens[group[0]].lower in _NOUNS:
        # "The meeting came as ...": the meeting last named.
        for party in last_frame_parties(ctx):
            add(party.entity)


_DELEGATIONS = word_set("delegation team")


def _definite_delegation(ctx: Context, window: range) -> bool:
    """'the delegation', 'the Russian delegation' before the meeting word."""
    tokens = ctx.doc.tokens
    return any(
        tokens[i].lower in _DELEGATIONS
        and not tokens[i].possessive
        and "the" in {t.lower for t in tokens[max(window.start, i - 3) : i]}
        for i in window
    )


def _delegation_members(ctx: Context, sentence: Sentence) -> list[Party]:
    """The side of the last meeting (within six sentences) whose sentence names a delegation
    led or headed by someone: that head and those who share the head's role."""
    tokens = ctx.doc.tokens
    for frame in reversed(ctx.frames):
        if not 0 < sentence.number - frame.sentence <= 6:
            continue
        first, last = ctx.doc.sentence_tokens[frame.sentence]
        for index in range(first, last - 1):
            if tokens[index].lower in ("led", "headed") and tokens[index + 1].lower == "by":
                head = next((p for p in frame.parties if index + 1 < p.position <= index + 8), None)
                if head is not None and head.role != "participant":
                    return [
                        p
                        for p in frame.parties
                        if p.role == head.role and p.entity.kind == "person"
                    ]
    return []


def _between_pair(ctx: Context, group: list[int], parties: list[Party]) -> bool:
    """'he would welcome a meeting between A and B': a meeting noun whose parties follow
    'between' has them; a pronoun before it is whoever speaks of it."""
    tokens = ctx.doc.tokens
    last = group[-1]
    if tokens[last].lower not in _NOUNS or last + 1 >= len(tokens):
        return False
    return tokens[last + 1].lower == "between" and sum(p.position > last for p in parties) >= 2


def _titled_pair(ctx: Context, window: range) -> list[Entity]:
    """'the secretaries', 'the two foreign ministers': the last two people named (within eight
    sentences: the title says whom) whose titles have the singular of the plural title."""
    tokens = ctx.doc.tokens
    plural = next(
        (
            i
            for i in window
            if tokens[i].lower.endswith(("s", "ies"))
            and _singular(tokens[i].lower) in TITLE_HEADS
            and not tokens[i].capital
        ),
        None,
    )
    if plural is None:
        return []
    word = _singular(tokens[plural].lower)
    floor = ctx.doc.sentence_tokens[max(0, tokens[plural].sentence - 8)][0]
    people: list[Entity] = []
    for mention in reversed(ctx.entities.mentions_in(floor, plural - 1)):
        person = mention.entity
        title = (person.title or "").lower().split()
        if person.kind == "person" and word in title and person not in people:
            people.append(person)
        if len(people) == 2:
            return people
    return []


def _singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def plural_noun_before(ctx: Context, sentence: Sentence, index: int) -> bool:
    """A plural of people ("European leaders", "diplomats") the pronoun may stand for."""
    tokens = ctx.doc.tokens
    for position in range(sentence.first, index):
        word = tokens[position].lower
        if word in PLURAL_PARTIES or word in STATE_PEOPLE or word in GENERIC_PLURALS:
            before = {t.lower for t in tokens[max(sentence.first, position - 2) : position]}
            if not before & {"two", "both"}:
                return True
    return False


def plural_reference(ctx: Context, clause: tuple[int, int], group: list[int]) -> bool:
    """'the two ministers', 'The special representatives', 'both countries'."""
    tokens = ctx.doc.tokens
    # Before the meeting word, or after it behind "between"/"with" ("a summit between the two
    # leaders").
    for index in range(clause[0], min(clause[1], group[-1] + 5) + 1):
        word = tokens[index].lower
        if word in PLURAL_PARTIES or word == "countries":
            if tokens[index].possessive or index in group:
                continue
            before = [t.lower for t in tokens[max(clause[0], index - 3) : index]]
            if index > group[-1] and not set(before) & {"between", "with", "among"}:
                continue
            if "the" in before or "two" in before or "both" in before or "their" in before:
                return True
    return False


def continued_from(sentence: Sentence, clause: tuple[int, int], tokens) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """The clause a relative clause interrupted, when ``clause`` continues it: "X, who ...,
    could return" (``clause`` starts with "could") continues "X"."""
    clauses = sentence.clauses
    if clause not in clauses:
        return None
    position = clauses.index(clause)
    if position < 2 or tokens[clause[0]].capital:
        return None
    relative = clauses[position - 1]
    if tokens[relative[0]].lower not in ("who", "which"):
        return None
    return clauses[position - 2]


def subject_before_relative(
    ctx: Context, sentence: Sentence, clause: tuple[int, int]
) -> Entity | None:
    """The person a relative clause described, as the subject of the clause that continues
    after it."""
    before = continued_from(sentence, clause, ctx.doc.tokens)
    if before is None:
        return None
    mention = ctx.entities.covering.get(before[1])
    if mention is not None and mention.entity.kind == "person" and not mention.attribute:
        return mention.entity
    return None


def relative_antecedent(ctx: Context, sentence: Sentence, clause: tuple[int, int], add) -> None:  # type: ignore[no-untyped-def]
    tokens = ctx.doc.tokens
    index = clause[0] - 1
    if index < sentence.first:
        return
    mention = ctx.entities.covering.get(index)
    if mention is not None and mention.entity.kind == "person":
        add(mention.entity)
        return
    if tokens[index].lower in PLURAL_PARTIES:
        previous = last_pair(ctx)
        for party in previous or []:
            add(party.entity)


def person_before(
    ctx: Context, sentence: Sentence, clause: tuple[int, int], index: int
) -> Entity | None:
    """Whom 'he', 'his' or 'her' means: the clause's first person (its likely subject), else
    the subject of the nearest clause before it in the sentence ("Aliyev's visit comes after
    Pashinyan travelled to Istanbul, where he held talks": Pashinyan), else the sentence's
    first person."""
    candidates = [
        m
        for m in ctx.entities.mentions_in(clause[0], index - 1)
        if m.entity.kind == "person" and not m.attribute
    ]
    if candidates:
        return candidates[0].entity
    tokens = ctx.doc.tokens
    candidates = [
        m
        for m in ctx.entities.mentions_in(sentence.first, index - 1)
        if m.entity.kind == "person" and not m.attribute
    ]
    subjects = [
        m
        for m in candidates
        if not tokens[m.last].possessive and _subject_position(ctx, m.first, sentence.first)
    ]
    if subjects:
        return subjects[-1].entity
    if candidates:
        return candidates[0].entity
    return _previous_subject(ctx, sentence)


def _previous_subject(ctx: Context, sentence: Sentence) -> Entity | None:
    """'Doval was in Moscow ... He also held talks with ...': a sentence that opens with the
    pronoun means the person the sentence before opens with."""
    number = sentence.number
    if number == 0:
        return None
    first, _last = ctx.doc.sentence_tokens[number - 1]
    people = [
        m
        for m in ctx.entities.mentions_in(first, sentence.first - 1)
        if m.entity.kind == "person" and not m.attribute
    ]
    if people and not ctx.doc.tokens[people[0].last].possessive:
        return people[0].entity
    return None


def _subject_position(ctx: Context, first: int, sentence_first: int) -> bool:
    """A name not governed by a verb or preposition before it (titles aside): a subject."""
    tokens = ctx.doc.tokens
    cursor = first - 1
    while cursor >= sentence_first and (
        tokens[cursor].lower in TITLE_HEADS | TITLE_MODIFIERS
        or (tokens[cursor].capital and tokens[cursor].close)
    ):
        cursor -= 1
    if cursor < sentence_first:
        return True
    word = tokens[cursor].lower
    return word not in _GOVERNING and not word.endswith("ed")


#: Words after which a name is an object, not a subject.
_GOVERNING = frozenset(
    ["with", "by", "to", "of", "for", "from", "met", "meet", "meets", "visited", "received"]
)


def subject_of_sentence(ctx: Context, sentence: Sentence, before: int) -> Entity | None:
    mentions = [
        m
        for m in ctx.entities.mentions_in(sentence.first, before - 1)
        if not m.attribute and m.entity.kind == "person"
    ]
    return mentions[0].entity if mentions else None


#: Words before a meeting noun that make it the next meeting of a series ("a second summit").
_SEQUEL_BEFORE = word_set("second third fourth fifth another new follow-up further return")


def sequel(ctx: Context, group: list[int]) -> bool:
    """'meet again', 'visit ... again', 'a second summit', 'another meeting': a meeting word that
    names the next meeting of those who met before."""
    tokens = ctx.doc.tokens
    last = group[-1]
    if last + 1 < len(tokens) and tokens[last + 1].lower == "again":
        return True
    return any(
        tokens[i].lower in _NOUNS and i > 1 and tokens[i - 1].lower in _SEQUEL_BEFORE for i in group
    )


def last_pair(ctx: Context) -> list[Party] | None:
    for frame in reversed(ctx.frames[-12:]):
        people = [p for p in frame.parties if p.entity.kind == "person"]
        if len(people) >= 2:
            return people
    return None


def last_frame_parties(ctx: Context) -> list[Party]:
    for frame in reversed(ctx.frames[-6:]):
        if frame.parties:
            return frame.parties
    return []


def latter_or_former(ctx: Context, sentence: Sentence, index: int) -> Entity | None:
    """'the latter' is the second of the two people last named, 'the former' the first: in this
    sentence before it, else in the sentence before."""
    tokens = ctx.doc.tokens
    want_last = tokens[index].lower == "latter"
    ranges = [(sentence.first, index - 2)]
    if sentence.number > 0:
        first, end = ctx.doc.sentence_tokens[sentence.number - 1]
        ranges.append((first, end - 1))
    for first, last in ranges:
        people: list[Entity] = []
        for mention in ctx.entities.mentions_in(first, last):
            person = mention.entity
            if person.kind == "person" and not mention.attribute and person not in people:
                people.append(person)
        if len(people) >= 2:
            return people[-1] if want_last else people[0]
    return None


def _definite_title(ctx: Context, index: int) -> bool:
    """'the minister', 'the Turkish president' with no name after it: someone named before."""
    tokens = ctx.doc.tokens
    token = tokens[index]
    if token.lower not in TITLE_HEADS or index + 1 >= len(tokens) or index < 1:
        return False
    following = tokens[index + 1]
    if following.capital and following.close:
        return False  # "the minister Hakan Fidan" names them
    cursor = index - 1
    adjectives = gazetteer().adjectives
    while cursor > 0 and (
        tokens[cursor].lower in TITLE_MODIFIERS or tokens[cursor].text in adjectives
    ):
        cursor -= 1  # "the minister", "the Cambodian leader"
    return tokens[cursor].lower == "the" and ctx.entities.covering.get(index) is None


#: Titles a report may go on to call "the leader" ("the Cambodian leader").
_LEADERS = word_set("leader president premier prime chancellor king queen emir sultan chairman")


#: Heads that fit any titled person of the state their adjective names.
_ANY_TITLE = frozenset(["official", "diplomat", "visitor", "guest"])


def _of_state(person: Entity, state: str) -> bool:
    """Whether a person is from ``state``: their country, or the state their title names
    ("Secretary of Iran's Supreme National Security Council")."""
    if person.country is not None:
        return person.country == state
    return state in (person.title or "")


def _state_before(ctx: Context, index: int) -> str | None:
    """The state an adjective among the title's words names ("the Cambodian leader")."""
    tokens = ctx.doc.tokens
    adjectives = gazetteer().adjectives
    for cursor in range(index - 1, max(-1, index - 4), -1):
        if tokens[cursor].text in adjectives:
            return adjectives[tokens[cursor].text]
        if tokens[cursor].lower not in TITLE_MODIFIERS:
            return None
    return None


def titled_before(ctx: Context, index: int) -> Entity | None:
    """The person last named before ``index`` (within three sentences) whose title has the
    word at ``index``: 'Foreign Minister Hakan Fidan ... The minister met ...'."""
    tokens = ctx.doc.tokens
    word = tokens[index].lower
    state = _state_before(ctx, index)
    floor = ctx.doc.sentence_tokens[max(0, tokens[index].sentence - 3)][0]
    for mention in reversed(ctx.entities.mentions_in(floor, index - 1)):
        person = mention.entity
        if person.kind != "person" or mention.attribute:
            continue
        title = (person.title or "").lower().split()
        fits = (
            word in title
            or (word == "leader" and bool(_LEADERS & set(title)))
            or (word in _ANY_TITLE and state is not None)  # "the Iranian official"
        )
        if fits and (state is None or _of_state(person, state)):
            return person
    return None


def counterparts(ctx: Context, index: int, taken: set[int]) -> list[Entity]:
    """'his Pakistani counterpart' with no name after it: the last person named (within three
    sentences) from the state the adjective names, not already in the meeting."""
    tokens = ctx.doc.tokens
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is not None and (following.capital or following.lower == ","):
        return []  # named after it: the apposition reads the name (desk.ingest.structure)
    data = gazetteer()
    state = None
    for cursor in range(index - 1, max(-1, index - 4), -1):
        if tokens[cursor].text in data.adjectives:
            state = data.adjectives[tokens[cursor].text]
            break
        if tokens[cursor].lower in ("his", "her", "their", "its"):
            break
    if state is None:
        return []
    floor = ctx.doc.sentence_tokens[max(0, tokens[index].sentence - 3)][0]
    for mention in reversed(ctx.entities.mentions_in(floor, index - 1)):
        person = mention.entity
        if person.kind == "person" and person.country == state and id(person) not in taken:
            return [person]
    return []


def body_before(ctx: Context, sentence: Sentence, index: int) -> Entity | None:
    """Whose 'its officials' are: the sentence's first state or body before it ("North Korea
    dismissed reports that its officials had met ...")."""
    for mention in ctx.entities.mentions_in(sentence.first, index - 1):
        if mention.entity.kind != "person" and not mention.attribute:
            return mention.entity
    return None


#: Verbs by which someone runs a meeting already named ("chaired the session"), and the role.
_RUNNING = {
    "chaired": "host",
    "hosted": "host",
    "presided": "host",
    "mediated": "mediator",
    "moderated": "mediator",
    "brokered": "mediator",
}
_BACK_NOUNS = frozenset(["session", "talks", "meeting", "negotiations", "summit", "round"])
_LEADING = frozenset(["led", "headed"])
_SIDES = frozenset(["delegation", "team", "side", "delegations"])


def join_back(ctx: Context) -> None:
    """People a sentence attaches to a meeting named just before, without naming it again:
    'The Ukrainian delegation was led by Umerov, while Russia sent a team headed by Medinsky'
    (each joins the meeting their state is in), 'Fidan chaired the session' (the chair joins
    the meeting 'the session' refers to)."""
    tokens = ctx.doc.tokens
    for sentence in ctx.sentences:
        recent = [f for f in ctx.frames if 0 < sentence.number - f.sentence <= 4]
        if not recent:
            continue
        for index in range(sentence.first, sentence.last):
            word = tokens[index].lower
            if word in _LEADING and tokens[index + 1].lower == "by":
                state = _side_state(ctx, sentence.first, index)
                if state is None or _person_at(ctx, index + 2) is None:
                    continue
                frame = next((f for f in reversed(recent) if id(state) in f.entities), None)
                if frame is None:
                    continue
                # "led by A, ..., and will include B and C": everyone the side names
                for person in _members(ctx, sentence, index + 2):
                    if id(person) not in frame.entities:
                        frame.parties.append(Party(person, "participant", sentence.number, True, 0))
            elif word in _RUNNING and index + 2 <= sentence.last:
                following = {tokens[index + 1].lower, tokens[index + 2].lower}
                if "the" not in following or not following & _BACK_NOUNS:
                    continue
                # "A and B hosted the session": everyone the subject names
                chairs = [
                    m.entity
                    for m in ctx.entities.mentions_in(sentence.first, index - 1)
                    if m.entity.kind == "person"
                    and not m.attribute
                    and not sentence.in_reporting(m.first)
                ]
                frame = recent[-1]
                for chair in dict.fromkeys(chairs):
                    if id(chair) not in frame.entities:
                        frame.parties.append(Party(chair, _RUNNING[word], sentence.number, True, 0))


def _members(ctx: Context, sentence: Sentence, start: int) -> list[Entity]:
    """The people a delegation's sentence names from ``start`` on, to the end of its clause
    (';', or a clause of its own such as "while Russia sent ..."), leaving out who reports it."""
    tokens = ctx.doc.tokens
    end = sentence.last
    for clause_start, clause_end in sentence.clauses:
        if clause_start <= start <= clause_end:
            end = clause_end
            break
    people: list[Entity] = []
    for mention in ctx.entities.mentions_in(start, end):
        if (
            mention.entity.kind == "person"
            and not mention.attribute
            and not sentence.in_reporting(mention.first)
            and not (mention.last + 1 < len(tokens) and tokens[mention.last + 1].lower in SPEECH)
            and mention.entity not in people
        ):
            people.append(mention.entity)
    return people


def _person_at(ctx: Context, index: int) -> Entity | None:
    mention = ctx.entities.covering.get(index)
    if mention is None:
        # "headed by Vladimir Medinsky": a title may come first
        tokens = ctx.doc.tokens
        cursor = index
        while (
            cursor < len(tokens)
            and cursor - index < 6
            and ctx.entities.covering.get(cursor) is None
            and (tokens[cursor].lower in TITLE_HEADS | TITLE_MODIFIERS | {"of", "state"})
        ):
            cursor += 1  # "headed by Secretary of State Marco Rubio"
        mention = ctx.entities.covering.get(cursor)
    if mention is None or mention.entity.kind != "person":
        return None
    return mention.entity


def _side_state(ctx: Context, first: int, index: int) -> Entity | None:
    """Whose delegation or team: the state named nearest before 'led/headed by' in the same
    part of the sentence ('The Ukrainian delegation', 'Russia sent a team')."""
    tokens = ctx.doc.tokens
    if not any(tokens[i].lower in _SIDES for i in range(max(first, index - 4), index)):
        return None
    for cursor in range(index - 1, max(first - 1, index - 8), -1):
        mention = ctx.entities.covering.get(cursor)
        if mention is not None and mention.entity.kind == "state":
            return mention.entity
        adjective = gazetteer().adjectives.get(tokens[cursor].text)
        if adjective is not None and ctx.entities.find(adjective) is not None:
            return ctx.entities.find(adjective)  # "The Ukrainian delegation"
        if "," in ctx.doc.between(cursor, cursor + 1) and cursor < index - 1:
            break
    return None
