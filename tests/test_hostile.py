"""Hostile inputs: each must give exactly its expected message (golden), and write nothing.

    tests/hostile/records/<case>/   files copied over a fresh copy of the project (data/…); the
                                    case name says what is wrong, each file's first line says how
    tests/hostile/pdfs/*.pdf        files `python -m generator ingest FILE --json --no-cache` must refuse
    tests/hostile/expected/         the exact output (exit status, stdout, stderr) of `check` for each
                                    record case (<case>.txt) and of `ingest` for each PDF (<name>.pdf.txt)

For every record case, `build` must fail with the same messages and leave the project (data/
and docs/, which already holds a good build) byte-identical; `site` is tried the same way on a
copy with a real built site/. The case `valid-record` is the control (it has no expected
file): the short record every other case breaks in one place, which must pass and be built.
`huge-record` is grown to 20 MB at test time (not committed) and must be refused by its size
before it is parsed.

After an intended change of message, rewrite the expected files, then read the diff:

    .venv/bin/python -m tests.test_hostile --update
"""
from __future__ import annotations

from generator.config import Settings

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, copy_project

HOSTILE = ROOT / "tests" / "hostile"
RECORDS = HOSTILE / "records"
PDFS = HOSTILE / "pdfs"
EXPECTED = HOSTILE / "expected"
RECORD_CASES = sorted(p.name for p in RECORDS.iterdir() if p.is_dir())
PDF_CASES = ["empty.pdf", "encrypted.pdf", "scanned-no-text.pdf", "text-file-named.pdf", "web-page.pdf"]
VALID = "valid-record"
HUGE = "huge-record"
HUGE_BYTES = 20 * 2**20
# "today" for the checks, fixed (2 December 2026) so that the date-future message is the same on any day
FIXED_TODAY = "1796169600"
HINT = "if the new output is intended, run `.venv/bin/python -m tests.test_hostile --update` and read the diff"


def run_generator(args: list[str], cwd: Path) -> str:
    """`python -m generator ARGS` as a person runs it: exit status, then stdout and stderr."""
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": FIXED_TODAY})
    return f"exit {result.returncode}\n{result.stdout}{result.stderr}"


def project_args(project: Path, command: str) -> list[str]:
    return ["--data", str(project / "data"), "--docs", str(project / "docs"), command]


def apply_case(project: Path, name: str) -> None:
    """Copy the case's files over the project; grow the huge record to 20 MB."""
    case = RECORDS / name
    for src in sorted(case.rglob("*")):
        if src.is_file():
            dest = project / src.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(src.read_bytes())
    if name == HUGE:
        (path,) = [project / p.relative_to(case) for p in case.rglob("*.yaml")]
        _grow(path, HUGE_BYTES)


