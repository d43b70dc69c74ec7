"""The desk app: screens, the undo history, help, the command palette and error reporting."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from desk.errors import DeskError
from desk.store.errors import UndoRefused
from desk.store.views import ChangeNotice
from desk.tui.commands import RecordJumps
from desk.tui.context import DeskContext
from desk.tui.error_log import log_error
from desk.tui.history import UndoHistory
from desk.tui.safe import plain
from desk.tui.work import Outcome, WorkFailed, WorkOver, in_thread

if TYPE_CHECKING:
    from desk.settings import Settings
    from desk.store import Location, Store
    from desk.tui.date_reference import DateReference

#: Seconds opening the store waits for the first page to be painted before it starts anyway.
FIRST_PAINT_WAIT = 2.0


class OtherDesksChanged(Message):
    """Changesets other desks committed (heard by the watcher thread)."""

    def __init__(self, notices: list[ChangeNotice]) -> None:
        super().__init__()
        self.notices = notices


class OwnChange(Message):
    """A changeset this app committed (heard in the worker thread that committed it)."""

    def __init__(self, notice: ChangeNotice) -> None:
        super().__init__()
        self.notice = notice


class DeskApp(App[None], DeskContext):
    """Keyboard-first curation desk."""

    TITLE = "desk"
    CSS_PATH = "desk.tcss"
    COMMANDS = App.COMMANDS | {RecordJumps}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.ctrl_quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+z", "undo", "Undo", show=False, id="app.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="app.redo"),
    ]

    def __init__(
        self,
        store: Store | None = None,
        *,
        location: Location | None = None,
        note: str | None = None,
        settings: Settings | None = None,
    ) -> None:
        """Run on an open ``store``, or open the desk at ``location`` after the first paint.

        ``settings``: the user's (keymap, theme, dates); by default read from their file.
        """
        super().__init__()
        from desk.settings import load_settings

        self.settings = settings if settings is not None else load_settings()
        if store is None and location is None:
            raise ValueError("DeskApp needs a store or a location")
        self._store = store
        self.location: Location = store.location if store is not None else location  # type: ignore[assignment]
        self.note = note
        self.history = UndoHistory()
        #: The source the user works from (the last one shown in the cite pane): dates typed in
        #: forms resolve against its publication day. None: today, said so in the form.
        self.working_source: DateReference | None = None
        #: Changesets this app made (undo and redo included), told apart from other desks'.
        self._own_changes: set[int] = set()
        #: Set once the first page read from the file is painted (see ``on_mount``).
        self._first_page_painted = threading.Event()
        if store is None and self.location.path is not None:
            from desk.tui.screens.main import read_ahead

            self.first_page = read_ahead(self.location.path)
        if store is not None:
            store.add_listener(self._heard)

    @property
    def store(self) -> Store:
        if self._store is None:
            raise DeskError("the desk is still opening")
        return self._store

    @property
    def store_ready(self) -> bool:
        return self._store is not None

    def on_mount(self) -> None:
        from desk.tui.preferences import apply_settings
        from desk.tui.screens.main import MainScreen

        apply_settings(self, self.settings)
        self.push_screen(MainScreen())
        if self._store is None:
            location = self.location
            painted = self._first_page_painted
            if location.path is None:
                painted.set()  # a server: no page is read ahead of the store

            def open_after_first_paint() -> Store:
                # Importing SQLAlchemy holds the interpreter lock for a few tenths of a second:
                # started at once, it would share the CPU with painting the first page.
                painted.wait(FIRST_PAINT_WAIT)
                return _open(location)

            in_thread(
                self,
                open_after_first_paint,
                self._opened,
                self._open_failed,
                description="open the desk",
            )
        else:
            self._watch_other_desks()

    def first_page_shown(self) -> None:
        self._first_page_painted.set()

    def on_unmount(self) -> None:
        self._first_page_painted.set()  # an opening still waiting for a paint goes on, and ends

    def _opened(self, store: Store) -> None:
        from desk.tui.screens.main import MainScreen

        self._store = store
        # What is loaded by now (modules, the model, SQLAlchemy's mappers) lives as long as the
        # app: moved out of the collector's reach, the full collections that page flips trigger
        # no longer walk it.
        gc.freeze()
        store.add_listener(self._heard)
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.start()
        self._watch_other_desks()

    def _watch_other_desks(self) -> None:
        """Show other analysts' changes within seconds (see desk.store.watching)."""
        store = self.store

        def watch() -> None:
            worker = get_current_worker()
            watcher = store.watch()
            try:
                while not worker.is_cancelled:
                    notices = watcher.wait(1.0)
                    if notices and not worker.is_cancelled:
                        # post_message is thread-safe and never waits: at shutdown a blocking
                        # call_from_thread could wait forever on a loop that has stopped.
                        self.post_message(OtherDesksChanged(notices))
            finally:
                watcher.close()

        self.run_worker(watch, thread=True, group="watch", exclusive=True, exit_on_error=False)

    @on(OtherDesksChanged)
    def _changed_elsewhere(self, message: OtherDesksChanged) -> None:
        own = self._own_changes
        theirs = [notice for notice in message.notices if notice.changeset_id not in own]
        if not theirs:
            return
        self._refresh_screens()
        authors = ", ".join(sorted({notice.author for notice in theirs}))
        latest = theirs[-1].summary
        count = f"{len(theirs)} changes" if len(theirs) > 1 else "a change"
        self.notify(f"{count} by {authors}: {latest}", title="Updated", timeout=5)

    def _open_failed(self, error: DeskError) -> None:
        self.exit(return_code=1, message=Text(plain(f"desk: {error}", multiline=True)))

    # -- changes ---------------------------------------------------------------------------------
    def _heard(self, notice: ChangeNotice) -> None:
        """Called in the worker thread that committed a change: tell the UI thread."""
        self.post_message(OwnChange(notice))

    @on(OwnChange)
    def _changed(self, message: OwnChange) -> None:
        notice = message.notice
        self._own_changes.add(notice.changeset_id)
        if notice.action not in ("undo", "redo"):
            self.history.record(notice.changeset_id, notice.summary)
        self._refresh_screens()

    def _refresh_screens(self) -> None:
        """Show the desk as it is now on every open screen, keeping each one's place."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_after_change", None)
            if refresh is not None:
                refresh()

    def action_undo(self) -> None:
        entry = self.history.next_undo()
        if entry is None:
            self.notify("Nothing to undo.", timeout=3)
            return
        store = self.store

        def undone(undo_id: int) -> None:
            self.history.undone(undo_id)
            self.notify(f"Undone: {entry.summary}", timeout=4)

        in_thread(
            self.screen,
            lambda: store.undo(entry.changeset_id),
            undone,
            self.show_error,
            group="write",
        )

    def action_redo(self) -> None:
        target = self.history.redo_target()
        entry = self.history.next_redo()
        if target is None or entry is None:
            self.notify("Nothing to redo.", timeout=3)
            return
        store = self.store

        def redone(redo_id: int) -> None:
            self.history.redone(redo_id)
            self.notify(f"Redone: {entry.summary}", timeout=4)

        in_thread(self.screen, lambda: store.redo(target), redone, self.show_error, group="write")

    # -- quitting -------------------------------------------------------------------------------
    async def action_quit(self) -> None:
        """Quit, after asking about unsaved work on any open screen (a form, a selection)."""
        from desk.tui.screens.unsaved import HoldsWork, UnsavedScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, HoldsWork) and (what := screen.unsaved_work()) is not None:

                def chosen(choice: str | None, screen: HoldsWork = screen) -> None:
                    if choice == "discard":
                        self.exit()
                    elif choice == "keep":
                        screen.keep_work(self.exit)

                keep = "Attach it" if hasattr(screen, "action_attach") else "Save"
                self.push_screen(UnsavedScreen(f"{what} — quit", keep=keep), chosen)
                return
        self.exit()

    # -- help and the palette --------------------------------------------------------------------
    def action_help(self) -> None:
        from desk.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action the current screen offers, from its live bindings, plus Textual's own."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            key = self.get_key_display(binding)
            yield SystemCommand(
                f"{binding.description} ({key})",
                binding.tooltip or binding.description,  # words, never an internal id
                lambda node=active.node, action=binding.action: self.run_action(action, node),
            )

    # -- notifications and errors ------------------------------------------------------------------
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification shows its text literally: messages carry record names and errors.

        (``markup`` is accepted for Textual's signature and ignored: nothing here is markup.)
        """
        super().notify(
            plain(message, multiline=True),
            title=plain(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def show_error(self, error: DeskError) -> None:
        title = "Nothing to undo" if isinstance(error, UndoRefused) else "Not done"
        self.notify(str(error), title=title, severity="error", timeout=10)

    def show_unexpected(self, error: BaseException, *, where: str = "") -> None:
        """Something desk did not expect: say so, log the traceback, keep running."""
        self.log.error(error)
        try:
            logged = f"details in {log_error(error, where=where)}"
        except OSError as log_failure:
            logged = f"and it could not be logged: {log_failure}"
        self.notify(
            f"{type(error).__name__}: {error}\n({logged})",
            title="Unexpected error",
            severity="error",
            timeout=15,
        )

    # -- what workers report ------------------------------------------------------------------
    @on(Outcome)
    def _outcome(self, message: Outcome) -> None:
        if message.wanted:
            message.deliver(message.value)

    @on(WorkOver)
    def _work_over(self, message: WorkOver) -> None:
        message.after()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """A worker that raised instead of reporting (one not run by ``in_thread``)."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            where = event.worker.name or event.worker.description
            self.post_message(WorkFailed(event.worker.error, where=where))

    @on(WorkFailed)
    def _work_failed(self, message: WorkFailed) -> None:
        """The one place a failed worker is reported."""
        error = message.error
        if not isinstance(error, DeskError):
            self.show_unexpected(error, where=message.where)
        elif message.superseded:
            return  # a newer call in its group took over: nobody waits for this answer
        elif (handler := message.handler) is not None:
            handler(error)
        else:
            self.show_error(error)


def _open(location: Location) -> Store:
    """Open the desk (in a worker: this is where SQLAlchemy and SQLModel get imported).

    The bounded damage check of a desk file (``PRAGMA quick_check``, up to 0.15 s on a large
    desk) runs in SQLite without the interpreter lock, so it runs on its own thread while this
    one imports the store, instead of after it.
    """
    from concurrent.futures import ThreadPoolExecutor

    from desk.store.database import is_current
    from desk.store.recognition import QUICK_CHECK_SECONDS

    with ThreadPoolExecutor(1, thread_name_prefix="desk-check") as checking:
        checked = checking.submit(is_current, location, check_seconds=QUICK_CHECK_SECONDS)
        from desk.store import Store

        verified = checked.result()  # raises what opening would raise: damaged, not a desk…
    return Store.open(location, upgrade=False, verify=not verified)
