"""What screens and widgets need from the app, without importing the app module.

Screens and widgets ask ``desk_of(self)`` for the open store, the desk's location, the source
the user works from and the one way errors are shown. ``DeskApp`` is a ``DeskContext``; a test
may run a screen in any app that is one too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk.errors import DeskError

if TYPE_CHECKING:
    from concurrent.futures import Future

    from textual.dom import DOMNode

    from desk.store import Location, Store
    from desk.store.views import MeetingRow, Page
    from desk.tui.date_reference import DateReference


class DeskContext:
    """The app's services to its screens (a plain base: ABCMeta would clash with Textual's
    message-pump metaclass; ``DeskApp`` overrides every method)."""

    #: Where the desk is (a file or a server), shown in the header.
    location: Location
    #: A note shown instead of the location (the sample desk says it is the sample).
    note: str | None
    #: The source the user works from: dates typed in forms resolve against its publication day.
    working_source: DateReference | None
    #: The newest meetings, being read from the desk file while the store opens (or None).
    first_page: Future[Page[MeetingRow]] | None = None

    @property
    def store(self) -> Store:
        """The open store (raises DeskError while the desk is still opening)."""
        raise NotImplementedError

    @property
    def store_ready(self) -> bool:
        """The desk is open: keys that read or write records can run."""
        raise NotImplementedError

    def first_page_shown(self) -> None:
        """The first list is on screen (read from the file while the desk opens): opening the
        store, which holds the interpreter for a while, may start. Nothing to do by default."""

    def show_error(self, error: DeskError) -> None:
        """Tell the user what was not done, and why (something they can fix)."""
        raise NotImplementedError

    def show_unexpected(self, error: BaseException, *, where: str = "") -> None:
        """Tell the user something broke that desk did not expect, and log it."""
        raise NotImplementedError


def desk_of(node: DOMNode) -> DeskContext:
    """The desk the node runs in."""
    app = node.app
    if not isinstance(app, DeskContext):
        raise TypeError(f"{type(app).__name__} is not a desk app")
    return app
