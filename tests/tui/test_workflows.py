"""Curating by keyboard: the workflows an analyst goes through, key by key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, Select

from desk.model import Actor, AgendaItem, Meeting, Source
from desk.store import Store
from desk.texts import sentence_spans
from desk.tui.app import DeskApp
from desk.tui.screens.form import FormScreen
from desk.tui.screens.main import MainScreen

from .conftest import settle


def main_screen(app: DeskApp) -> MainScreen:
    screen = app.screen_stack[1]
    assert isinstance(screen, MainScreen)
    return screen


async def test_add_a_meeting_with_two_actors_and_an_agenda_item(store: Store) -> None:
    store.create(Actor, name="Sergei Shoigu", title="Secretary of Russia's Security Council")
    app = DeskApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Shoigu-Kim talks")
        await pilot.press("tab", *"2025-03-21")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        meetings = store.page(Meeting).rows
        assert [(m.title, m.date.text if m.date else None) for m in meetings] == [
            ("Shoigu-Kim talks", "2025-03-21")
        ]
        table = main_screen(app).table
        assert table.current is not None and table.current.title == "Shoigu-Kim talks"

        # An existing actor, picked by typing part of the name, as guest.
        await pilot.press("p")
        await settle(pilot)
        await pilot.press(*"shoi")
        await settle(pilot)
        await pilot.press("enter")  # picks Sergei Shoigu; then the role (participant by default)
        await pilot.press("up", "enter")  # guest
        await settle(pilot)
        # A new actor, created on the spot, as host.
        await pilot.press("p")
        await settle(pilot)
        await pilot.press(*"Kim Jong-un")
        await settle(pilot)
        await pilot.press("enter")  # + create “Kim Jong-un”
        await pilot.press("up", "up", "enter")  # host
        await settle(pilot)
        # A new agenda item, speculated.
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*"Ceasefire talks")
        await settle(pilot)
        await pilot.press("enter")  # + create “Ceasefire talks”; then how sure (reported)
        await pilot.press("up", "up", "enter")  # speculated
        await settle(pilot)

        detail = store.meeting_detail(meetings[0].id)
        assert sorted((p.actor.name, p.link.role) for p in detail.participants) == [
            ("Kim Jong-un", "host"),
            ("Sergei Shoigu", "guest"),
        ]
        assert [(m.item.title, m.link.status) for m in detail.agenda] == [
            ("Ceasefire talks", "speculated")
        ]
        pane = main_screen(app).detail
        shown = [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]
        assert any("Kim Jong-un — host" in line for line in shown)
        assert any("Ceasefire talks" in line for line in shown)


async def _go_to(pilot, app: DeskApp, model: type, record_id: int) -> None:
    main_screen(app).show_record(model, record_id)
    await settle(pilot)
    current = main_screen(app).table.current
    assert current is not None and current.id == record_id


def _find(store: Store, model: type, typed: str) -> int:
    (row, *_) = store.page(model, typed=typed).rows
    return row.id


async def test_attach_a_passage_as_evidence(sample_store: Store) -> None:
    from desk.tui.screens.linking import LinkingScreen

    meeting_id = _find(sample_store, Meeting, "rudenko")
    before = len(sample_store.evidence_for(Meeting, meeting_id))
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _go_to(pilot, app, Meeting, meeting_id)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LinkingScreen)
        text = app.screen.query_one("#linking-text")
        assert text.cited, "passages already cited are highlighted"
        assert text.dates, "date expressions are marked"
        # Move sentence by sentence to the report's Rudenko paragraph.
        spans = sentence_spans(text.source_text)
        target = next(
            index
            for index, (start, _) in enumerate(spans)
            if text.source_text.startswith("Russia's Deputy", start)
        )
        for _ in range(target + 1):
            await pilot.press("right_square_bracket")
        quote = text.selected_text
        assert quote.startswith("Russia's Deputy Foreign Minister Andrey Rudenko held talks")
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Tass")
        app.screen.query_one("#field-credibility", Select).value = "2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LinkingScreen)
    views = sample_store.evidence_for(Meeting, meeting_id)
    assert len(views) == before + 1
    added = max(views, key=lambda view: view.evidence.id)
    assert added.evidence.quote == quote
    assert added.attributed_to == "TASS" and added.evidence.attributed_actor_id is not None
    assert added.evidence.credibility == 2


async def test_edit_a_date_with_a_relative_phrase(store: Store) -> None:
    from desk.dates import parse

    meeting = store.create(Meeting, title="Putin–Kim summit", date="2024")
    app = DeskApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        date_input = app.screen.query_one("#field-date", Input)
        date_input.focus()
        date_input.value = ""
        await pilot.press(*"last June")
        await pilot.pause()
        hint = str(app.screen.query_one("#hint-date").render())
        expected = parse("last June", reference=dt.date.today())
        assert expected.display() in hint and "month" in hint
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = store.get(Meeting, meeting.id)
    assert saved.date_text == expected.text
    assert saved.date_precision == "month"
    assert saved.date_phrase == "last June"
    assert saved.version == 2


async def test_a_bad_date_is_refused_in_the_form(store: Store) -> None:
    store.create(Meeting, title="Talks")
    app = DeskApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#field-date", Input).focus()
        await pilot.press(*"Route 66")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen), "the form stays open"
        assert "Route 66" in str(app.screen.query_one("#error-date").render())
        await pilot.press("escape")
        await settle(pilot)
    assert store.get(Meeting, 1).version == 1


async def test_delete_and_undo(sample_store: Store) -> None:
    from desk.tui.screens.confirm import ConfirmScreen

    actor_id = _find(sample_store, Actor, "nazi")
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await _go_to(pilot, app, Actor, actor_id)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert any("piece of evidence" in line for line in app.screen.consequences)
        await pilot.press("y")
        await settle(pilot)
        assert sample_store.stats().counts["actors"] == 22
        assert all(row.name != "Nazi Germany" for row in main_screen(app).table.loaded_rows)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert sample_store.stats().counts["actors"] == 23
        assert sample_store.get(Actor, actor_id).name == "Nazi Germany"
        assert any(row.name == "Nazi Germany" for row in main_screen(app).table.loaded_rows)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert sample_store.stats().counts["actors"] == 22


async def test_filter_as_you_type(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = main_screen(app).table
        await pilot.press("slash", *"pyong")
        await settle(pilot)
        assert len(table.loaded_rows) == 4
        assert all("Pyongyang" in (row.place or "") + row.title for row in table.loaded_rows)
        await pilot.press("escape")
        await settle(pilot)
        assert len(table.loaded_rows) == 10
        await pilot.press("2", "slash", *"김정")
        await settle(pilot)
        assert [row.name for row in main_screen(app).table.loaded_rows] == ["Kim Jong-un"]


async def test_merge_two_actors_and_undo(store: Store) -> None:
    from desk.tui.screens.confirm import ConfirmScreen

    source = store.create(Source, title="KCNA", text="Kim Jong Un met Putin.")
    keep = store.create(Actor, name="Kim Jong-un")
    other = store.create(Actor, name="Kim Jong Un")
    meeting = store.create(Meeting, title="Summit")
    store.link_actor(meeting.id, other.id, "host")
    store.attach_evidence(Actor, other.id, source.id, "Kim Jong Un")
    app = DeskApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await _go_to(pilot, app, Actor, keep.id)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        preview = "\n".join(app.screen.consequences)
        assert "1 meeting link(s) move" in preview and "1 piece(s) of evidence move" in preview
        await pilot.press("y")
        await settle(pilot)
        assert [row.name for row in store.page(Actor).rows] == ["Kim Jong-un"]
        assert [a.name for a in store.actor_detail(keep.id).aliases] == ["Kim Jong Un"]
        await pilot.press("ctrl+z")
        await settle(pilot)
    assert sorted(row.name for row in store.page(Actor).rows) == ["Kim Jong Un", "Kim Jong-un"]
    assert store.meeting_detail(meeting.id).participants[0].actor.name == "Kim Jong Un"


async def test_add_a_source_from_a_file(store: Store, tmp_path: Path) -> None:
    page = tmp_path / "tass-report.html"
    page.write_text(
        "<html><head><title>Lavrov arrives in Pyongyang</title><script>x()</script></head>"
        "<body><nav>Menu</nav><h1>Lavrov arrives</h1><p>Sergei Lavrov arrived on Friday.</p>"
        "<p>He will meet Choe Son-hui.</p></body></html>",
        encoding="utf-8",
    )
    app = DeskApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4", "n")
        await settle(pilot)
        await pilot.press(*str(page))
        app.screen.query_one("#field-publisher", Input).value = "TASS"
        app.screen.query_one("#field-date", Input).value = "2025-07-11"
        app.screen.query_one("#field-reliability", Select).value = "C"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # A new source opens what desk reads in it (desk.tui.screens.suggestions); Esc is back.
        assert type(app.screen).__name__ == "SuggestionsScreen"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    (row,) = store.page(Source).rows
    source = store.get(Source, row.id)
    assert source.title == "Lavrov arrives"  # the page's headline (trafilatura prefers it)
    # The main text alone: the menu and the script are not the report.
    assert source.text == "Sergei Lavrov arrived on Friday.\nHe will meet Choe Son-hui."
    assert (source.publisher, source.date_text, source.reliability) == ("TASS", "2025-07-11", "C")


async def test_open_dossiers(sample_store: Store) -> None:
    from desk.tui.screens.dossier import DossierScreen

    kim = _find(sample_store, Actor, "kim jong")
    visit = _find(sample_store, AgendaItem, "visit to russia")
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await _go_to(pilot, app, Actor, kim)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, DossierScreen)
        timeline = app.screen.query_one("#dossier-timeline")
        assert timeline.row_count == 5
        assert str(timeline.get_row_at(0)[2]) == "Kim Jong-un's possible visit to Moscow"
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert (
            main_screen(app).table.current.title
            == "Shoigu visits Pyongyang for talks with Kim Jong-un"
        )
        await pilot.press("3")
        await _go_to(pilot, app, AgendaItem, visit)
        await pilot.press("o")
        await settle(pilot)
        rows = [
            [str(cell) for cell in app.screen.query_one("#dossier-timeline").get_row_at(index)]
            for index in range(3)
        ]
        assert [(row[0], row[1]) for row in rows] == [
            ("21 Mar 2025", "◌ speculated"),
            ("15 Mar 2025", "◌ speculated"),
            ("Jun 2024", "◉ reported"),
        ]


async def test_the_history_of_a_record(store: Store) -> None:
    from desk.tui.screens.history import HistoryScreen

    actor = store.create(Actor, name="Choe Son Hui")
    store.update(Actor, actor.id, 1, name="Choe Son-hui")
    app = DeskApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#history-changes")
        rows = [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]
        assert rows[0][1] == "tester"
        assert "name: Choe Son Hui → Choe Son-hui" in rows[0][3]
        assert rows[1][3] == "created"
        await pilot.press("escape")


async def test_the_command_palette_runs_actions_and_jumps_to_records(sample_store: Store) -> None:
    from textual.command import CommandPalette

    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"sjafrie")
        for _ in range(30):
            await pilot.pause(0.05)
        await pilot.press("enter")
        await settle(pilot)
        screen = main_screen(app)
        assert screen.kind.name == "actors"
        assert screen.table.current.name == "Sjafrie Sjamsoeddin"
        await pilot.press("ctrl+p")
        await pilot.press(*"unsourced")
        for _ in range(20):
            await pilot.pause(0.05)
        await pilot.press("enter")
        await settle(pilot)
        from desk.tui.screens.unsourced import UnsourcedScreen

        assert isinstance(app.screen, UnsourcedScreen)


async def test_help_lists_every_binding_in_words(sample_store: Store) -> None:
    from desk.tui.screens.help import HelpScreen

    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys")
        does = {str(table.get_row_at(index)[1]) for index in range(table.row_count)}
        expected = {
            "Filter the list by name, alias or title",
            "Add a record to this list",
            "Cite a passage of a source for the record",
            "Who changed the record, and when",
            "Undo",
            "Every key and what it does",
        }
        assert expected <= does


async def test_export_and_import_from_the_app(sample_store: Store, tmp_path: Path) -> None:
    from desk.tui.screens.exchange import TransferScreen

    target = tmp_path / "exported"
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        assert isinstance(app.screen, TransferScreen)
        app.screen.query_one("#transfer-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        outcome = str(app.screen.query_one("#transfer-outcome").render())
        assert f"Exported the desk to {target}" in outcome
        assert (target / "datapackage.json").is_file() and (target / "meeting.csv").is_file()
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("I")
        await settle(pilot)
        app.screen.query_one("#transfer-path", Input).value = str(tmp_path / "missing")
        await pilot.press("enter")
        await settle(pilot)
        assert "Not done" in str(app.screen.query_one("#transfer-outcome").render())
        app.screen.query_one("#transfer-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert "merge of" in str(app.screen.query_one("#transfer-outcome").render())
        assert "added nothing" in str(app.screen.query_one("#transfer-outcome").render())
