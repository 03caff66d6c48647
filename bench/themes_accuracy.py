"""Precision and recall of the theme tagger (generator/ingest/tagging.py with data/themes.yaml)
against the hand-labelled set in tests/themes/labelled.jsonl.

    .venv/bin/python bench/themes_accuracy.py [--set test|dev|both] [--random-only]

The test set is held out: tune keywords on the dev set only (--set dev), and look at the test
figures (--set test, the default, or both: dev and test side by side) only to report them. Each main theme says whether it
meets the target and, if not, whether precision, recall or both fall short. --random-only
leaves out the items oversampled for rare themes (sample "boost:..."); the dev set's later
random rounds ("random:2", "random:3") stay in."""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.load.sources import read_yaml  # noqa: E402
from generator.ingest.tagging import suggest  # noqa: E402

MAIN = ("front-door-and-thresholds", "strategy-discussions", "assessment-quality", "plans-reviews-and-conferences",
        "management-oversight", "workforce-and-caseloads", "early-help", "placements-and-permanence", "care-leavers",
        "leadership-governance-and-scrutiny", "partnership-and-safeguarding-board", "performance-and-quality-assurance",
        "voice-of-the-child", "health-and-wellbeing", "missing-and-exploitation")


def score(rows: list[dict], keywords: list[tuple[str, tuple[str, ...]]]) -> dict[str, tuple[int, int, int]]:
    """slug -> (true positives, false positives, false negatives) of the tagger on `rows`."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for r in rows:
        gold = set(r["themes"])
        got = set(suggest(r["text"], keywords))
        for t in got & gold:
            tp[t] += 1
        for t in got - gold:
            fp[t] += 1
        for t in gold - got:
            fn[t] += 1
    return {slug: (tp[slug], fp[slug], fn[slug]) for slug, _ in keywords}


def figures(counts: tuple[int, int, int]) -> tuple[int, float, float]:
    """(gold positives, precision, recall); nan where undefined."""
    tp, fp, fn = counts
    return tp + fn, tp / (tp + fp) if tp + fp else float("nan"), tp / (tp + fn) if tp + fn else float("nan")


def verdict(p: float, rc: float) -> str:
    short = [name for name, bad in (("precision", not p >= TARGET_PRECISION), ("recall", not rc >= TARGET_RECALL)) if bad]
    return "meets the target" if not short else "short of target " + " and ".join(short)


TARGET_PRECISION = 0.85
TARGET_RECALL = 0.75


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="test", choices=("test", "dev", "both"))
    ap.add_argument("--random-only", action="store_true", help="leave out items oversampled for rare themes")
    args = ap.parse_args()
    themes = read_yaml(ROOT / "data" / "themes.yaml").data
    keywords = [(t["slug"], tuple(k.lower() for k in t.get("keywords") or [])) for t in themes]
    rows = [json.loads(line) for line in (ROOT / "tests/themes/labelled.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if not args.random_only or r.get("sample", "random").startswith("random")]
    sets = ("dev", "test") if args.set == "both" else (args.set,)
    counts = {s: score([r for r in rows if r["set"] == s], keywords) for s in sets}
    for s in sets:
        mine = [r for r in rows if r["set"] == s]
        print(f"{s}: {len(mine)} labelled items{' (random sample only)' if args.random_only else ''}: "
              f"{sum(1 for r in mine if r['kind'] == 'paragraph')} paragraphs, {sum(1 for r in mine if r['kind'] != 'paragraph')} findings")
    print(f"\n{'theme':38} " + " ".join(f"{s + ' gold':>9} {'prec':>5} {'recall':>6}" for s in sets)
          + f"  main theme ({sets[-1]}): target precision >= {TARGET_PRECISION}, recall >= {TARGET_RECALL}")
    for slug, _ in keywords:
        cells, last = [], (0, float("nan"), float("nan"))
        for s in sets:
            last = figures(counts[s][slug])
            cells.append(f"{last[0]:9d} {last[1]:5.2f} {last[2]:6.2f}")
        flag = verdict(last[1], last[2]) if slug in MAIN else ""
        print(f"{slug:38} " + " ".join(cells) + f"  {flag}")
    for s in sets:
        main_figures = [figures(counts[s][slug]) for slug in MAIN]
        ps = [f[1] for f in main_figures]
        rs = [f[2] for f in main_figures]
        tp = sum(c[0] for c in counts[s].values())
        fp = sum(c[1] for c in counts[s].values())
        fn = sum(c[2] for c in counts[s].values())
        short = [slug for slug, f in zip(MAIN, main_figures) if verdict(f[1], f[2]) != "meets the target"]
        print(f"\n{s}: main themes: mean precision {sum(ps) / len(ps):.2f}, mean recall {sum(rs) / len(rs):.2f}; "
              f"all themes, micro-averaged: precision {tp / max(1, tp + fp):.2f}, recall {tp / max(1, tp + fn):.2f}")
        print(f"{s}: main themes meeting the target (precision >= {TARGET_PRECISION}, recall >= {TARGET_RECALL}): "
              f"{len(MAIN) - len(short)} of {len(MAIN)}" + ("; short: " + ", ".join(short) if short else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
