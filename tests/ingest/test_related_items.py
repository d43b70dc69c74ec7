"""The desk's agenda items a text is about (desk.ingest.relate.related_items) are those a plain
count finds: for each item, the sentence sharing most of its title's words (the first of equals),
kept when it shares at least two and enough of them, the best shares first."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desk.ingest.known import KnownItem
from desk.ingest.relate import ITEM_SHARE, LIMIT, related_items
from desk.ingest.text import Document
from desk.ingest.words import content_words

WORDS = ["nuclear", "talks", "grain", "corridor", "border", "security", "energy", "water"]


def _plainly(
    doc: Document, items: list[KnownItem], taken: set[int]
) -> list[tuple[KnownItem, int, tuple[str, ...]]]:
    sentences = [set(content_words(doc.sentence_text(n))) for n in range(len(doc.sentences))]
    found = []
    for item in items:
        words = content_words(item.title)
        if item.id in taken or len(words) < 2:
            continue
        counts = [sum(word in sentence for word in words) for sentence in sentences]
        most = max(counts)
        if most >= 2 and most / len(words) >= ITEM_SHARE:
            number = counts.index(most)
            shared = tuple(word for word in words if word in sentences[number])
            found.append((most / len(words), item, number, shared))
    found.sort(key=lambda f: (-f[0], f[2]))
    return [(item, number, shared) for _, item, number, shared in found[:LIMIT]]


sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6)
title = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5, unique=True)


@settings(max_examples=300, deadline=None)
@given(
    sentences=st.lists(sentence, min_size=1, max_size=12),
    titles=st.lists(title, min_size=1, max_size=20),
    taken=st.sets(st.integers(1, 20), max_size=3),
)
def test_related_items_are_what_a_plain_count_finds(
    sentences: list[list[str]], titles: list[list[str]], taken: set[int]
) -> None:
    doc = Document(" ".join(f"Officials discussed {' '.join(s)}." for s in sentences))
    items = [KnownItem(number, " ".join(words)) for number, words in enumerate(titles, 1)]
    assert related_items(doc, items, taken) == _plainly(doc, items, taken)
