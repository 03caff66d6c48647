"""Change-only writer: writes a file only when its bytes differ, never one path twice, and
prunes leftovers only inside the folders and files the generator owns."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# What the generator owns under docs/: everything else there is hand-written.
OWNED_DIRS = ("authorities", "themes", "grades", "data", "feeds")  # data/: open data files; feeds/: Atom feeds
OWNED_FILES = ("index.md", "grades.md", "frameworks.md", "data.md")


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

    def write(self, rel: str, text: str) -> None:
        if rel in self.seen:
            raise ValueError(f"{rel}: the generator tried to write this page twice")
        top = rel.split("/", 1)[0]
        if top not in OWNED_DIRS and rel not in OWNED_FILES:
            raise ValueError(f"{rel}: outside the folders the generator owns ({', '.join(OWNED_DIRS + OWNED_FILES)})")
        self.seen.add(rel)
        path = self.root / rel
        data = text.encode("utf-8")
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
