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
