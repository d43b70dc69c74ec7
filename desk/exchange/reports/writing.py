"""Writing a dossier report: the suffix chooses the format; the file appears whole or not at all."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desk.errors import DeskError
from desk.exchange.atomic import readable_mode
from desk.exchange.reports.html import render_html
from desk.exchange.reports.markdown import render_markdown
from desk.exchange.reports.model import build_report
from desk.exchange.subjects import resolve_actor, resolve_agenda

if TYPE_CHECKING:
    from desk.store import Store

RENDERERS = {".html": render_html, ".htm": render_html, ".md": render_markdown}


class ReportRefused(DeskError):
    """The report cannot be written where or how it was asked for; nothing was written."""


@dataclass(frozen=True)
class ReportWritten:
    path: Path
    title: str
    meetings: int
    footnotes: int


def write_report(
    store: Store, kind: str, subject: int | str, out: str | os.PathLike[str]
) -> ReportWritten:
    """Write the dossier of the actor or agenda item ``subject`` (id, name or title) to ``out``."""
    path = Path(out).expanduser()
    render = RENDERERS.get(path.suffix.lower())
    if render is None:
        raise ReportRefused(
            f"{path}: a report is written as .html or .md (the suffix chooses), "
            f"not {path.suffix or 'a file without a suffix'}"
        )
    if not path.parent.is_dir():
        raise ReportRefused(f"{path}: there is no folder {path.parent}")
    if kind == "actor":
        record_id, _ = resolve_actor(store, subject)
    elif kind == "agenda":
        record_id, _ = resolve_agenda(store, subject)
    else:
        raise ReportRefused(f"a report is about an actor or an agenda item, not {kind!r}")
    report = build_report(store, kind, record_id)
    document = render(report)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
            file.write(document)
        os.chmod(temporary, readable_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return ReportWritten(path, report.title, len(report.meetings), len(report.footnotes))
