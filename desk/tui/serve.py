"""``desk serve``: the same app in a web browser, with textual-serve.

Each browser tab that connects gets its own ``desk open`` process on the same desk (for a team,
a shared PostgreSQL desk), so colleagues see each other's changes as they do in terminals.
textual-serve has no login of its own: on any address but the machine's own (loopback), anyone
who can reach the port can read and change the desk.
"""

from __future__ import annotations

import ipaddress
import shlex
import socket
import sys

#: The addresses that mean "every interface": a browser cannot be sent to them.
_WILDCARDS = ("0.0.0.0", "::", "")


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def public_url(host: str, port: int) -> str:
    """Where browsers reach the server: the machine's name when it listens everywhere."""
    name = socket.getfqdn() if host in _WILDCARDS else host
    if ":" in name:  # an IPv6 address
        name = f"[{name}]"
    return f"http://{name}:{port}"


def app_command(database: str | None) -> str:
    """The shell command textual-serve runs for each browser: this Python's ``desk open``."""
    words = [sys.executable, "-m", "desk"]
    if database is not None:
        words += ["--db", database]
    return shlex.join([*words, "open"])


def serve(database: str | None, *, host: str, port: int, url: str | None = None) -> None:
    """Serve the app on ``host:port`` until interrupted (Ctrl+C)."""
    from textual_serve.server import Server

    server = Server(
        app_command(database),
        host=host,
        port=port,
        title="desk",
        public_url=url or public_url(host, port),
    )
    server.serve()
