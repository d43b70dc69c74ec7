"""How a sentence is built: who it quotes, what is only a topic, and where its clauses break.

* **Attribution**: ", Russia's Tass news agency reported", "experts said Friday", "according to
  a government source", "the statement quoted Wang as saying", "in this photo carried by KCNA".
  The reporting words are set apart (their date is when it was said, not when anyone met) and
  say whom the evidence is attributed to. A sentence that opens a quotation without saying who
  speaks continues the previous one's speaker.
* **Topics**: the object of "may discuss", "could feature", "agreed on" is something talked
  about: a visit named there is an agenda item, not a meeting.
* **Clauses**: a sentence breaks at ";", dashes, brackets and the words that open a new clause
  ("when", "amid", "after", "that" after a verb of saying...), so the meeting words of one clause
  do not collect the actors of another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desk.ingest.mentions import Entities, Entity
from desk.ingest.text import Document
from desk.ingest.vocabulary import (
    DISCUSSING,
    DISCUSSING_WITH_PREPOSITION,
    GENERIC_SPEAKERS,
    MEETING_NOUNS,
    NOT_SUBORDINATING_AFTER,
    SPEECH,
    SUBORDINATORS,
)
from desk.ingest.words import word_set

_OPENING_QUOTES = ('"', "“", "'", "‘")
_TOPIC_STOPS = word_set(
    "during amid when while after before despite as with at since because until unless"
)
_TOPIC_CONTINUES_AFTER_AND = word_set(
    "the a an its their his her other possible potential joint new"
)
_THAT_AFTER = SPEECH | word_set(
    """
    speculation possibility concerns concern hopes hope fears fear reports report expectations
    signs warning warnings claims belief view
    """
)
_PARTICIPLE_BREAKS = word_set(
    "marking fueling fuelling raising considering speaking including citing adding noting "
    "saying urging warning allowing prompting sparking"
)
_LONGEST_SPEAKER = 9
_LONGEST_TOPIC = 22
#: Words after "agreed on" that make it a day, not a topic.
_DAY_WORDS = word_set(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec
    """
)


@dataclass(frozen=True)
class Attribution:
    """Who a sentence (or part of it) is attributed to: an actor, or words ("experts")."""

    entity: Entity | None
    text: str | None
    #: The reporting words, in tokens ("Russia's Tass news agency reported").
    span: tuple[int, int]

    @property
    def label(self) -> str:
        return self.entity.name if self.entity is not None else (self.text or "")


@dataclass
class Sentence:
    number: int
    first: int
    last: int
    attributions: list[Attribution] = field(default_factory=list)
    #: Inherited from the sentence before (a quotation continued).
    inherited: Attribution | None = None
    topics: list[tuple[int, int, int]] = field(default_factory=list)
    clauses: list[tuple[int, int]] = field(default_factory=list)

    @property
    def attribution(self) -> Attribution | None:
        return self.attributions[0] if self.attributions else self.inherited

    def in_reporting(self, index: int) -> bool:
        return any(a.span[0] <= index <= a.span[1] for a in self.attributions)

    def topic_at(self, index: int) -> tuple[int, int, int] | None:
        return next((t for t in self.topics if t[0] <= index <= t[1]), None)


def read_sentences(doc: Document, entities: Entities) -> list[Sentence]:
    sentences: list[Sentence] = []
    previous: Sentence | None = None
    for number, (first, end) in enumerate(doc.sentence_tokens):
        sentence = Sentence(number, first, end - 1)
        if end > first:
            sentence.attributions = _attributions(doc, entities, first, end - 1)
            sentence.topics = _topics(doc, first, end - 1)
            sentence.clauses = _clauses(doc, sentence)
        start, _ = doc.sentences[number]
        if (
            not sentence.attributions
            and previous is not None
            and previous.attribution is not None
            and doc.text[start : start + 1] in _OPENING_QUOTES
        ):
            sentence.inherited = previous.attribution
        sentences.append(sentence)
        previous = sentence
    return sentences


# -- attribution -------------------------------------------------------------------------------
def _attributions(doc: Document, entities: Entities, first: int, last: int) -> list[Attribution]:
    tokens = doc.tokens
    found: list[Attribution] = []
    for index in range(first, last + 1):
        word = tokens[index].lower
        if word in SPEECH and word != "quoted" and not tokens[index].capital:
            relative = (
                _relative_subject(doc, entities, first, index)
                if "," in doc.between(index - 1, index)
                else None
            )
            span = (
                relative
                or _speaker_before(doc, first, index)
                or _named_before_title(doc, entities, first, index)
            )
            if span is None:
                continue
            end = index
            # "experts said Friday", "Tass earlier reported": the date belongs to the saying.
            while (
                end + 1 <= last and tokens[end + 1].close and _is_date_word(tokens[end + 1].lower)
            ):
                end += 1
            if end + 1 <= last and tokens[end + 1].lower == "that":
                end += 1
            # The relative clause between the speaker and the verb is not reporting words.
            reporting = (index, end) if relative is not None else (span[0], end)
            found.append(_attribution(doc, entities, span, reporting))
        elif word == "according" and index + 1 <= last and tokens[index + 1].lower == "to":
            stop = _phrase_end(doc, index + 2, last)
            found.append(_attribution(doc, entities, (index + 2, stop), (index, stop)))
        elif word == "quoted" and index + 1 <= last:
            # "the Chinese statement quoted Wang as saying"
            for cursor in range(index + 1, min(index + 6, last) + 1):
                if tokens[cursor].lower == "as":
                    found.append(
                        _attribution(doc, entities, (index + 1, cursor - 1), (index, last))
                    )
                    break
        elif word == "carried" and index + 1 <= last and tokens[index + 1].lower == "by":
            stop = _phrase_end(doc, index + 2, last)
            found.append(_attribution(doc, entities, (index + 2, stop), (index, stop)))
    return found


