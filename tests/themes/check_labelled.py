"""Check the hand-labelled theme set and print its counts.

    .venv/bin/python tests/themes/check_labelled.py             # checks + counts (Markdown)
    .venv/bin/python tests/themes/check_labelled.py --resample  # also re-draw the sample
                                                                # (bench/theme_sample.py) and
                                                                # compare ids, sets and texts

Exit status 1 if any check fails. The same checks run under pytest
(tests/themes/test_labelled.py), without --resample, which needs the corpus.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LABELLED = HERE / "labelled.jsonl"
THEMES = ROOT / "data" / "themes.yaml"

FIELDS = ("id", "set", "kind", "framework", "year", "authority", "sample", "text", "themes")
KINDS = ("paragraph", "improvement", "priority-action", "strength", "development-area")
FINDING_KINDS = KINDS[1:]
MAX_PER_DOC = 4
MAX_PER_DOC_ROUND4 = 2  # dev round 4 may add this many more items to a document (bench/theme_sample.py ROUND4)
MAIN_THEMES = (
    "front-door-and-thresholds", "strategy-discussions", "assessment-quality",
    "plans-reviews-and-conferences", "management-oversight", "workforce-and-caseloads",
    "early-help", "placements-and-permanence", "care-leavers",
    "leadership-governance-and-scrutiny", "partnership-and-safeguarding-board",
    "performance-and-quality-assurance", "voice-of-the-child", "health-and-wellbeing",
    "missing-and-exploitation",
)


def theme_slugs() -> list[str]:
    return [t["slug"] for t in yaml.safe_load(THEMES.read_text(encoding="utf-8"))]


def load(path: Path = LABELLED) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def document(item_id: str) -> str:
    return item_id.split("#", 1)[0]


def problems(rows: list[dict], slugs: list[str]) -> list[str]:
    out: list[str] = []
    known = set(slugs)
    ids = [r.get("id") for r in rows]
    if ids != sorted(ids):
        out.append("lines are not sorted by id")
    for i, n in Counter(ids).items():
        if n > 1:
            out.append(f"{i}: id appears {n} times")
    per_doc: Counter = Counter()
    round4: Counter = Counter()
    doc_sets: dict[str, set] = {}
    for r in rows:
        rid = r.get("id", "?")
        for f in FIELDS:
            if f not in r:
                out.append(f"{rid}: no {f}")
        if r.get("set") not in ("test", "dev"):
            out.append(f"{rid}: set {r.get('set')!r}")
        if r.get("kind") not in KINDS:
            out.append(f"{rid}: kind {r.get('kind')!r}")
        if not isinstance(r.get("year"), int):
            out.append(f"{rid}: year {r.get('year')!r}")
        if not isinstance(r.get("text"), str) or not r.get("text", "").strip():
            out.append(f"{rid}: empty text")
        themes = r.get("themes")
        if not isinstance(themes, list):
            out.append(f"{rid}: themes is not a list")
            continue
        for t in themes:
            if t not in known:
                out.append(f"{rid}: unknown theme {t!r}")
        if len(set(themes)) != len(themes):
            out.append(f"{rid}: a theme is repeated")
        kind = r.get("kind")
        expected = "#finding-" if kind in FINDING_KINDS else "#"
        if expected not in rid or (kind in FINDING_KINDS and f"#finding-{kind}-" not in rid):
            out.append(f"{rid}: id does not match kind {kind!r}")
        d = document(rid)
        per_doc[d] += 1
        if r.get("sample") == "random:4":
            round4[d] += 1
        doc_sets.setdefault(d, set()).add(r.get("set"))
    for d, n in per_doc.items():
        if n - round4[d] > MAX_PER_DOC or round4[d] > MAX_PER_DOC_ROUND4 + max(0, MAX_PER_DOC - (n - round4[d])):
            out.append(f"{d}: {n} items (at most {MAX_PER_DOC} from one document, "
                       f"and {MAX_PER_DOC_ROUND4} more from dev round 4)")
    for d, s in doc_sets.items():
        if len(s) > 1:
            out.append(f"{d}: in both sets")
    return out


def theme_counts(rows: list[dict], set_name: str, sample: str | None = None) -> Counter:
    c: Counter = Counter()
    for r in rows:
        if r["set"] == set_name and (sample is None or (r["sample"] == "random") == (sample == "random")):
            c.update(r["themes"])
    return c


def markdown(rows: list[dict], slugs: list[str]) -> str:
    lines: list[str] = []
    sets = ("test", "dev")

    def table(title: str, key) -> None:
        values = sorted({key(r) for r in rows}, key=str)
        lines.append(f"| {title} | " + " | ".join(sets) + " |")
        lines.append("|---|" + "---:|" * len(sets))
        for v in values:
            lines.append(f"| {v} | " + " | ".join(str(sum(1 for r in rows if r['set'] == s and key(r) == v)) for s in sets) + " |")
        lines.append("| **all** | " + " | ".join(str(sum(1 for r in rows if r['set'] == s)) for s in sets) + " |")
        lines.append("")

    lines.append("| | test | dev |")
    lines.append("|---|---:|---:|")
    for label, fn in (
        ("items", lambda rs: len(rs)),
        ("documents", lambda rs: len({document(r['id']) for r in rs})),
        ("local authorities", lambda rs: len({r['authority'] for r in rs})),
        ("items with no theme", lambda rs: sum(1 for r in rs if not r['themes'])),
        ("themes per item (mean)", lambda rs: f"{sum(len(r['themes']) for r in rs) / max(1, len(rs)):.2f}"),
    ):
        lines.append(f"| {label} | " + " | ".join(str(fn([r for r in rows if r['set'] == s])) for s in sets) + " |")
    lines.append("")
    table("kind", lambda r: r["kind"])
    table("framework", lambda r: r["framework"])
    table("year", lambda r: r["year"])
    table("sample", lambda r: r["sample"])
    rnd, boost, dev = theme_counts(rows, "test", "random"), theme_counts(rows, "test", "boost"), theme_counts(rows, "dev")
    lines.append("| theme | test (random) | test (boost) | test | dev |")
    lines.append("|---|---:|---:|---:|---:|")
    for s in slugs:
        lines.append(f"| {s} | {rnd[s]} | {boost[s]} | {rnd[s] + boost[s]} | {dev[s]} |")
    return "\n".join(lines) + "\n"


def resample_problems(rows: list[dict]) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from bench.theme_sample import sample  # noqa: PLC0415
    from generator.load.validate import load_dataset  # noqa: PLC0415

    ds = load_dataset(ROOT / "data")
    fresh, _ = sample(ds)
    out = []
    mine = {r["id"]: r for r in rows}
    theirs = {r["id"]: r for r in fresh}
    for i in sorted(set(mine) - set(theirs)):
        out.append(f"{i}: labelled but no longer drawn")
    for i in sorted(set(theirs) - set(mine)):
        out.append(f"{i}: drawn but not labelled")
    for i in sorted(set(mine) & set(theirs)):
        for f in ("set", "kind", "framework", "year", "authority", "sample", "text"):
            if mine[i][f] != theirs[i][f]:
                out.append(f"{i}: {f} differs from the fresh sample")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--resample", action="store_true", help="re-draw the sample and compare")
    args = ap.parse_args(argv)
    slugs = theme_slugs()
    rows = load()
    found = problems(rows, slugs)
    if args.resample:
        found += resample_problems(rows)
    print(markdown(rows, slugs))
    short = [t for t in MAIN_THEMES if sum(1 for r in rows if r["set"] == "test" and t in r["themes"]) < 12]
    if short:
        print("main themes with fewer than 12 test positives: " + ", ".join(short))
    for p in found:
        print("problem: " + p, file=sys.stderr)
    print(f"{len(rows)} items, {len(found)} problems", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
