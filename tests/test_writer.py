from __future__ import annotations

from pathlib import Path

import pytest

from generator.write.writer import Writer


def test_writes_only_changes_and_prunes_only_owned_files(tmp_path: Path) -> None:
    (tmp_path / "about.md").write_text("hand-written")
    (tmp_path / "themes/old").mkdir(parents=True)
    (tmp_path / "themes/old/index.md").write_text("stale")
    w = Writer(tmp_path)
    w.write("index.md", "home")
    w.write("themes/new/index.md", "theme")
    w.prune()
    assert sorted(w.report.written) == ["index.md", "themes/new/index.md"]
    assert w.report.removed == ["themes/old/index.md"]
    assert (tmp_path / "about.md").read_text() == "hand-written" and not (tmp_path / "themes/old").exists()

    w2 = Writer(tmp_path)
    before = (tmp_path / "index.md").stat().st_mtime_ns
    w2.write("index.md", "home")
    w2.write("themes/new/index.md", "theme changed")
    assert w2.report.written == ["themes/new/index.md"] and w2.report.unchanged == 1
    assert (tmp_path / "index.md").stat().st_mtime_ns == before


def test_refuses_to_write_a_path_twice_or_outside_owned_folders(tmp_path: Path) -> None:
    w = Writer(tmp_path)
    w.write("grades.md", "a")
    with pytest.raises(ValueError, match="twice"):
        w.write("grades.md", "b")
    with pytest.raises(ValueError, match="outside"):
        w.write("about.md", "c")


@pytest.mark.parametrize("rel", ["authorities/../../../x/index.md", "authorities/./a.md", "/etc/passwd", "authorities//a.md",
                                 "authorities/.hidden/a.md", "authorities\\..\\x.md", "..", "authorities/a.md/..", ""])
def test_refuses_any_path_that_is_not_plain(tmp_path: Path, rel: str) -> None:
    """A slug of '..' (refused by the check already) could not place a file outside docs/ either."""
    w = Writer(tmp_path / "docs")
    with pytest.raises(ValueError):
        w.write(rel, "x")
    assert not (tmp_path / "x").exists() and not (tmp_path / "docs").exists()
