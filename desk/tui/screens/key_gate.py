"""Keys that act on records wait until the list they act on is the one on screen.

A fast typist's ``2 d`` reaches the app before the switch to Actors has landed, and keys typed
while the desk opens arrive before any list is loaded. A key that would act on a record is
therefore held while the screen is *unsettled* (the desk is opening, the list on screen is
loading, or an earlier key is still gathering what its dialog needs) and run, in the order
typed, once it settles. Keys held when a dialog opens were aimed at the screen underneath:
they are dropped, with a message, rather than run later against whatever is selected then.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class Gated(Protocol):
    """What a screen offers the gate (MainScreen)."""

    key_gate: KeyGate

    def settled(self) -> bool: ...

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None: ...


@dataclass
class Held:
    action: str
    run: Callable[[], object]


class KeyGate:
    """Holds actions while ``settled()`` is false; ``drain()`` runs them once it is true."""

    def __init__(
        self,
        settled: Callable[[], bool],
        on_top: Callable[[], bool],
        refuse: Callable[[str], object],
    ) -> None:
        self._settled = settled
        self._on_top = on_top
        self._refuse = refuse
        self._held: list[Held] = []
        #: Actions that are gathering what their dialog needs (a worker is out).
        self.preparing = 0

    @property
    def held(self) -> list[str]:
        return [held.action for held in self._held]

    def admit(self, action: str, run: Callable[[], object]) -> bool:
        """True to run now; False when the action was held (keys keep their order)."""
        if self._held or not self.ready():
            self._held.append(Held(action, run))
            return False
        return True

    def ready(self) -> bool:
        return self.preparing == 0 and self._settled()

    def drain(self) -> None:
        """Run held actions while the screen stays settled and on top."""
        while self._held and self.ready():
            if not self._on_top():
                dropped = ", ".join(held.action for held in self._held)
                self._held.clear()
                self._refuse(f"Keys typed while a dialog opened were not used ({dropped}).")
                return
            self._held.pop(0).run()

    def begin(self) -> None:
        """An action sent a worker out for what its dialog needs."""
        self.preparing += 1

    def end(self) -> None:
        """Its dialog is open (or it failed): held keys run or are dropped."""
        self.preparing = max(0, self.preparing - 1)
        self.drain()


def gated(method: F) -> F:
    """Hold this action while the screen is unsettled (see the module docstring)."""
    name = method.__name__.removeprefix("action_")

    def later(self: Gated, *args: Any) -> None:
        # The list on screen may differ from the one the key was typed over: a key that does
        # not apply to it (p on Sources) does nothing, as it would if typed there.
        if self.check_action(name, args):
            method(self, *args)

    @functools.wraps(method)
    def run(self: Gated, *args: Any) -> Any:
        if not self.key_gate.admit(name, functools.partial(later, self, *args)):
            return None
        return method(self, *args)

    return run  # type: ignore[return-value]
