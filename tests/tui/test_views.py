"""The timeline and network views, driven by the keys a user presses."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Input

from desk.model import Actor, Meeting
from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.screens.main import MainScreen
from desk.tui.screens.network import NetworkScreen
from desk.tui.screens.timeline import TimelineScreen
from desk.tui.widgets.network_graph import NetworkGraph
from desk.tui.widgets.time_scale import TimeScale
from desk.tui.widgets.timeline_chart import TimelineChart

from .conftest import settle


async def _open(pilot, key: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)


async def test_timeline_draws_the_desk_and_opens_a_meeting(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await _open(pilot, "T")
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        chart = screen.query_one(TimelineChart)
        titles = [entry.title for entry in chart.entries]
        assert titles[0] == "Shoigu's July 2023 visit to Pyongyang"
        assert "Kim Jong-un's possible visit to Moscow" in titles
        drawn = app.export_screenshot()
        assert "speculated" in drawn and "held" in drawn
        await pilot.press("down", "down")
        chosen = chart.current
        assert chosen is not None and chosen.title == titles[2]
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.kind.name == "meetings"
        assert main.table.current is not None and main.table.current.id == chosen.meeting_id


async def test_timeline_zooms_and_pans_with_keys(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await _open(pilot, "T")
        chart = app.screen.query_one(TimelineChart)
        assert chart.window is not None
        start, end = chart.window
        await pilot.press("plus")
        await settle(pilot)
        assert chart.window is not None
        zoomed = (chart.window[1] - chart.window[0]).days
        assert zoomed < (end - start).days * 0.6
        before = chart.window
        await pilot.press("right")
        await settle(pilot)
        assert chart.window[0] > before[0] and chart.window[1] > before[1]
        await pilot.press("0")
        await settle(pilot)
        assert chart.window[0] <= dt.date(2023, 7, 1) and chart.window[1] >= dt.date(2025, 5, 31)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_partial_dates_are_spans_and_speculation_looks_different() -> None:
    scale = TimeScale(dt.date(2025, 1, 1), dt.date(2025, 12, 31), 365)
    september = scale.columns(dt.date(2025, 9, 1), dt.date(2025, 9, 30))
    assert september is not None and september[1] - september[0] == 29
    one_day = scale.columns(dt.date(2025, 3, 21), dt.date(2025, 3, 21))
    assert one_day is not None and one_day[0] == one_day[1]
    assert scale.columns(dt.date(2026, 1, 1), dt.date(2026, 1, 2)) is None
    labels = [label for _, label in scale.ticks()]
    assert labels and all(label.endswith("2025") for label in labels)
    from desk.tui.widgets.timeline_chart import MARKS

    assert MARKS["held"].span != MARKS["speculated"].span
    assert MARKS["held"].point != MARKS["expected"].point


async def test_dossier_timeline_shows_only_the_subject(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        rudenko = sample_store.page(Actor, typed="rudenko").rows[0].id
        main.show_record(Actor, rudenko)
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        chart = screen.query_one(TimelineChart)
        assert [entry.title for entry in chart.entries] == ["Rudenko–Choe Son-hui talks"]
        assert "Andrey Rudenko" in screen.title


async def test_network_ranks_draws_and_filters(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(160, 50)) as pilot:
        await _open(pilot, "N")
        screen = app.screen
        assert isinstance(screen, NetworkScreen)
        assert screen.network is not None
        assert screen.network.actors[0].name == "Kim Jong-un"
        table = screen.query_one("#network-ranking", DataTable)
        assert table.row_count == len(screen.network.actors)
        graph = screen.query_one(NetworkGraph)
        assert graph.highlighted == screen.network.actors[0].actor_id
        await pilot.press("down")
        await settle(pilot)
        assert graph.highlighted == screen.network.actors[1].actor_id
        assert "Kim Jong-un (5)" in graph.render().plain
        # Narrow to one agenda item by typing part of its title.
        await pilot.press("f", "tab", "tab", *"ceasefire in russia")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.network.agenda == "Ceasefire in Russia's war against Ukraine"
        assert {actor.name for actor in screen.network.actors} < {
            "United States",
            "Russia",
            "Ukraine",
            "Kim Jong-un",
            "Vladimir Putin",
            "Sergei Shoigu",
        }
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.kind.name == "actors"


async def test_network_refuses_a_filter_naming_nothing(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(160, 50)) as pilot:
        await _open(pilot, "N")
        screen = app.screen
        assert isinstance(screen, NetworkScreen)
        before = screen.network
        screen.query_one("#network-agenda", Input).value = "no such topic"
        await pilot.press("f", "enter")
        await settle(pilot)
        assert screen.network is before
        messages = [str(n.message) for n in app._notifications]
        assert any("no agenda item is called “no such topic”" in m for m in messages)


async def test_meeting_shown_by_id_is_a_meeting(sample_store: Store) -> None:
    # The timeline hands back a (model, id) pair the main screen understands.
    timeline = sample_store.timeline()
    assert all(sample_store.get(Meeting, entry.meeting_id) for entry in timeline.entries)


async def test_dossier_key_writes_the_report(sample_store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desk.tui.screens.report import ReportScreen

    app = DeskApp(sample_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        main.show_record(Actor, sample_store.page(Actor, typed="rudenko").rows[0].id)
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReportScreen)
        path_input = dialog.query_one("#report-path", Input)
        assert path_input.value.endswith("andrey-rudenko-dossier.html")
        path_input.value = str(tmp_path / "rudenko.pdf")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog  # refused: stays open, says why
        assert ".html or .md" in str(dialog.query_one("#report-problem").render())
        path_input.value = str(tmp_path / "rudenko.md")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ReportScreen)
        assert "Rudenko–Choe Son-hui talks" in (tmp_path / "rudenko.md").read_text("utf-8")


async def test_timeline_marks_what_a_reviewer_verified(sample_store: Store) -> None:
    rudenko = sample_store.page(Meeting, typed="rudenko").rows[0].id
    sample_store.set_review("meeting", rudenko, "verified")
    app = DeskApp(sample_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await _open(pilot, "T")
        chart = app.screen.query_one(TimelineChart)
        verified = [entry.title for entry in chart.entries if entry.review == "verified"]
        assert verified == ["Rudenko–Choe Son-hui talks"]
        lane = next(line for line in chart.render().plain.splitlines() if "Rudenko–Choe" in line)
        assert lane.startswith("✓")
