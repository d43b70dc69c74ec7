"""Running store calls off the UI thread.

A store call runs in a thread worker owned by the widget that asked (so it dies with its screen);
its result comes back to the UI thread through ``call_from_thread``, where ``done`` updates
widgets. A DeskError (something the user can fix) goes to ``failed``, else to the app's error
notification; anything else is reported as an unexpected error. No worker touches a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.dom import DOMNode
from textual.worker import Worker, get_current_worker

from desk.store.errors import DeskError

T = TypeVar("T")


def in_thread(
    node: DOMNode,
    call: Callable[[], T],
    done: Callable[[T], object] | None = None,
    failed: Callable[[DeskError], object] | None = None,
    *,
    group: str = "store",
    exclusive: bool = False,
    description: str = "",
    after: Callable[[], object] | None = None,
) -> Worker[None]:
    """Run ``call`` in a thread; hand its result to ``done`` on the UI thread.

    With ``exclusive``, a newer call in the same group supersedes this one: its result is
    dropped, so a slow answer to an old keystroke never overwrites a newer one. ``after`` runs
    on the UI thread once the call is over, whatever its outcome (after ``done`` or ``failed``).
    """
    app: Any = node.app
    name = description or getattr(call, "__name__", "store call")

    def deliver(callback: Callable[[Any], object], value: Any) -> None:
        if node.is_attached:
            callback(value)

    def task() -> None:
        try:
            run()
        finally:
            if after is not None:
                app.call_from_thread(after)

    def run() -> None:
        try:
            result = call()
        except DeskError as error:
            if not get_current_worker().is_cancelled:
                app.call_from_thread(deliver, failed or app.show_error, error)
            return
        except Exception as error:  # reported, never swallowed: the user sees what broke
            app.call_from_thread(app.show_unexpected, error, where=name)
            return
        if done is not None and not get_current_worker().is_cancelled:
            app.call_from_thread(deliver, done, result)

    return node.run_worker(
        task,
        thread=True,
        group=group,
        exclusive=exclusive,
        exit_on_error=False,
        description=name,
    )
