"""Agenda items: what the source says a meeting takes up ("may discuss a ceasefire").

The object of a discussing verb (see ``desk.ingest.clauses``) is a topic; coordinated topics
("a ceasefire ... and the leader's potential visit") are taken apart. How sure the report is
comes from the wording before the verb: "may", "could" speculated; "will", "is likely to"
expected; "discussed" reported; "agreed on" confirmed. The topic belongs to the meeting named
in the same sentence, nearest the verb.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.ingest.clauses import Sentence
from desk.ingest.meetings import Frame
from desk.ingest.text import Document
from desk.ingest.vocabulary import EXPECTED, SPECULATED
from desk.ingest.words import content_words, overlap

_LEADING = ("the ", "a ", "an ", "ongoing ", "other ", "possible ", "potential ")
_SPLIT_BEFORE = frozenset(["the", "a", "an", "its", "their", "his", "her"])
#: Topics this alike are one.
SAME_TOPIC = 0.5


@dataclass(eq=False)
class Topic:
    title: str
    words: list[str]
    status: str
    sentence: int
    start: int
    end: int
    #: The frame of the meeting that takes it up, if the sentence names one.
    frame: Frame | None
    #: Further passages naming the same topic: (sentence, start, end).
    more: list[tuple[int, int, int]]


def find_topics(doc: Document, sentences: list[Sentence], frames: list[Frame]) -> list[Topic]:
    topics: list[Topic] = []
    by_sentence: dict[int, list[Frame]] = {}
    for frame in frames:
        by_sentence.setdefault(frame.sentence, []).append(frame)
    for sentence in sentences:
        for first, last, verb in sentence.topics:
            status = _status(doc, sentence, verb)
            frame = _nearest_frame(by_sentence.get(sentence.number, []), verb)
            for part_first, part_last in _parts(doc, first, last):
                start = doc.tokens[part_first].start
                end = doc.tokens[part_last].end
                title = _title(doc.text[start:end])
                words = content_words(title)
                if len(words) < 2:
                    continue
                same = next((t for t in topics if overlap(t.words, words) >= SAME_TOPIC), None)
                if same is not None:
                    same.more.append((sentence.number, start, end))
                    if same.frame is None:
                        same.frame = frame
                    continue
                topics.append(Topic(title, words, status, sentence.number, start, end, frame, []))
    return topics


def _parts(doc: Document, first: int, last: int) -> list[tuple[int, int]]:
    """'X and the Y' is two topics."""
    tokens = doc.tokens
    parts: list[tuple[int, int]] = []
    start = first
    for index in range(first + 1, last):
        if tokens[index].lower == "and" and tokens[index + 1].lower in _SPLIT_BEFORE:
            parts.append((start, index - 1))
            start = index + 1
    parts.append((start, last))
    return [(a, b) for a, b in parts if b >= a]


def _title(text: str) -> str:
    text = " ".join(text.replace('"', "").replace("“", "").replace("”", "").split())
    lowered = text.lower()
    for prefix in _LEADING:
        if lowered.startswith(prefix):
            text = text[len(prefix) :]
            lowered = text.lower()
    return text[:1].upper() + text[1:]


def _status(doc: Document, sentence: Sentence, verb: int) -> str:
    tokens = doc.tokens
    clause = next((c for c in sentence.clauses if c[0] <= verb <= c[1]), (sentence.first, verb))
    before = {t.lower for t in tokens[clause[0] : verb]}
    word = tokens[verb].lower
    if before & SPECULATED:
        return "speculated"
    if before & EXPECTED or "to" in before:
        return "expected"
    if word == "agreed" or word == "agree":
        return "confirmed"
    return "reported"


def _nearest_frame(frames: list[Frame], verb: int) -> Frame | None:
    if not frames:
        return None
    return min(frames, key=lambda f: min(abs(t - verb) for t in f.triggers))