def _grow(path: Path, size: int) -> None:
    """Append numbered paragraphs to the record's body (its last key) until the file has `size` bytes:
    still a well-formed record, only far too long."""
    text = path.read_text(encoding="utf-8")
    assert text.rstrip().endswith("themes: []"), "the huge record's body must be its last key"
    sentence = "Inspectors found that strategy discussions were not always held promptly. " * 13
    number, chunks, total = 4, [], len(text.encode("utf-8"))
    while total < size:
        chunk = f"  - number: {number}\n    text: {sentence.strip()}\n    themes: []\n"
        chunks.append(chunk)
        total += len(chunk)
        number += 1
    path.write_text(text + "".join(chunks), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder`: relative path → SHA-256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def make_template(dest: Path) -> Path:
    """A copy of the project whose docs/ already holds a good build, as after `make site`."""
    from generator.commands.build import generate

    project = copy_project(dest)
    generate(Settings.for_project(project))
    return project


def run_record_case(template: Path, work: Path, name: str) -> dict:
    project = work / name
    shutil.copytree(template, project)
    apply_case(project, name)
    before = snapshot(project)
    start = time.monotonic()
    check = run_generator(project_args(project, "check"), project)
    seconds = time.monotonic() - start
    build = run_generator(project_args(project, "build"), project)
    after = snapshot(project)
    shutil.rmtree(project)
    return {"check": check, "build": build, "before": before, "after": after, "seconds": seconds}


def run_pdf_case(name: str) -> str:
    """Paths are given relative to the project, as the expected files hold them."""
    return run_generator(["ingest", (PDFS / name).relative_to(ROOT).as_posix(), "--json", "--no-cache"], ROOT)


def expected(name: str) -> str:
    path = EXPECTED / f"{name}.txt"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing; {HINT}"
    return path.read_text(encoding="utf-8")


def run_all(work: Path, records: list[str], pdfs: list[str]) -> dict:
    """Every case run once, in parallel: each is one to two separate `python -m generator` runs."""
    template = make_template(work / "template")
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {n: pool.submit(run_record_case, template, work, n) for n in records}
        futures.update({n: pool.submit(run_pdf_case, n) for n in pdfs})
        return {n: f.result() for n, f in futures.items()}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    make_pdfs()  # made by the tests, not committed (git-ignored): small synthetic files
    return run_all(tmp_path_factory.mktemp("hostile"), RECORD_CASES, PDF_CASES)


def test_every_case_has_an_expected_file_and_no_more() -> None:
    cases = {f"{n}.txt" for n in RECORD_CASES + PDF_CASES if n != VALID}
    assert sorted(p.name for p in EXPECTED.glob("*.txt")) == sorted(cases), HINT


@pytest.mark.parametrize("name", [n for n in RECORD_CASES if n != VALID])
def test_check_gives_the_expected_message(name: str, results: dict) -> None:
    got = results[name]["check"]
    assert got.startswith("exit 1\n"), got
    assert got == expected(name), HINT


@pytest.mark.parametrize("name", [n for n in RECORD_CASES if n != VALID])
def test_build_fails_with_the_same_message_and_writes_nothing(name: str, results: dict) -> None:
    res = results[name]
    assert res["build"] == res["check"]
    assert res["build"].rstrip("\n").endswith("; nothing was written")
    assert res["after"] == res["before"], "the failed build changed files in the project"


def test_the_valid_record_is_built(results: dict) -> None:
    """The control: without its one flaw, each case's record is accepted and gets a page."""
    res = results[VALID]
    assert res["check"].startswith("exit 0\nok: "), res["check"]
    assert res["build"].startswith("exit 0\ngenerated: "), res["build"]
    added = sorted(set(res["after"]) - set(res["before"]))
    assert "docs/authorities/nottinghamshire/2023-01-16-ilacs/index.md" in added, added


def test_the_huge_record_is_refused_before_it_is_read(results: dict) -> None:
    # Reading 20 MB of YAML takes about 3 s with libyaml and 25 s without (and 170 MB or more of
    # memory); refused by its size, it takes no longer than any other check.
    assert results[HUGE]["seconds"] < 10
    assert "expected a YAML file under 5 MB" in results[HUGE]["check"]


def test_a_failed_site_build_leaves_site_and_docs_as_they_were(built_site: Path, tmp_path: Path) -> None:
    """`site` on a project with a real built site/: a bad record stops it before anything is written."""
    from generator.commands.site import build_site
    from generator.load.checker import ValidationFailed

    project = tmp_path / "project"
    shutil.copytree(built_site.parent, project)
    for name in ("malformed-yaml", "reversed-dates"):
        apply_case(project, name)
        before = snapshot(project)
        with pytest.raises(ValidationFailed):
            build_site(Settings.for_project(project))
        assert snapshot(project) == before, name
        assert (project / "site" / "index.html").exists()


def test_an_alias_bomb_is_refused_at_once(results: dict) -> None:
    # Expanded, its nine levels of aliases would be 9^9 values (it took 28 s and 2.8 GB at
    # seven levels); refused at the first alias, it takes as long as any other check (about
    # 0.6 s here, most of it starting Python). The bound is loose: the machines are shared.
    assert results["alias-bomb"]["seconds"] < 5
    assert ":11: expected every value written out, got the alias *a" in results["alias-bomb"]["check"]


@pytest.mark.parametrize("name", PDF_CASES)
def test_ingest_refuses_the_pdf_with_the_expected_message(name: str, results: dict) -> None:
    got = results[name]
    assert got == expected(name), HINT
    status, line = got.split("\n")[:2]
    assert status == "exit 1"
    record = json.loads(line)
    assert sorted(record) == ["error", "source"] and record["error"]


def test_ingest_writes_no_draft_for_hostile_pdfs(tmp_path: Path) -> None:
    make_pdfs()
    out = tmp_path / "out"
    got = run_generator(["ingest", *[str(PDFS / n) for n in PDF_CASES], "--out", str(out), "--no-cache"], ROOT)
    assert got.startswith("exit 1\n")
    assert f"{len(PDF_CASES)} of {len(PDF_CASES)} input(s) failed" in got
    assert list(tmp_path.rglob("*")) == [], "ingest wrote files for inputs it refused"


def test_libyaml_and_pure_python_read_records_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader takes libyaml as a fast path and the pure-Python parser for its messages: on
    every shipped and hostile record both give the same data and lines, or the same error."""
    from generator.load import sources

    if sources._FastLoader is None:
        pytest.skip("PyYAML is installed without libyaml")
    fast = sources._FastLoader
    for path in sorted(DATA.rglob("*.yaml")) + sorted(RECORDS.rglob("*.yaml")):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        seen = []
        for loader in (fast, None):
            monkeypatch.setattr(sources, "_FastLoader", loader)
            try:
                src = sources.parse_yaml(text, "x.yaml")
                seen.append((src.data, src.lines))
            except sources.SourceError as exc:
                seen.append(str(exc))
        assert seen[0] == seen[1], path


# --- rewriting the expected files and making the PDFs ---------------------------------------

def _pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF from numbered object bodies (object 1 is the catalogue), with a correct xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_pdfs() -> None:
    """Write the hostile PDFs that are missing (the encrypted one differs on every run)."""
    import zlib

    PDFS.mkdir(parents=True, exist_ok=True)
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << %s >> /Contents %d 0 R >>"
    stream = lambda data, extra=b"": b"<< %s/Length %d >>\nstream\n" % (extra, len(data)) + data + b"\nendstream"  # noqa: E731
    files: dict[str, object] = {}
    # Two pages that are each one grey striped image and no text: a scan without OCR.
    scan = zlib.compress(bytes(0 if (y // 8) % 2 else 200 for y in range(64) for _ in range(64)), 9)
    files["scanned-no-text.pdf"] = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        page % (b"/XObject << /Im0 4 0 R >>", 5),
        stream(scan, b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                     b"/BitsPerComponent 8 /Filter /FlateDecode "),
        stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
        page % (b"/XObject << /Im0 4 0 R >>", 5),
    ])
    files["text-file-named.pdf"] = ("Inspection of local authority children's services\n\n"
                                    "This is the text of a report, saved under a .pdf name.\n").encode()
    files["empty.pdf"] = b""
    files["web-page.pdf"] = (b"<!DOCTYPE html>\n<html><head><title>Page not found</title></head>\n"
                             b"<body><h1>Page not found</h1></body></html>\n")

    def encrypted() -> bytes:
        from io import BytesIO

        from pypdf import PdfReader, PdfWriter

        text = b"BT /F1 12 Tf 72 720 Td (Inspection of local authority children's services) Tj ET"
        plain = _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      page % (b"/Font << /F1 5 0 R >>", 4), stream(text),
                      b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])
        writer = PdfWriter(clone_from=PdfReader(BytesIO(plain)))
        writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")  # RC4 needs no cryptography package
        out = BytesIO()
        writer.write(out)
        return out.getvalue()

    files["encrypted.pdf"] = encrypted
    for name, data in files.items():
        if not (PDFS / name).exists():
            (PDFS / name).write_bytes(data() if callable(data) else data)  # type: ignore[operator]
            print(f"made {(PDFS / name).relative_to(ROOT)}")


def update() -> int:
    make_pdfs()
    pdf_cases = sorted(p.name for p in PDFS.glob("*.pdf"))
    EXPECTED.mkdir(parents=True, exist_ok=True)
    for old in EXPECTED.glob("*.txt"):
        old.unlink()
    records = [n for n in RECORD_CASES if n != VALID]
    with tempfile.TemporaryDirectory() as tmp:
        got = run_all(Path(tmp), records, pdf_cases)
    for name in records:
        (EXPECTED / f"{name}.txt").write_text(got[name]["check"], encoding="utf-8")
    for name in pdf_cases:
        (EXPECTED / f"{name}.txt").write_text(got[name], encoding="utf-8")
    print(f"expected files rewritten: {len(records)} record cases, {len(pdf_cases)} PDFs. "
          "Read the diff of tests/hostile/expected before committing.")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.test_hostile --update")
    sys.exit(update())
