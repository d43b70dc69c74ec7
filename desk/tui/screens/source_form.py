"""Adding a source: paste its text, load a .txt, .md or .html file, or fetch a web page.

An HTML page (a file or a URL) is reduced to its main text; its title, author, publisher and
publication day fill the fields left empty, and the page itself is kept as the archived copy.
Fetching runs in the form's save worker, so the screen never waits on the network.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from desk import model as schema
from desk.ingest.source import Report, read_report
from desk.store.errors import DeskError, InvalidField
from desk.text_safety import single_line
from desk.texts import SUPPORTED_SUFFIXES, normalize_newlines
from desk.texts.fetch import is_url
from desk.tui.form_values import FormValues
from desk.tui.screens.form import Field, FormScreen
from desk.tui.screens.records import RELIABILITY_FIELD

if TYPE_CHECKING:
    from desk.store import Store

FIELDS = [
    Field(
        "file",
        "Load from file or URL",
        placeholder="~/reports/yonhap-2025-03-21.html or https://…",
        help=f"{', '.join(SUPPORTED_SUFFIXES)} or an http(s) page; or paste the text below",
    ),
    Field("title", "Title", placeholder="taken from the file or page when it has one"),
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

    def save(values: FormValues, _version: int | None) -> schema.Source:
        location = values.text("file")
        arguments = values.arguments(without=("file",))
        title = values.text("title")
        text = normalize_newlines(values.text("text") or "")
        page = None
        if location:
            report = _read(location)
            read = report.read
            text, page = read.text, report.page
            title = title or report.default_title
            page_values = {
                "publisher": read.publisher,
                "date": read.published,
                "url": report.url,
                "author": read.author,
                "retrieved_at": report.retrieved_at,
            }
            for name, value in page_values.items():
                if value is not None and not arguments.get(name):
                    arguments[name] = value
        if not text.strip():
            raise InvalidField("text", "paste the report's text, or give a file to load it from")
        if not title:
            raise InvalidField("title", "a source needs a title")
        arguments["title"] = title
        arguments["text"] = text
        same = store.source_with_text(text)
        if same is not None and text not in again:
            again.add(text)  # asked once: saving again means "add it anyway"
            field = "file" if location else "text"
            raise InvalidField(
                field,
                f"this text is already source #{same.id} “{single_line(same.title)}” "
                "(same SHA-256); ctrl+s adds it again anyway, Esc leaves it",
            )
        return store.create(schema.Source, reference=today, archive=page, **arguments)

    return FormScreen("New source", FIELDS, save, reference=today)


def _read(location: str) -> Report:
    """The report at a path or URL; what is wrong with it is shown on the field."""
    if not is_url(location):
        path = Path(location).expanduser()
        if not path.is_file():
            raise InvalidField("file", f"there is no file at {path}")
    try:
        return read_report(location)
    except DeskError as error:
        raise InvalidField("file", str(error)) from error
