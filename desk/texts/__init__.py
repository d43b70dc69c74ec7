"""Plain text of sources: reading files into text, and finding sentences in it."""

from desk.texts.extract import (
    SUPPORTED_SUFFIXES,
    ReadSource,
    normalize_newlines,
    read_source,
    read_source_file,
    text_from_html,
)
from desk.texts.sentences import sentence_spans

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ReadSource",
    "normalize_newlines",
    "read_source",
    "read_source_file",
    "sentence_spans",
    "text_from_html",
]
