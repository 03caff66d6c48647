"""Golden cases: one folder per case in tests/cases/, its input and its exact expected output
side by side (the layout, and how to add a case: tests/cases/README.md).

    tests/cases/<case>/input/       files copied over a fresh copy of the project (data/…, mkdocs.yml)
    tests/cases/<case>/expected.txt the exact output (exit status, stdout, stderr) of `check`, or
                                    of `ingest FILE --json --no-cache` for a case named <file>.pdf
    tests/cases/<case>/expected/    the Markdown pages the generator writes for the case's records
                                    (docs/…), for a case whose outcome is pages

Every case runs in its own copy of the project whose docs/ already holds a good build, with
"today" fixed (SOURCE_DATE_EPOCH) so that date checks give the same message on any day. A case
named valid-… must pass the check and be built; every other case must fail it, `build` must
fail with the same messages and leave the project byte-identical, and `site` is tried the same
way on a copy with a real built site/. `huge-record` is grown to 20 MB at test time (not
committed) and must be refused by its size before it is parsed. The PDFs are made by
`make_pdfs` below, not committed.

After an intended change of output, rewrite every expected file, then read the files it lists:

    make golden        (python -m tests.test_cases --update)
"""
from __future__ import annotations

import difflib
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

from tests.conftest import DATA, FIXTURE, ROOT, copy_project

CASES_DIR = ROOT / "tests" / "cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir())
PDF_CASES = [n for n in CASES if n.endswith(".pdf")]
RECORD_CASES = [n for n in CASES if n not in PDF_CASES]
VALID_CASES = [n for n in RECORD_CASES if n.startswith("valid-")]
FAILING_CASES = [n for n in RECORD_CASES if n not in VALID_CASES]
PAGE_CASES = [n for n in CASES if (CASES_DIR / n / "expected").is_dir()]
LAYOUT = {"input", "expected.txt", "expected"}
# Where a PDF case's file is put in the project copy: the path its expected output names (the
# PDFs lived in tests/hostile/pdfs/ before the cases were merged; the outputs are kept as they were).
PDF_FOLDER = "tests/hostile/pdfs"
VALID = "valid-record"
HUGE = "huge-record"
HUGE_BYTES = 20 * 2**20
# "today" for every case, fixed (2 December 2026) so that the date-future message is the same on any day
FIXED_TODAY = "1796169600"
HINT = "if the new output is intended, run `make golden` and read the files it lists"


def run_generator(args: list[str], cwd: Path) -> str:
    """`python -m generator ARGS` as a person runs it: exit status, then stdout and stderr."""
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                            env={**{k: v for k, v in os.environ.items() if k != "SITE_URL"},  # as in a local build
                                 "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": FIXED_TODAY})
    return f"exit {result.returncode}\n{result.stdout}{result.stderr}"


def project_args(project: Path, command: str) -> list[str]:
    return ["--data", str(project / "data"), "--docs", str(project / "docs"), command]


def apply_case(project: Path, name: str) -> None:
    """Copy the case's input over the project; grow the huge record to 20 MB; put a PDF case's file
    in place."""
    case = CASES_DIR / name / "input"
    for src in sorted(case.rglob("*")):
        if src.is_file():
            dest = project / src.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(src.read_bytes())
    if name == HUGE:
        (path,) = [project / p.relative_to(case) for p in case.rglob("*.yaml")]
        _grow(path, HUGE_BYTES)
    if name in PDF_CASES:
        make_pdfs(project / PDF_FOLDER, [name])


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
    from generator.config import Settings

    project = copy_project(dest)
    generate(Settings.for_project(project))
    return project


def generated_pages(project: Path) -> dict[str, str]:
    """The Markdown pages the generator makes from the project's records: path under docs/ → text
    (call with SOURCE_DATE_EPOCH set to FIXED_TODAY)."""
    from generator.render.run import render_pages
    from generator.index.catalog import build_catalog
    from generator.load.validate import load_dataset

    return render_pages(build_catalog(load_dataset(project / "data")))


