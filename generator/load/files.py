"""Which files under data/ are read, and how: records, their text files, stray files, mkdocs.yml."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from generator.load import bodytext
from generator.load.checker import Checker, Problem, ValidationFailed, _kind_of, _show, _url
from generator.load.sources import MAX_BYTES, EnvValue, Source, SourceError, decode_text, read_yaml, unsafe_char


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return path.as_posix()


def _load(path: Path, root: Path, problems: list[Problem]) -> Source | None:
    try:
        return read_yaml(path, _rel(path, root))
    except SourceError as exc:
        problems.append(Problem(exc.file, exc.line, "", exc.message))
    except OSError as exc:
        problems.append(Problem(_rel(path, root), 1, "", f"cannot read file: {exc.strerror}"))
    return None


def _record_files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """The record files under reports/; a file of any other kind there is a problem, not
    silently left out (a record saved as .yml would otherwise vanish from the site)."""
    records: list[Path] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".yaml":
            records.append(path)
        elif path.suffix == bodytext.SUFFIX:
            if not path.with_suffix(".yaml").exists():
                problems.append(Problem(_rel(path, root), 1, "", f"expected the record {path.with_suffix('.yaml').name} "
                                        "beside this text file, got none"))
        elif not path.name.startswith("."):
            problems.append(Problem(_rel(path, root), 1, "", "expected a record (.yaml) or a record's text (.md), got a "
                                    f"{path.suffix or 'file with no extension'}{': rename it to .yaml' if path.suffix.lower() in ('.yml', '.yaml') else ''}"))
    return records


# What data/ holds; anything else there is reported, so that no file is silently left out.
DATA_FILES = ("authorities.yaml", "frameworks.yaml", "themes.yaml", "unreadable.yaml", "README.md")


DATA_FOLDERS = ("reports", "cited", "citations", "annotations", "followups")


def _stray_files(root: Path, problems: list[Problem]) -> None:
    """Files under data/ that are neither read nor documentation."""
    for path in sorted(root.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() and path.name not in DATA_FOLDERS:
            problems.append(Problem(_rel(path, root), 1, "", f"expected only the folders {', '.join(DATA_FOLDERS)} in "
                                    f"data/, got a folder {path.name!r}: its files would not be read"))
        elif path.is_file() and path.name not in DATA_FILES:
            hint = next((f": rename it to {f}" for f in DATA_FILES if f.lower().split(".")[0] == path.stem.lower()), "")
            problems.append(Problem(_rel(path, root), 1, "", f"expected only {', '.join(DATA_FILES)} in data/, got "
                                    f"{path.name!r}, which would not be read{hint}"))
    for folder in ("cited", "citations", "annotations", "followups"):
        for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else ():
            if path.name.startswith(".") or path.is_dir() or (path.parent == root / folder and path.suffix == ".yaml"):
                continue
            problems.append(Problem(_rel(path, root), 1, "", f"expected a .yaml file directly in data/{folder}/, got "
                                    f"{path.relative_to(root / folder).as_posix()!r}, which would not be read"
                                    f"{': rename it to .yaml' if path.suffix.lower() in ('.yml', '.yaml') else ''}"))


def _load_text(path: Path, root: Path, problems: list[Problem]) -> Source | None:
    """A record's text file as a Source whose `body` entries know their lines."""
    name = _rel(path, root)
    try:
        if path.stat().st_size > MAX_BYTES:
            problems.append(Problem(name, 1, "", f"expected a text file under {MAX_BYTES // 2**20} MB, got "
                                                 f"{path.stat().st_size / 2**20:.1f} MB"))
            return None
        text = decode_text(path.read_bytes(), name)
        for number, line in enumerate(text.split("\n"), 1):
            bad = unsafe_char(line.rstrip("\r"))
            if bad:
                problems.append(Problem(name, number, "", f"expected printable text, got {bad}"))
                return None
        entries, lines = bodytext.parse(text)
    except SourceError as exc:
        problems.append(Problem(exc.file, exc.line, "", exc.message))
        return None
    except bodytext.BodyTextError as exc:
        problems.append(Problem(name, exc.line, "", exc.message))
        return None
    except OSError as exc:
        problems.append(Problem(name, 1, "", f"cannot read file: {exc.strerror}"))
        return None
    at: dict[tuple, int] = {(): 1, ("body",): 1}
    for i, line in lines.items():
        at[("body", i)] = line
    return Source(file=name, data={"body": entries}, lines=at)


def _list_source(c: Checker, what: str) -> list[tuple[tuple, dict]]:
    data = c.source.data
    if not isinstance(data, list):
        c.problem((), f"expected a list of {what}, got {_kind_of(data)}")
        return []
    out = []
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            c.problem((i,), f"expected a mapping ({what[:-1] if what.endswith('s') else what}), got {_show(item)}")
        else:
            out.append(((i,), item))
    return out


SITE_URL = ("site_url",)  # the one setting of the site's published address


def check_mkdocs_config(project: Path, environ: Mapping[str, str] | None = None) -> str | None:
    """mkdocs.yml read as strictly as a record before MkDocs reads it: MkDocs' own loader
    constructs Python objects from tags such as !!python/object/apply, so a pull request could
    run a command through it. Plain YAML only (no tags, no aliases), but for `site_url`, which
    may take the published address from the environment with MkDocs' `!ENV` (names and a
    default, plain text only); ValidationFailed otherwise.

    Returns the published address as MkDocs will read it (`!ENV` resolved in `environ`, by
    default the process's environment, which MkDocs inherits): an https:// address ending in
    "/", or None when there is none (then pages have no canonical link, the sitemap lists no
    page and feeds link relatively)."""
    path = project / "mkdocs.yml"
    try:
        source = read_yaml(path, "mkdocs.yml", env=frozenset({SITE_URL}))
    except SourceError as exc:
        raise ValidationFailed([Problem(exc.file, exc.line, "", exc.message + " (MkDocs would construct a Python "
                                        "object from it: mkdocs.yml may hold settings only)"
                                        if "tag" in exc.message else exc.message)]) from None
    except OSError as exc:
        raise ValidationFailed([Problem("mkdocs.yml", 1, "", f"cannot read file: {exc.strerror}")]) from None
    value = source.data.get(SITE_URL[0]) if isinstance(source.data, dict) else None
    written = value
    if isinstance(value, EnvValue):
        value = value.resolve(os.environ if environ is None else environ)
    if value is None or value == "":
        return None
    problems: list[Problem] = []
    url = _url(Checker(source, problems), {SITE_URL[0]: value}, (), SITE_URL[0])
    if url is None:
        if isinstance(written, EnvValue):
            set_by = next((n for n in written.names if n in (os.environ if environ is None else environ)), None)
            problems = [Problem(p.file, p.line, p.path, p.message + (f" (from the environment variable {set_by})"
                                                                     if set_by else " (the default after !ENV)"))
                        for p in problems]
        raise ValidationFailed(problems)
    return url if url.endswith("/") else url + "/"
