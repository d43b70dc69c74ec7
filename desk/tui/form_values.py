"""What a form holds when it is saved: typed reads, and the store's keyword arguments.

A form's ``save`` callback receives a ``FormValues``, not a bare dict: it reads a field as the
type it means (``text``, ``required``, ``number``), and the conversion to a store call's keyword
arguments (``arguments``, ``changes_from``) happens here, in one place, for every form.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class FormValues:
    """The fields' values by name, as the form read them: ``None`` for an empty field.

    Read-only: a save callback that needs other values builds its own arguments from these.
    """

    by_name: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", MappingProxyType(dict(self.by_name)))

    def __contains__(self, name: object) -> bool:
        return name in self.by_name

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_name)

    def text(self, name: str) -> str | None:
        """A text or choice field's value; ``None`` when empty or not on the form."""
        value = self.by_name.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            raise TypeError(f"form field {name!r} holds {type(value).__name__}, not text")
        return value

    def required(self, name: str) -> str:
        """A required field's text (the form checks it is filled before saving)."""
        value = self.text(name)
        if value is None:
            raise ValueError(f"form field {name!r} is required but empty")
        return value

    def number(self, name: str) -> int | None:
        """A field holding a whole number as text (a choice of grades), or ``None``."""
        value = self.text(name)
        return int(value) if value else None

    def arguments(self, *, without: tuple[str, ...] = ()) -> dict[str, Any]:
        """The values as a store call's keyword arguments, leaving out ``without``."""
        return {name: value for name, value in self.by_name.items() if name not in without}

    def changes_from(self, original: Mapping[str, Any]) -> dict[str, Any]:
        """The keyword arguments of the fields that differ from ``original`` (an empty
        original value counts as ``None``, as an empty field does)."""
        return {
            name: value
            for name, value in self.by_name.items()
            if (original.get(name) or None) != value
        }
