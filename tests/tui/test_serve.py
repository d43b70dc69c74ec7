"""`desk serve`: the app in a real headless browser (the system's Chromium, driven by playwright).

The terminal in the page is drawn on a canvas, so what the app shows is read from the websocket
frames the browser receives (the app's screen output), and a screenshot is saved for a person
to look at (in the test's tmp_path).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.cli.main import main
from desk.tui.serve import app_command, is_loopback, public_url

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: The most a step may take on a loaded 2-core machine; on a quiet one the test takes ~10 s.
PATIENCE = 60.0
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"desk serve stopped: {process.stderr.read()!r}")  # type: ignore[union-attr]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"desk serve did not listen on port {port}")


@pytest.fixture
def served(sample_path: Path) -> Iterator[str]:
    """``desk serve`` on a copy of the sample, on a free local port, stopped afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "desk", "--db", str(sample_path), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its app processes are stopped with it
    )
    try:
        _wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        assert process.stderr is not None
        process.stderr.close()


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Chromium (apt-get install chromium)")
@pytest.mark.timeout(180)
def test_the_desk_in_a_browser(served: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    frames: list[str] = []

    def screen_since(start: int = 0) -> str:
        return _ESCAPES.sub("", "".join(frames[start:]))

    def wait_for(text: str, start: int = 0) -> None:
        deadline = time.monotonic() + PATIENCE
        while text not in screen_since(start):
            assert time.monotonic() < deadline, f"{text!r} never appeared in the browser"
            page.wait_for_timeout(200)

    def received(payload: str | bytes) -> None:
        frames.append(payload if isinstance(payload, str) else payload.decode("utf-8", "replace"))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("websocket", lambda socket: socket.on("framereceived", received))
            page.goto(served)
            # The sample's meetings, newest first, and the first one's details beside them.
            wait_for("Kim Jong-un's possible visit to Moscow")
            wait_for("Rudenko–Choe Son-hui talks")
            wait_for("Vladimir Putin — host")
            assert "Sergei Shoigu — guest" not in screen_since()

            page.focus(".xterm-helper-textarea")
            pressed = len(frames)
            page.keyboard.press("ArrowDown")
            # The cursor moved to the second meeting: its participants are shown now.
            wait_for("Sergei Shoigu — guest", start=pressed)
            wait_for("Shoigu visits Pyongyang for talks with Kim Jong-un", start=pressed)

            shot = tmp_path / "desk-in-a-browser.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000  # a drawn screen, not a blank page
        finally:
            browser.close()


def test_only_loopback_addresses_count_as_this_machine() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")
    assert not is_loopback("desk.example.org")
    assert public_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert public_url("::1", 8000) == "http://[::1]:8000"
    assert "0.0.0.0" not in public_url("0.0.0.0", 8000)  # browsers go to the machine's name


def test_each_browser_runs_this_desk(tmp_path: Path) -> None:
    command = app_command(str(tmp_path / "team desk.sqlite"))
    assert command.startswith(sys.executable)
    assert command.endswith(f"-m desk --db '{tmp_path}/team desk.sqlite' open")


def test_serving_beyond_this_machine_warns_that_there_is_no_login(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[tuple[str | None, str, int]] = []
    monkeypatch.setattr(
        "desk.tui.serve.serve",
        lambda database, *, host, port, url: calls.append((database, host, port)),
    )
    database = str(tmp_path / "desk.sqlite")
    assert main(["--db", database, "serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    err = capsys.readouterr().err
    assert "no login of its own" in err
    assert calls == [(database, "0.0.0.0", 8123)]

    assert main(["--db", database, "serve"]) == 0
    err = capsys.readouterr().err
    assert "no login" not in err and "at http://127.0.0.1:8000" in err
    assert main(["--db", database, "serve", "--port", "70000"]) == 1
    assert "--port" in capsys.readouterr().err
