"""Bad inputs for export, import and copy: damaged zips and descriptors, hostile packages."""

from __future__ import annotations

from badinput import BadInput, Scratch


def _not_a_zip(scratch: Scratch) -> list[str]:
    scratch.path("package.zip").write_bytes(b"this is not a zip file")
    return ["--db", str(scratch.path("desk.sqlite")), "import", "package.zip"]


CASES = [
    BadInput(
        "import-not-a-zip",
        _not_a_zip,
        expect=["package.zip"],
        unchanged=["package.zip"],
    ),
]
