"""Record text is data: hostile titles, names and source text go through every screen literally.

One desk holds a meeting, an actor (with an alias), an agenda item, a source and a citation whose
text carries Rich/Textual markup (``@click`` actions, ``[/]``, ``[link=file://…]``), bracketed
words, terminal escape sequences (CSI, OSC title, OSC 52 clipboard), bidi overrides, zero-width
characters, a 5,000-character word, Hangul and an emoji. The escape sequences cannot be stored
through the store any more, so they are written with SQL, as a hostile package or an older desk
could have. Every screen is walked with Pilot: the text shows literally, no action runs, nothing
crashes, and no control character reaches the rendered output.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from engines import engine, store  # noqa: F401  (the live test runs on both engines)
from sqlalchemy import text as sql
from textual.app import App
from textual.pilot import Pilot

from desk.model import Actor, AgendaItem, Meeting, Source
from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.screens.main import MainScreen

from .conftest import settle

CLICK_QUIT = "[@click=app.quit]quit[/]"
CLICK_SCREENSHOT = "[@click=app.screenshot('desk.sqlite','.')]x[/]"
CLOSE = "[/]"
LINK = "[link=file:///etc/passwd]x[/link]"
UPDATE = "[UPDATE] Kim meets Shoigu"
PLACE = "Pyongyang [DPRK]"
CSI_CLEAR = "\x1b[2J"
OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4veA==\x07"  # rm -rf ~/x
BIDI = "\u202e"
ZERO_WIDTH = "\u200b"
LONG_WORD = "W" * 5000
HANGUL = "김정은"
EMOJI = "🚀"

MEETING_TITLE = f"{UPDATE} {CLICK_QUIT}"
ACTOR_NAME = f"{HANGUL} {CLICK_SCREENSHOT} {EMOJI}"
AGENDA_TITLE = f"{CLOSE} Ceasefire {LINK}"
SOURCE_TITLE = f"{CLOSE} Yonhap {CLICK_QUIT}"
QUOTE = "Kim met Shoigu in Pyongyang [DPRK]."
SOURCE_TEXT = (
    f"{QUOTE} Kim may travel to Moscow in May, experts said Friday.\n"
    f"{CLICK_QUIT} {LINK} {HANGUL} {EMOJI} {CLOSE}.\n"
    f"{LONG_WORD}.\n"
    "Putin and Kim signed a treaty in June.\n"
)

#: What must never reach the screen as it is: C0/C1 controls (but newline), bidi overrides
#: and zero-width characters.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _inject(desk: Store, table: str, record_id: int, **values: str) -> None:
    """Write values the store refuses, as a hostile package or an older desk could hold them."""
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    with desk.engine.begin() as connection:
        connection.execute(
            sql(f"UPDATE {table} SET {assignments} WHERE id = :id"), {**values, "id": record_id}
        )


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Store, Path]]:
    """A desk (and its file) whose every record carries hostile text."""
    # app.screenshot('desk.sqlite', '.') would write into the working directory: make that the
    # desk's own folder, so the test sees it if the action ever runs.
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "desk.sqlite"
    with Store.open(path) as desk:
        source = desk.create(
            Source, title=SOURCE_TITLE, publisher=PLACE, text=SOURCE_TEXT, date="2025-03-21"
        )
        meeting = desk.create(Meeting, title=MEETING_TITLE, place=PLACE, date="2025-03-21")
        actor = desk.create(Actor, name=ACTOR_NAME, title=LINK, country=CLOSE)
        agenda = desk.create(AgendaItem, title=AGENDA_TITLE, description=LONG_WORD)
        desk.add_alias(actor.id, f"{CLOSE} Kim Jong Un", "en")
        desk.link_actor(meeting.id, actor.id, "host", note=CLICK_QUIT)
        desk.link_agenda(meeting.id, agenda.id, "reported")
        desk.attach_evidence(
            Meeting, meeting.id, source.id, QUOTE, start=0, attributed_text=CLICK_QUIT
        )
        desk.attach_evidence(Actor, actor.id, source.id, QUOTE, start=0)
        # Controls after the cited passage, so its offsets still hold.
        _inject(
            desk,
            "source",
            source.id,
            title=f"{SOURCE_TITLE} {OSC_TITLE}",
            text=SOURCE_TEXT + f"{OSC_CLIPBOARD}{CSI_CLEAR} {BIDI}evil{ZERO_WIDTH} end.\n",
        )
        _inject(
            desk,
            "meeting",
            meeting.id,
            title=f"{MEETING_TITLE} {OSC_TITLE}{BIDI}",
            place=f"{PLACE} {CSI_CLEAR}",
            summary=f"{OSC_CLIPBOARD} {LONG_WORD} {ZERO_WIDTH}",
        )
        _inject(desk, "actor", actor.id, notes=f"{OSC_CLIPBOARD}{CLICK_QUIT}")
        _inject(desk, "agenda_item", agenda.id, title=f"{AGENDA_TITLE} {CSI_CLEAR}")
        yield desk, path


def rendered(app: App[None]) -> str:
    """What the current screen would write to the terminal, as text (styles dropped)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def assert_harmless(app: App[None], path: Path, *expected: str) -> str:
    """The app runs, the desk file is still a desk, nothing raw on screen, ``expected`` shown."""
    assert app.is_running and app.return_code is None
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"  # not an SVG screenshot
    shown = rendered(app)
    raw = RAW.search(shown)
    assert raw is None, (
        f"{raw.group()!r} reached the screen: {shown[raw.start() - 40 : raw.end()]!r}"
    )
    for text in expected:
        assert text in shown, f"{text!r} is not on screen"
    return shown


