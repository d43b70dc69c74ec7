"""The day relative dates typed in a form resolve against, and why that day.

"On Tuesday" in a report of Friday 21 March 2025 means 18 March 2025, not the Tuesday before
the analyst's today. The reference is the publication day of the source the user is working
from (the one shown in the cite pane, or the source of a suggestion); today only as a fallback
the form says out loud.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desk.text_safety import single_line


@dataclass(frozen=True)
class DateReference:
    day: dt.date
    #: The source whose publication day this is; None when it is today, the fallback.
    source_title: str | None = None

    @property
    def is_today(self) -> bool:
        return self.source_title is None

    def describe(self) -> str:
        """'as of Fri 21 Mar 2025, published day of “…”' or 'as of today (1 Dec 2026)'."""
        day = f"{self.day:%a} {self.day.day} {self.day:%b %Y}"
        if self.source_title is None:
            return f"as of today, {day}: no source with a publication day is open"
        return f"as of {day}, the day “{single_line(self.source_title)[:40]}” was published"


def today() -> DateReference:
    return DateReference(dt.date.today())


def from_source(title: str, published: dt.date | None) -> DateReference | None:
    """A source's publication day as a reference, or None when the source has none."""
    return DateReference(published, title) if published is not None else None
