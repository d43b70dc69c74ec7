"""Measuring a command as a user runs it: wall time, CPU time and memory over its process tree.

    facts = measure(["desk", "export", ...])     # {"wall", "cpu", "memory", "processes", ...}

* wall: from start to exit;
* cpu: user + system seconds of the process and every descendant it waited for (worker
  processes included), from ``getrusage(RUSAGE_CHILDREN)`` around the run;
* memory: the peak resident memory summed over the process tree: every process seen (the
  command and its descendants, polled from /proc every 10 ms) counts with its own peak
  (VmHWM), so a worker's peak is not missed between polls. A sum of peaks is an upper bound
  of the tree's peak at any one moment, which is what a goal on memory needs;
* waiting: seconds the processes stood ready to run while every core was busy (the run-queue
  delay of /proc/PID/schedstat, summed, as last polled): on a shared machine, most of the gap
  between wall and CPU time.

Standard library only (Linux /proc). ``median_of`` runs a measurement several times and keeps
the median of each figure.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

POLL_SECONDS = 0.01


def _children_of() -> dict[int, list[int]]:
    """Parent pid -> child pids, for every process now alive."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _descendants(pid: int) -> list[int]:
    tree = _children_of()
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(tree.get(current, ()))
    return found


def _peak(pid: int) -> int:
    """A live process's peak resident memory (VmHWM) in bytes, or 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _run_queue_seconds(pid: int) -> float:
    """How long a live process has waited for a CPU so far, or 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/schedstat", encoding="ascii") as schedstat:
            return int(schedstat.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def measure(
    command: list[str], *, stdin: str | None = None, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run ``command`` to its end: wall, cpu, waiting (seconds), memory (bytes), processes,
    output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    peaks: dict[int, int] = {}
    waits: dict[int, float] = {}
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            for pid in _descendants(process.pid):
                peaks[pid] = max(peaks.get(pid, 0), _peak(pid))
                waits[pid] = max(waits.get(pid, 0.0), _run_queue_seconds(pid))
            done.wait(POLL_SECONDS)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    output, errors = process.communicate(stdin)
    wall = time.perf_counter() - started
    done.set()
    watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({process.returncode}): {errors.strip()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall": wall,
        "cpu": cpu,
        "memory": sum(peaks.values()),
        "processes": len([peak for peak in peaks.values() if peak]),
        "waiting": sum(waits.values()),
        "output": output,
        "errors": errors,
    }


def median_of(runs: int, measurement: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """``measurement`` run ``runs`` times: the median of each number, and every run's figures."""
    results = [measurement() for _ in range(runs)]
    numbers = [key for key, value in results[0].items() if isinstance(value, int | float)]
    median = {key: statistics.median(result[key] for result in results) for key in numbers}
    median["runs"] = [{key: result[key] for key in numbers} for result in results]
    return median


def verdict(met: bool) -> str:
    return "PASS" if met else "MISS"


def mb(size: float) -> str:
    return f"{size / 2**20:,.0f} MB"
