"""Adding a source: paste its text or load a .txt, .md or .html file (text extracted from HTML)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk import model as schema
from desk.store.errors import InvalidField
from desk.text_safety import single_line
from desk.texts import SUPPORTED_SUFFIXES, normalize_newlines, read_source_file
from desk.tui.screens.form import Field, FormScreen
from desk.tui.screens.records import RELIABILITY_FIELD

if TYPE_CHECKING:
    from desk.store import Store

FIELDS = [
    Field(
        "file",
        "Load from file",
        placeholder="~/reports/yonhap-2025-03-21.html",
        help=f"{', '.join(SUPPORTED_SUFFIXES)}; or paste the text below",
    ),
    Field("title", "Title", placeholder="taken from the file when it has one"),
    Field("publisher", "Publisher", placeholder="Yonhap News Agency"),
    Field("date", "Published", kind="date", relative=False),
    RELIABILITY_FIELD,
    Field("url", "URL"),
    Field("language", "Language", placeholder="en"),
    Field(
        "text",
        "Text",
        kind="multiline",
        help="the report exactly as read; quotes are checked against it",
    ),
]


def add_source_form(store: Store) -> FormScreen:
    today = dt.date.today()
    #: Texts the user chose to add again after being told they are already in the desk.
    again: set[str] = set()

    def save(values: dict[str, Any], _version: int | None) -> schema.Source:
        values = dict(values)
        file = values.pop("file", None)
        title = values.get("title")
        text = normalize_newlines(values.get("text") or "")
        if file:
            path = Path(file).expanduser()
            if not path.is_file():
                raise InvalidField("file", f"there is no file at {path}")
            text, file_title = read_source_file(path)
            title = title or file_title or path.stem.replace("-", " ").replace("_", " ")
        if not text.strip():
            raise InvalidField("text", "paste the report's text, or give a file to load it from")
        if not title:
            raise InvalidField("title", "a source needs a title")
        values["title"] = title
        values["text"] = text
        same = store.source_with_text(text)
        if same is not None and text not in again:
            again.add(text)  # asked once: saving again means "add it anyway"
            field = "file" if file else "text"
            raise InvalidField(
                field,
                f"this text is already source #{same.id} “{single_line(same.title)}” "
                "(same SHA-256); ctrl+s adds it again anyway, Esc leaves it",
            )
        return store.create(schema.Source, reference=today, **values)

    return FormScreen("New source", FIELDS, save, reference=today)
