"""Holidays news copy dates things by: which day each falls on in a given year.

Fixed ones are a month and day; Easter comes from python-dateutil's computation (Western, or
Orthodox when the text says so); Thanksgiving is the US one, the fourth Thursday of
November, and Independence Day the US one, July 4 (``find`` leaves it alone when a country
names it as its own: "Ukraine's Independence Day", "Indian Independence Day"). Which year a
holiday named without one means is decided in ``relative``.
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
    "independence day": (7, 4),
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "new year's eve": (12, 31),
}

#: Holiday names as ``parse`` sees them (lower case, straight apostrophes), longest first.
HOLIDAY_RE = (
    r"new\syear's(?:\s(?:day|eve))?|christmas(?:\s(?:eve|day))?|may\sday|independence\sday"
    r"|(?:orthodox\s)?easter(?:\s(?:sunday|monday))?|thanksgiving(?:\sday)?"
)
_SPACES = re.compile(r"\s+")


def day_of(name: str, year: int) -> dt.date:
    """The day the holiday ``name`` (as matched by ``HOLIDAY_RE``) falls on in ``year``."""
    name = _SPACES.sub(" ", name)
    if name in _FIXED:
        return dt.date(year, *_FIXED[name])
    if name.startswith("thanksgiving"):
        return dt.date(year, 11, 1) + relativedelta(weekday=TH(+4))
    method = EASTER_ORTHODOX if name.startswith("orthodox") else EASTER_WESTERN
    sunday = easter(year, method)
    return sunday + dt.timedelta(days=1) if name.endswith("monday") else sunday
