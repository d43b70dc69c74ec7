"""desk: a terminal event desk for curating sourced records of actors, meetings and agenda items."""

__version__ = "0.1.0"