def run_case(template: Path, work: Path, name: str) -> dict:
    """One case in its own copy of the template: `check` then `build`, or `ingest` for a PDF.
    The copy is kept for a case with expected pages, whose pages are read from it after."""
    project = work / name
    shutil.copytree(template, project)
    apply_case(project, name)
    before = snapshot(project)
    start = time.monotonic()
    if name in PDF_CASES:
        res = {"output": run_generator(["ingest", f"{PDF_FOLDER}/{name}", "--json", "--no-cache"], project)}
    else:
        res = {"output": run_generator(project_args(project, "check"), project)}
    res["seconds"] = time.monotonic() - start
    if name in RECORD_CASES:
        res["build"] = run_generator(project_args(project, "build"), project)
    res.update(before=before, after=snapshot(project), project=project)
    if name not in PAGE_CASES:
        shutil.rmtree(project)
    return res


def run_all(work: Path, cases: list[str]) -> dict:
    """Every case run once, in parallel: each is one or two separate `python -m generator` runs."""
    template = make_template(work / "template")
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {n: pool.submit(run_case, template, work, n) for n in cases}
        return {n: f.result() for n, f in futures.items()}


def expected(name: str) -> str:
    path = CASES_DIR / name / "expected.txt"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing; {HINT}"
    return path.read_text(encoding="utf-8")


def expected_pages(name: str) -> dict[str, Path]:
    docs = CASES_DIR / name / "expected" / "docs"
    return {p.relative_to(docs).as_posix(): p for p in sorted(docs.rglob("*.md"))}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_all(tmp_path_factory.mktemp("cases"), CASES)


# --- every case ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", CASES)
def test_the_case_folder_holds_input_and_expected_output(name: str) -> None:
    entries = {p.name for p in (CASES_DIR / name).iterdir()}
    assert entries <= LAYOUT, f"tests/cases/{name} holds {sorted(entries - LAYOUT)}: only {sorted(LAYOUT)} belong there"
    assert "expected.txt" in entries, f"tests/cases/{name}/expected.txt is missing; {HINT}"
    if name in PDF_CASES:
        assert "input" not in entries, "a PDF case's file is made by make_pdfs, not committed"
        assert name in PDF_RECIPES, f"make_pdfs has no recipe for {name}"


def test_every_pdf_recipe_has_a_case() -> None:
    assert sorted(PDF_RECIPES) == PDF_CASES


@pytest.mark.parametrize("name", CASES)
def test_the_output_is_the_expected_one(name: str, results: dict) -> None:
    got = results[name]["output"]
    assert got.startswith("exit 0\n" if name in VALID_CASES else "exit 1\n"), got
    assert got == expected(name), HINT


@pytest.mark.parametrize("name", PAGE_CASES)
def test_generated_pages_are_the_expected_ones(name: str, results: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_TODAY)
    pages = generated_pages(results[name]["project"])
    golden = expected_pages(name)
    assert sorted(pages) == sorted(golden), f"pages added or removed; {HINT}"
    for path, text in pages.items():
        assert text == golden[path].read_text(encoding="utf-8"), f"{path} differs from its expected file; {HINT}"


# --- cases of records ---------------------------------------------------------------------

@pytest.mark.parametrize("name", FAILING_CASES)
def test_build_fails_with_the_same_message_and_writes_nothing(name: str, results: dict) -> None:
    res = results[name]
    assert res["build"] == res["output"]
    assert res["build"].rstrip("\n").endswith("; nothing was written")
    assert res["after"] == res["before"], "the failed build changed files in the project"


@pytest.mark.parametrize("name", VALID_CASES)
def test_a_valid_case_is_built(name: str, results: dict) -> None:
    assert results[name]["build"].startswith("exit 0\ngenerated: "), results[name]["build"]


def test_the_valid_record_is_built(results: dict) -> None:
    """The control: without its one flaw, each case's record is accepted and gets a page."""
    res = results[VALID]
    assert res["output"].startswith("exit 0\nok: "), res["output"]
    assert res["build"].startswith("exit 0\ngenerated: "), res["build"]
    added = sorted(set(res["after"]) - set(res["before"]))
    assert "docs/authorities/nottinghamshire/2023-01-16-ilacs/index.md" in added, added


