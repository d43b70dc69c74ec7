"""Review states in words and keys: light enough for the app's first paint (no SQLAlchemy)."""

from __future__ import annotations

import re

from desk.model.vocabulary import ReviewState

#: How a state reads on screen and in messages.
STATE_LABELS = {
    ReviewState.DRAFT: "draft",
    ReviewState.NEEDS_REVIEW: "needs review",
    ReviewState.VERIFIED: "verified",
    ReviewState.DISPUTED: "disputed",
}

#: Where one press of "move along" takes a record (verified stays verified).
NEXT_STATE = {
    ReviewState.DRAFT: ReviewState.NEEDS_REVIEW,
    ReviewState.NEEDS_REVIEW: ReviewState.VERIFIED,
    ReviewState.DISPUTED: ReviewState.NEEDS_REVIEW,
    ReviewState.VERIFIED: ReviewState.VERIFIED,
}

#: A review state typed in a list's filter box: ``is:verified``, ``is:needs-review``…
_STATE_TOKEN = re.compile(r"(?<!\S)is:(draft|needs[-_]review|verified|disputed)(?!\S)", re.I)

#: How each state is typed in the filter box.
FILTER_TOKENS = {state: f"is:{state.value.replace('_', '-')}" for state in ReviewState}


def state_filter(typed: str | None) -> tuple[ReviewState | None, str | None]:
    """Split what was typed into a review state (``is:verified``) and the words to match."""
    if not typed:
        return None, typed
    found = _STATE_TOKEN.search(typed)
    if found is None:
        return None, typed
    state = ReviewState(found.group(1).lower().replace("-", "_"))
    rest = (typed[: found.start()] + " " + typed[found.end() :]).strip()
    return state, rest or None
