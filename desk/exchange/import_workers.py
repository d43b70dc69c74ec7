"""Worker processes of a large restore: each loads large files of the package into a scratch
SQLite file of its own (``loading.worker``), in the order the importer copies them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.exchange.errors import InvalidData, PackageError
from desk.exchange.loading import LoadJob

if TYPE_CHECKING:
    from desk.exchange.restore import Restoring

MAX_WORKERS = 4


class Workers:
    """Worker processes loading the large files of a restore into scratch files, in the order
    the importer copies them; ``wait`` returns a table's job once it is loaded."""

    def __init__(self, importer: Restoring, jobs: dict[str, LoadJob], location: Path) -> None:
        self.importer = importer
        self.jobs = jobs
        self.location = location
        self.loaded: dict[str, int] = {}
        self.processes: list[Any] = []

    def __enter__(self) -> Workers:
        if not self.jobs:
            return self
        import multiprocessing

        from desk.exchange import loading

        context = multiprocessing.get_context("spawn")  # never fork a process that may run threads
        count = min(os.cpu_count() or 1, MAX_WORKERS, len(self.jobs))
        self.importer.workers = count
        self.next_job = context.Value("q", 0)
        self.progress = context.Array("q", count)
        self.results = context.Queue()
        self.stop = context.Event()
        ordered = list(self.jobs.values())
        self.processes = [
            context.Process(
                target=loading.worker,
                args=(
                    str(self.location),
                    ordered,
                    self.next_job,
                    self.progress,
                    slot,
                    self.results,
                    self.stop,
                ),
                daemon=True,
                name=f"desk-import-{slot}",
            )
            for slot in range(count)
        ]
        for process in self.processes:
            process.start()
        return self

    def wait(self, table: str) -> LoadJob:
        import queue

        importer = self.importer
        while table not in self.loaded:
            try:
                if importer.rebuilds and self.results.empty():
                    importer.rebuild_next()  # a table loaded earlier: rebuild while waiting
                    continue
                message = self.results.get(timeout=0.1)
            except queue.Empty:
                if not any(process.is_alive() for process in self.processes):
                    raise PackageError(
                        f"loading {table}.csv stopped: a worker process ended unexpectedly"
                    ) from None
                message = None
            if message is not None:
                kind = message[0]
                if kind == "loaded":
                    self.loaded[message[1]] = message[2]
                elif kind == "invalid":
                    _, file, problem, line, column = message
                    raise InvalidData(file, problem, line=line, column=column)
                elif kind == "refused":
                    raise PackageError(message[1])
                elif kind == "failed":
                    raise PackageError(f"loading the package failed: {message[1]}")
            importer.read_elsewhere = sum(self.progress[:])
            importer.throttle(importer.read + importer.read_elsewhere)
        return self.jobs[table]

    def __exit__(self, *_: object) -> None:
        import queue

        if not self.processes:
            return
        self.stop.set()
        for process in self.processes:
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()
                process.join()
        while True:  # what the workers said last: their peak memory
            try:
                message = self.results.get_nowait()
            except queue.Empty:
                break
            if message[0] == "exit":
                self.importer.worker_peak = max(self.importer.worker_peak, message[2])
        self.results.close()
