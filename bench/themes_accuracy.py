"""Precision and recall of the theme tagger (generator/ingest/tagging.py with data/themes.yaml)
against the hand-labelled set in tests/themes/labelled.jsonl.

    .venv/bin/python bench/themes_accuracy.py [--set test|dev] [--random-only]

The test set is held out: tune keywords on the dev set only. Each main theme says whether it
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="test", choices=("test", "dev"))
    ap.add_argument("--random-only", action="store_true", help="leave out items oversampled for rare themes")
    args = ap.parse_args()
    themes = read_yaml(ROOT / "data" / "themes.yaml").data
    keywords = [(t["slug"], tuple(k.lower() for k in t.get("keywords") or [])) for t in themes]
    rows = [json.loads(line) for line in (ROOT / "tests/themes/labelled.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["set"] == args.set and (not args.random_only or r.get("sample", "random").startswith("random"))]
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
    print(f"{len(rows)} labelled items ({args.set} set{', random sample only' if args.random_only else ''}): "
          f"{sum(1 for r in rows if r['kind'] == 'paragraph')} paragraphs, {sum(1 for r in rows if r['kind'] != 'paragraph')} findings\n")
    print(f"{'theme':38} {'gold':>5} {'prec':>6} {'recall':>7}  main theme: target precision >= 0.85, recall >= 0.75")
    ps, rs = [], []
    shortfalls: list[str] = []
    for slug, _ in keywords:
        gold = tp[slug] + fn[slug]
        p = tp[slug] / (tp[slug] + fp[slug]) if tp[slug] + fp[slug] else float("nan")
        rc = tp[slug] / gold if gold else float("nan")
        main_ = slug in MAIN
        if main_:
            ps.append(p)
            rs.append(rc)
        short = [name for name, bad in (("precision", not p >= 0.85), ("recall", not rc >= 0.75)) if bad]
        flag = "" if not main_ else ("ok" if not short else "short of target " + " and ".join(short))
        if main_ and short:
            shortfalls.append(slug)
        print(f"{slug:38} {gold:5d} {p:6.2f} {rc:7.2f}  {flag}")
    micro_p = sum(tp.values()) / max(1, sum(tp.values()) + sum(fp.values()))
    micro_r = sum(tp.values()) / max(1, sum(tp.values()) + sum(fn.values()))
    print(f"\nmain themes: mean precision {sum(ps) / len(ps):.2f}, mean recall {sum(rs) / len(rs):.2f} "
          f"(target precision >= 0.85, recall >= 0.75 for each)")
    print(f"all themes, micro-averaged: precision {micro_p:.2f}, recall {micro_r:.2f}")
    print(f"main themes short of the target: {len(shortfalls)} of {len(MAIN)}"
          + (" (" + ", ".join(shortfalls) + ")" if shortfalls else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