def _is_date_word(word: str) -> bool:
    return word in {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "earlier",
        "later",
        "today",
        "yesterday",
        "also",
        "on",
    }


def _speaker_before(doc: Document, first: int, verb: int) -> tuple[int, int] | None:
    """The words naming who speaks, just before a verb of saying (back to a comma or quote)."""
    tokens = doc.tokens
    if verb == first:
        return None
    start = verb
    while start > first:
        gap = doc.between(start - 1, start)
        if any(mark in gap for mark in ',;:"“”()'):
            break
        if tokens[start - 1].lower in SUBORDINATORS and start - 1 != first:
            break
        start -= 1
        if verb - start > _LONGEST_SPEAKER:
            return None
    end = verb - 1
    while end >= start and tokens[end].lower in ("earlier", "also", "later", "had", "has", "have"):
        end -= 1
    if end < start:
        return None
    return start, end


def _named_before_title(
    doc: Document, entities: Entities, first: int, verb: int
) -> tuple[int, int] | None:
    """'Hyun Seong-soo, vice president of the Korea Institute ..., said': the person named
    before a title set off by commas."""
    if "," not in doc.between(verb - 1, verb):
        return None
    people = [
        m
        for m in entities.mentions_in(max(first, verb - 20), verb - 1)
        if m.entity.kind == "person" and not m.attribute
    ]
    if not people or "," not in doc.between(people[-1].last, people[-1].last + 1):
        return None
    return people[-1].first, people[-1].last


def _relative_subject(
    doc: Document, entities: Entities, first: int, verb: int
) -> tuple[int, int] | None:
    """'Zelenskyy, who had flown to Ankara for talks with Erdogan, said': the speaker is the
    person the relative clause is about, not the last name inside it."""
    tokens = doc.tokens
    for cursor in range(verb - 1, max(first, verb - 25), -1):
        if tokens[cursor].lower in ("who", "whom") and "," in doc.between(cursor - 1, cursor):
            people = [
                m
                for m in entities.mentions_in(max(first, cursor - 8), cursor - 1)
                if m.entity.kind == "person" and not m.attribute and m.last == cursor - 1
            ]
            return (people[-1].first, people[-1].last) if people else None
    return None


def _phrase_end(doc: Document, start: int, last: int) -> int:
    end = start
    while end + 1 <= last:
        gap = doc.between(end, end + 1)
        if any(mark in gap for mark in ',;:"“”()'):
            break
        end += 1
    return min(end, last)


def _attribution(
    doc: Document, entities: Entities, speaker: tuple[int, int], span: tuple[int, int]
) -> Attribution:
    mentions = [
        m for m in entities.mentions_in(*speaker) if not m.attribute and m.entity.kind != "state"
    ] or entities.mentions_in(*speaker)
    if mentions:
        return Attribution(mentions[-1].entity, None, span)
    words = [t.lower for t in doc.tokens[speaker[0] : speaker[1] + 1]]
    generic = next((w for w in reversed(words) if w in GENERIC_SPEAKERS), None)
    if generic is not None:
        text = doc.span_text(*speaker)
        return Attribution(None, text[0].lower() + text[1:] if text else generic, span)
    text = doc.span_text(*speaker)
    return Attribution(None, text, span)


