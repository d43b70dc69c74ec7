"""Every key binding of the app by its id: what a user's ``[keymap]`` may rebind.

The ids come from the bindings themselves (``Binding(..., id="main.merge")``), read off every
screen and widget class of desk.tui, so a new binding is rebindable without a list to update.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass
from functools import cache

from textual.binding import Binding
from textual.dom import DOMNode


@dataclass(frozen=True)
class KnownBinding:
    binding_id: str
    keys: str
    description: str
    #: The screen or widget class that declares it.
    owner: str


@cache
def known_bindings() -> dict[str, KnownBinding]:
    """Binding id -> its default keys and what it does, for every binding desk declares."""
    found: dict[str, KnownBinding] = {}
    for cls in _binding_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                found.setdefault(
                    binding.id,
                    KnownBinding(
                        binding.id,
                        binding.key,
                        binding.tooltip or binding.description,
                        cls.__name__,
                    ),
                )
    return dict(sorted(found.items()))


def _binding_classes() -> list[type[DOMNode]]:
    """Every screen, widget and app class desk.tui defines."""
    return [
        cls
        for module in _tui_modules()
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if cls.__module__ == module.__name__ and issubclass(cls, DOMNode)
    ]


def unnamed_bindings() -> list[str]:
    """Bindings declared without an id ("Class: keys"): a user could not rebind them."""
    return [
        f"{cls.__name__}: {binding.key}"
        for cls in _binding_classes()
        for binding in cls.__dict__.get("BINDINGS", [])
        if not isinstance(binding, Binding) or not binding.id
    ]


def unknown_ids(keymap: dict[str, str]) -> list[str]:
    """The ids of a keymap that no binding of desk has (a typo, or an id from another app)."""
    known = known_bindings()
    return [binding_id for binding_id in keymap if binding_id not in known]


def _tui_modules() -> list[object]:
    modules = [importlib.import_module("desk.tui.app")]
    for package_name in ("desk.tui.screens", "desk.tui.widgets"):
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            modules.append(importlib.import_module(f"{package_name}.{info.name}"))
    return modules
