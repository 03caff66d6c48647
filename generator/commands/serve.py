"""Live preview: `mkdocs serve` reloads when docs/ changes; this regenerates docs/ when a
record in data/ changes, so an edit to a record shows in the browser. A record that fails the
check (or any failure of the generator) is reported and the pages are left as they were; the
preview goes on, and picks up the next save. The MkDocs child never outlives this process."""
from __future__ import annotations

import dataclasses
import signal
import subprocess
import sys
import time
import traceback

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.commands.build import generate
from generator.config import Settings
from generator.load.checker import ValidationFailed
from generator.write.lock import Busy, build_lock

# Saving any of these under data/ regenerates the pages (records, their text, and files that
# `make check` would report as stray: the message says what is wrong with them).
WATCHED = (".yaml", ".yml", ".md", ".YAML", ".YML")


class _Regenerate(FileSystemEventHandler):
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.due = 0.0

    def on_any_event(self, event: FileSystemEvent) -> None:
        if str(event.src_path).endswith(WATCHED) or event.is_directory:
            self.due = time.monotonic() + 0.3  # wait for the editor to finish writing

    def run_if_due(self) -> None:
        if self.due and time.monotonic() >= self.due:
            self.due = 0.0
            regenerate(self.settings)  # a failure is reported; the next save tries again


def regenerate(settings: Settings) -> bool:
    """Regenerate docs/ from data/; False (with the reason printed) when it could not."""
    try:
        with build_lock(settings.project, "make serve"):
            # no forking from a process with watcher threads
            report = generate(dataclasses.replace(settings, workers=1))
    except ValidationFailed as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"check failed: {len(exc.problems)} problems; pages left as they were", file=sys.stderr, flush=True)
        return False
    except Busy as exc:
        print(f"not regenerated: {exc}", file=sys.stderr, flush=True)
        return False
    except Exception:  # a fault of the generator itself: say so, keep the preview running
        traceback.print_exc()
        print("the generator failed (a bug: please report it with the lines above); pages left as they were",
              file=sys.stderr, flush=True)
        return False
    print(f"regenerated: {len(report.written)} pages changed", flush=True)
    return True


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # so that `finally` stops the MkDocs child too


def serve(settings: Settings, addr: str) -> int:
    signal.signal(signal.SIGTERM, _stop)
    regenerate(settings)
    handler = _Regenerate(settings)
    observer = Observer()
    observer.schedule(handler, str(settings.data_dir), recursive=True)
    observer.start()
    mkdocs = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", addr], cwd=settings.project)
    try:
        while mkdocs.poll() is None:
            handler.run_if_due()
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        if mkdocs.poll() is None:
            mkdocs.terminate()
            try:
                mkdocs.wait(timeout=10)
            except subprocess.TimeoutExpired:
                mkdocs.kill()
        observer.stop()
        observer.join()
    return mkdocs.wait()