# -- topics ------------------------------------------------------------------------------------
def _topics(doc: Document, first: int, last: int) -> list[tuple[int, int, int]]:
    """Objects of discussing verbs: (first, last, verb) token spans."""
    tokens = doc.tokens
    topics: list[tuple[int, int, int]] = []
    for index in range(first, last + 1):
        word = tokens[index].lower
        start = None
        if word in DISCUSSING:
            start = index + 1
        elif (
            word in DISCUSSING_WITH_PREPOSITION
            and index + 1 <= last
            and tokens[index + 1].lower == DISCUSSING_WITH_PREPOSITION[word]
            and not (index + 2 <= last and tokens[index + 2].lower in _DAY_WORDS)
        ):
            start = index + 2  # "agreed on a truce", not "agreed on Monday to meet"
        if start is None or start > last:
            continue
        end = start
        while end + 1 <= last and end - start < _LONGEST_TOPIC:
            following = tokens[end + 1]
            gap = doc.between(end, end + 1)
            if any(mark in gap for mark in ",;:()"):
                break
            if any(mark in gap for mark in '"“”') and _closes_outer_quote(doc, start, end):
                break
            if following.lower in _TOPIC_STOPS or _meeting_phrase_at(doc, end + 1, last):
                break
            if following.lower == "and":
                after = tokens[end + 2] if end + 2 <= last else None
                if after is None or not (
                    after.lower in _TOPIC_CONTINUES_AFTER_AND or after.capital
                ):
                    break
            end += 1
        if tokens[start].lower in ('"', "“"):
            start += 1
        topics.append((start, end, index))
    return topics


#: Prepositions that attach a meeting to the verb: "discussed X in a phone call".
_MEETING_PREPOSITIONS = word_set("in on by over via")


def _meeting_phrase_at(doc: Document, index: int, last: int) -> bool:
    """Whether a prepositional phrase naming a meeting starts at ``index`` ("in a phone call",
    "in their talks", "by video link"): it ends the topic, the meeting is not a subject."""
    tokens = doc.tokens
    if tokens[index].lower not in _MEETING_PREPOSITIONS:
        return False
    return any(tokens[i].lower in MEETING_NOUNS for i in range(index + 1, min(index + 4, last + 1)))


def _closes_outer_quote(doc: Document, start: int, end: int) -> bool:
    """Whether the quotation mark after token ``end`` ends a quotation the topic sits in,
    rather than opening or closing a quoted word inside it ('discussed "top-level" contact')."""
    gap = doc.between(end, end + 1)
    if gap.rstrip().endswith(('"', "“")) and gap.startswith((" ", "\u00a0")):
        return False  # an opening mark: a quoted word follows
    inside = doc.text[max(0, doc.tokens[start].start - 1) : doc.tokens[end].end]
    return sum(inside.count(mark) for mark in '"“”') % 2 == 0


# -- clauses -----------------------------------------------------------------------------------
_TIME_NOUNS = word_set("year month week day time period moment night morning")


def _opens_clause(tokens: list, index: int) -> bool:  # type: ignore[type-arg]
    """'that' opens a clause ("speculation that Kim may travel", "Day that commemorates"),
    unless it points at a time ("earlier that year") or follows "so"/"such"/"now"."""
    following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
    previous = tokens[index - 1].lower
    if previous in _THAT_AFTER:
        return True
    return following not in _TIME_NOUNS and previous not in ("so", "such", "now", "at")


def _clauses(doc: Document, sentence: Sentence) -> list[tuple[int, int]]:
    tokens = doc.tokens
    breaks = [sentence.first]
    aside = -1
    for index in range(sentence.first + 1, sentence.last + 1):
        gap = doc.between(index - 1, index)
        word = tokens[index].lower
        if (
            gap.strip() == "("
            and index < sentence.last
            and doc.between(index, index + 1)[:1] == ")"
        ):
            aside = index + 1  # "the Shanghai Cooperation Organization (SCO) member states"
            continue
        if index == aside and gap.strip() == ")":
            continue
        if any(mark in gap for mark in ";()") or "--" in gap or " - " in gap or "—" in gap:
            breaks.append(index)
            continue
        if word in SUBORDINATORS and tokens[index - 1].lower not in NOT_SUBORDINATING_AFTER:
            if word == "that" and not _opens_clause(tokens, index):
                continue
            if (
                word == "as"
                and index + 1 <= sentence.last
                and tokens[index + 1].lower
                in (
                    "a",
                    "an",
                    "the",
                    "well",
                    "part",
                )
            ):
                continue
            breaks.append(index)
            continue
        if "," in gap and word in _PARTICIPLE_BREAKS:
            breaks.append(index)
            continue
        if "," in gap and word == "just":
            breaks.append(index)
    # A relative clause between commas (", who had flown to Ankara ..., said") ends at its comma.
    for index in list(breaks):
        if tokens[index].lower in ("who", "which") and "," in doc.between(index - 1, index):
            for following in range(index + 1, sentence.last + 1):
                if "," in doc.between(following - 1, following):
                    breaks.append(following)
                    break
    # A clause put first ("Shortly after Shoigu's trip to Pyongyang last year, ...") ends at
    # its comma.
    opening = sentence.first
    while opening <= min(sentence.last, sentence.first + 1):
        if tokens[opening].lower in SUBORDINATORS:
            for index in range(opening + 1, sentence.last + 1):
                if "," in doc.between(index - 1, index):
                    breaks.append(index)
                    break
            break
        opening += 1
    breaks = sorted(set(breaks))
    clauses = []
    for position, start in enumerate(breaks):
        end = breaks[position + 1] - 1 if position + 1 < len(breaks) else sentence.last
        if end >= start:
            clauses.append((start, end))
    return clauses
