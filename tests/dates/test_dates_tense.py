"""Tense read around a phrase: the clause's nearest marker, else the sentence's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.dates import Tense
from desk.dates.tense import TenseReader, _markers, _markers_between, infer_tense


def _tense_of(text: str, phrase: str) -> Tense | None:
    start = text.index(phrase)
    return infer_tense(text, start, start + len(phrase))


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # the clause's marker beats a nearer one across a comma
        ("Kim said, as talks will resume, that Friday mattered.", "Friday", Tense.PAST),
        ("Officials said the talks will resume Friday.", "Friday", Tense.FUTURE),
        # nearest wins; on a tie the marker before the phrase wins
        ("He met Friday and will go.", "Friday", Tense.PAST),
        # a clause without markers falls back to the sentence
        ("On Friday, the envoy arrived.", "Friday", Tense.PAST),
        # a line break ends a sentence: the marker words across it do not join
        ("Kim will\nvisit Moscow Friday.", "Friday", None),
        ("The summit was to be\nheld Friday.", "Friday", Tense.PAST),
        # a hyphen between spaces breaks a clause; one inside a word or a bullet does not
        ("Kim met Lavrov - talks will resume Friday.", "Friday", Tense.FUTURE),
        ("- Talks resumed Friday in Seoul.", "Friday", Tense.PAST),
        ("A long-planned visit ended Friday.", "Friday", Tense.PAST),
        # "may have met" looks back; a text's first word may be a marker
        ("Kim may have met Putin on Friday.", "Friday", Tense.PAST),
        ("will resume Friday, he said.", "Friday", Tense.FUTURE),
        # "Feb. 25. AFP": a break inside the phrase is not the sentence's end
        ("Photo released Feb. 25. AFP", "Feb. 25", Tense.PAST),
        ("A caption of Friday", "Friday", None),
        # a word in parentheses (a name's short form) does not break the clause
        (
            "Envoys are due to meet at the Arctic Council (AC) in May, the ministry added.",
            "in May",
            Tense.FUTURE,
        ),
        # a marker past "and" / "but" is the next verb phrase's, not the phrase's
        ("The envoy landed in Oslo on Monday and will fly home Friday.", "on Monday", Tense.PAST),
        ("The envoy landed in Oslo on Monday and will fly home Friday.", "Friday", Tense.FUTURE),
        ("Talks will open on Sunday but stalled on Wednesday.", "on Wednesday", Tense.PAST),
        ("Talks will open on Sunday but stalled on Wednesday.", "on Sunday", Tense.FUTURE),
        # a marker in a reported or relative clause after the phrase is that clause's
        (
            "The premier told the press in Goma on Sunday that troops would stay.",
            "on Sunday",
            Tense.PAST,
        ),
        ("She said in Lima on May 3 that he would come.", "on May 3", Tense.PAST),
        # the distance to a marker before the phrase is counted from its last word
        (
            "Leaders are due to meet in Oslo, Norway, on Friday, a first since the war began.",
            "on Friday",
            Tense.FUTURE,
        ),
        # a decision or an obligation to act looks forward; agreeing to a thing does not
        ("The parties agreed to sign an accord in April.", "in April", Tense.FUTURE),
        ("Both sides decided to resume contacts in June.", "in June", Tense.FUTURE),
        ("Negotiators must settle the text in June.", "in June", Tense.FUTURE),
        ("The parties agreed to a ceasefire in April.", "in April", Tense.PAST),
    ],
)
def test_tense_around_a_phrase(text: str, phrase: str, expected: Tense | None) -> None:
    assert _tense_of(text, phrase) is expected


def test_one_reader_answers_many_phrases_of_one_text() -> None:
    text = "Kim met Putin on Monday. He will return on Friday.\nTalks ended Sunday."
    reader = TenseReader(text)
    answers = [
        reader.tense(text.index(day), text.index(day) + len(day))
        for day in ("Monday", "Friday", "Sunday")
    ]
    assert answers == [Tense.PAST, Tense.FUTURE, Tense.PAST]


_MARKER_PIECES = [
    "will",
    "be",
    "held",
    "said",
    "agreed",
    "to",
    "the",
    "may",
    "have",
    "met",
    "expected",
    "is",
    "plan",
    "also",
    "ahead",
    "of",
    "won't",
    "'ll",
    "used",
    "Friday",
    "p.m.",
    "U.S.",
    "(AP)",
    "Feb.",
    "25",
    "invited",
    "President",
]
_MARKER_JOINS = [" ", "  ", ". ", ".  ", ". \n", "\n", ", ", "(", ") ", '." ', "! ", " - ", "-"]
_MARKER_JOINS += ["'"]


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(_MARKER_PIECES), max_size=16),
    st.lists(st.sampled_from(_MARKER_JOINS), min_size=16, max_size=16),
)
def test_the_markers_of_a_line_are_those_the_whole_text_has_there(
    pieces: list[str], joins: list[str]
) -> None:
    """The reader finds a line's markers when a phrase in it is first asked about: the same
    markers as one scan of the whole text finds there."""
    text = "".join(piece + join for piece, join in zip(pieces, joins, strict=False))
    whole = list(zip(*_markers(text), strict=True))
    left = 0
    for line in text.split("\n"):
        right = left + len(line)
        found = list(zip(*_markers_between(" " + text, left, right), strict=True))
        assert found == [marker for marker in whole if left <= marker[0] < right]
        left = right + 1
