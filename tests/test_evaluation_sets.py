"""The sealed evaluation sets stay consistent with their texts (no desk code reads them here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CHECKER = Path(__file__).parents[1] / "benchmarks" / "proposals" / "check_annotations.py"


def test_the_held_out_annotations_match_their_texts() -> None:
    result = subprocess.run(
        [sys.executable, str(CHECKER)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "consistent" in result.stdout
