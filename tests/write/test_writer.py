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


def test_the_manifest_is_what_gitignore_make_clean_and_the_writer_use(tmp_path) -> None:
    """One list of generated paths: each is git-ignored, the writer owns exactly those under
    docs/, and `make clean` removes them all and nothing else."""
    import subprocess

    from generator.write import manifest, writer
    from tests.conftest import ROOT

    asked = [p if p.endswith(".md") else p + "/" for p in manifest.paths()]  # folders as folders
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *asked], cwd=ROOT,
                             capture_output=True, text=True).stdout.split()
    assert sorted(ignored) == sorted(asked)
    assert (writer.OWNED_DIRS, writer.OWNED_FILES) == (manifest.GENERATED_DIRS, manifest.GENERATED_FILES)
    for rel in manifest.paths():
        path = tmp_path / rel
        if rel.endswith(".md"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x")
        else:
            (path / "a").mkdir(parents=True)
    (tmp_path / "docs" / "about.md").write_text("hand-written")
    assert sorted(manifest.clean(tmp_path)) == sorted(manifest.paths())
    assert [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*"))] == ["docs", "docs/about.md"]
