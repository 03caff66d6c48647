"""Draw the paragraphs for the known-item search set (tests/search_known/).

    .venv/bin/python bench/known_item_sample.py --packets DIR   # reading packets
    .venv/bin/python bench/known_item_sample.py                 # the sample as JSON lines on stdout

A known-item search is a person looking for a passage they half remember: a staff member who
read a report months ago types what they recall of it. The set is made by reading a paragraph
drawn at random, writing the query a person would type from memory (before any search is run),
and keeping the paragraph as the answer. Paragraphs are drawn from Ofsted reports and letters in
data/, one per document, stratified by framework, 200 to 3,000 characters, not headings or
tables. Councils are split into "test" (held out) and "dev" by a seeded hash of their slug.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.load.validate import load_dataset  # noqa: E402

SEED = 20261208
QUOTAS = {"sif": 30, "ilacs": 40, "ilacs-2026": 6, "focused-visit": 40, "slac": 4}
PER_PACKET = 20


def split(slug: str) -> str:
    digest = hashlib.sha256(f"{SEED}:{slug}".encode()).digest()
    return "test" if digest[0] % 2 == 0 else "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--packets", type=Path)
    args = parser.parse_args()
    ds = load_dataset(ROOT / "data")
    slugs = {a.ons_code: a.slug for a in ds.authorities}
    names = {a.ons_code: a.name for a in ds.authorities}
    rng = random.Random(SEED)
    rows = []
    for fw, quota in QUOTAS.items():
        docs = sorted((d for d in ds.documents if d.framework == fw and d.kind != "council-response"), key=lambda d: d.file)
        rng.shuffle(docs)
        for d in docs[:quota]:
            blocks = [b for b in d.body if not b.is_heading and 200 <= len(b.text) <= 3000 and not b.text.startswith("|")]
            if not blocks:
                continue
            b = rng.choice(blocks)
            rows.append({"id": f"{d.ref(slugs[d.authority])}#{b.anchor}", "set": split(slugs[d.authority]),
                         "framework": fw, "council": names[d.authority], "year": d.start_date.year,
                         "title": d.title, "text": b.text})
    if args.packets:
        args.packets.mkdir(parents=True, exist_ok=True)
        for p in range(0, len(rows), PER_PACKET):
            lines = []
            for r in rows[p:p + PER_PACKET]:
                lines += [f"## {r['id']}", f"set: {r['set']} · {r['council']} · {r['title']} ({r['year']})", "",
                          "> " + r["text"].replace("\n", "\n> "), "", ""]
            (args.packets / f"packet-{p // PER_PACKET + 1:03d}.md").write_text("\n".join(lines), encoding="utf-8")
    for r in rows:
        print(json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    main()
