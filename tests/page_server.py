"""A local web server for tests: fixture pages on 127.0.0.1, never the internet.

``serve_pages()`` starts it on a free port in a thread and yields its base URL. Besides the
fixture pages of tests/texts/pages it answers with a redirect, a redirect loop, a 404, a PDF,
a slow page and a 50 MB page generated on the fly (with and without a declared length).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).parent / "texts" / "pages"
HUGE = 50 * 1024 * 1024
#: Fixture pages by path.
ARTICLES = {
    "/news/shoigu": "yonhap-shoigu.html",
    "/politics/lavrov": "tass-lavrov.html",
}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # tests read failures from assertions, not from a request log

    def handle(self) -> None:
        # The client may give up (a time or size limit), as the test wanted.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path in ARTICLES:
            body = (PAGES / ARTICLES[path]).read_bytes()
            self._send(200, body, "text/html; charset=utf-8")
        elif path == "/old/shoigu":
            self._send(301, b"", "text/html", Location="/news/shoigu")
        elif path == "/loop":
            self._send(302, b"", "text/html", Location="/loop")
        elif path == "/notes.txt":
            self._send(200, b"Kim met Shoigu on Friday.\r\n", "text/plain; charset=utf-8")
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, b"<p>late</p>", "text/html")
        elif path in ("/huge", "/huge-unannounced"):
            self._huge(announce=path == "/huge")
        else:
            self._send(404, b"<h1>Not Found</h1>", "text/html")

    def _huge(self, *, announce: bool) -> None:
        """50 MB of paragraphs, written as they are made (nothing that size is kept)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if announce:
            self.send_header("Content-Length", str(HUGE))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<p>" + b"Kim Jong-un met Sergei Shoigu. " * 2000 + b"</p>\n"
        sent = 0
        while sent < HUGE:
            piece = chunk[: HUGE - sent]
            self.wfile.write(piece)
            sent += len(piece)


@contextmanager
def serve_pages() -> Iterator[str]:
    """The base URL (``http://127.0.0.1:PORT``) of a server answering while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
