"""Live preview: `mkdocs serve` reloads when docs/ changes; this regenerates docs/ when a
record in data/ changes, so an edit to a record shows in the browser."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.build import generate
from generator.validate import ValidationFailed


class _Regenerate(FileSystemEventHandler):
    def __init__(self, data: Path, docs: Path) -> None:
        self.data, self.docs = data, docs
        self.due = 0.0

    def on_any_event(self, event: FileSystemEvent) -> None:
        if str(event.src_path).endswith((".yaml", ".yml")):
            self.due = time.monotonic() + 0.3  # wait for the editor to finish writing

    def run_if_due(self) -> None:
        if self.due and time.monotonic() >= self.due:
            self.due = 0.0
            regenerate(self.data, self.docs)


def regenerate(data: Path, docs: Path) -> None:
    try:
        report = generate(data, docs, workers=1)  # no forking from a process with watcher threads
        print(f"regenerated: {len(report.written)} pages changed", flush=True)
    except ValidationFailed as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"check failed: {len(exc.problems)} problems; pages left as they were", file=sys.stderr, flush=True)


def serve(data: Path, docs: Path, addr: str) -> int:
    regenerate(data, docs)
    handler = _Regenerate(data, docs)
    observer = Observer()
    observer.schedule(handler, str(data), recursive=True)
    observer.start()
    mkdocs = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", addr], cwd=docs.parent)
    try:
        while mkdocs.poll() is None:
            handler.run_if_due()
            time.sleep(0.2)
    except KeyboardInterrupt:
        mkdocs.terminate()
    finally:
        observer.stop()
        observer.join()
    return mkdocs.wait()