def test_the_huge_record_is_refused_before_it_is_read(results: dict) -> None:
    # Reading 20 MB of YAML takes about 3 s with libyaml and 25 s without (and 170 MB or more of
    # memory); refused by its size, it takes no longer than any other check.
    assert results[HUGE]["seconds"] < 10
    assert "expected a YAML file under 5 MB" in results[HUGE]["output"]


def test_a_failed_site_build_leaves_site_and_docs_as_they_were(built_site: Path, tmp_path: Path) -> None:
    """`site` on a project with a real built site/: a bad record stops it before anything is written."""
    from generator.commands.site import build_site
    from generator.config import Settings
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
    assert ":11: expected every value written out, got the alias *a" in results["alias-bomb"]["output"]


def _fixture_copies() -> list:
    """(case, case file, fixture file) for each input file that replaces a fixture record."""
    out = []
    for name in RECORD_CASES:
        case = CASES_DIR / name / "input"
        for path in sorted(case.glob("data/reports/**/*")):
            fixture = FIXTURE / path.relative_to(case / "data")
            if path.is_file() and fixture.is_file():
                out.append(pytest.param(name, path, fixture, id=f"{name}:{path.name}"))
    return out


@pytest.mark.parametrize("name,path,fixture", _fixture_copies())
def test_a_copy_of_a_fixture_record_differs_from_it_only_by_its_flaw(name: str, path: Path, fixture: Path) -> None:
    """A case that breaks a fixture record holds a whole copy of it with the flaw (one or two lines
    replaced) and a last line saying what the flaw is. When the fixture record changes, copy it
    into the case again and make the same change."""
    case_lines = path.read_text(encoding="utf-8").splitlines()
    assert case_lines[-1].startswith(f"# Case {name}: "), "the last line says what is wrong"
    diff = list(difflib.ndiff(fixture.read_text(encoding="utf-8").splitlines(), case_lines[:-1]))
    removed = [line for line in diff if line.startswith("- ")]
    added = [line for line in diff if line.startswith("+ ")]
    assert 1 <= len(removed) == len(added) <= 2, (
        f"{path.relative_to(ROOT)} differs from {fixture.relative_to(ROOT)} by more than its flaw:\n"
        + "\n".join(removed + added))