async def wait_for(pilot: Pilot[None], condition: object, rounds: int = 40) -> None:
    for _ in range(rounds):
        await settle(pilot)
        if callable(condition) and condition():
            return
        await pilot.pause(0.05)


async def test_hostile_text_goes_through_every_screen_literally(
    hostile: tuple[Store, Path],
) -> None:
    from textual.command import CommandPalette

    from desk.tui.screens.confirm import ConfirmScreen
    from desk.tui.screens.dossier import DossierScreen
    from desk.tui.screens.form import FormScreen
    from desk.tui.screens.help import HelpScreen
    from desk.tui.screens.history import HistoryScreen
    from desk.tui.screens.linking import LinkingScreen
    from desk.tui.screens.suggestions import SuggestionsScreen
    from desk.tui.screens.unsourced import UnsourcedScreen

    desk, path = hostile
    app = DeskApp(desk)
    async with app.run_test(size=(200, 60), notifications=True) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)

        # The four lists, each with the hostile row selected and its details beside it.
        await wait_for(pilot, lambda: main.detail.detail is not None)
        shown = assert_harmless(app, path, UPDATE, CLICK_QUIT, PLACE, "␛]0;pwned␇")
        assert "<U+202E>" in shown and "␛[2J" in shown
        await pilot.press("2")
        await wait_for(pilot, lambda: main.kind.name == "actors" and main.detail.detail)
        assert_harmless(app, path, HANGUL, CLICK_SCREENSHOT, EMOJI, LINK, f"{CLOSE} Kim Jong Un")
        await pilot.press("3")
        await wait_for(pilot, lambda: main.kind.name == "agenda" and main.detail.detail)
        assert_harmless(app, path, AGENDA_TITLE, "WWWWWWWWWW")
        await pilot.press("4")
        await wait_for(pilot, lambda: main.kind.name == "sources" and main.detail.detail)
        assert_harmless(app, path, SOURCE_TITLE, PLACE, QUOTE)

        # The detail pane, focused: each of its parts.
        await pilot.press("1")
        await wait_for(pilot, lambda: main.kind.name == "meetings" and main.detail.detail)
        main.detail.focus()
        await pilot.press("down", "down", "down")
        await settle(pilot)
        assert_harmless(app, path, HANGUL, "says " + CLICK_QUIT)

        # The filter.
        main.table.focus()
        await pilot.press("slash", *"UPDATE")
        await wait_for(pilot, lambda: main.table.typed == "UPDATE")
        assert_harmless(app, path, UPDATE)
        await pilot.press("escape")
        await settle(pilot)

        # The palette, searching for the record.
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Shoigu")
        for _ in range(30):
            await pilot.pause(0.05)
            if UPDATE in rendered(app):
                break
        assert_harmless(app, path, f"meeting: {UPDATE} {CLICK_QUIT}")
        await pilot.press("escape")
        await settle(pilot)

        # The delete dialog, then cancel.
        main.table.focus()
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert_harmless(app, path, UPDATE, CLICK_QUIT)
        await pilot.press("n")
        await settle(pilot)
        assert desk.page(Meeting).rows, "cancelled: the meeting is still there"

        # The edit form: controls shown as pictures; saving untouched fields changes nothing.
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        assert_harmless(app, path, UPDATE, PLACE, "␛]0;pwned␇")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        meeting = desk.page(Meeting).rows[0]
        assert meeting.title == f"{MEETING_TITLE} {OSC_TITLE}{BIDI}"  # not the pictures
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("end", *" (edited)", "ctrl+s")  # an edited field keeps the pictures
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        meeting = desk.page(Meeting).rows[0]
        assert meeting.title == f"{MEETING_TITLE} ␛]0;pwned␇{BIDI} (edited)"
        assert_harmless(app, path)

        # The history of the meeting.
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        assert_harmless(app, path, "[UPDATE] Kim")
        await pilot.press("escape")
        await settle(pilot)

        # The linking pane: the source text beside the meeting's evidence.
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LinkingScreen) and app.screen.loaded)
        shown = assert_harmless(app, path, QUOTE, CLICK_QUIT, LINK, HANGUL, "␛]52;c;")
        assert "◌evil◌" in shown  # bidi override and zero-width space, one stand-in each
        linking = app.screen
        assert isinstance(linking, LinkingScreen)
        text_area = linking._text()
        assert text_area is not None
        text_area.select_span((0, len(QUOTE)))  # the cited offsets still select the quote
        assert text_area.selected_text == QUOTE
        await pilot.press("escape")
        await settle(pilot)

        # The dossiers of the actor and of the agenda item.
        await pilot.press("2")
        await wait_for(pilot, lambda: main.kind.name == "actors" and main.table.current)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, DossierScreen) and app.screen.dossier)
        assert_harmless(app, path, HANGUL, UPDATE)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("3")
        await wait_for(pilot, lambda: main.kind.name == "agenda" and main.table.current)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, DossierScreen) and app.screen.dossier)
        assert_harmless(app, path, AGENDA_TITLE, UPDATE)
        await pilot.press("escape")
        await settle(pilot)

        # The suggestions pane for the source.
        await pilot.press("4")
        await wait_for(pilot, lambda: main.kind.name == "sources" and main.table.current)
        await pilot.press("s")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, SuggestionsScreen) and app.screen.proposals is not None,
        )
        assert_harmless(app, path, SOURCE_TITLE)
        await pilot.press("escape")
        await settle(pilot)

        # The unsourced list (the agenda item has no evidence) and help.
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, UnsourcedScreen) and app.screen.hits)
        assert_harmless(app, path, AGENDA_TITLE)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert_harmless(app, path)
        await pilot.press("escape")
        await settle(pilot)
        assert_harmless(app, path)
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"


