"""Reading a source into proposals: the whole pipeline, start to end.

``propose`` works on text alone (and what the desk already knows, handed in as ``Known``), so it
runs anywhere, fast and offline: nothing is downloaded, nothing is sent anywhere.
``proposals_for`` reads a source and the desk through the store and adds the decisions already
taken on the source's proposals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desk.dates import DateMatch, find
from desk.ingest.agenda import Topic, find_topics
from desk.ingest.candidates import find_candidates
from desk.ingest.clauses import Sentence, read_sentences
from desk.ingest.known import Known, KnownMeeting
from desk.ingest.language_model import choose_engine
from desk.ingest.meetings import Frame, MeetingCandidate, find_frames, merge_frames
from desk.ingest.mentions import (
    Entities,
    Entity,
    imply_states,
    scan_entities,
    scan_gazetteer,
    scan_known,
    scan_surnames,
    scan_title_references,
)
from desk.ingest.names import sort_key
from desk.ingest.proposals import (
    KINDS,
    ActorRef,
    AgendaProposal,
    DateProposal,
    KnownActorProposal,
    MeetingProposal,
    NewActorProposal,
    Participant,
    Passage,
    Proposal,
    ProposalSet,
    RelatedAgendaProposal,
    RelatedMeetingProposal,
    clip_key,
)
from desk.ingest.relate import (
    ItemIndex,
    match_existing,
    match_item,
    related_items,
    related_meetings,
)
from desk.ingest.similar import offer_known_bodies
from desk.ingest.text import Document
from desk.ingest.vocabulary import GENERIC_SPEAKERS, SPECULATED

if TYPE_CHECKING:
    from desk.store import Store
    from desk.store.report_reads import SqliteReads


@dataclass
class Reading:
    """Everything read from one text, before it is turned into proposals."""

    doc: Document
    entities: Entities
    sentences: list[Sentence]
    dates: list[DateMatch]
    frames: list[Frame]
    meetings: list[MeetingCandidate]
    topics: list[Topic]


def read(text: str, reference: dt.date | None, known: Known, engine: str = "rules") -> Reading:
    """Read ``text`` with the rules, helped by the language model when ``engine`` says so."""
    parse = None
    if choose_engine(engine) == "spacy":
        from desk.ingest.language_model import Parse, installed_pipeline

        parse = Parse.of(Document(text), installed_pipeline() or "")
    doc = parse.doc if parse is not None else Document(text)
    entities = Entities(doc)
    scan_known(doc, entities, known.names)
    scan_gazetteer(doc, entities)
    find_candidates(doc, entities)
    scan_entities(doc, entities)
    if parse is not None:
        from desk.ingest.language_model import add_entities

        add_entities(parse, entities)
    scan_surnames(doc, entities)
    scan_title_references(doc, entities)
    imply_states(doc, entities)
    offer_known_bodies(entities, known.bodies)
    sentences = read_sentences(doc, entities)
    dates = find(text, reference)
    frames = find_frames(doc, entities, sentences, dates, reference)
    if parse is not None:
        from desk.ingest.language_model import reread_parties

        reread_parties(parse, entities, frames)
    meetings = merge_frames(frames, reference, doc)
    topics = find_topics(doc, sentences, frames)
    return Reading(doc, entities, sentences, dates, frames, meetings, topics)


def propose(
    text: str,
    reference: dt.date | None,
    known: Known | None = None,
    *,
    source_id: int | None = None,
    title: str = "",
    engine: str = "rules",
) -> ProposalSet:
    """Every proposal for ``text``, published on ``reference``, given what the desk knows.

    ``engine`` is "rules" (the default: offline, no model), "spacy" (the rules helped by an
    installed English spaCy pipeline, see ``language_model``) or "auto" (spacy when installed).
    """
    known = known or Known()
    reading = read(text, reference, known, engine)
    builder = _Builder(reading, known)
    proposals = builder.build()
    return ProposalSet(source_id, title, reference, text, proposals)


def proposals_for(store: Store | SqliteReads, source_id: int, engine: str = "rules") -> ProposalSet:
    """The proposals for a source on the desk, with the decisions already taken on them
    (``store``: the Store, or the reads a SQLite desk answers without it)."""
    from desk.ingest.source import known_from, source_reading

    source_text, source_title, reference = source_reading(store, source_id)
    found = propose(
        source_text,
        reference,
        known_from(store),
        source_id=source_id,
        title=source_title,
        engine=engine,
    )
    found.remember(store.proposal_decisions(source_id))
    return found


class _Builder:
    def __init__(self, reading: Reading, known: Known) -> None:
        self.reading = reading
        self.known = known
        self.doc = reading.doc
        self._passages: dict[int, Passage] = {}
        self._meeting_keys: dict[int, str] = {}
        self._known_meeting_list: list[KnownMeeting] | None = None
        self._item_index: ItemIndex | None = None

    def build(self) -> list[Proposal]:
        meetings = self._meetings()
        found: list[Proposal] = [
            *meetings,
            *self._actors(),
            *self._agenda(meetings),
            *self._related(meetings),
            *self._dates(meetings),
        ]
        order = {kind: number for number, kind in enumerate(KINDS)}
        found.sort(key=lambda p: (order[p.kind], p.passage.start))
        return found

    # -- passages --------------------------------------------------------------------------------
    def passage(self, sentence: int) -> Passage:
        cached = self._passages.get(sentence)
        if cached is not None:
            return cached
        start, end = self.doc.sentences[sentence]
        text = self.doc.text[start:end]
        reading = self.reading.sentences[sentence]
        attribution = reading.attribution
        key = name = words = None
        if attribution is not None:
            if attribution.entity is not None:
                key, name = attribution.entity.key, attribution.entity.name
            else:
                words = attribution.text
        lowered = {t.lower for t in self.doc.tokens[reading.first : reading.last + 1]}
        hedged = bool(lowered & SPECULATED)
        generic = words is not None and any(w in GENERIC_SPEAKERS for w in words.lower().split())
        credibility = 3 if hedged or generic else 2
        passage = Passage(start, end, text, key, name, words, credibility)
        self._passages[sentence] = passage
        return passage

    def actor_ref(self, entity: Entity) -> ActorRef:
        return ActorRef(clip_key(entity.key), entity.name, entity.actor_id)

    # -- actors ----------------------------------------------------------------------------------
    def _actors(self) -> list[Proposal]:
        doc = self.doc
        parties = {id(p.entity): p for m in self.reading.meetings for p in m.parties}
        found: list[Proposal] = []
        for entity in self.reading.entities.all:
            mentions = sorted(entity.mentions, key=lambda m: m.start)
            if not mentions and id(entity) not in parties and entity.implied_by is None:
                continue
            spans = tuple((m.start, m.end) for m in mentions)
            sentence = self._best_sentence(entity, parties)
            passage = self.passage(sentence)
            if entity.actor_id is not None:
                surface = next((doc.text[m.start : m.end] for m in mentions if m.full), None)
                new_alias = surface if surface and not _already_named(surface, entity) else None
                if new_alias and entity.kind == "person" and " " not in new_alias.strip():
                    new_alias = None
                found.append(
                    KnownActorProposal(
                        key=f"actor#{entity.actor_id}",
                        label=entity.name,
                        passage=passage,
                        spans=spans,
                        actor=self.actor_ref(entity),
                        new_alias=new_alias,
                    )
                )
                continue
            label = entity.name + (f" — {entity.title}" if entity.title else f" ({entity.kind})")
            found.append(
                NewActorProposal(
                    key=clip_key(entity.key),
                    label=label,
                    passage=passage,
                    spans=spans,
                    name=entity.name,
                    actor_kind=entity.kind,
                    title=entity.title,
                    country=entity.country if entity.kind != "state" else None,
                    aliases=tuple(entity.aliases),
                )
            )
        return found

    def _best_sentence(self, entity: Entity, parties: dict[int, object]) -> int:
        if entity.best_sentence is not None:
            return entity.best_sentence
        mentions = sorted(entity.mentions, key=lambda m: (m.attribute, not m.full, m.start))
        if mentions:
            return self.doc.tokens[mentions[0].first].sentence
        if id(entity) in parties:
            return parties[id(entity)].sentence  # type: ignore[attr-defined, no-any-return]
        assert entity.implied_by is not None
        return self._best_sentence(entity.implied_by, parties)

    # -- meetings --------------------------------------------------------------------------------
    def _meetings(self) -> list[MeetingProposal]:
        known_meetings = self._known_meetings()
        found: list[MeetingProposal] = []
        keys = self._keys_for(self.reading.meetings)
        for candidate in self.reading.meetings:
            key = keys[id(candidate)]
            self._meeting_keys[id(candidate)] = key
            passages = [self.passage(candidate.primary.sentence)] + [
                self.passage(s) for s in candidate.sentences if s != candidate.primary.sentence
            ]
            if candidate.status == "speculated":
                passages = [_doubtful(p) for p in passages]
            participants = tuple(
                Participant(self.actor_ref(p.entity), p.role, self.passage(p.sentence))
                for p in candidate.parties
            )
            existing = match_existing(candidate, known_meetings)
            date_words = f" · {candidate.date.display()}" if candidate.date else ""
            found.append(
                MeetingProposal(
                    key=key,
                    label=f"{candidate.title}{date_words} · {candidate.status}",
                    passage=passages[0],
                    spans=tuple(sorted((p.start, p.end) for p in passages)),
                    title=candidate.title,
                    meeting_kind=candidate.kind,
                    status=candidate.status,
                    date=candidate.date,
                    place=candidate.place,
                    participants=participants,
                    passages=tuple(passages),
                    existing=(existing.id, existing.title) if existing else None,
                )
            )
        return found

    def _keys_for(self, candidates: list[MeetingCandidate]) -> dict[int, str]:
        """'meeting@<offset of its first meeting word>'; meetings one clause names apart ("held
        separate talks") add their first distinct actor."""
        keys: dict[int, str] = {}
        by_key: dict[str, list[MeetingCandidate]] = {}
        for candidate in candidates:
            start = self.doc.tokens[candidate.primary.triggers[0]].start
            by_key.setdefault(f"meeting@{start}", []).append(candidate)
        for key, sharing in by_key.items():
            for candidate in sharing:
                if len(sharing) == 1:
                    keys[id(candidate)] = key
                    continue
                others = {id(p.entity) for c in sharing if c is not candidate for p in c.parties}
                own = [p.entity for p in candidate.parties if id(p.entity) not in others]
                date = candidate.date.text if candidate.date else "undated"
                suffix = sort_key(own[0].name) if own else date
                keys[id(candidate)] = clip_key(f"{key}:{suffix}")
        return keys

    def _known_meetings(self) -> list[KnownMeeting]:
        if self._known_meeting_list is None:
            ids = {e.actor_id for e in self.reading.entities.all if e.actor_id is not None}
            self._known_meeting_list = list(self.known.meetings_of(ids)) if ids else []
        return self._known_meeting_list

    def _items(self) -> ItemIndex:
        """The desk's agenda items by their titles' words, indexed once per source."""
        if self._item_index is None:
            self._item_index = ItemIndex(self.known.items)
        return self._item_index

    def _candidate_of(self, frame: Frame | None) -> MeetingCandidate | None:
        if frame is None:
            return None
        return next((c for c in self.reading.meetings if frame in c.frames), None)

    # -- dates -----------------------------------------------------------------------------------
    def _dates(self, meetings: list[MeetingProposal]) -> list[Proposal]:
        by_key = {p.key: p for p in meetings}
        owner: dict[int, tuple[MeetingCandidate, Frame]] = {}
        for candidate in self.reading.meetings:
            for frame in candidate.frames:
                if frame.date_match is not None:
                    owner.setdefault(frame.date_match.start, (candidate, frame))
        found: list[Proposal] = []
        for match in self.reading.dates:
            candidate, frame = owner.get(match.start, (None, None))
            meeting_key = self._meeting_keys.get(id(candidate)) if candidate else None
            meeting = by_key.get(meeting_key) if meeting_key else None
            found.append(
                DateProposal(
                    key=f"date@{match.start}-{match.end}",
                    label=f"“{match.phrase}” → {match.date.display()}",
                    passage=self.passage(self.doc.sentence_of(match.start)),
                    spans=((match.start, match.end),),
                    phrase=match.phrase,
                    date=match.date,
                    tense=match.tense,
                    meeting_key=meeting_key,
                    meeting_id=meeting.existing[0] if meeting and meeting.existing else None,
                    meeting_title=meeting.title if meeting else None,
                    meeting_date=frame.date if frame is not None else None,
                )
            )
        return found

    # -- agenda ----------------------------------------------------------------------------------
    def _agenda(self, meetings: list[MeetingProposal]) -> list[Proposal]:
        by_key = {p.key: p for p in meetings}
        found: list[Proposal] = []
        for topic in self.reading.topics:
            candidate = self._candidate_of(topic.frame)
            meeting_key = self._meeting_keys.get(id(candidate)) if candidate else None
            meeting = by_key.get(meeting_key) if meeting_key else None
            existing = match_item(topic.words, self._items())
            passage = self.passage(topic.sentence)
            if topic.status == "speculated":
                passage = _doubtful(passage)
            spans = ((topic.start, topic.end), *((s, e) for _, s, e in topic.more))
            found.append(
                AgendaProposal(
                    key=f"agenda@{topic.start}-{topic.end}",
                    label=f"{topic.title} · {topic.status}",
                    passage=passage,
                    spans=spans,
                    title=topic.title,
                    status=topic.status,
                    meeting_key=meeting_key,
                    meeting_title=meeting.title if meeting else None,
                    existing=(existing.id, existing.title) if existing else None,
                )
            )
        return found

    # -- the desk's own meetings and items -------------------------------------------------------
    def _related(self, meetings: list[MeetingProposal]) -> list[Proposal]:
        found: list[Proposal] = []
        taken = {m.existing[0] for m in meetings if m.existing}
        for related in related_meetings(
            self.doc, self.reading.entities, self._known_meetings(), self.reading.dates, taken
        ):
            found.append(
                RelatedMeetingProposal(
                    key=f"meeting#{related.record_id}",
                    label=f"{related.title} (#{related.record_id})",
                    passage=self.passage(related.sentence),
                    spans=(self.doc.sentences[related.sentence],),
                    meeting_id=related.record_id,
                    title=related.title,
                    reasons=related.reasons,
                )
            )
        items = self._items()
        taken_items = {
            match.id
            for topic in self.reading.topics
            if (match := match_item(topic.words, items)) is not None
        }
        for item, sentence, shared in related_items(self.doc, items, taken_items):
            found.append(
                RelatedAgendaProposal(
                    key=f"item#{item.id}",
                    label=f"{item.title} (#{item.id})",
                    passage=self.passage(sentence),
                    spans=(self.doc.sentences[sentence],),
                    item_id=item.id,
                    title=item.title,
                    shared=shared,
                )
            )
        return found


def _doubtful(passage: Passage) -> Passage:
    """A passage that only speculates is possibly true at best (credibility 3)."""
    if passage.credibility >= 3:
        return passage
    return Passage(
        passage.start,
        passage.end,
        passage.text,
        passage.attributed_key,
        passage.attributed_name,
        passage.attributed_text,
        3,
    )


def _already_named(surface: str, entity: Entity) -> bool:
    """'The United States' is 'United States' already: an article or case is no new alias (a
    new spelling, "Kim Jong Un" for "Kim Jong-un", is)."""
    words = surface.split()
    if len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        surface = " ".join(words[1:])
    return surface.casefold() in {name.casefold() for name in entity.names}
