"""Reviewing by keyboard: v moves a record along, V disputes it, R walks the queue, f filters.

The desk runs on both engines here: a colleague's change verified on a team desk is the point.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from engines import database_url, engine
from textual.widgets import DataTable, Input, OptionList, Static

from desk.model import Actor, Meeting, ReviewState, Source
from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.screens.confirm import ConfirmScreen
from desk.tui.screens.form import FormScreen
from desk.tui.screens.history import HistoryScreen
from desk.tui.screens.main import MainScreen
from desk.tui.screens.review_queue import ReviewQueueScreen

from .conftest import settle

__all__ = ["engine"]

TEXT = "Sergei Shoigu met Kim Jong-un in Pyongyang on Friday, KCNA said."


@pytest.fixture
def desk(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty desk on each engine, opened as "tester"."""
    if engine == "sqlite":
        with Store.open(tmp_path / "desk.sqlite") as opened:
            yield opened
        return
    for url in database_url(request, engine, "empty"):
        with Store.open(url) as opened:
            yield opened


def colleagues_meeting(store: Store, title: str = "Shoigu–Kim talks") -> int:
    with Store.open(store.location, author="colleague") as colleague:
        source = colleague.create(Source, title="KCNA", publisher="KCNA", text=TEXT)
        meeting = colleague.create(Meeting, title=title, status="held")
        colleague.attach_evidence(Meeting, meeting.id, source.id, "Sergei Shoigu met Kim Jong-un")
        assert meeting.id is not None
        return meeting.id


def status_line(app: DeskApp) -> str:
    return str(app.screen.query_one("#status-line", Static).render())


async def test_v_moves_a_colleagues_meeting_to_verified(desk: Store) -> None:
    meeting_id = colleagues_meeting(desk)
    app = DeskApp(desk)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "review" not in status_line(app)
        await pilot.press("v")
        await settle(pilot)
        assert desk.review_status("meeting", meeting_id).state is ReviewState.NEEDS_REVIEW
        assert "1 needs review (R)" in status_line(app)
        await pilot.press("v")  # a colleague's change: verified without a question
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        status = desk.review_status("meeting", meeting_id)
        assert (status.state, status.set_by) == (ReviewState.VERIFIED, "tester")
        assert "review" not in status_line(app)
        under_title = app.screen.query_one("#detail", OptionList).get_option_at_index(1)
        assert str(under_title.prompt).startswith("✓ verified by tester, ")
        await pilot.press("ctrl+z")  # undo, like any edit
        await settle(pilot)
        assert desk.review_status("meeting", meeting_id).state is ReviewState.NEEDS_REVIEW


async def test_verifying_your_own_change_asks_first(store: Store) -> None:
    meeting = store.create(Meeting, title="Putin–Kim summit")
    store.set_review("meeting", meeting.id, "needs_review")
    app = DeskApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "You made the last change" in str(app.screen.question)
        await pilot.press("n")
        await settle(pilot)
        assert store.review_status("meeting", meeting.id).state is ReviewState.NEEDS_REVIEW
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert store.review_status("meeting", meeting.id).state is ReviewState.VERIFIED
        await pilot.press("h")  # the history holds the review steps
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        changes = app.screen.query_one("#history-changes", DataTable)
        assert str(changes.get_row_at(0)[3]) == "review: needs review → verified"
        assert str(changes.get_row_at(0)[2]) == "verify meeting “Putin–Kim summit”"


async def test_V_disputes_with_a_required_note(store: Store) -> None:
    actor = store.create(Actor, name="Choe Son-hui")
    app = DeskApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2", "V")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")  # no note: refused, nothing saved
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert store.review_status("actor", actor.id).state is ReviewState.DRAFT
        await pilot.press(*"not named in the report")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        status = store.review_status("actor", actor.id)
        assert (status.state, status.note) == (ReviewState.DISPUTED, "not named in the report")


async def test_sources_carry_no_state(store: Store) -> None:
    store.create(Source, title="KCNA", text=TEXT)
    app = DeskApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4", "v")
        await settle(pilot)
        assert any("Sources carry no review state" in n.message for n in app._notifications)
        assert store.review_counts()[ReviewState.NEEDS_REVIEW] == 0


async def test_the_queue_walks_what_needs_review_with_its_evidence(desk: Store) -> None:
    talks = colleagues_meeting(desk)
    summit = colleagues_meeting(desk, "Putin–Kim summit")
    with Store.open(desk.location, author="colleague") as colleague:
        colleague.set_review("meeting", talks, "needs_review")
        colleague.set_review("meeting", summit, "needs_review")
    app = DeskApp(desk)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, ReviewQueueScreen)
        assert [entry.name for entry in queue.entries] == ["Shoigu–Kim talks", "Putin–Kim summit"]
        evidence = queue.query_one("#review-queue-evidence", OptionList)
        quoted = evidence.get_option_at_index(0).prompt.renderables[0]  # type: ignore[union-attr]
        assert quoted.plain == "“Sergei Shoigu met Kim Jong-un”"
        about = str(queue.query_one("#review-queue-about", Static).render())
        assert "set by colleague" in about and "last changed by colleague" in about
        await pilot.press("v")  # verifies the first; it leaves the queue
        await settle(pilot)
        assert desk.review_status("meeting", talks).state is ReviewState.VERIFIED
        assert [entry.name for entry in queue.entries] == ["Putin–Kim summit"]
        await pilot.press("enter")  # goes to the record in the lists
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.kind.name == "meetings" and screen.table.current.id == summit


async def test_f_steps_the_list_through_review_states(store: Store) -> None:
    waiting = store.create(Meeting, title="Shoigu–Kim talks")
    store.create(Meeting, title="Putin–Kim summit")
    store.set_review("meeting", waiting.id, "needs_review")
    app = DeskApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("f")
        await settle(pilot)
        assert screen.query_one("#filter", Input).value == "is:needs-review"
        assert [row.id for row in screen.table.loaded_rows] == [waiting.id]
        await pilot.press("f")  # verified: none yet
        await settle(pilot)
        assert screen.table.loaded_rows == []
        for _ in range(3):  # disputed, draft, then every state again
            await pilot.press("f")
            await settle(pilot)
        assert screen.query_one("#filter", Input).value == ""
        assert len(screen.table.loaded_rows) == 2


async def test_v_on_a_link_in_the_detail_pane_reviews_the_link(store: Store) -> None:
    meeting = store.create(Meeting, title="Shoigu–Kim talks")
    actor = store.create(Actor, name="Sergei Shoigu")
    link = store.link_actor(meeting.id, actor.id, "guest")
    app = DeskApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # into the detail pane
        detail = app.screen.query_one("#detail", OptionList)
        assert app.screen.focused is detail
        ids = [detail.get_option_at_index(i).id for i in range(detail.option_count)]
        detail.highlighted = ids.index(f"participant:{link.id}")
        await pilot.press("v")
        await settle(pilot)
        assert store.review_status("meeting_actor", link.id).state is ReviewState.NEEDS_REVIEW
        assert store.review_status("meeting", meeting.id).state is ReviewState.DRAFT
        shown = detail.get_option_at_index(ids.index(f"participant:{link.id}")).prompt
        assert str(shown).endswith("? needs review")
