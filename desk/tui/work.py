"""Running store calls off the UI thread, reporting back through typed messages.

A store call runs in a thread worker owned by the widget that asked (so it dies with its
screen). The worker touches no widget: it posts one message to the app, ``Outcome`` with the
result or ``WorkFailed`` with the error, and ``WorkOver`` when it is over. The app hands an
outcome to the caller's ``done`` on the UI thread, and sends every failure through its one
error handler: a DeskError (something the user can fix) to the caller's ``failed`` or the app's
error notification, anything else reported as an unexpected error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker, get_current_worker

T = TypeVar("T")


class Outcome(Message):
    """A worker's result, for ``deliver`` on the UI thread."""

    def __init__(
        self, worker: Worker[None], node: DOMNode, deliver: Callable[[Any], object], value: Any
    ) -> None:
        super().__init__()
        self.worker = worker
        self.node = node
        self.deliver = deliver
        self.value = value

    @property
    def wanted(self) -> bool:
        """Still wanted: its widget is on screen and no newer call superseded it."""
        return self.node.is_attached and not self.worker.is_cancelled


class WorkFailed(Message):
    """A worker raised ``error``; ``failed`` (if any) takes a DeskError instead of the app."""

    def __init__(
        self,
        error: BaseException,
        *,
        where: str,
        worker: Worker[Any] | None = None,
        node: DOMNode | None = None,
        failed: Callable[[Any], object] | None = None,
    ) -> None:
        super().__init__()
        self.error = error
        self.where = where
        self.worker = worker
        self.node = node
        self.failed = failed

    @property
    def superseded(self) -> bool:
        """A newer call in the same group took over: nobody waits for this answer."""
        return self.worker is not None and self.worker.is_cancelled

    @property
    def handler(self) -> Callable[[Any], object] | None:
        """The caller's own handler, while its widget is still there to show the error."""
        if self.failed is None or self.node is None or not self.node.is_attached:
            return None
        return self.failed


class WorkOver(Message):
    """A worker is over, whatever its outcome: run ``after`` on the UI thread."""

    def __init__(self, after: Callable[[], object]) -> None:
        super().__init__()
        self.after = after


def in_thread(
    node: DOMNode,
    call: Callable[[], T],
    done: Callable[[T], object] | None = None,
    failed: Callable[[Any], object] | None = None,
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
    Messages are posted, never waited for: a worker never blocks on the UI thread.
    """
    app = node.app
    name = description or getattr(call, "__name__", "store call")

    def task() -> None:
        worker = get_current_worker()
        try:
            result = call()
        except Exception as error:  # reported, never swallowed: the user sees what broke
            app.post_message(WorkFailed(error, where=name, worker=worker, node=node, failed=failed))
        else:
            if done is not None and not worker.is_cancelled:
                app.post_message(Outcome(worker, node, done, result))
        finally:
            if after is not None:
                app.post_message(WorkOver(after))

    return node.run_worker(
        task,
        thread=True,
        group=group,
        exclusive=exclusive,
        exit_on_error=False,
        description=name,
    )
