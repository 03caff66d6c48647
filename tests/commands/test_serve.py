"""`make serve` with a bad record: it says what is wrong, keeps serving, picks up the fix, and
never leaves its MkDocs child running; two builds of one project never run at once."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.write.lock import Busy, build_lock
from tests.conftest import ROOT

REC = "data/reports/south-tyneside/2013-05-13-cp-2012.ofsted-report.yaml"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, seconds: float = 60) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status
    except OSError:
        return 0


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def test_serve_survives_a_bad_record_and_stops_its_child(project: Path, tmp_path: Path) -> None:
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--data", str(project / "data"), "--docs",
                             str(project / "docs"), "serve", "--addr", f"127.0.0.1:{port}"], cwd=project,
                            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    url = f"http://127.0.0.1:{port}/"
    try:
        assert _wait(lambda: _get(url) == 200), (tmp_path / "serve.log").read_text()
        child = _children(proc.pid)
        assert child, "no MkDocs child"
        rec = project / REC
        good = rec.read_text(encoding="utf-8")
        # A year 0000 used to pass the check and crash the build, ending the preview.
        rec.write_text(good.replace("start_date: 2013-05-13", "start_date: 0000-05-13"), encoding="utf-8")
        assert _wait(lambda: "check failed" in (tmp_path / "serve.log").read_text())
        text = (tmp_path / "serve.log").read_text()
        assert f"{REC}:5: start_date: expected a real calendar date" in text and "got '0000-05-13'" in text
        assert proc.poll() is None and _get(url) == 200  # still serving the last good pages
        rec.write_text(good.replace("Inspection of local authority", "Inspection (fixed) of local authority"),
                       encoding="utf-8")
        assert _wait(lambda: "regenerated: " in (tmp_path / "serve.log").read_text().split("check failed")[-1])
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()
    assert _wait(lambda: all(not Path(f"/proc/{c}").exists() for c in child), 15), "MkDocs outlived make serve"


def test_a_second_build_fails_clearly_and_changes_nothing(project: Path) -> None:
    from tests.test_cases import snapshot

    before = snapshot(project)
    with build_lock(project, "a test"):
        with pytest.raises(Busy):
            with build_lock(project, "a second build"):
                pass
        result = subprocess.run([sys.executable, "-m", "generator", "--data", str(project / "data"), "--docs",
                                 str(project / "docs"), "build"], cwd=project, capture_output=True, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1
    assert "another build, ingest or preview of" in result.stderr and "changed nothing" in result.stderr
    assert snapshot(project) == before
    with build_lock(project, "after"):  # released: the next build may run
        pass
