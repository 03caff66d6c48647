"""How far the "what happened next" annotations can be trusted, on the hand-labelled pairs of
tests/followups/ (dev: used to set the thresholds; test: held out, reported only).

    .venv/bin/python bench/followups_accuracy.py            # the engine the site uses, dev and test
    .venv/bin/python bench/followups_accuracy.py --compare  # also the rankers tried, side by side (dev)

Figures, for each set:
  shown       verdicts the site shows (machine-suggested), and how many are right (precision)
  reached     of the pairs where the later document does address the finding, the share where
              the site shows the right verdict or links a paragraph the reader named as evidence
  false       of the pairs where the later document does not address the finding, the share
              where the site claims a verdict anyway
  linked      pairs with at least one "possibly related" passage shown
  noise       of the pairs where the later document does not address the finding, the share
              where passages are shown all the same (as possibly related, not as a verdict)
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import logging

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.index.catalog import build_catalog  # noqa: E402
from generator.ingest.followups import Ranker, embedder, finding_anchor, finding_text, related, units  # noqa: E402
from generator.load.validate import load_dataset  # noqa: E402

LABELS = ROOT / "tests" / "followups" / "labelled.jsonl"
TARGETS = {"precision": 0.90, "reached": 0.60, "false": 0.05}


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[‘’“”'\"]", "", text).lower().split())


def _document(cat, ref: str):
    """The document a label names; a record since filed under another framework (the 2013
    looked after children inspections, once 'slac', now 'lac-2013') is found by council, start
    date and kind."""
    if ref in cat.refs:
        return cat.refs[ref][1]
    slug, insp_id, kind = ref.split("/")
    same = [d for r, (_, d) in cat.refs.items()
            if r.startswith(f"{slug}/{insp_id[:10]}-") and r.endswith(f"/{kind}")]
    if len(same) != 1:
        raise KeyError(ref)
    return same[0]


def pairs(cat, rows):
    """(label row, finding, later document) for each labelled pair. A finding is found by its
    text (a re-ingest may number a document's findings anew), else by its number; the evidence
    is found again by its quoted words (a letter's unnumbered blocks may be split anew)."""
    out = []
    for r in rows:
        fid, later = r["id"].split(" -> ")
        ref, _, fk = fid.partition("#finding-")
        kind, k = re.match(r"(.*)-(\d+)$", fk).groups()
        doc = _document(cat, ref)
        same_kind = [f for f in doc.findings if f.kind == kind]
        finding = next((f for f in same_kind if _norm(f.text) == _norm(r["text"])), None) or same_kind[int(k)]
        out.append((r, finding, _document(cat, later)))
    return out


def evidence(r, later=None) -> set[str]:
    """The evidence anchors a reader named; a later finding named by its 0-based label id
    (finding-improvement-2) becomes the site's anchor (improvement-3). With the later document,
    each quote is looked for in its text, so that evidence whose block has a new anchor is
    still found."""
    out = set()
    for e in r["evidence"]:
        m = re.fullmatch(r"finding-(.*)-(\d+)", e["anchor"])
        out.add(f"{m.group(1)}-{int(m.group(2)) + 1}" if m else e["anchor"])
        if later is not None and e.get("quote") and not m:
            quote = _norm(e["quote"])[:60]
            out |= {b.anchor for b in later.body if b.anchor and quote in _norm(b.text)}
    return out


def engine_figures(data) -> dict:
    embed = embedder()
    shown = right = addressed = reached = na = claims = linked = noise = 0
    for r, f, ldoc in data:
        us = units(ldoc)
        texts = [u.text for u in us]
        passages = related(embed(texts) @ embed([finding_text(f)])[0], Ranker(texts)(finding_text(f)), us, f.themes) if us else ()
        verdict = None  # the machine suggests none (generator/ingest/followups.py)
        ev = evidence(r, ldoc)
        # a later finding shown also stands for the paragraph it is in
        paragraph_of = {finding_anchor(ldoc, g): g.paragraph for g in ldoc.findings if g.paragraph}
        at = {p.at for p in passages} | {paragraph_of[p.at] for p in passages if p.at in paragraph_of}
        linked += bool(passages)
        if verdict:
            shown += 1
            right += verdict == r["label"]
        if r["label"] == "not-addressed":
            na += 1
            claims += bool(verdict)
            noise += bool(passages)
        else:
            addressed += 1
            reached += (verdict == r["label"]) or bool(at & ev)
    return {"pairs": len(data), "shown": shown, "right": right, "precision": right / shown if shown else None,
            "reached": reached / addressed if addressed else None, "false": claims / na if na else None,
            "linked": linked, "noise": noise / na if na else None}


def compare(data) -> None:
    """Rankers side by side on the dev pairs: is a reader's evidence among the top 1 and 3
    passages, and how well the best score tells addressed pairs from the rest (ROC AUC)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import roc_auc_score
    from sklearn.metrics.pairwise import linear_kernel
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)

    corpus = sorted({u.text for _, _, d in data for u in units(d)})
    tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2), min_df=1).fit(corpus)
    embed = embedder()

    def wordllama(q, texts):
        return embed(texts) @ embed([q])[0]

    def tf(q, texts):
        return linear_kernel(tfidf.transform([q]), tfidf.transform(texts))[0]

    def bm25(q, texts):
        retriever = bm25s.BM25()
        retriever.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)
        words = bm25s.tokenization.convert_tokenized_to_string_list(bm25s.tokenize([q], stopwords="en", show_progress=False))[0]
        return np.asarray(retriever.get_scores(words))

    print(f"{'ranker (dev)':24} {'top 1':>7} {'top 3':>7} {'AUC':>6}")
    for name, score in (("WordLlama (used)", wordllama), ("TF-IDF (scikit-learn)", tf), ("BM25 (bm25s)", bm25)):
        top1 = top3 = n = 0
        best, addressed = [], []
        for r, f, ldoc in data:
            us = units(ldoc)
            if not us:
                continue
            s = score(finding_text(f), [u.text for u in us])
            order = np.argsort(-s)
            best.append(float(s[order[0]]))
            addressed.append(r["label"] != "not-addressed")
            if r["label"] != "not-addressed":
                n += 1
                ev = evidence(r, ldoc)
                top1 += us[order[0]].at in ev
                top3 += bool({us[i].at for i in order[:3]} & ev)
        print(f"{name:24} {top1 / n:7.0%} {top3 / n:7.0%} {roc_auc_score(addressed, best):6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--compare", action="store_true", help="also compare the rankers tried (dev only)")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    cat = build_catalog(load_dataset(args.data))
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"{'set':5} {'pairs':>5} {'shown':>6} {'right':>6} {'precision':>9} {'reached':>8} {'false':>6} {'linked':>7} "
          f"{'noise':>6}")
    for set_name in ("dev", "test"):
        m = engine_figures(pairs(cat, [r for r in rows if r["set"] == set_name]))
        prec = "–" if m["precision"] is None else f"{m['precision']:.0%}"
        print(f"{set_name:5} {m['pairs']:5} {m['shown']:6} {m['right']:6} {prec:>9} {m['reached']:8.0%} {m['false']:6.0%} "
              f"{m['linked']:7} {m['noise']:6.0%}")
    print(f"targets: precision >= {TARGETS['precision']:.0%}, reached >= {TARGETS['reached']:.0%}, "
          f"false <= {TARGETS['false']:.0%}")
    if args.compare:
        print()
        compare(pairs(cat, [r for r in rows if r["set"] == "dev"]))


if __name__ == "__main__":
    main()
