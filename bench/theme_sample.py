"""Draw the candidates for the hand-labelled theme test set (tests/themes/).

    .venv/bin/python bench/theme_sample.py > candidates.jsonl     # JSON lines on stdout
    .venv/bin/python bench/theme_sample.py --out FILE              # or into a file

The labelled result is tests/themes/labelled.jsonl (see tests/themes/README.md);
tests/themes/check_labelled.py --resample checks that it still matches this sample.

Loads the ingested national corpus (content-hash cache in .cache/ingest/), keeps only the
corpus documents (files under corpus/; the curated seeds under data/ are skipped) and draws,
deterministically (seeded random, sorted inputs):

* report paragraphs, stratified by framework and, within a framework, by inspection year;
* findings (what needs to improve, priority actions, strengths), stratified by framework
  and finding kind and, within those, by year;
* a few "boost" paragraphs for themes that the random draw left with too few positives
  (chosen because their text matches a theme-specific pattern; this biases the sample
  towards those themes, so they carry sample = "boost:<theme>" and can be left out when an
  unbiased estimate is wanted).

Two sets are drawn from disjoint local authorities (hence disjoint documents): "test"
(held out: never tune on it) and "dev" (for tuning). No document gives more than
MAX_PER_DOC items, so the sets spread over many documents.

Eligible paragraphs: not headings, not tables (text starting with "|"), 120 to 2,500
characters (longer blocks are whole bulleted sections of early focused-visit letters and
summary lists), not one of the first 3 unnumbered blocks of a letter (addresses,
boilerplate), and not a block that repeats the document's own findings (the "what needs to
improve" list), since findings are sampled separately.

Each output line: id, set, kind, framework, year, authority, sample, text. Ids are stable:
f"{file}#{anchor}" for paragraphs, f"{file}#finding-{kind}-{k}" for findings (k counts
from 0 among that document's findings of that kind).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.load.validate import load_dataset  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"  # the corpus the records in data/ were made from
SEED = 20261124
DEV_SHARE = 0.25  # share of local authorities whose documents go to the dev set
MAX_PER_DOC = 4  # items (paragraphs + findings) from any one document
MAX_PARAS_PER_DOC = 3
MAX_FINDINGS_PER_DOC = 2
MIN_CHARS, MAX_CHARS = 120, 2500
LETTER_SKIP = 3  # first unnumbered blocks of a letter

# Paragraphs per framework; within a framework spread over years by eligible paragraphs.
# Strata are drawn in this order; whatever a stratum cannot supply (too few documents in
# the set, per-document caps) is carried over to the next one, so the last one absorbs it.
PARAGRAPHS = {
    "test": {"slac": 7, "ilacs-2026": 18, "sif": 80, "focused-visit": 85, "ilacs": 110},
    "dev": {"slac": 2, "ilacs-2026": 6, "sif": 27, "focused-visit": 28, "ilacs": 37},
}
# Findings per (framework, kind); within a stratum spread over years by number of findings;
# shortfalls carried over as for paragraphs.
FINDINGS = {
    "test": {
        ("slac", "improvement"): 4,
        ("ilacs-2026", "improvement"): 6,
        ("focused-visit", "strength"): 2,
        ("focused-visit", "priority-action"): 6,
        ("sif", "priority-action"): 12,
        ("sif", "strength"): 15,
        ("focused-visit", "improvement"): 30,
        ("sif", "improvement"): 35,
        ("ilacs", "improvement"): 42,
    },
    "dev": {
        ("slac", "improvement"): 2,
        ("ilacs-2026", "improvement"): 2,
        ("focused-visit", "strength"): 1,
        ("focused-visit", "priority-action"): 2,
        ("sif", "priority-action"): 4,
        ("sif", "strength"): 5,
        ("focused-visit", "improvement"): 10,
        ("sif", "improvement"): 12,
        ("ilacs", "improvement"): 14,
    },
}
# Extra paragraphs for themes that the random draw left short of ~12 positives in the test
# set (decided after labelling the random draw; see tests/themes/README.md). A candidate
# must match the pattern (case-insensitive); it is then labelled like any other paragraph.
# Round 1 (the random draw alone) gave these test positives: strategy-discussions 13,
# health-and-wellbeing 14, domestic-abuse 10, homeless-16-17 7, allegations-against-staff 8,
# private-fostering 6; the dev set had 0-5 for most of them.
SD = r"strategy (discussion|meeting)|section 47|\bs47\b|child protection (enquir|investigation)"
HW = r"health assessment|camhs|mental health|emotional (health|well)"
DA = r"domestic (abuse|violence)|\bmarac\b"
PF = r"privately fostered|private fostering"
H16 = r"homeless"
LADO = r"\blado\b|designated officer|allegations? (against|about|made against)"
EH = r"early help"
# Later rounds (dev only), drawn after round 1 and the boosts with the same picker (so the same
# per-document caps) to enlarge the dev set for tuning; sample = "random:2", "random:3". Same
# method and framework shares as round 1; the test set is unchanged. Round 3 was labelled
# after the tagger had been tuned on rounds 1-2, and first scored as a fresh check.
ROUND2: dict[str, tuple[dict[str, int], dict[tuple[str, str], int]]] = {
    "dev": (
        {"slac": 2, "ilacs-2026": 7, "sif": 30, "focused-visit": 31, "ilacs": 40},
        {
            ("slac", "improvement"): 2,
            ("ilacs-2026", "improvement"): 2,
            ("focused-visit", "strength"): 1,
            ("focused-visit", "priority-action"): 2,
            ("sif", "priority-action"): 5,
            ("sif", "strength"): 6,
            ("focused-visit", "improvement"): 12,
            ("sif", "improvement"): 14,
            ("ilacs", "improvement"): 16,
        },
    ),
}
ROUND3: dict[str, tuple[dict[str, int], dict[tuple[str, str], int]]] = {
    "dev": (
        {"sif": 25, "focused-visit": 25, "ilacs": 30},
        {("focused-visit", "improvement"): 12, ("sif", "improvement"): 12, ("ilacs", "improvement"): 16},
    ),
}
# Round 4 (dev only; issue 16, "themes good enough to filter by"): more examples to choose and
# train a tagger on. The records in data/ have been made again since rounds 1-3 were drawn (other
# anchors, other documents), so that draw no longer comes out the same, and the authorities' split
# would not either: round 4 is drawn only from the authorities of the labelled dev set (none of the
# test set's), with the items already labelled counting towards each document's caps
# (`--round 4`); those authorities' documents were mostly at their caps already, so in round 4 a
# document may give ROUND4_EXTRA more items than the caps (at most 6 in all, 5 paragraphs or 4
# findings). sample = "random:4"; labelled before any tagger was run on it.
ROUND4_EXTRA = 2
ROUND4: dict[str, tuple[dict[str, int], dict[tuple[str, str], int]]] = {
    "dev": (
        {"sif": 40, "focused-visit": 40, "ilacs": 50},
        {("sif", "priority-action"): 4, ("sif", "strength"): 4, ("focused-visit", "improvement"): 18,
         ("sif", "improvement"): 18, ("ilacs", "improvement"): 24},
    ),
}
BOOST: dict[str, dict[str, tuple[str, int]]] = {
    "test": {
        "strategy-discussions": (SD, 8),
        "health-and-wellbeing": (HW, 6),
        "domestic-abuse": (DA, 6),
        "private-fostering": (PF, 5),
        "homeless-16-17": (H16, 5),
        "allegations-against-staff": (LADO, 5),
    },
    "dev": {
        "strategy-discussions": (SD, 5),
        "health-and-wellbeing": (HW, 3),
        "domestic-abuse": (DA, 3),
        "homeless-16-17": (H16, 3),
        "allegations-against-staff": (LADO, 2),
        "early-help": (EH, 2),
    },
}


def year_of(doc) -> int:
    return doc.start_date.year


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def eligible_paragraphs(doc) -> list:
    finding_keys = [norm(f.text)[:80] for f in doc.findings if len(f.text) >= 20]
    out, unnumbered = [], 0
    for b in doc.body:
        if b.is_heading:
            continue
        if b.number is None:
            unnumbered += 1
            if doc.kind == "ofsted-letter" and unnumbered <= LETTER_SKIP:
                continue
        text = b.text.strip()
        if text.startswith("|") or not (MIN_CHARS <= len(text) <= MAX_CHARS):
            continue
        t = norm(text)
        if any(k in t for k in finding_keys):
            continue
        out.append(b)
    return out


def findings_with_ids(doc) -> list[tuple[str, object]]:
    seen: Counter = Counter()
    out = []
    for f in doc.findings:
        k = seen[f.kind]
        seen[f.kind] += 1
        out.append((f"{doc.file}#finding-{f.kind}-{k}", f))
    return out


def split_authorities(docs, rng: random.Random) -> dict[str, str]:
    codes = sorted({d.authority for d in docs})
    rng.shuffle(codes)
    n_dev = round(len(codes) * DEV_SHARE)
    return {c: ("dev" if i < n_dev else "test") for i, c in enumerate(codes)}


def allocate(total: int, weights: dict) -> dict:
    """Largest-remainder split of total over keys by weight, at least 1 per key with weight
    when total allows."""
    keys = sorted(k for k, w in weights.items() if w > 0)
    if not keys or total <= 0:
        return {}
    wsum = sum(weights[k] for k in keys)
    raw = {k: total * weights[k] / wsum for k in keys}
    out = {k: int(raw[k]) for k in keys}
    if total >= len(keys):
        for k in keys:
            out[k] = max(out[k], 1)
    while sum(out.values()) > total:
        k = max((k for k in keys if out[k] > 1), key=lambda k: out[k] - raw[k])
        out[k] -= 1
    for k in sorted(keys, key=lambda k: (-(raw[k] - int(raw[k])), k)):
        if sum(out.values()) >= total:
            break
        out[k] += 1
    return out


class Picker:
    """Round-robin draw over documents with per-document caps shared between passes."""

    def __init__(self, rng: random.Random, extra: int = 0):
        self.rng = rng
        self.extra = extra  # items allowed per document (and per kind) above the caps
        self.per_doc: Counter = Counter()
        self.per_doc_kind: Counter = Counter()
        self.taken: set[str] = set()

    def draw(self, pools: dict[str, list], quota: int, group: str, cap: int) -> list:
        """pools: doc file -> list of (id, payload); returns up to quota (file, id, payload)."""
        files = sorted(pools)
        self.rng.shuffle(files)
        remaining = {f: sorted(pools[f], key=lambda x: x[0]) for f in files}
        for f in files:
            self.rng.shuffle(remaining[f])
        picked = []
        while len(picked) < quota:
            progress = False
            for f in files:
                if len(picked) >= quota:
                    break
                if self.per_doc[f] >= MAX_PER_DOC + self.extra or self.per_doc_kind[(f, group)] >= cap + self.extra:
                    continue
                while remaining[f] and remaining[f][0][0] in self.taken:
                    remaining[f].pop(0)
                if not remaining[f]:
                    continue
                item_id, payload = remaining[f].pop(0)
                self.taken.add(item_id)
                self.per_doc[f] += 1
                self.per_doc_kind[(f, group)] += 1
                picked.append((f, item_id, payload))
                progress = True
            if not progress:
                break
        return picked


def corpus_documents(ds) -> list:
    """The documents made from corpus files, each with `file` set to the corpus path that names
    it in the labelled ids ("corpus/reports/80487-barnet/2017-07-07.pdf"): the records now live
    in data/reports/<council>/ and keep their source file in `source_file`. Records with no
    corpus source (the curated seeds) are left out."""
    return [replace(d, file=f"corpus/{d.source_file}") for d in ds.documents
            if d.source_file and (CORPUS / d.source_file).is_file()]


def sample(ds, labelled: list[dict] | None = None) -> tuple[list[dict], list[str]]:
    """The draw of rounds 1-3 (test and dev); with `labelled` (the rows of labelled.jsonl), only
    dev round 4 instead (see ROUND4)."""
    rng = random.Random(SEED)
    docs = sorted(corpus_documents(ds), key=lambda d: d.file)
    which = split_authorities(docs, rng)
    by_file = {d.file: d for d in docs}
    rows: list[dict] = []
    notes: list[str] = []

    def row(doc, item_id, kind, text, set_name, how):
        return {"id": item_id, "set": set_name, "kind": kind, "framework": doc.framework,
                "year": year_of(doc), "authority": doc.authority, "sample": how, "text": text}

    def draw_random(picker, mine, paras, para_quotas, finding_quotas, set_name, how):
        """Stratified random paragraphs (framework, then year) and findings (framework and
        kind, then year), shortfalls carried over to the next stratum."""
        # paragraphs: framework -> year
        carry = 0
        for fw, quota in para_quotas.items():
            quota += carry
            per_year: dict[int, dict[str, list]] = defaultdict(dict)
            for d in mine:
                if d.framework == fw and paras[d.file]:
                    per_year[year_of(d)][d.file] = paras[d.file]
            alloc = allocate(quota, {y: sum(len(v) for v in p.values()) for y, p in per_year.items()})
            got = 0
            for y in sorted(alloc):
                for f, item_id, b in picker.draw(per_year[y], alloc[y], "paragraph", MAX_PARAS_PER_DOC):
                    rows.append(row(by_file[f], item_id, "paragraph", b.text, set_name, how))
                    got += 1
            carry = quota - got
            if got < quota:
                notes.append(f"{set_name}: {fw} paragraphs {got} of {quota}, {carry} carried over")
        # findings: (framework, kind) -> year
        carry = 0
        for (fw, kind), quota in finding_quotas.items():
            quota += carry
            per_year = defaultdict(dict)
            for d in mine:
                if d.framework != fw:
                    continue
                items = [(i, f) for i, f in findings_with_ids(d) if f.kind == kind]
                if items:
                    per_year[year_of(d)][d.file] = items
            alloc = allocate(quota, {y: sum(len(v) for v in p.values()) for y, p in per_year.items()})
            got = 0
            for y in sorted(alloc):
                for f, item_id, fd in picker.draw(per_year[y], alloc[y], "finding", MAX_FINDINGS_PER_DOC):
                    rows.append(row(by_file[f], item_id, kind, fd.text, set_name, how))
                    got += 1
            carry = quota - got
            if got < quota:
                notes.append(f"{set_name}: {fw} {kind} findings {got} of {quota}, {carry} carried over")

    if labelled is not None:  # round 4: only from the labelled dev set's authorities
        test_las = {r["authority"] for r in labelled if r["set"] == "test"}
        dev_las = {r["authority"] for r in labelled if r["set"] == "dev"} - test_las
        picker = Picker(random.Random(f"{SEED}-dev-4"), extra=ROUND4_EXTRA)
        for r in labelled:  # the items already labelled count towards each document's caps
            f = r["id"].split("#", 1)[0]
            picker.taken.add(r["id"])
            picker.per_doc[f] += 1
            picker.per_doc_kind[(f, "paragraph" if r["kind"] == "paragraph" else "finding")] += 1
        mine = [d for d in docs if d.authority in dev_las]
        seen = {norm(r["text"])[:100] for r in labelled}  # the same text under another anchor
        paras = {d.file: [(f"{d.file}#{b.anchor}", b) for b in eligible_paragraphs(d) if norm(b.text)[:100] not in seen]
                 for d in mine}
        draw_random(picker, mine, paras, *ROUND4["dev"], "dev", "random:4")
        rows[:] = [r for r in rows if norm(r["text"])[:100] not in seen]
        rows.sort(key=lambda r: r["id"])
        return rows, notes
    for set_name in ("test", "dev"):
        picker = Picker(random.Random(f"{SEED}-{set_name}"))
        mine = [d for d in docs if which[d.authority] == set_name]
        paras = {d.file: [(f"{d.file}#{b.anchor}", b) for b in eligible_paragraphs(d)] for d in mine}
        draw_random(picker, mine, paras, PARAGRAPHS[set_name], FINDINGS[set_name], set_name, "random")
        # boosts for short themes
        for theme, (pattern, quota) in BOOST[set_name].items():
            rx = re.compile(pattern, re.I)
            pools = {f: [(i, b) for i, b in items if rx.search(b.text)] for f, items in paras.items()}
            pools = {f: v for f, v in pools.items() if v}
            picked = picker.draw(pools, quota, "paragraph", MAX_PARAS_PER_DOC)
            for f, item_id, b in picked:
                rows.append(row(by_file[f], item_id, "paragraph", b.text, set_name, f"boost:{theme}"))
            if len(picked) < quota:
                notes.append(f"{set_name}: boost {theme} {len(picked)} of {quota}")
        if set_name in ROUND2:  # drawn after round 1 and the boosts, so those are unchanged
            paragraphs2, findings2 = ROUND2[set_name]
            draw_random(picker, mine, paras, paragraphs2, findings2, set_name, "random:2")
        if set_name in ROUND3:
            paragraphs3, findings3 = ROUND3[set_name]
            draw_random(picker, mine, paras, paragraphs3, findings3, set_name, "random:3")
    rows.sort(key=lambda r: r["id"])
    return rows, notes


def summary(rows: list[dict]) -> str:
    lines = []
    for s in ("test", "dev"):
        rs = [r for r in rows if r["set"] == s]
        lines.append(f"{s}: {len(rs)} items from {len({r['id'].split('#')[0] for r in rs})} documents, "
                     f"{len({r['authority'] for r in rs})} authorities")
        lines.append("  kind: " + ", ".join(f"{k} {n}" for k, n in sorted(Counter(r['kind'] for r in rs).items())))
        lines.append("  framework: " + ", ".join(f"{k} {n}" for k, n in sorted(Counter(r['framework'] for r in rs).items())))
        lines.append("  year: " + ", ".join(f"{k} {n}" for k, n in sorted(Counter(r['year'] for r in rs).items())))
        lines.append("  sample: " + ", ".join(f"{k} {n}" for k, n in sorted(Counter(r['sample'] for r in rs).items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="-", help='output file; "-" (the default) is stdout')
    ap.add_argument("--round", type=int, choices=(4,), help="draw only dev round 4 (ROUND4), beside labelled.jsonl")
    args = ap.parse_args(argv)
    ds = load_dataset(ROOT / "data")
    labelled = None
    if args.round == 4:
        path = ROOT / "tests" / "themes" / "labelled.jsonl"
        labelled = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows, notes = sample(ds, labelled)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
    print(summary(rows), file=sys.stderr)
    for n in notes:
        print("short: " + n, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
