"""Draw the (finding, later document) pairs for the hand-labelled follow-up set (tests/followups/).

    .venv/bin/python bench/followup_sample.py --packets DIR   # one reading packet per document pair
    .venv/bin/python bench/followup_sample.py                 # the sample as JSON lines on stdout

Reads the national record in data/ and draws, deterministically (seeded, sorted inputs):

* document pairs (an earlier Ofsted report or letter with areas for improvement or priority
  actions, and a later Ofsted report or letter of the same council): the next document in
  most draws, a random later one otherwise, so that long gaps are represented too;
* up to FINDINGS_PER_PAIR of the earlier document's findings for each pair, so that a labeller
  reads each later document once for several findings.

Pairs are stratified by the era of the earlier document (QUOTAS), councils taken round-robin so
that the sample spreads over England. Councils are split into "test" (held out: never tune on
it) and "dev" by a seeded hash of their slug, so the two sets share no document.

A packet holds what a person needs to label the pair without the site: the findings with the
paragraph they stand in, and the whole later document with the anchors the site uses (p-12,
s-3). Packets are for reading only; they are not committed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.load.validate import load_dataset  # noqa: E402

SEED = 20261208
FINDINGS_PER_PAIR = 3
NEXT_SHARE = 0.7  # share of pairs whose later document is the very next one
TO_IMPROVE = ("improvement", "priority-action", "development-area")
# era of the earlier document -> document pairs to draw (each gives up to FINDINGS_PER_PAIR pairs)
QUOTAS = {"2009-13": 8, "sif": 26, "ilacs": 26, "letters": 26}


def era(framework: str) -> str:
    if framework in ("slac", "cp-2012", "cra-unannounced"):
        return "2009-13"
    if framework in ("sif",):
        return "sif"
    if framework in ("ilacs", "ilacs-2026"):
        return "ilacs"
    return "letters"


def split(slug: str) -> str:
    digest = hashlib.sha256(f"{SEED}:{slug}".encode()).digest()
    return "test" if digest[0] % 2 == 0 else "dev"


def ref(doc, slugs: dict[str, str]) -> str:
    return doc.ref(slugs[doc.authority])


def draw(ds) -> list[dict]:
    slugs = {a.ons_code: a.slug for a in ds.authorities}
    rng = random.Random(SEED)
    by_council: dict[str, list] = defaultdict(list)
    for d in ds.documents:
        if d.kind != "council-response":
            by_council[slugs[d.authority]].append(d)
    # candidates[era][council] -> list of (earlier, later) pairs
    candidates: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for slug in sorted(by_council):
        docs = sorted(by_council[slug], key=lambda d: (d.start_date, d.file))
        for k, d in enumerate(docs):
            if not any(f.kind in TO_IMPROVE for f in d.findings):
                continue
            later = [x for x in docs[k + 1:] if x.start_date > d.end_date]
            if not later:
                continue
            pick = later[0] if rng.random() < NEXT_SHARE or len(later) == 1 else rng.choice(later[1:])
            candidates[era(d.framework)][slug].append((d, pick))
    out: list[dict] = []
    for name, quota in QUOTAS.items():
        for set_name in ("test", "dev"):
            councils = [s for s in sorted(candidates[name]) if split(s) == set_name]
            rng.shuffle(councils)
            pools = {s: rng.sample(candidates[name][s], len(candidates[name][s])) for s in councils}
            taken = 0
            while taken < quota // 2 and any(pools.values()):
                for s in councils:
                    if taken >= quota // 2 or not pools[s]:
                        continue
                    d, later = pools[s].pop()
                    findings = [(f, k) for f, k in _numbered(d) if f.kind in TO_IMPROVE]
                    chosen = sorted(rng.sample(findings, min(FINDINGS_PER_PAIR, len(findings))), key=lambda x: (x[0].kind, x[1]))
                    out.append({"set": set_name, "era": name, "council": s, "earlier": d, "later": later,
                                "findings": chosen})
                    taken += 1
    return out


def _numbered(doc):
    """Each finding with its index among the document's findings of its kind."""
    seen: dict[str, int] = defaultdict(int)
    for f in doc.findings:
        yield f, seen[f.kind]
        seen[f.kind] += 1


def finding_id(doc_ref: str, kind: str, k: int) -> str:
    return f"{doc_ref}#finding-{kind}-{k}"


def packet(n: int, pair: dict, slugs: dict[str, str]) -> str:
    d, later = pair["earlier"], pair["later"]
    lines = [f"# Packet {n:03d} ({pair['set']}, era {pair['era']})", "",
             f"Earlier document: {ref(d, slugs)} — {d.title} ({d.start_date.iso})",
             f"Later document:   {ref(later, slugs)} — {later.title} ({later.start_date.iso})", "",
             "## Findings of the earlier document to follow", ""]
    for f, k in pair["findings"]:
        lines += [f"### {finding_id(ref(d, slugs), f.kind, k)}", f"kind: {f.kind}", "", f.text, ""]
        block = d.block(f.paragraph) if f.paragraph else None
        if block is not None and block.text.strip() != f.text.strip():
            lines += [f"(it stands in paragraph {block.anchor} of the earlier report:)", "", "> " + block.text.replace("\n", "\n> "), ""]
    lines += ["## The later document's own findings (as listed in its record)", ""]
    for f, k in _numbered(later):
        lines.append(f"- [{f.kind} {k}{', ' + f.paragraph if f.paragraph else ''}] {f.text}")
    lines += ["", "## The later document, whole (anchors as on the site)", ""]
    for b in later.body:
        if b.is_heading:
            lines += ["#" * (b.heading_level + 1) + " " + b.text, ""]
        else:
            lines += [f"[{b.anchor}] {b.text}", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--packets", type=Path, help="write one reading packet per document pair into this folder")
    args = parser.parse_args()
    ds = load_dataset(ROOT / "data")
    slugs = {a.ons_code: a.slug for a in ds.authorities}
    pairs = draw(ds)
    if args.packets:
        args.packets.mkdir(parents=True, exist_ok=True)
        for n, pair in enumerate(pairs, start=1):
            (args.packets / f"packet-{n:03d}.md").write_text(packet(n, pair, slugs), encoding="utf-8")
    for n, pair in enumerate(pairs, start=1):
        d = pair["earlier"]
        for f, k in pair["findings"]:
            print(json.dumps({"id": f"{finding_id(ref(d, slugs), f.kind, k)} -> {ref(pair['later'], slugs)}",
                              "packet": n, "set": pair["set"], "era": pair["era"], "kind": f.kind,
                              "later_kind": pair["later"].framework, "text": f.text}, ensure_ascii=False))


if __name__ == "__main__":
    main()
