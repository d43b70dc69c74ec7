"""Who sends someone to a meeting rather than going: "on behalf of Putin", "Putin's envoy"."""

from __future__ import annotations

from desk.ingest.meetings.context import Context
from desk.ingest.mentions import Mention
from desk.ingest.vocabulary import SENDING, TITLE_HEADS, TITLE_MODIFIERS


def sends_someone(ctx: Context, mention: Mention) -> bool:
    """'on behalf of Putin', 'an envoy of the king', 'sent by Xi', "Putin's envoy": whoever
    sends someone to a meeting is not at it."""
    tokens = ctx.doc.tokens
    first, last = mention.first, mention.last
    while first > 0 and tokens[first - 1].lower in TITLE_HEADS | TITLE_MODIFIERS:
        first -= 1  # "on behalf of President X"
    before = [t.lower for t in tokens[max(0, first - 3) : first]]
    if len(before) >= 2 and before[-1] in ("of", "by", "from") and before[-2] in SENDING:
        return True
    if (
        len(before) >= 3
        and before[-1] == "the"
        and before[-2] in ("of", "by", "from")
        and before[-3] in SENDING
    ):
        return True
    if tokens[last].possessive and last + 1 < len(tokens):
        following = tokens[last + 1].lower
        return following in SENDING or following in TITLE_HEADS
    return False
