"""Candidate meetings: clauses that put actors together with a meeting word and a date or place.

Each clause's meeting words ("met", "held talks", "visit", "arrived", "summit", "signed",
"shakes hands", "military exercise") are grouped with the actors, the date and the place that
belong to them, making a *frame*. The wording around the meeting word gives its status ("held
talks": held; "may travel", "speculation": speculated; "will visit", "is expected to": expected)
and the verbs give roles (whoever arrives or visits is the guest, whoever hosts the host).

A report names one meeting many times ("Shoigu's trip to Pyongyang last year", "in his visits to
Pyongyang in ... September last year", a photo "Sept. 13, 2024"); frames that agree on who, when
and where are merged into one candidate, the more precise date winning. A frame without a date
joins the meeting it most likely means (the most shared actors, then the same status, then the
date nearest the report's).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import pairwise

from desk.dates import DateError, DateMatch, PartialDate
from desk.ingest.clauses import Sentence
from desk.ingest.gazetteer import gazetteer
from desk.ingest.mentions import Entities, Entity, Mention
from desk.ingest.text import Document
from desk.ingest.vocabulary import (
    BEGINNING,
    CANCELLED,
    DENIED,
    ENDING,
    EXPECTED,
    HOSTING,
    KIND_ORDER,
    LOCATIVE,
    MOVING,
    NAME_SUFFIXES,
    ONGOING,
    PLANNED,
    PLURAL_PARTIES,
    PRONOUNS_MANY,
    PRONOUNS_ONE,
    SPECULATED,
    STATE_PEOPLE,
    TOPICAL,
    TRIGGER_NEEDS,
    TRIGGER_NEEDS_AFTER,
    TRIGGER_NOT_AFTER,
    TRIGGER_NOT_BEFORE,
    TRIGGERS,
)
from desk.ingest.words import word_set

_PAST_VERBS = word_set(
    "met held signed visited shook arrived hosted travelled traveled wrapped concluded had "
    "talked ended took attended"
)
_DEFINITE = frozenset(["the", "this", "that", "these", "those"])
#: Nouns a meeting word names a meeting by, so "the meeting" refers back to one.
_NOUNS = word_set("meeting meetings talks visit visits trip summit exercise exercises drills call")
_FUTURE_STATUSES = frozenset(["expected", "planned", "speculated"])
#: People in the plural a report may go on to call "they".
GENERIC_PLURALS = frozenset(["diplomats", "experts", "observers", "analysts", "people"])
_HEDGE_WINDOW_AFTER = 2


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


# -- finding frames ----------------------------------------------------------------------------
@dataclass
class _Reader:
    doc: Document
    entities: Entities
    sentences: list[Sentence]
    dates: list[DateMatch]
    reference: dt.date | None
    frames: list[Frame] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._dates_at: dict[int, DateMatch] = {}
        for match in self.dates:
            self._dates_at[self.doc.token_at(match.start)] = match

    # frames of the whole text
    def read(self) -> list[Frame]:
        for sentence in self.sentences:
            for clause in sentence.clauses:
                for group in self._groups(sentence, clause):
                    self.frames.extend(self._frames(sentence, clause, group))
        return self.frames

    def _is_trigger(self, sentence: Sentence, index: int) -> bool:
        tokens = self.doc.tokens
        token = tokens[index]
        word = token.lower
        if word not in TRIGGERS or (token.capital and word in ("host", "call", "forum")):
            return False
        if sentence.in_reporting(index) or sentence.topic_at(index) is not None:
            return False
        mention = self.entities.covering.get(index)
        if mention is not None:
            return False  # part of a name ("Korea Summit Committee")
        previous = tokens[index - 1].lower if index > 0 else ""
        following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
        needs_after = TRIGGER_NEEDS_AFTER.get(word)
        if needs_after is not None and following not in needs_after:
            return False
        needs = TRIGGER_NEEDS.get(word)
        if needs is not None:
            window = {t.lower for t in tokens[max(0, index - 4) : index]}
            if not needs & window:
                return False
        if previous in TRIGGER_NOT_AFTER and word in ("conference", "call", "calls"):
            return False
        if following in TRIGGER_NOT_BEFORE and word in ("call", "calls", "sign", "signs", "meet"):
            return False
        if word in HOSTING and (previous in ("a", "the") or following == "of"):
            return False
        return not (word == "visiting" and following in ("professor", "fellow", "scholar"))

    def _groups(self, sentence: Sentence, clause: tuple[int, int]) -> list[list[int]]:
        """Meeting words of a clause, grouped when they name one event ("held talks", "visit
        ... for a summit"); an infinitive between two ("to prepare for a visit") parts them."""
        tokens = self.doc.tokens
        triggers = [i for i in range(clause[0], clause[1] + 1) if self._is_trigger(sentence, i)]
        groups: list[list[int]] = []
        for index in triggers:
            if groups:
                previous = groups[-1][-1]
                between = tokens[previous + 1 : index + 1]
                # "to prepare for a visit" parts two events; "arrived ... to meet" is one.
                separated = any(
                    t.lower == "to"
                    and not between[position + 1].capital
                    and between[position + 1].lower not in ("the", "a", "an")
                    and between[position + 1].lower not in TRIGGERS
                    for position, t in enumerate(between[:-1])
                )
                if not separated and not self._own_party_between(previous, index):
                    groups[-1].append(index)
                    continue
            groups.append([index])
        return groups

    def _own_party_between(self, previous: int, index: int) -> bool:
        """Whether an actor after 'by' introduces the second meeting word's own party."""
        tokens = self.doc.tokens
        return any(tokens[i].lower == "by" for i in range(previous + 1, index))

    # one group's frames
    def _frames(self, sentence: Sentence, clause: tuple[int, int], group: list[int]) -> list[Frame]:
        tokens = self.doc.tokens
        first_trigger = group[0]
        start, end = self._group_window(sentence, clause, group)
        parties, places = self._parties(sentence, clause, group, start, end)
        self._resolve_references(sentence, clause, group, parties, start)
        compound = self._compound(group[0])
        if compound:
            parties = compound
        kind = min((TRIGGERS[tokens[i].lower] for i in group), key=KIND_ORDER.index)
        status = self._status(sentence, clause, group)
        dates = self._dates(sentence, start, end, group)
        place, place_country = self._place(places, group)
        separate = any(
            tokens[i].lower == "separate"
            for i in range(max(start, first_trigger - 2), first_trigger)
        )
        frames: list[Frame] = []
        for date_match in dates or [None]:
            date = self._date_for(date_match, clause, group) if date_match else None
            frame_status = self._dated_status(status, date, group)
            base = Frame(
                sentence.number,
                list(group),
                [Party(p.entity, p.role, sentence.number, p.before, p.position) for p in parties],
                kind,
                frame_status,
                date,
                date_match,
                place,
                place_country,
                separate,
            )
            frames.extend(self._split_separate(base))
        for frame in frames:
            self._assign_roles(frame)
        return frames

    def _group_window(
        self, sentence: Sentence, clause: tuple[int, int], group: list[int]
    ) -> tuple[int, int]:
        """The tokens that belong to a group: from the previous group (or clause start) to the
        next one (or clause end)."""
        triggers = [i for i in range(clause[0], clause[1] + 1) if self._is_trigger(sentence, i)]
        before = [i for i in triggers if i < group[0] and i not in group]
        after = [i for i in triggers if i > group[-1] and i not in group]
        start = clause[0] if not before else (before[-1] + group[0]) // 2 + 1
        end = clause[1] if not after else (group[-1] + after[0]) // 2
        return start, end

    def _parties(
        self,
        sentence: Sentence,
        clause: tuple[int, int],
        group: list[int],
        start: int,
        end: int,
    ) -> tuple[list[Party], list[tuple[int, str, str | None]]]:
        tokens = self.doc.tokens
        parties: list[Party] = []
        places: list[tuple[int, str, str | None]] = []
        seen: set[int] = set()
        for place in self.entities.places:
            inside = start <= place.first <= end
            if inside and sentence.topic_at(place.first) is None:
                if sentence.in_reporting(place.first):
                    continue
                places.append((place.first, place.name, place.country))
        for mention in self.entities.mentions_in(start, end):
            entity = mention.entity
            index = mention.first
            if sentence.in_reporting(index) or sentence.topic_at(index) is not None:
                continue
            if mention.attribute or entity.reporter:
                continue
            preceding = self._preceding_word(index)
            if entity.kind != "person":
                after_place = index > 0 and self.entities.place_at(index - 1) is not None
                if preceding in LOCATIVE or after_place or self._after_moving_verb(index):
                    if entity.kind == "state":
                        places.append((index, entity.name, entity.name))
                    continue
                if preceding in TOPICAL:
                    continue
                if tokens[mention.last].possessive and not self._possesses_trigger(mention, group):
                    continue
                if entity.kind == "organization" and not self._beside_party_word(mention, group):
                    continue
            if id(entity) in seen:
                continue
            seen.add(id(entity))
            parties.append(Party(entity, "participant", sentence.number, index < group[0], index))
        for entity, index in self._adjective_parties(start, end):
            if id(entity) not in seen:
                seen.add(id(entity))
                parties.append(
                    Party(entity, "participant", sentence.number, index < group[0], index)
                )
        return parties, places

    def _preceding_word(self, index: int) -> str:
        tokens = self.doc.tokens
        cursor = index - 1
        while cursor >= 0 and tokens[cursor].lower in ("the", "a", "an"):
            cursor -= 1
        if cursor < 0 or tokens[cursor].sentence != tokens[index].sentence:
            return ""
        return tokens[cursor].lower

    def _after_moving_verb(self, index: int) -> bool:
        """'visit Japan': a state right after a verb of travel is where, not who."""
        return index > 0 and self.doc.tokens[index - 1].lower in MOVING

    def _possesses_trigger(self, mention: Mention, group: list[int]) -> bool:
        return any(0 < trigger - mention.last <= 3 for trigger in group)

    def _beside_party_word(self, mention: Mention, group: list[int]) -> bool:
        """A body takes part when it acts: next to the meeting word or after 'with'."""
        preceding = self._preceding_word(mention.first)
        return preceding in ("with", "between", "and") or any(
            abs(trigger - mention.last) <= 3 or abs(mention.first - trigger) <= 3
            for trigger in group
        )

    def _adjective_parties(self, start: int, end: int) -> list[tuple[Entity, int]]:
        """'Russian and Ukrainian officials': states through the people they send."""
        tokens = self.doc.tokens
        data = gazetteer()
        found: list[tuple[Entity, int]] = []
        index = start
        while index <= end:
            token = tokens[index]
            if token.lower in STATE_PEOPLE and index > start:
                cursor = index - 1
                states: list[tuple[str, int]] = []
                while cursor >= start:
                    matched = False
                    for width in (2, 1):
                        first = cursor - width + 1
                        if first < start:
                            continue
                        text = self.doc.span_text(first, cursor)
                        if text in data.adjectives:
                            states.append((data.adjectives[text], first))
                            cursor = first - 1
                            matched = True
                            break
                    if not matched:
                        break
                    if cursor >= start and tokens[cursor].lower in ("and", "or"):
                        cursor -= 1
                        continue
                    break
                for state, first in states:
                    entity = self._state_entity(state)
                    if entity is not None:
                        found.append((entity, first))
            index += 1
        return found

    def _state_entity(self, name: str) -> Entity | None:
        found = self.entities.find(name)
        if found is not None:
            return found
        entry = gazetteer().states.get(name)
        if entry is None:
            return None
        return self.entities.add(
            Entity(
                entry.name,
                "state",
                country=entry.name,
                aliases=list(entry.aliases),
                origin="gazetteer",
            )
        )

    def _compound(self, trigger: int) -> list[Party]:
        """'South Korea-U.S. military drills': the hyphenated pair before a meeting word."""
        tokens = self.doc.tokens
        mentions: list[Mention] = []
        cursor = trigger - 1
        while cursor >= 0 and trigger - cursor <= 4 and not tokens[cursor].capital:
            cursor -= 1
        mention = self.entities.covering.get(cursor) if cursor >= 0 else None
        while mention is not None:
            mentions.insert(0, mention)
            if not tokens[mention.first].joined or mention.first == 0:
                break
            mention = self.entities.covering.get(mention.first - 1)
        if len(mentions) < 2:
            return []
        sentence = tokens[trigger].sentence
        return [Party(m.entity, "participant", sentence, True, m.first) for m in mentions]

    def _resolve_references(
        self,
        sentence: Sentence,
        clause: tuple[int, int],
        group: list[int],
        parties: list[Party],
        start: int,
    ) -> None:
        """'his talks', 'they met', 'the two ministers', 'their countries', 'the meeting'."""
        tokens = self.doc.tokens
        seen = {id(p.entity) for p in parties}

        def add(entity: Entity, position: int = start) -> None:
            if id(entity) in seen and position > start:
                for party in parties:
                    if party.entity is entity:
                        party.position = max(party.position, position)
            if id(entity) not in seen:
                seen.add(id(entity))
                parties.append(
                    Party(entity, "participant", sentence.number, position < group[0], position)
                )

        window = range(max(start, group[0] - 6), group[-1])
        words = [tokens[i].lower for i in window]
        pronoun = next((i for i in window if tokens[i].lower in PRONOUNS_ONE), None)
        if pronoun is not None:
            person = self._person_before(sentence, clause, pronoun)
            if person is not None:
                add(person, pronoun)
        plural_pronoun = next((i for i in window if tokens[i].lower in PRONOUNS_MANY), None)
        if plural_pronoun is not None and self._plural_noun_before(sentence, plural_pronoun):
            plural_pronoun = None  # "European leaders ... when they meet": not earlier parties
        plural = plural_pronoun is not None or self._plural_reference(clause, group)
        if plural and len(parties) < 2:
            previous = self._last_pair()
            if previous is not None:
                countries = "countries" in words
                for party in previous:
                    if countries:
                        state = self._country_of(party.entity)
                        if state is not None:
                            add(state)
                    else:
                        add(party.entity)
        opening = tokens[clause[0]].lower
        if clause[0] > 0 and opening.endswith("ing") and opening in TRIGGERS:
            # "..., meeting Kim in his visits": the sentence's subject meets.
            subject = self._subject_of_sentence(sentence, clause[0])
            if subject is not None:
                add(subject)
        if tokens[clause[0]].lower in ("who", "which"):
            self._relative_antecedent(sentence, clause, add)
        definite = group[0] > 0 and tokens[group[0] - 1].lower in _DEFINITE
        if not parties and definite and tokens[group[0]].lower in _NOUNS:
            # "The meeting came as ...": the meeting last named.
            for party in self._last_frame_parties():
                add(party.entity)

    def _plural_noun_before(self, sentence: Sentence, index: int) -> bool:
        """A plural of people ("European leaders", "diplomats") the pronoun may stand for."""
        tokens = self.doc.tokens
        for position in range(sentence.first, index):
            word = tokens[position].lower
            if word in PLURAL_PARTIES or word in STATE_PEOPLE or word in GENERIC_PLURALS:
                before = {t.lower for t in tokens[max(sentence.first, position - 2) : position]}
                if not before & {"two", "both"}:
                    return True
        return False

    def _plural_reference(self, clause: tuple[int, int], group: list[int]) -> bool:
        """'the two ministers', 'The special representatives', 'both countries'."""
        tokens = self.doc.tokens
        for index in range(clause[0], group[0]):
            word = tokens[index].lower
            if word in PLURAL_PARTIES or word == "countries":
                if tokens[index].possessive:
                    continue
                before = [t.lower for t in tokens[max(clause[0], index - 3) : index]]
                if "the" in before or "two" in before or "both" in before or "their" in before:
                    return True
        return False

    def _relative_antecedent(self, sentence: Sentence, clause: tuple[int, int], add) -> None:  # type: ignore[no-untyped-def]
        tokens = self.doc.tokens
        index = clause[0] - 1
        if index < sentence.first:
            return
        mention = self.entities.covering.get(index)
        if mention is not None and mention.entity.kind == "person":
            add(mention.entity)
            return
        if tokens[index].lower in PLURAL_PARTIES:
            previous = self._last_pair()
            for party in previous or []:
                add(party.entity)

    def _person_before(
        self, sentence: Sentence, clause: tuple[int, int], index: int
    ) -> Entity | None:
        """Whom 'his' or 'her' means: the clause's first person (its likely subject), else the
        sentence's."""
        for first in (clause[0], sentence.first):
            candidates = [
                m
                for m in self.entities.mentions_in(first, index - 1)
                if m.entity.kind == "person" and not m.attribute
            ]
            if candidates:
                return candidates[0].entity
        return None

    def _subject_of_sentence(self, sentence: Sentence, before: int) -> Entity | None:
        mentions = [
            m
            for m in self.entities.mentions_in(sentence.first, before - 1)
            if not m.attribute and m.entity.kind == "person"
        ]
        return mentions[0].entity if mentions else None

    def _last_pair(self) -> list[Party] | None:
        for frame in reversed(self.frames[-12:]):
            people = [p for p in frame.parties if p.entity.kind == "person"]
            if len(people) >= 2:
                return people
        return None

    def _last_frame_parties(self) -> list[Party]:
        for frame in reversed(self.frames[-6:]):
            if frame.parties:
                return frame.parties
        return []

    def _country_of(self, entity: Entity) -> Entity | None:
        if entity.kind == "state":
            return entity
        if entity.country:
            return self._state_entity(entity.country)
        return None

    # when, where, how sure
    def _dates(self, sentence: Sentence, start: int, end: int, group: list[int]) -> list[DateMatch]:
        found = [
            match
            for index, match in sorted(self._dates_at.items())
            if start <= index <= end
            and not sentence.in_reporting(index)
            and sentence.topic_at(index) is None
        ]
        if not found:
            return []
        if len(found) > 1:
            text = self.doc.text
            listed = all(
                text[a.end : b.start].strip(" ,") in ("and", "", "or") for a, b in pairwise(found)
            )
            if listed:
                return found
        trigger_start = self.doc.tokens[group[0]].start
        return [min(found, key=lambda m: abs(m.start - trigger_start))]

    def _date_for(
        self, match: DateMatch, clause: tuple[int, int], group: list[int]
    ) -> PartialDate | None:
        tokens = self.doc.tokens
        date = match.date
        window = {t.lower for t in tokens[max(clause[0], group[0] - 8) : group[-1] + 1]}
        try:
            if window & ENDING and not date.is_interval:
                return PartialDate.between(None, date, phrase=date.phrase, reference=date.reference)
            if window & BEGINNING and not date.is_interval:
                return PartialDate.between(date, None, phrase=date.phrase, reference=date.reference)
        except DateError:
            return date
        return date

    def _status(self, sentence: Sentence, clause: tuple[int, int], group: list[int]) -> str:
        tokens = self.doc.tokens
        start = clause[0]
        if tokens[start].lower == "that":
            start = max(sentence.first, start - 3)  # "denied that", "speculation that"
        window = [
            t.lower for t in tokens[start : min(clause[1], group[-1] + _HEDGE_WINDOW_AFTER) + 1]
        ]
        around = set(window)
        if around & DENIED:
            return "denied"
        if around & CANCELLED and not ({"called"} & around and "off" not in around):
            return "cancelled"
        if around & SPECULATED:
            return "speculated"
        if around & EXPECTED:
            return "planned" if around & PLANNED and "expected" not in around else "expected"
        if any(tokens[i].lower in ONGOING for i in group):
            return "reported"
        if around & _PAST_VERBS or any(tokens[i].lower.endswith("ed") for i in group):
            return "held"
        return "reported"

    def _dated_status(self, status: str, date: PartialDate | None, group: list[int]) -> str:
        if status not in ("reported", "held") or date is None or self.reference is None:
            return status
        if date.earliest is not None and date.earliest > self.reference:
            return "expected"
        if status == "reported" and date.latest is not None and date.latest < self.reference:
            ongoing = any(self.doc.tokens[i].lower in ONGOING for i in group)
            return "reported" if ongoing else "held"
        return status

    def _place(
        self, places: list[tuple[int, str, str | None]], group: list[int]
    ) -> tuple[str | None, str | None]:
        if not places:
            return None, None
        places.sort()
        after = [p for p in places if p[0] > group[0]] or places
        _, name, country = after[0]
        if country and country != name:
            return f"{name}, {country}", country
        return name, country

    def _split_separate(self, frame: Frame) -> list[Frame]:
        """'X and Y have held separate talks with Z': one meeting each."""
        if not frame.separate:
            return [frame]
        subjects = [p for p in frame.parties if p.before]
        others = [p for p in frame.parties if not p.before]
        if len(subjects) < 2 or not others:
            return [frame]
        return [
            Frame(
                frame.sentence,
                frame.triggers,
                [subject, *others],
                frame.kind,
                frame.status,
                frame.date,
                frame.date_match,
                frame.place,
                frame.place_country,
                separate=True,
            )
            for subject in subjects
        ]

    def _assign_roles(self, frame: Frame) -> None:
        tokens = self.doc.tokens
        words = {tokens[i].lower for i in frame.triggers}
        moving = [i for i in frame.triggers if tokens[i].lower in MOVING]
        if moving and frame.parties:
            before = [p for p in frame.parties if p.position < moving[0]]
            mover = max(before, key=lambda p: p.position) if before else frame.parties[0]
            for party in frame.parties:
                party.role = "guest" if party is mover else "host"
            return
        if words & HOSTING:
            for party in frame.parties:
                party.role = "host" if party.before else "participant"
            return
        if frame.place_country and len(frame.parties) >= 2:
            hosts = [p for p in frame.parties if _country(p.entity) == frame.place_country]
            if len(hosts) == 1:
                for party in frame.parties:
                    party.role = "host" if party is hosts[0] else "guest"


def _country(entity: Entity) -> str | None:
    return entity.name if entity.kind == "state" else entity.country


# -- merging -----------------------------------------------------------------------------------
def find_frames(
    doc: Document,
    entities: Entities,
    sentences: list[Sentence],
    dates: list[DateMatch],
    reference: dt.date | None,
) -> list[Frame]:
    return _Reader(doc, entities, sentences, dates, reference).read()


def merge_frames(
    frames: list[Frame], reference: dt.date | None, doc: Document
) -> list[MeetingCandidate]:
    """One candidate per meeting, however many times the report names it."""
    usable = [frame for frame in frames if frame.parties]
    usable.sort(key=_informativeness)
    candidates: list[MeetingCandidate] = []
    for frame in usable:
        target = _best_target(frame, candidates, reference)
        if target is None:
            candidates.append(_start(frame))
        else:
            _absorb(target, frame)
    kept = [
        candidate
        for candidate in candidates
        if len(candidate.parties) >= 2
        or (candidate.parties and (candidate.date is not None or candidate.place is not None))
    ]
    kept.sort(key=lambda c: (c.primary.sentence, c.primary.triggers[0]))
    for candidate in kept:
        candidate.title = _title(candidate, doc)
    return kept


def _informativeness(frame: Frame) -> tuple[int, int, int, int]:
    if frame.date is None:
        width = 10**7
    else:
        earliest = frame.date.earliest or dt.date.min
        latest = frame.date.latest or dt.date.max
        width = (latest - earliest).days
    return (frame.date is None, width, -len(frame.parties), frame.sentence)


def _start(frame: Frame) -> MeetingCandidate:
    candidate = MeetingCandidate([frame])
    candidate.parties = [
        Party(p.entity, p.role, p.sentence, p.before, p.position) for p in frame.parties
    ]
    candidate.date = frame.date
    candidate.date_match = frame.date_match
    candidate.place = frame.place
    candidate.place_country = frame.place_country
    candidate.status = frame.status
    candidate.kind = frame.kind
    return candidate


def _absorb(candidate: MeetingCandidate, frame: Frame) -> None:
    candidate.frames.append(frame)
    known = {id(p.entity): p for p in candidate.parties}
    for party in frame.parties:
        existing = known.get(id(party.entity))
        if existing is None:
            candidate.parties.append(
                Party(party.entity, party.role, party.sentence, party.before, party.position)
            )
        elif existing.role == "participant" and party.role != "participant":
            existing.role = party.role
    if frame.date is not None and (candidate.date is None or _contains(candidate.date, frame.date)):
        candidate.date = frame.date
        candidate.date_match = frame.date_match
    if frame.place and (candidate.place is None or candidate.place == frame.place_country):
        candidate.place = frame.place
        candidate.place_country = frame.place_country


def _best_target(
    frame: Frame, candidates: list[MeetingCandidate], reference: dt.date | None
) -> MeetingCandidate | None:
    scored: list[tuple[tuple[int, int, int], MeetingCandidate]] = []
    for candidate in candidates:
        if not _compatible(frame, candidate, reference):
            continue
        overlap = len(frame.entities & candidate.entities)
        same_status = int(frame.status == candidate.status)
        distance = _distance(candidate.date, reference)
        scored.append(((overlap, same_status, -distance), candidate))
    if not scored:
        return None
    scored.sort(key=lambda item: item[0], reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None  # two meetings fit as well: leave the frame to stand alone
    return scored[0][1]


def _compatible(frame: Frame, candidate: MeetingCandidate, reference: dt.date | None) -> bool:
    if frame.separate and candidate.primary.separate and frame.entities != candidate.entities:
        return False
    if (frame.kind == "exercise") != (candidate.kind == "exercise"):
        return False
    mine, theirs = frame.entities, candidate.entities
    overlap = mine & theirs
    if not overlap:
        return False
    if frame.date is not None and candidate.date is not None:
        if not (_contains(frame.date, candidate.date) or _contains(candidate.date, frame.date)):
            return False
        if not (mine <= theirs or theirs <= mine):
            return False
    elif frame.date is None and candidate.date is not None and reference is not None:
        if frame.status in _FUTURE_STATUSES and (candidate.date.latest or dt.date.max) < reference:
            return False
        if frame.status == "held" and (candidate.date.earliest or dt.date.min) > reference:
            return False
        people = {id(p.entity) for p in frame.parties if p.entity.kind == "person"}
        if not people & theirs and not (mine <= theirs):
            return False
    elif frame.date is None and candidate.date is None and not (mine <= theirs or theirs <= mine):
        return False
    return _places_agree(frame, candidate)


def _places_agree(frame: Frame, candidate: MeetingCandidate) -> bool:
    if frame.place is None or candidate.place is None:
        return True
    if frame.place == candidate.place:
        return True
    return frame.place_country in (candidate.place, candidate.place_country) and (
        frame.place == frame.place_country or candidate.place == candidate.place_country
    )


def _contains(outer: PartialDate, inner: PartialDate) -> bool:
    outer_start = outer.earliest or dt.date.min
    outer_end = outer.latest or dt.date.max
    inner_start = inner.earliest or dt.date.min
    inner_end = inner.latest or dt.date.max
    return outer_start <= inner_start and inner_end <= outer_end


def _distance(date: PartialDate | None, reference: dt.date | None) -> int:
    if date is None or reference is None:
        return 10**6
    day = date.earliest or date.latest
    return abs((day - reference).days) if day else 10**6


# -- names for candidates ----------------------------------------------------------------------
def short_name(entity: Entity, doc: Document) -> str:
    """How a title calls an actor: the surname the report uses, else a sensible part."""
    if entity.kind != "person":
        return entity.name
    for mention in sorted(entity.mentions, key=lambda m: m.start):
        if not mention.full and mention.first == mention.last:
            return doc.tokens[mention.first].text
    words = [w for w in entity.name.split() if w.lower().rstrip(".") not in NAME_SUFFIXES]
    if len(words) < 2:
        return entity.name
    if "-" in words[-1] or entity.country in FAMILY_NAME_FIRST:
        return words[0]
    return words[-1]


#: States whose people are named family name first ("Xi Jinping", "Kim Jong-un").
FAMILY_NAME_FIRST = frozenset(
    ["China", "North Korea", "South Korea", "Taiwan", "Vietnam", "Cambodia", "Hungary"]
)


def _title(candidate: MeetingCandidate, doc: Document) -> str:
    names = [p.entity for p in candidate.parties]
    shown = [short_name(entity, doc) for entity in names[:3]]
    joined = "–".join(shown) + (" and others" if len(names) > 3 else "")
    city = candidate.place.split(",")[0] if candidate.place else None
    kind = candidate.kind
    guests = [p for p in candidate.parties if p.role == "guest"]
    if kind == "visit" and len(guests) == 1 and city:
        return f"{short_name(guests[0].entity, doc)} visit to {city}"
    noun = {
        "talks": "talks",
        "visit": "visit",
        "summit": "summit",
        "signing": "signing",
        "exercise": "military exercise",
        "phone_call": "phone call",
        "conference": "conference",
    }[kind]
    return f"{joined} {noun}" + (f" in {city}" if city and kind != "phone_call" else "")
