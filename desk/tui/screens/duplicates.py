"""Possible duplicates: pairs of actors whose names are alike, with the evidence for each side,
to merge (previewed, undone with ctrl+z) or to mark as not the same (never offered again).

Nothing is merged without the analyst: "Kim Jong-un" and "Kim Yo-jong" look alike and are two
people. The ranking is desk.ingest.duplicates; reading and writing run in workers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from desk.ingest.duplicates import DuplicatePair, possible_duplicates
from desk.tui.safe import plain
from desk.tui.screens.confirm import ConfirmScreen
from desk.tui.work import in_thread

if TYPE_CHECKING:
    from desk.store import Store
    from desk.store.views import MergePlan

#: Pairs listed at most (the best ones; a desk with more has bigger problems to see first).
LIMIT = 300


class DuplicatesScreen(ModalScreen[None]):
    """m merges the second actor into the first, M the first into the second, n: not the same."""

    CSS_PATH = "duplicates.tcss"
    AUTO_FOCUS = "#duplicates-list"

    BINDINGS = [
        Binding(
            "m",
            "merge(False)",
            "Merge",
            tooltip="Merge the second actor of the pair into the first (previewed first)",
            id="duplicates.merge",
        ),
        Binding(
            "M",
            "merge(True)",
            "Merge the other way",
            tooltip="Merge the first actor of the pair into the second (previewed first)",
            id="duplicates.merge_other_way",
        ),
        Binding(
            "n",
            "not_same",
            "Not the same",
            tooltip="Mark the pair as two actors: it is not offered again",
            id="duplicates.not_same",
        ),
        # A modal screen hides the app's keys: undo and redo are offered here too.
        Binding("ctrl+z", "app.undo", "Undo", tooltip="Undo the last change", id="duplicates.undo"),
        Binding("ctrl+y", "app.redo", "Redo", tooltip="Redo what was undone", id="duplicates.redo"),
        Binding("escape", "close", "Close", id="duplicates.close"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.pairs: list[DuplicatePair] = []
        #: Set while the list is being read (tests wait for it).
        self.loading = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="duplicates"):
            yield Label("Possible duplicates", id="duplicates-title")
            yield OptionList(id="duplicates-list")
            yield Static(id="duplicates-evidence")
            yield Static(
                "m merges the second into the first · M the other way · n: not the same · "
                "ctrl+z undoes · Esc closes",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.refresh_after_change()

    def refresh_after_change(self) -> None:
        """Read the list again (after a merge, a mark, an undo), keeping the place in it."""
        self.loading = True
        store = self.store

        def shown(pairs: list[DuplicatePair]) -> None:
            self.loading = False
            self._show(pairs)

        in_thread(
            self,
            lambda: possible_duplicates(store, limit=LIMIT),
            shown,
            group="duplicates",
            exclusive=True,
        )

    def _show(self, pairs: list[DuplicatePair]) -> None:
        options = self.query_one("#duplicates-list", OptionList)
        place = options.highlighted or 0
        self.pairs = pairs
        if not pairs:
            options.set_options(
                [Option(Text("No possible duplicates.", style="green"), disabled=True)]
            )
            self.query_one("#duplicates-evidence", Static).update("")
            return
        options.set_options(
            Option(
                Text.assemble(
                    (f"{pair.score:3.0f}  ", "bold" if pair.score >= 95 else "dim"),
                    plain(pair.first.name),
                    (f" #{pair.first.actor_id}", "dim"),
                    ("  ·  ", "dim"),
                    plain(pair.second.name),
                    (f" #{pair.second.actor_id}", "dim"),
                    (f"   {pair.reason}", "dim italic"),
                ),
                id=str(index),
            )
            for index, pair in enumerate(pairs)
        )
        options.highlighted = min(place, len(pairs) - 1)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        pair = self._pair()
        if pair is None:
            return
        evidence = Text()
        for label, side in (("first", pair.first), ("second", pair.second)):
            evidence.append(f"{label}: ", style="dim")
            evidence.append(plain(side.name), style="bold")
            evidence.append(f"  #{side.actor_id}\n", style="dim")
            evidence.append(plain(side.evidence(" · ", aliases=6)) + "\n")
        self.query_one("#duplicates-evidence", Static).update(evidence)

    def _pair(self) -> DuplicatePair | None:
        index = self.query_one("#duplicates-list", OptionList).highlighted
        if index is None or not 0 <= index < len(self.pairs):
            return None
        return self.pairs[index]

    # -- actions ---------------------------------------------------------------------------------
    def action_merge(self, other_way: bool) -> None:
        pair = self._pair()
        if pair is None:
            return
        keep, other = (pair.second, pair.first) if other_way else (pair.first, pair.second)
        store = self.store

        def confirm(plan: MergePlan) -> None:
            self.app.push_screen(
                ConfirmScreen(
                    f"Merge “{plan.other.name}” into “{plan.keep.name}”?",
                    [
                        *plan.describe(),
                        f"“{plan.other.name}” is then deleted; ctrl+z undoes the merge",
                    ],
                    yes="Merge",
                ),
                lambda yes: yes and self._merge(keep.actor_id, other.actor_id, plan),
            )

        in_thread(
            self,
            lambda: store.merge_preview(keep.actor_id, other.actor_id),
            confirm,
            self.app.show_error,  # type: ignore[attr-defined]
        )

    def _merge(self, keep_id: int, other_id: int, plan: MergePlan) -> None:
        store = self.store
        in_thread(
            self,
            lambda: store.merge_actors(keep_id, other_id),
            lambda _: self.app.notify(
                f"Merged “{plan.other.name}” into “{plan.keep.name}” (ctrl+z undoes it)",
                timeout=4,
            ),
            self.app.show_error,  # type: ignore[attr-defined]
            group="write",
        )

    def action_not_same(self) -> None:
        pair = self._pair()
        if pair is None:
            return
        store = self.store
        first, second = pair.first, pair.second
        in_thread(
            self,
            lambda: store.mark_not_duplicates(first.actor_id, second.actor_id),
            lambda _: self.app.notify(
                f"“{first.name}” and “{second.name}” are two actors: not offered again "
                "(ctrl+z undoes it)",
                timeout=4,
            ),
            self.app.show_error,  # type: ignore[attr-defined]
            group="write",
        )

    def action_close(self) -> None:
        self.dismiss(None)
