"""One table of bad inputs across every command: each is refused in one line, changing nothing.

The cases live beside this file, one module per layer (``bad_inputs_*.py``, each exporting
``CASES``); the harness is ``badinput.py``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from badinput import BadInput, Scratch, check_refused


def _all_cases() -> list[BadInput]:
    cases: list[BadInput] = []
    for path in sorted(Path(__file__).parent.glob("bad_inputs_*.py")):
        cases.extend(importlib.import_module(path.stem).CASES)
    return cases


CASES = _all_cases()


def test_the_table_is_large_and_its_ids_unique() -> None:
    assert len(CASES) >= 60
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


@pytest.fixture
def scratch(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Scratch]:
    case: BadInput = request.param
    folder = tmp_path / "scratch"
    folder.mkdir()
    if not case.needs_postgres:
        yield Scratch(folder)
        return
    from engines import database_url

    for url in database_url(request, "postgresql", "empty"):
        yield Scratch(folder, url)


@pytest.mark.parametrize(
    ("case", "scratch"),
    [(case, case) for case in CASES],
    ids=[c.id for c in CASES],
    indirect=["scratch"],
)
def test_refused_in_one_line_changing_nothing(case: BadInput, scratch: Scratch) -> None:
    check_refused(case, scratch)
