"""Change-only writer: writes a file only when its bytes differ, never one path twice, and
prunes leftovers only inside the folders and files the generator owns."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

# What the generator owns under docs/ (write/manifest.py): everything else there is hand-written.
from generator.write.manifest import GENERATED_DIRS as OWNED_DIRS
from generator.write.manifest import GENERATED_FILES as OWNED_FILES

# Each part of a generated path: a name of letters, digits, hyphens and dots that is not "." or
# "..", nor starts with a dot (hidden) or ends with one.
_PART = re.compile(r"^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$")


def owned_path(rel: str) -> str:
    """`rel` when it is a plain relative path inside a folder or file the generator owns;
    ValueError otherwise. Every path the generator writes or prunes passes through here, so no
    record (a slug of '..', say) can place a file anywhere else."""
    parts = rel.split("/")
    if (not rel or PurePosixPath(rel).is_absolute() or "\\" in rel
            or not all(_PART.match(part) for part in parts)):
        raise ValueError(f"{rel!r}: not a plain relative path (only letters, digits, '-', '_' and '.' between "
                         "slashes, no '..')")
    if not ((len(parts) > 1 and parts[0] in OWNED_DIRS) or (len(parts) == 1 and rel in OWNED_FILES)):
        raise ValueError(f"{rel}: outside the folders the generator owns ({', '.join(OWNED_DIRS + OWNED_FILES)})")
    return rel


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


class Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.seen: set[str] = set()
        self.report = WriteReport()

    def write(self, rel: str, text: str | bytes) -> None:
        """Write a page or file (text as UTF-8; bytes as they are) unless its bytes are already there."""
        if rel in self.seen:
            raise ValueError(f"{rel}: the generator tried to write this page twice")
        owned_path(rel)
        self.seen.add(rel)
        path = self.root / rel
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            self.report.unchanged += 1
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        self.report.written.append(rel)

    def prune(self) -> None:
        """Remove generated files that this run did not produce."""
        for d in OWNED_DIRS:
            base = self.root / d
            if not base.exists():
                continue
            for path in sorted(base.rglob("*"), reverse=True):
                rel = path.relative_to(self.root).as_posix()
                if path.is_file() and rel not in self.seen:
                    path.unlink()
                    self.report.removed.append(rel)
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
        for f in OWNED_FILES:
            if f not in self.seen and (self.root / f).exists():
                (self.root / f).unlink()
                self.report.removed.append(f)
