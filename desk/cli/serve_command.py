"""``desk serve``: the app in a web browser, for colleagues who do not live in a terminal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

DESCRIPTION = """\
Run the app in a web browser (textual-serve): open the address it prints. Every browser tab
gets its own session on the same desk; on a shared PostgreSQL desk (--db postgresql+psycopg://…)
colleagues see each other's changes. It listens on 127.0.0.1 (this machine only) unless --host
says otherwise. It has no login of its own: on another address, anyone who can reach the port
can read and change the desk, so expose it only on a network you trust, or behind a proxy that
asks for a login."""


def register(sub: Any, database_option: Callable[..., None]) -> None:
    serve = sub.add_parser(
        "serve",
        help="run the app in a web browser (127.0.0.1:8000 by default)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    database_option(serve, top_level=False)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when a proxy or another name stands in front",
    )
    serve.add_argument(
        "--sample",
        action="store_true",
        help="serve a fresh copy of the curated sample (never written back)",
    )
    serve.set_defaults(handler=serve_command)


def serve_command(arguments: argparse.Namespace) -> int:
    from desk.store.errors import InvalidField
    from desk.tui.serve import is_loopback, public_url, serve

    if not 0 < arguments.port < 65536:
        raise InvalidField("--port", f"{arguments.port} is not a port (1–65535)")
    database = getattr(arguments, "db", None)
    if arguments.sample:
        from desk.sample import fresh_copy

        database = str(fresh_copy())
    else:
        _check_desk(arguments)
    if not is_loopback(arguments.host):
        print(
            f"desk: warning: serving on {arguments.host}, not only this machine; desk serve has "
            "no login of its own: anyone who can reach this port can read and change the desk",
            file=sys.stderr,
        )
    where = arguments.public_url or public_url(arguments.host, arguments.port)
    shown = "a fresh copy of the sample" if arguments.sample else _describe(database)
    print(f"desk: serving {shown} at {where} (Ctrl+C stops)", file=sys.stderr)
    serve(database, host=arguments.host, port=arguments.port, url=arguments.public_url)
    return 0


def _check_desk(arguments: argparse.Namespace) -> None:
    """Open (and upgrade) the desk once here, so a wrong --db fails now, not in each browser."""
    from desk.cli.commands import _open_store

    with _open_store(arguments):
        pass


def _describe(database: str | None) -> str:
    from desk.store.location import resolve

    return str(resolve(database).describe())
