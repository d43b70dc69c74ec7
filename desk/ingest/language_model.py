"""An optional language model behind the rules: spaCy's named entities and dependency parse.

The rules (the rest of ``desk.ingest``) read a report on their own, offline, with no model. When
``desk[nlp]`` is installed together with an English spaCy pipeline (``en_core_web_sm`` or any
other), the ``spacy`` engine lends them two things the word lists cannot:

* **named entities**: a PERSON or ORG the rules did not find becomes a candidate actor, unless
  its words are already someone's mention, a place, or a desk name;
* **who met whom from the parse**: for each clause's meeting word, the subject and objects of
  its verb and the objects of its "with"/"between" ("X held talks with Y", "X received Y") are
  the participants, when the parse finds at least two actors there; otherwise the rules' reading
  stands.

Everything else (dates, statuses, places, proposals) is the rules' own, so both engines give the
same kind of ``ProposalSet``. ``auto`` uses the model when a pipeline is installed and the rules
when not; ``rules`` is the default everywhere (see the measurements in the commit that chose it).
The model is loaded once per process, on first use; nothing is downloaded at run time.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from desk.errors import DeskError
from desk.ingest.meetings.records import Frame, Party
from desk.ingest.mentions import Entities, Entity
from desk.ingest.vocabulary import NOT_NAMES, TITLE_HEADS, TITLE_MODIFIERS

if TYPE_CHECKING:
    from desk.ingest.text import Document

#: The engines ``desk suggest --engine`` accepts.
ENGINES = ("rules", "spacy", "auto")
#: Set to a pipeline's package name to choose it over the ones desk looks for.
PIPELINE_VARIABLE = "DESK_SPACY_MODEL"
#: English pipelines in order of preference (small first: desk reads many short reports).
PREFERRED = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")

_ACTOR_LABELS = {"PERSON": "person", "ORG": "organization"}
_TITLE_WORDS = TITLE_HEADS | TITLE_MODIFIERS | NOT_NAMES
#: Dependencies that make a token a participant of the verb it hangs on.
_SUBJECTS = frozenset(["nsubj", "nsubjpass"])
_OBJECTS = frozenset(["dobj", "obj", "iobj"])
_WITH = frozenset(["with", "between", "among", "by"])


class LanguageModelMissing(DeskError):
    """``--engine spacy`` was asked for and no English spaCy pipeline is installed."""


def installed_pipeline() -> str | None:
    """The package name of the English spaCy pipeline to use, None when there is none."""
    if importlib.util.find_spec("spacy") is None:
        return None
    chosen = os.environ.get(PIPELINE_VARIABLE, "").strip()
    if chosen:
        return chosen if importlib.util.find_spec(chosen) is not None else None
    for name in PREFERRED:
        if importlib.util.find_spec(name) is not None:
            return name
    import spacy.util

    for name in sorted(spacy.util.get_installed_models()):
        if name.startswith("en_"):
            return name
    return None


def choose_engine(engine: str) -> str:
    """``rules`` or ``spacy``: what ``engine`` ("rules", "spacy" or "auto") means here."""
    if engine not in ENGINES:
        raise DeskError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine == "rules":
        return "rules"
    if installed_pipeline() is not None:
        return "spacy"
    if engine == "auto":
        return "rules"
    if importlib.util.find_spec("spacy") is None:
        raise LanguageModelMissing(
            "--engine spacy needs spaCy: install desk with the nlp extra (pip install 'desk[nlp]') "
            "and an English pipeline such as en_core_web_sm"
        )
    raise LanguageModelMissing(
        "--engine spacy found spaCy but no English pipeline: install one such as "
        f"en_core_web_sm, or name an installed one in {PIPELINE_VARIABLE}"
    )


@lru_cache(maxsize=2)
def pipeline(name: str) -> Any:
    """The loaded spaCy pipeline ``name`` (loading takes a second or two: once per process)."""
    import spacy

    return spacy.load(name)


class Parse:
    """One text read by the model: its tokens, mapped onto the rules' tokens by offset."""

    def __init__(self, doc: Document, parsed: Any) -> None:
        self.doc = doc
        self.parsed = parsed
        self._by_start = {token.idx: token for token in parsed}

    @classmethod
    def of(cls, doc: Document, name: str) -> Parse:
        return cls(doc, pipeline(name)(doc.text))

    def token_at(self, offset: int) -> Any | None:
        return self._by_start.get(offset)


