"""One build at a time per project: every command that writes docs/, site/ or data/ holds an
exclusive lock on the project's folder itself (flock on the directory, so no lock file is left
behind). The operating system releases it when the process ends, however it ends, so a killed
build never leaves the project locked."""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(Exception):
    """Another build of the same project holds the lock."""


@contextmanager
def build_lock(project: Path, what: str) -> Iterator[None]:
    """Hold the project's build lock while `what` ("make site", …) runs; Busy at once if another
    process holds it (a build that waited would then overwrite the other's result)."""
    fd = os.open(project, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(f"another build, ingest or preview of {project} is running, so {what} did not start and "
                       "changed nothing: run it again when that has finished") from None
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
