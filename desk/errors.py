"""The error every layer raises for a problem a user can cause: shown without a traceback.

It sits below every layer (dates, model, store, texts, exchange…), so that reading a source file
or a package can fail in the same way as a store operation without importing the store.
"""

from __future__ import annotations


class DeskError(Exception):
    """Base class: a problem a user can cause and fix; its message says what and where."""
