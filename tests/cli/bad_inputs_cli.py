"""Bad inputs for the commands that open a desk: arguments, paths, foreign and damaged databases."""

from __future__ import annotations

from badinput import BadInput, Scratch


def _missing_file(scratch: Scratch) -> list[str]:
    return ["--db", str(scratch.path("desk.sqlite")), "add-source", "no-such-report.txt"]


def _unknown_url_scheme(scratch: Scratch) -> list[str]:
    return ["--db", "mysql://x", "stats"]


CASES = [
    BadInput(
        "add-source-missing-file",
        _missing_file,
        expect=["no-such-report.txt"],
        unchanged=["no-such-report.txt"],
    ),
    BadInput("db-mysql-url", _unknown_url_scheme, expect=["mysql"]),
]
