"""Which meetings and agenda items already on the desk a source seems to be about.

A candidate meeting *is* a desk meeting when they share its actors (all of the candidate's that
are on the desk, two at least when it has two) and their dates agree (one within the other). A
desk meeting no candidate matches is still *related* when one sentence names two of its actors,
or one of them with a date that falls within the meeting's. An agenda item is related when a
sentence shares most of its title's words (two at least).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from desk.dates import DateMatch, PartialDate
from desk.ingest.known import KnownItem, KnownMeeting
from desk.ingest.meetings import MeetingCandidate
from desk.ingest.mentions import Entities
from desk.ingest.text import Document
from desk.ingest.words import content_words

#: Share of an agenda item's title words a sentence must have to be about it.
ITEM_SHARE = 0.6
#: At most this many related meetings and items are proposed per source.
LIMIT = 12


@dataclass(frozen=True)
class Related:
    record_id: int
    title: str
    sentence: int
    reasons: tuple[str, ...]


def _agree(first: PartialDate | None, second: PartialDate | None) -> bool:
    if first is None or second is None:
        return True
    a0, a1 = first.earliest or dt.date.min, first.latest or dt.date.max
    b0, b1 = second.earliest or dt.date.min, second.latest or dt.date.max
    return (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1)


def match_existing(
    candidate: MeetingCandidate, meetings: list[KnownMeeting]
) -> KnownMeeting | None:
    """The desk meeting a candidate seems to be, if exactly one fits best.

    Every actor of the candidate that is on the desk must take part in it; one shared actor
    is enough only when the dates are the same day.
    """
    known = {p.entity.actor_id for p in candidate.parties if p.entity.actor_id is not None}
    if not known:
        return None
    best: list[tuple[tuple[int, int], KnownMeeting]] = []
    for meeting in meetings:
        if not known <= set(meeting.actor_ids):
            continue
        if not _agree(candidate.date, meeting.date):
            continue
        same_day = (
            candidate.date is not None
            and meeting.date is not None
            and candidate.date.text == meeting.date.text
        )
        if len(known) < 2 and not (same_day and candidate.date.unit.value == "day"):  # type: ignore[union-attr]
            continue
        if candidate.date is None and meeting.date is not None and candidate.status == "held":
            continue  # an undated past meeting is too vague to be one on the desk
        best.append(((len(known), int(same_day)), meeting))
    if not best:
        return None
    best.sort(key=lambda item: item[0], reverse=True)
    if len(best) > 1 and best[0][0] == best[1][0]:
        return None
    return best[0][1]


def related_meetings(
    doc: Document,
    entities: Entities,
    meetings: list[KnownMeeting],
    dates: list[DateMatch],
    taken: set[int],
) -> list[Related]:
    by_sentence: dict[int, set[int]] = {}
    for entity in entities.all:
        if entity.actor_id is None:
            continue
        for mention in entity.mentions:
            by_sentence.setdefault(doc.tokens[mention.first].sentence, set()).add(entity.actor_id)
    dates_by_sentence: dict[int, list[DateMatch]] = {}
    for match in dates:
        dates_by_sentence.setdefault(doc.sentence_of(match.start), []).append(match)
    found: list[Related] = []
    for meeting in meetings:
        if meeting.id in taken:
            continue
        best: Related | None = None
        for sentence, actors in sorted(by_sentence.items()):
            shared = actors & set(meeting.actor_ids)
            if not shared:
                continue
            names = sorted({e.name for e in entities.all if e.actor_id in shared}, key=str.casefold)
            reasons: list[str] = []
            if len(shared) >= 2:
                reasons.append("names " + " and ".join(names))
            dated = [
                m
                for m in dates_by_sentence.get(sentence, [])
                if meeting.date is not None
                and m.date.unit.value in ("day", "month")
                and _agree(m.date, meeting.date)
            ]
            if dated:
                reasons.append(f"“{dated[0].phrase}” fits its date {meeting.date.display()}")  # type: ignore[union-attr]
            strong = len(shared) >= 2 or bool(dated)
            if strong and (best is None or len(reasons) > len(best.reasons)):
                best = Related(meeting.id, meeting.title, sentence, tuple(reasons))
        if best is not None:
            found.append(best)
    found.sort(key=lambda r: (-len(r.reasons), r.sentence))
    return found[:LIMIT]


class ItemIndex:
    """The desk's agenda items by their titles' words, read once per source: a topic or a
    sentence is compared with the items sharing one of its words, not with every item."""

    def __init__(self, items: Iterable[KnownItem]) -> None:
        self.items = list(items)
        self.words = [_title_words(item.title) for item in self.items]
        self._with_word: dict[str, list[int]] = {}
        for position, words in enumerate(self.words):
            if len(words) < 2:
                continue  # too short a title to match anything
            for word in words:
                self._with_word.setdefault(word, []).append(position)

    def sharing(self, words: Iterable[str]) -> list[int]:
        """The items (positions, in the desk's order) whose title has one of ``words``."""
        found: set[int] = set()
        for word in words:
            found.update(self._with_word.get(word, ()))
        return sorted(found)


def _indexed(items: ItemIndex | Sequence[KnownItem]) -> ItemIndex:
    return items if isinstance(items, ItemIndex) else ItemIndex(items)


def related_items(
    doc: Document, items: ItemIndex | Sequence[KnownItem], taken: set[int]
) -> list[tuple[KnownItem, int, tuple[str, ...]]]:
    """Agenda items on the desk with the sentence most about each.

    The words an item shares with each sentence are counted through an index of the text's
    words, not by comparing a desk's thousands of items with a long report's hundreds of
    sentences one by one; the sentence sharing most (the first of equals) is the item's.
    Only items sharing a word with the text are looked at (through the items' own index)."""
    index = _indexed(items)
    sentence_words = [set(content_words(doc.sentence_text(n))) for n in range(len(doc.sentences))]
    sentences_with: dict[str, list[int]] = {}
    for number, present in enumerate(sentence_words):
        for word in present:
            sentences_with.setdefault(word, []).append(number)
    found: list[tuple[float, KnownItem, int, tuple[str, ...]]] = []
    for position in index.sharing(sentences_with):
        item, words = index.items[position], index.words[position]
        if item.id in taken:
            continue
        in_text = sum(1 for word in words if word in sentences_with)
        if in_text < 2 or in_text / len(words) < ITEM_SHARE:
            continue  # no sentence can share enough: it shares at most what the text has
        best: tuple[float, int, tuple[str, ...]] | None = None
        whole = (
            _first_with_all(words, sentences_with, sentence_words)
            if in_text == len(words)
            else None
        )
        if whole is not None:
            best = (1.0, whole, tuple(words))  # no sentence shares more, none earlier as much
        else:
            shared_by = Counter[int]()  # sentence -> how many of the item's words it has
            for word in words:
                shared_by.update(sentences_with.get(word, ()))
            most = max(shared_by.values())
            if most >= 2 and most / len(words) >= ITEM_SHARE:  # the first sentence sharing most
                number = min(n for n, count in shared_by.items() if count == most)
                present = sentence_words[number]
                best = (most / len(words), number, tuple(w for w in words if w in present))
        if best is not None:
            found.append((best[0], item, best[1], best[2]))
    found.sort(key=lambda f: (-f[0], f[2]))
    return [(item, sentence, shared) for _, item, sentence, shared in found[:LIMIT]]


def _first_with_all(
    words: Sequence[str], sentences_with: dict[str, list[int]], sentence_words: list[set[str]]
) -> int | None:
    """The first sentence holding every one of ``words``, if one does: it is among the
    sentences of the rarest word, which are in order."""
    rarest = min(words, key=lambda word: len(sentences_with.get(word, ())))
    for number in sentences_with.get(rarest, ()):
        present = sentence_words[number]
        if all(word in present for word in words):
            return number
    return None


def match_item(words: list[str], items: ItemIndex | Sequence[KnownItem]) -> KnownItem | None:
    """The desk agenda item a proposed topic seems to be (most of its title's words)."""
    index = _indexed(items)
    best: tuple[float, KnownItem] | None = None
    given = set(words)
    for position in index.sharing(given):
        title_words = index.words[position]
        share = len(set(title_words) & given) / len(title_words)
        if share >= ITEM_SHARE and (best is None or share > best[0]):
            best = (share, index.items[position])
    return best[1] if best else None


@lru_cache(maxsize=16384)
def _title_words(title: str) -> tuple[str, ...]:
    """An agenda item's title words (read once, not for each topic and sentence)."""
    return tuple(content_words(title))
