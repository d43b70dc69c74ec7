"""Ingest's tests run on both engines: SQLite files and PostgreSQL databases."""

from engines import engine, sample_store, store

__all__ = ["engine", "sample_store", "store"]
