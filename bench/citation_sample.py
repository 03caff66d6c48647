"""Draw the passages for the hand-labelled cited-history set (tests/citations/).

    .venv/bin/python bench/citation_sample.py --packets DIR   # reading packets of passages
    .venv/bin/python bench/citation_sample.py                 # the sample as JSON lines on stdout

A passage is a paragraph of an Ofsted report or letter in data/ that may speak of an earlier
inspection or visit. The net is wide on purpose (WIDE: any mention of a last, previous or
earlier inspection or visit, a judgement word after "judged", "was inspected", or a year
before the document's own beside "inspection"), so that recall can be measured against it;
it does not use the ingest's own citation reader. Passages are stratified by the citing
document's framework and taken round-robin over councils, at most PER_DOC from a document.
Councils are split into "test" (held out: never tune on it) and "dev" by a seeded hash of
their slug, as the follow-up set does. Packets are for reading only; they are not committed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.load.validate import load_dataset  # noqa: E402

SEED = 20261208
PER_DOC = 2
PER_PACKET = 12
QUOTAS = {"sif": 70, "ilacs": 80, "ilacs-2026": 10, "focused-visit": 40, "other": 10}  # both sets together
WIDE = re.compile(
    r"\b(last|previous|prior|earlier|preceding|most recent|former)\b[^.]{0,60}\b(inspections?|visits?|judge?ment)|"
    r"\bwas (last )?inspected\b|\bwere judged\b|\bwas judged\b|\bjudged (to be |as )?(outstanding|good|adequate|inadequate|requires)|"
    r"\bsince (the )?(last|previous|20\d\d)\b[^.]{0,40}\b(inspection|visit)|"
    r"\b(inspection|visit|inspected)\b[^.]{0,40}\b(19|20)\d\d\b|\b(19|20)\d\d\b[^.]{0,40}\b(inspection|visit|inspected)\b",
    re.IGNORECASE)


def split(slug: str) -> str:
    digest = hashlib.sha256(f"{SEED}:{slug}".encode()).digest()
    return "test" if digest[0] % 2 == 0 else "dev"


def stratum(framework: str) -> str:
    return framework if framework in QUOTAS else "other"


def draw(ds) -> list[dict]:
    slugs = {a.ons_code: a.slug for a in ds.authorities}
    rng = random.Random(SEED)
    pools: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for d in sorted(ds.documents, key=lambda d: d.file):
        if d.kind == "council-response":
            continue
        hits = [b for b in d.body if not b.is_heading and WIDE.search(b.text) and len(b.text) < 4000]
        hits = rng.sample(hits, min(PER_DOC, len(hits)))
        slug = slugs[d.authority]
        for b in hits:
            pools[(stratum(d.framework), split(slug))][slug].append((d, b))
    out = []
    for name, quota in QUOTAS.items():
        for set_name in ("test", "dev"):
            councils = sorted(pools[(name, set_name)])
            rng.shuffle(councils)
            pool = {s: rng.sample(pools[(name, set_name)][s], len(pools[(name, set_name)][s])) for s in councils}
            taken = 0
            while taken < quota // 2 and any(pool.values()):
                for s in councils:
                    if taken < quota // 2 and pool[s]:
                        d, b = pool[s].pop()
                        out.append({"set": set_name, "stratum": name, "council": s, "doc": d, "block": b})
                        taken += 1
    return out


def context(doc, block) -> tuple[str, str]:
    blocks = [b for b in doc.body if not b.is_heading]
    k = blocks.index(block)
    before = blocks[k - 1].text if k else ""
    after = blocks[k + 1].text if k + 1 < len(blocks) else ""
    return before, after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--packets", type=Path, help="write reading packets into this folder")
    args = parser.parse_args()
    ds = load_dataset(ROOT / "data")
    slugs = {a.ons_code: a.slug for a in ds.authorities}
    names = {a.ons_code: a.name for a in ds.authorities}
    items = draw(ds)
    rows = []
    for it in items:
        d, b = it["doc"], it["block"]
        rows.append({"id": f"{d.ref(slugs[d.authority])}#{b.anchor}", "set": it["set"], "stratum": it["stratum"],
                     "council": names[d.authority], "document_title": d.title, "document_start": d.start_date.iso,
                     "text": b.text, "context": context(d, b)})
    if args.packets:
        args.packets.mkdir(parents=True, exist_ok=True)
        for p in range(0, len(rows), PER_PACKET):
            lines = []
            for r in rows[p:p + PER_PACKET]:
                before, after = r["context"]
                lines += [f"## {r['id']}", f"set: {r['set']} · council: {r['council']} · citing document: "
                          f"{r['document_title']} (inspection began {r['document_start']})", "",
                          "Paragraph before (context only):", "> " + before[:1500].replace("\n", "\n> "), "",
                          "THE PASSAGE:", "> " + r["text"].replace("\n", "\n> "), "",
                          "Paragraph after (context only):", "> " + after[:1500].replace("\n", "\n> "), "", ""]
            (args.packets / f"packet-{p // PER_PACKET + 1:03d}.md").write_text("\n".join(lines), encoding="utf-8")
    for r in rows:
        print(json.dumps({k: v for k, v in r.items() if k != "context"}, ensure_ascii=False))


if __name__ == "__main__":
    main()
