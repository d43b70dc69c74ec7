"""The curated sample desk: reviewable TOML in sample_db/, built into SQLite on demand."""

from desk.sample.build import build, build_into, fresh_copy, sample_directory
from desk.sample.curation import CurationError

__all__ = ["CurationError", "build", "build_into", "fresh_copy", "sample_directory"]
