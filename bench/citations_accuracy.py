"""How well the site's history from citations matches what careful readers take from the text.

    .venv/bin/python bench/citations_accuracy.py            # the dev half (for tuning)
    .venv/bin/python bench/citations_accuracy.py --set test # the held-out half: report it, never tune on it
    .venv/bin/python bench/citations_accuracy.py --errors   # also every wrong or missed entry (dev only)

The labelled set is tests/citations/labelled.jsonl (its README and GUIDE say how it was made):
passages with every dated earlier inspection a reader takes from each, its year, month,
framework and the grades the passage states.

Two measures, each on the entries the site shows as fact (a citation in doubt is not shown):

- **passage**: the citation reader alone (generator.ingest.citations) on each passage's text,
  as ingest would read it, an entry shown when the text tells its framework and nothing is in
  doubt;
- **site**: the national history the site builds from data/ (data/citations/, merged and
  reconciled with the documented inspections by generator.index.history): for each labelled
  passage, the inspections the site links that paragraph from, with the grades it takes from
  it. A passage whose document or paragraph is no longer in data/ (records re-ingested since
  the set was drawn) is matched by its text, and counted apart when it cannot be found.

An entry shown is right on year and framework when the passage's label has an entry of that
year and framework (a month shown must be the label's; a label's framework `unknown` matches
any framework of that year, counted apart). Grades are compared as the framework's areas:
the label's area names (GUIDE.md) and the reader's are both mapped through `cited_as` in
data/frameworks.yaml. Recall is of the labelled entries.

Then: how many councils' histories reach back before 2013 (an inspection on their timeline,
their own or a predecessor's, that began before 2013), with documents only and with citations.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.commands.citations import elsewhere  # noqa: E402
from generator.ingest.citations import cited_in  # noqa: E402
from generator.ingest.grades import Scales  # noqa: E402
from generator.load.validate import load_dataset, load_vocabulary  # noqa: E402

LABELLED = ROOT / "tests" / "citations" / "labelled.jsonl"
# The guide's area names → the reader's (vocab.CITED_AREAS): the guide names some areas by
# framework (SLAC's "safeguarding", ILACS's "impact of leaders"), the reader by what they are.
LABEL_AREAS = {"safeguarding": "help-and-protection", "looked-after": "children-in-care",
               "impact-of-leaders": "leadership"}


@dataclass
class Tally:
    shown: int = 0
    right: int = 0
    right_unknown: int = 0  # right against a label whose framework is `unknown`
    month_wrong: int = 0
    labelled: int = 0
    found: int = 0
    grades_shown: int = 0
    grades_right: int = 0
    grades_labelled: int = 0
    grades_found: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"
        return (f"{name}: entries shown {self.shown}; precision year+framework {pct(self.right, self.shown)}"
                f" [{self.right_unknown} against 'unknown' labels]; recall {pct(self.found, self.labelled)}\n"
                f"{' ' * len(name)}  grades: precision {pct(self.grades_right, self.grades_shown)}; "
                f"recall {pct(self.grades_found, self.grades_labelled)}")


def areas_of(fw, area: str) -> tuple[str, ...]:
    return tuple(a.key for a in fw.areas_cited_as(LABEL_AREAS.get(area, area)))


def label_grades(fw, entry: dict) -> set[tuple[str, str]]:
    return {(key, g["grade"]) for g in entry["grades"] for key in areas_of(fw, g["area"])
            if fw.grade(g["grade"]) is not None}


def compare(tally: Tally, item: dict, shown: list[tuple[int, int | None, str, set[tuple[str, str]]]],
            frameworks: dict) -> None:
    """shown: (year, month, framework, {(area key, grade key)}) of the entries shown for the passage."""
    labels = item["entries"]
    tally.labelled += len(labels)
    used: set[int] = set()
    for year, month, fw_key, grades in shown:
        tally.shown += 1
        tally.grades_shown += len(grades)
        fw = frameworks[fw_key]
        match = next((k for k, e in enumerate(labels) if k not in used and e["year"] == year and e["framework"] == fw_key), None)
        unknown = False
        if match is None:
            match = next((k for k, e in enumerate(labels) if k not in used and e["year"] == year
                          and e["framework"] == "unknown"), None)
            unknown = match is not None
        if match is None:
            tally.errors.append(f"{item['id']}: shown {year}-{month} {fw_key} {sorted(grades)}, not in the labels "
                                f"{[(e['year'], e['framework']) for e in labels]}")
            continue
        used.add(match)
        e = labels[match]
        if month is not None and e["month"] is not None and month != e["month"]:
            tally.month_wrong += 1
            tally.errors.append(f"{item['id']}: month {month}, label {e['month']}")
        tally.right += 1
        tally.right_unknown += unknown
        want = label_grades(fw, e)
        tally.grades_right += len(grades & want)
        if grades - want:
            tally.errors.append(f"{item['id']}: {year} {fw_key} grades {sorted(grades - want)} not in the label {sorted(want)}")
    for k, e in enumerate(labels):
        fw = frameworks.get(e["framework"])
        tally.grades_labelled += len(label_grades(fw, e)) if fw else 0
        if k in used:
            tally.found += 1
            hit = next((g for y, _, f, g in shown if y == e["year"] and (f == e["framework"] or e["framework"] == "unknown")), set())
            want = label_grades(frameworks[e["framework"]], e) if fw else set()
            tally.grades_found += len(hit & want)
            if want - hit:
                tally.errors.append(f"{item['id']}: {e['year']} {e['framework']} grades missed {sorted(want - hit)}")
        else:
            tally.errors.append(f"{item['id']}: missed {e['year']}-{e['month']} {e['framework']} "
                                f"{[(g['area'], g['grade']) for g in e['grades']]}")


def passage_entries(item: dict, scales: Scales, frameworks: dict, others) -> list[tuple[int, int | None, str, set]]:
    """What the reader alone shows for a passage: entries whose framework the text tells and
    nothing is in doubt, with the grades the framework has an area for."""
    start = dt.date.fromisoformat(item["document_start"])
    out = []
    for d in cited_in(item["text"], item["id"].split("#")[1], scales, start, others):
        if d.framework is None or d.doubt:
            continue
        fw = frameworks[d.framework]
        grades = {(a.key, g) for area, g in d.grades for a in fw.areas_cited_as(area) if fw.grade(g) is not None}
        out.append((d.year, d.month, d.framework, grades))
    return out


def _norm(text: str) -> str:
    return " ".join(text.split())


def site_entries(cat, item: dict) -> list[tuple[int, int | None, str, set]] | None:
    """What the site shows for a passage: the inspections it links the paragraph from, each with
    the date the paragraph gives and the grades it takes from it; None when the passage is no
    longer in data/."""
    ref, anchor = item["id"].split("#")
    hit = cat.refs.get(ref)
    if hit is None:
        return None
    doc = hit[1]
    block = doc.block(anchor)
    if block is None or _norm(block.text) != _norm(item["text"]):
        block = next((b for b in doc.body if not b.is_heading and _norm(b.text) == _norm(item["text"])), None)
        if block is None:
            return None
    out = []
    for insp, c in cat.cites(ref):
        if c.paragraph != block.anchor:
            continue
        date = c.date or insp.start_date
        grades = c.grades if c.date is not None else insp.judgements  # a person's entry: its own grades
        out.append((date.year, date.month or None, insp.framework.key, {(j.area_key, j.grade_key) for j in grades}))
    return out


def reaching_back(cat) -> tuple[int, int, int, int]:
    """(councils now; those whose timeline has an inspection begun before 2013: with documents only,
    with people's entries too, with the machine's too): councils that exist now, their
    predecessors' inspections included."""
    now = [a for a in cat.authorities if a.slug not in cat.successors]

    def count(keep) -> int:
        return sum(1 for a in now if any(i.start_date.year < 2013 and keep(i) for i in cat.timeline(a.slug)))
    return (len(now), count(lambda i: not i.is_cited), count(lambda i: not i.by_machine), count(lambda i: True))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=("dev", "test"), default="dev")
    ap.add_argument("--errors", action="store_true", help="list every wrong or missed entry (dev only)")
    ap.add_argument("--passage-only", action="store_true", help="the reader alone, without the national history")
    args = ap.parse_args(argv)
    items = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [i for i in items if i["set"] == args.set]
    vocab = load_vocabulary(ROOT / "data")
    frameworks = {f.key: f for f in vocab.frameworks}
    scales = Scales.of(vocab.frameworks)
    print(f"{args.set}: {len(items)} passages, {sum(len(i['entries']) for i in items)} labelled entries, "
          f"{sum(len(g['grades']) for i in items for g in i['entries'])} labelled grades")
    passage = Tally()
    by_slug = {a.slug: a for a in vocab.authorities}
    for item in items:
        others = elsewhere(by_slug[item["id"].split("/")[0]], vocab.authorities)
        compare(passage, item, passage_entries(item, scales, frameworks, others), frameworks)
    print(passage.line("passage"))
    if args.errors and args.set == "dev":
        for e in passage.errors:
            print("  ", e)
    if args.passage_only:
        return 0
    from generator.index.catalog import build_catalog  # noqa: E402

    cat = build_catalog(load_dataset(ROOT / "data"))
    site = Tally()
    missing = 0
    for item in items:
        shown = site_entries(cat, item)
        if shown is None:
            missing += 1
            continue
        compare(site, item, shown, frameworks)
    print(site.line("site   ") + (f"\n          ({missing} passages no longer in data/, left out)" if missing else ""))
    if args.errors and args.set == "dev":
        for e in site.errors:
            print("  ", e)
    now, docs, people, every = reaching_back(cat)
    print(f"councils whose history reaches back before 2013: {every} of {now} (documents only: {docs}; "
          f"documents and people's entries in data/cited/: {people})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
