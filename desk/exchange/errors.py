"""Errors of export and import. Each says what and where; none leaves anything half-done."""

from __future__ import annotations

from desk.errors import DeskError


class ExchangeError(DeskError):
    """Base class of export and import errors."""


class ExportRefused(ExchangeError):
    """The export cannot be written where asked; nothing was written there."""


class PackageError(ExchangeError):
    """A package that cannot be imported; the desk was left exactly as it was."""


class NotAPackage(PackageError):
    """The path is not a desk package at all (no datapackage.json, not a zip, unsafe names)."""


class InvalidData(PackageError):
    """A value, row or file of the package breaks its Table Schema or a rule of the desk."""

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {column}"
        super().__init__(f"{where}: {problem}; nothing was imported")
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