def test_libyaml_and_pure_python_read_records_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader takes libyaml as a fast path and the pure-Python parser for its messages: on
    every fixture and case record both give the same data and lines, or the same error."""
    from generator.load import sources

    if sources._FastLoader is None:
        pytest.skip("PyYAML is installed without libyaml")
    fast = sources._FastLoader
    for path in sorted(DATA.rglob("*.yaml")) + sorted(CASES_DIR.glob("*/input/**/*.yaml")):
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


# --- cases of PDFs ------------------------------------------------------------------------

@pytest.mark.parametrize("name", PDF_CASES)
def test_ingest_refuses_the_pdf_with_a_json_error_and_writes_nothing(name: str, results: dict) -> None:
    res = results[name]
    status, line = res["output"].split("\n")[:2]
    assert status == "exit 1"
    record = json.loads(line)
    assert sorted(record) == ["error", "source"] and record["error"]
    assert res["after"] == res["before"], "ingest changed files in the project"


def test_ingest_writes_no_draft_for_hostile_pdfs(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    pdfs = make_pdfs(tmp_path_factory.mktemp("pdfs"), PDF_CASES)
    out = tmp_path / "out"
    got = run_generator(["ingest", *[str(p) for p in pdfs], "--out", str(out), "--no-cache"], ROOT)
    assert got.startswith("exit 1\n")
    assert f"{len(PDF_CASES)} of {len(PDF_CASES)} input(s) failed" in got
    assert list(tmp_path.rglob("*")) == [], "ingest wrote files for inputs it refused"


# --- making the PDFs ----------------------------------------------------------------------

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


_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << %s >> /Contents %d 0 R >>"


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< %s/Length %d >>\nstream\n" % (extra, len(data)) + data + b"\nendstream"


def _scanned() -> bytes:
    """Two pages that are each one grey striped image and no text: a scan without OCR."""
    import zlib

    scan = zlib.compress(bytes(0 if (y // 8) % 2 else 200 for y in range(64) for _ in range(64)), 9)
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        _PAGE % (b"/XObject << /Im0 4 0 R >>", 5),
        _stream(scan, b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                      b"/BitsPerComponent 8 /Filter /FlateDecode "),
        _stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
        _PAGE % (b"/XObject << /Im0 4 0 R >>", 5),
    ])


def _encrypted() -> bytes:
    """A one-page PDF with a text layer, encrypted with a user password (differs on every run)."""
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    text = b"BT /F1 12 Tf 72 720 Td (Inspection of local authority children's services) Tj ET"
    plain = _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  _PAGE % (b"/Font << /F1 5 0 R >>", 4), _stream(text),
                  b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])
    writer = PdfWriter(clone_from=PdfReader(BytesIO(plain)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")  # RC4 needs no cryptography package
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


# case name (the file's name) → its bytes: small synthetic files, made by the tests, not committed
PDF_RECIPES = {
    "empty.pdf": lambda: b"",
    "encrypted.pdf": _encrypted,
    "scanned-no-text.pdf": _scanned,
    "text-file-named.pdf": lambda: ("Inspection of local authority children's services\n\n"
                                    "This is the text of a report, saved under a .pdf name.\n").encode(),
    "web-page.pdf": lambda: (b"<!DOCTYPE html>\n<html><head><title>Page not found</title></head>\n"
                             b"<body><h1>Page not found</h1></body></html>\n"),
}


def make_pdfs(folder: Path, names: list[str]) -> list[Path]:
    """Write the named PDF cases' files into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(PDF_RECIPES[name]())
    return [folder / name for name in names]


# --- rewriting the expected files: make golden --------------------------------------------

def _golden_files() -> dict[str, bytes]:
    """Every expected file of every case: path under tests/cases/ → bytes."""
    return {p.relative_to(CASES_DIR).as_posix(): p.read_bytes()
            for pattern in ("*/expected.txt", "*/expected/**/*") for p in sorted(CASES_DIR.glob(pattern)) if p.is_file()}


def update() -> int:
    """Run every case and rewrite its expected output (and its expected pages, for a case with an
    expected/ folder), then list the files that changed."""
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_TODAY  # for the pages, made in this process
    old = _golden_files()
    with tempfile.TemporaryDirectory() as tmp:
        got = run_all(Path(tmp), CASES)
        for name in CASES:
            (CASES_DIR / name / "expected.txt").write_text(got[name]["output"], encoding="utf-8")
            if name in PAGE_CASES:
                docs = CASES_DIR / name / "expected" / "docs"
                if docs.exists():
                    shutil.rmtree(docs)
                for path, text in generated_pages(got[name]["project"]).items():
                    (docs / path).parent.mkdir(parents=True, exist_ok=True)
                    (docs / path).write_text(text, encoding="utf-8")
    new = _golden_files()
    changes = [("changed", p) for p in sorted(old.keys() & new.keys()) if old[p] != new[p]]
    changes += [("added", p) for p in sorted(new.keys() - old.keys())]
    changes += [("removed", p) for p in sorted(old.keys() - new.keys())]
    for what, path in sorted(changes, key=lambda c: c[1]):
        print(f"{what:>8}: tests/cases/{path}")
    print(f"{len(CASES)} cases run ({len(RECORD_CASES)} of records, {len(PDF_CASES)} PDFs, "
          f"{len(PAGE_CASES)} with pages); {len(new)} golden files, {len(changes)} changed.")
    if changes:
        print("Read every file listed (git diff tests/cases) before committing.")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.test_cases --update   (make golden)")
    sys.exit(update())
