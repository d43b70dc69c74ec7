"""``desk.dates`` loads its readers on first use and keeps ``find`` and ``parse`` the functions,
even after their submodules of the same names are imported (which binds them on the package)."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys, types
import desk.dates
assert "desk.dates.find" not in sys.modules and "desk.dates.parse" not in sys.modules
import desk.dates.find, desk.dates.parse
from desk.dates import find, parse, DateMatch, Tense
assert isinstance(find, types.FunctionType) and isinstance(parse, types.FunctionType)
assert desk.dates.parse is parse and desk.dates.find is find
assert str(parse("21 March 2025")) == "2025-03-21"
from desk.dates import absolute
assert isinstance(absolute, types.ModuleType)
print("ok")
"""


def test_readers_load_on_first_use_and_stay_functions() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "ok", result.stderr


def test_month_and_weekday_names_are_dateutils() -> None:
    """The vocabulary's copy of dateutil's tables is dateutil's (it is copied so that reading
    a report does not import dateutil's parser, which is loaded only for its fallback)."""
    from dateutil.parser import parserinfo

    from desk.dates import vocabulary

    info = parserinfo()
    assert vocabulary.DATEUTIL_MONTHS == info.MONTHS
    assert vocabulary.DATEUTIL_WEEKDAYS == info.WEEKDAYS


def test_finding_dates_loads_dateutils_parser_only_for_its_fallback() -> None:
    code = (
        "import sys, datetime as dt\n"
        "from desk.dates import find\n"
        "find('They met on Friday, March 21, 2025, and again last June.', dt.date(2025, 3, 24))\n"
        "print('dateutil.parser' in sys.modules)\n"
        "from desk.dates.absolute import read_with_dateutil\n"
        "print(read_with_dateutil('2025/03/04'), 'dateutil.parser' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    lines = result.stdout.split("\n")
    assert lines[0] == "False"
    assert lines[1].endswith(" True") and lines[1] != "None True"
