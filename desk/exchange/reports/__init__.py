"""Dossiers to hand on: an actor's or agenda item's record as one HTML or Markdown file."""

from desk.exchange.reports.writing import ReportWritten, write_report

__all__ = ["ReportWritten", "write_report"]
