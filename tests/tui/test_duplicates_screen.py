"""The possible-duplicates list, driven by keys: merge a pair and undo it, mark one not the same."""

from __future__ import annotations

from textual.widgets import OptionList

from desk.model import Actor
from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.screens.confirm import ConfirmScreen
from desk.tui.screens.duplicates import DuplicatesScreen

from .conftest import settle


def actor_names(store: Store) -> list[str]:
    return sorted(actor.name for actor in store.actor_names())


async def open_duplicates(pilot, app: DeskApp) -> DuplicatesScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("2", "D")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, DuplicatesScreen)
    return screen


def listed(screen: DuplicatesScreen) -> list[str]:
    options = screen.query_one("#duplicates-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_merge_a_duplicate_from_the_list_and_undo_it(store: Store) -> None:
    store.create(Actor, name="Kim Jong Un", title="General Secretary")
    store.create(Actor, name="Kim Jong-un")
    store.create(Actor, name="Kim Yo-jong")
    app = DeskApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_duplicates(pilot, app)
        assert len(screen.pairs) == 1  # Kim Yo-jong is not offered
        assert "Kim Jong Un" in listed(screen)[0] and "Kim Jong-un" in listed(screen)[0]
        evidence = str(screen.query_one("#duplicates-evidence").render())
        assert "General Secretary" in evidence
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert actor_names(store) == ["Kim Jong Un", "Kim Yo-jong"]
        assert app.screen is screen and screen.pairs == []
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert actor_names(store) == ["Kim Jong Un", "Kim Jong-un", "Kim Yo-jong"]
        assert len(screen.pairs) == 1


async def test_a_pair_marked_not_the_same_is_not_offered_again(store: Store) -> None:
    first = store.create(Actor, name="Kim Jong Un")
    second = store.create(Actor, name="Kim Jong-un")
    app = DeskApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_duplicates(pilot, app)
        await pilot.press("n")
        await settle(pilot)
        assert store.distinct_actor_pairs() == {(first.id, second.id)}
        assert screen.pairs == [] and "No possible duplicates" in listed(screen)[0]
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, DuplicatesScreen)