@pytest.fixture
def clickable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Store, Path]]:
    """A desk whose titles are valid markup with @click actions (nothing else to trip on)."""
    monkeypatch.chdir(tmp_path)  # where app.screenshot('desk.sqlite', '.') would write
    path = tmp_path / "desk.sqlite"
    with Store.open(path) as desk:
        desk.create(Meeting, title=f"{CLICK_SCREENSHOT} talks", date="2025-03-21")
        desk.create(Actor, name=f"{CLICK_QUIT} Choe")
        yield desk, path


async def test_clicking_an_action_in_a_title_runs_nothing(clickable: tuple[Store, Path]) -> None:
    from desk.tui.screens.confirm import ConfirmScreen

    desk, path = clickable
    app = DeskApp(desk)
    async with app.run_test(size=(200, 60), notifications=True) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        # Meetings: date (14) and status (12) columns, each with one cell of padding either side;
        # the title's first letters would carry the click action if it were markup.
        for x in range(30, 37):
            await pilot.click("#table-meetings", offset=(x, 1))
            await settle(pilot)
            assert_harmless(app, path, CLICK_SCREENSHOT)
        # The delete dialog names the meeting: click along its question.
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        for x in range(0, 40):
            await pilot.click("#question", offset=(x, 0))
            await pilot.pause()
            assert_harmless(app, path, CLICK_SCREENSHOT)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        for x in range(1, 6):  # the actor's name holds @click=app.quit
            await pilot.click("#table-actors", offset=(x, 1))
            await settle(pilot)
            assert_harmless(app, path, CLICK_QUIT)
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert list(path.parent.glob("*.svg")) == []


async def test_a_colleagues_hostile_name_appears_literally(store: Store) -> None:  # noqa: F811
    """Live refresh, on both engines: a colleague adds ``Ri [/] Son-gwon`` while the app is open."""
    name, title, author = "Ri [/] Son-gwon", "[i]x[/i]", "colleague [b]x[/b]"
    app = DeskApp(store)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("2")
        await settle(pilot)
        with Store.open(store.location, author=author) as colleague:
            colleague.create(Actor, name=name, title=title)
        for _ in range(80):  # the watcher looks once a second; then the notification shows
            await pilot.pause(0.1)
            if any(row.name == name for row in main.table.loaded_rows) and "Updated" in rendered(
                app
            ):
                break
        await settle(pilot)
        assert app.is_running and app.return_code is None
        shown = rendered(app)
        assert RAW.search(shown) is None
        row = next(line for line in shown.splitlines() if line.lstrip().startswith(name))
        assert title in row  # the list's cells, not only the detail pane
        # The notification, literal too (its text wraps in the toast).
        assert f"a change by {author}: create actor" in shown
        assert any(name in notification.message for notification in app._notifications)


async def test_a_form_refuses_a_control_character_at_its_field(store: Store) -> None:  # noqa: F811
    """Input side, on both engines: the store refuses, the form names the field and position."""
    from textual.widgets import Input, Static, TextArea

    from desk.tui.screens.form import FormScreen

    app = DeskApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-title", Input).value = "Kim\x1b[2J talks"  # as pasted
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # not saved
        error = form.query_one("#error-title", Static)
        assert error.display
        assert "U+001B (ESC) at position 4" in str(error.render())
        assert store.page(Meeting).rows == []
        await pilot.press("escape")  # the form has changes: it asks first
        await settle(pilot)
        await pilot.press("d")  # discard them
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)

        # A pasted source with Windows line ends is stored with \n (not refused for its \r).
        await pilot.press("4", "n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-title", Input).value = "Pasted report"
        form.query_one("#field-text", TextArea).text = "Kim met Shoigu.\r\nThey talked.\r\n"
        await pilot.press("ctrl+s")
        await settle(pilot)
        sources = store.page(Source).rows
        assert len(sources) == 1
        assert store.get(Source, sources[0].id).text == "Kim met Shoigu.\nThey talked.\n"
