"""Holidays news copy dates things by: which day each falls on in a given year.

Fixed ones are a month and day; Easter comes from python-dateutil's computation (Western, or
Orthodox when the text says so); Thanksgiving is the US one, the fourth Thursday of
November. Every country keeps its own Independence Day: the phrase names one ("India's
Independence Day", "Ukrainian Independence Day") or means the US one, July 4; ``find`` picks
the country its text names most (a New Delhi report's "on Independence Day" is India's). Which
year a holiday named without one means is decided in ``relative``.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter
from dateutil.relativedelta import TH, relativedelta

_FIXED = {
    "new year's day": (1, 1),
    "new year's": (1, 1),
    "may day": (5, 1),
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "new year's eve": (12, 31),
}

#: Independence days of the countries news copy names, by name and by adjective.
INDEPENDENCE_DAYS: dict[str, tuple[int, int]] = {
    "united states": (7, 4),
    "us": (7, 4),
    "u.s.": (7, 4),
    "american": (7, 4),
    "india": (8, 15),
    "indian": (8, 15),
    "pakistan": (8, 14),
    "pakistani": (8, 14),
    "ukraine": (8, 24),
    "ukrainian": (8, 24),
    "indonesia": (8, 17),
    "indonesian": (8, 17),
    "mexico": (9, 16),
    "mexican": (9, 16),
    "philippines": (6, 12),
    "philippine": (6, 12),
    "bangladesh": (3, 26),
    "bangladeshi": (3, 26),
    "ghana": (3, 6),
    "ghanaian": (3, 6),
}
_COUNTRY_RE = "|".join(
    re.escape(name).replace(r"\ ", r"\s")
    for name in sorted(INDEPENDENCE_DAYS, key=len, reverse=True)
)
_INDEPENDENCE = "independence day"

#: Holiday names as ``parse`` sees them (lower case, straight apostrophes), longest first.
HOLIDAY_RE = (
    r"new\syear's(?:\s(?:day|eve))?|christmas(?:\s(?:eve|day))?|may\sday"
    rf"|(?:(?:{_COUNTRY_RE})(?:'s)?\s)?independence\sday"
    r"|(?:orthodox\s)?easter(?:\s(?:sunday|monday))?|thanksgiving(?:\sday)?"
)
_SPACES = re.compile(r"\s+")


def day_of(name: str, year: int) -> dt.date:
    """The day the holiday ``name`` (as matched by ``HOLIDAY_RE``) falls on in ``year``."""
    name = _SPACES.sub(" ", name)
    if name in _FIXED:
        return dt.date(year, *_FIXED[name])
    if name.endswith(_INDEPENDENCE):
        owner = name.removesuffix(_INDEPENDENCE).rstrip().removesuffix("'s")
        country = owner or "united states"
        return dt.date(year, *INDEPENDENCE_DAYS[country])
    if name.startswith("thanksgiving"):
        return dt.date(year, 11, 1) + relativedelta(weekday=TH(+4))
    method = EASTER_ORTHODOX if name.startswith("orthodox") else EASTER_WESTERN
    sunday = easter(year, method)
    return sunday + dt.timedelta(days=1) if name.endswith("monday") else sunday
