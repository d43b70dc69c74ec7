"""Finding a quoted passage in a source's text, and describing it as a TextQuoteSelector.

Offsets count code points (Python string indices), as the W3C Web Annotation model and the
stored ``quote_start``/``quote_end`` do. A quote that is not in the text is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desk.store.errors import AmbiguousQuote, QuoteNotFound

#: Characters of context kept before and after a quote.
CONTEXT = 32


@dataclass(frozen=True)
class Anchor:
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


def anchor_at(text: str, start: int, end: int) -> Anchor:
    return Anchor(
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        start=start,
        end=end,
    )


def occurrences(text: str, quote: str) -> list[int]:
    found = []
    position = text.find(quote)
    while position != -1:
        found.append(position)
        position = text.find(quote, position + 1)
    return found


def locate(
    text: str,
    quote: str,
    *,
    where: str,
    start: int | None = None,
    occurrence: int | None = None,
) -> Anchor:
    """The anchor of ``quote`` in ``text``; ``where`` names the source in messages.

    ``start`` pins the quote to an offset (a selection in the linking pane); ``occurrence``
    (1-based) picks one of several identical passages. Without either, a quote that occurs more
    than once is refused as ambiguous rather than guessed.
    """
    if not quote or not quote.strip():
        raise QuoteNotFound(
            "the quote is empty: select or type the passage that supports the record"
        )
    if start is not None:
        if text[start : start + len(quote)] != quote:
            raise QuoteNotFound(
                f"the quote {_short(quote)} is not at offset {start} of {where}"
                + _near_miss(text, quote)
            )
        return anchor_at(text, start, start + len(quote))
    found = occurrences(text, quote)
    if not found:
        raise QuoteNotFound(
            f"the quote {_short(quote)} does not occur in {where}" + _near_miss(text, quote)
        )
    if occurrence is not None:
        if not 1 <= occurrence <= len(found):
            raise QuoteNotFound(
                f"the quote {_short(quote)} occurs {len(found)} time(s) in {where}, "
                f"so there is no occurrence {occurrence}"
            )
        position = found[occurrence - 1]
        return anchor_at(text, position, position + len(quote))
    if len(found) > 1:
        raise AmbiguousQuote(
            f"the quote {_short(quote)} occurs {len(found)} times in {where} (at offsets "
            f"{', '.join(map(str, found))}); give a longer passage or say which occurrence",
            found,
        )
    return anchor_at(text, found[0], found[0] + len(quote))


def _short(quote: str, limit: int = 60) -> str:
    shown = quote if len(quote) <= limit else quote[: limit - 1] + "…"
    return f"“{shown}”"


def _near_miss(text: str, quote: str) -> str:
    """A hint when the passage is there but differs in case, spacing or quotation marks."""
    words = [re.escape(word) for word in re.findall(r"\w+", quote)]
    if not words:
        return ""
    pattern = re.compile(r"\W+".join(words), re.IGNORECASE)
    match = pattern.search(text)
    if match is None:
        return ""
    return (
        f" (a passage differing only in case, spacing or punctuation is at offset "
        f"{match.start()}: {_short(match.group(0))})"
    )
