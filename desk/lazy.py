"""Lazy package exports (PEP 562): names are imported from their module on first use.

``desk.model`` and ``desk.store`` re-export names whose modules pull in SQLAlchemy, SQLModel and
Pydantic (about a third of a second). Importing a light submodule (``desk.store.errors``,
``desk.model.vocabulary``) must not pay for them, so the packages resolve their exports lazily.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def exports(package: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` resolving each name (``names`` maps it to its submodule)."""
    namespace = importlib.import_module(package).__dict__

    def resolve(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value  # later lookups skip __getattr__
        return value

    return resolve