def add_entities(parse: Parse, entities: Entities) -> None:
    """Candidate actors from the model's PERSON and ORG entities that the rules did not find."""
    doc = parse.doc
    for span in parse.parsed.ents:
        kind = _ACTOR_LABELS.get(span.label_)
        if kind is None:
            continue
        first = doc.token_at(span.start_char)
        last = doc.token_at(span.end_char) - 1
        if first > last or last >= len(doc.tokens):
            continue
        words = doc.tokens[first : last + 1]
        if not all(token.capital for token in words if len(token.text) > 2):
            continue  # "the" and "of" inside a name, but no lower-case words of its own
        if any(i in entities.covering or entities.place_at(i) for i in range(first, last + 1)):
            continue
        if len(words) < 2 and not (kind == "organization" and _acronym(words[0].text)):
            continue  # a surname alone refers to someone named in full elsewhere
        if any(token.lower in _TITLE_WORDS for token in words):
            continue  # "Defense", "Philippine Defense": part of someone's title
        name = doc.span_text(first, last)
        entity = entities.add(Entity(name, kind, origin="model"))
        if entity.mentions or entity.origin == "model":
            entities.mention(entity, first, last)


def _acronym(word: str) -> bool:
    """ "NATO", "ASEAN": a body's initials (not a dateline's "ISTANBUL")."""
    return word.isupper() and 2 <= len(word) <= 5


def reread_parties(parse: Parse, entities: Entities, frames: list[Frame]) -> None:
    """Participants from the subject and objects of each frame's meeting verb, when the parse
    finds two or more actors there; the rules' parties stay otherwise."""
    doc = parse.doc
    for frame in frames:
        trigger = doc.tokens[frame.triggers[0]]
        word = parse.token_at(trigger.start)
        if word is None:
            continue
        found = _participants(word)
        parties: list[Party] = []
        seen: set[int] = set()
        for token in found:
            index = doc.token_at(token.idx)
            mention = entities.covering.get(index) or _member_of(parse, entities, token)
            if mention is None or mention.attribute or id(mention.entity) in seen:
                continue
            if mention.entity.reporter:
                continue
            seen.add(id(mention.entity))
            before = token.i < word.i
            old = next((p for p in frame.parties if p.entity is mention.entity), None)
            role = old.role if old is not None else "participant"
            parties.append(Party(mention.entity, role, frame.sentence, before, index))
        if len(parties) >= 2:
            frame.parties = parties


def _member_of(parse: Parse, entities: Entities, token: Any) -> Any | None:
    """ "officials from the council", "envoys of X": the body a group of people stands for."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            for inner in child.children:
                if inner.dep_ == "pobj":
                    mention = entities.covering.get(parse.doc.token_at(inner.idx))
                    if mention is not None:
                        return mention
    return None


def _participants(word: Any) -> list[Any]:
    """The tokens naming who takes part in the meeting that ``word`` ("talks", "met") names."""
    verb = word
    if word.pos_ in ("NOUN", "PROPN") and word.dep_ in ("dobj", "obj", "nsubj", "nsubjpass"):
        verb = word.head  # "held talks", "talks were held"
    heads = [verb] if verb is word else [verb, word]
    found: list[Any] = []
    for head in heads:
        for child in head.children:
            if child.dep_ in _SUBJECTS or (child.dep_ in _OBJECTS and child is not word):
                found.extend(_with_conjuncts(child))
            elif child.dep_ == "prep" and child.lower_ in _WITH:
                for inner in child.children:
                    if inner.dep_ == "pobj":
                        found.extend(_with_conjuncts(inner))
            elif child.dep_ == "agent":
                found.extend(t for inner in child.children for t in _with_conjuncts(inner))
    return [token for token in found if not _sent_by_someone(token)]


def _with_conjuncts(token: Any) -> list[Any]:
    """ "Putin and Xi": both; an apposition's name ("his counterpart, Wang Yi") too."""
    found = [token]
    for child in token.children:
        if child.dep_ in ("conj", "appos"):
            found.extend(_with_conjuncts(child))
    return found


def _sent_by_someone(token: Any) -> bool:
    """ "Putin's envoy", "on behalf of Putin": the sender is no participant."""
    head = token.head
    return token.dep_ == "poss" or (head.lower_ == "of" and head.head.lower_ == "behalf")
