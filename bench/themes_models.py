"""The learned taggers measured against the keyword tagger (tests/themes/README.md): trained on dev
rounds 1-3 and boosts, scored on dev round 4 ("random:4"). Reads the dev set only.

    .venv/bin/pip install scikit-learn   # not a project dependency: only this comparison needs it
    .venv/bin/python bench/themes_models.py

One logistic regression per theme (balanced classes; themes with fewer than 3 training positives
fall back to the keywords) on: TF-IDF of words and word pairs ("tfidf"); WordLlama's static
embeddings, the 256-dimension model shipped in its wheel ("wl"); the keyword tagger's evidence per
theme ("kw"); and their combinations. Round 4 was a fresh check for the keyword tagger only until
the keywords were tuned on it (issue 16): the figures in tests/themes/README.md were taken before."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.themes_accuracy import MAIN  # noqa: E402
from generator.ingest.tagging import explain, suggest  # noqa: E402
from generator.load.sources import read_yaml  # noqa: E402


def main() -> int:
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    themes = read_yaml(ROOT / "data" / "themes.yaml").data
    keywords = [(t["slug"], tuple(str(k).lower() for k in t.get("keywords") or [])) for t in themes]
    slugs = [s for s, _ in keywords]
    rows = [json.loads(line) for line in (ROOT / "tests/themes/labelled.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    dev = [r for r in rows if r["set"] == "dev"]
    train = [r for r in dev if r["sample"] != "random:4"]
    check = [r for r in dev if r["sample"] == "random:4"]

    def kw_features(texts: list[str]) -> np.ndarray:
        x = np.zeros((len(texts), 2 * len(slugs)))
        for i, t in enumerate(texts):
            for slug, phrases in explain(t, keywords).items():
                j, total = slugs.index(slug), sum(phrases.values())
                x[i, j], x[i, len(slugs) + j] = min(total, 4) / 4, float(total >= 2)
        return x

    def wordllama(texts: list[str]) -> np.ndarray:
        import wordllama
        from wordllama import WordLlama
        model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
        return np.asarray(model.embed(texts, norm=True))

    def run(method: str, c: float, threshold: float) -> list[set[str]]:
        a, b = [r["text"] for r in train], [r["text"] for r in check]
        parts_a, parts_b = [], []
        if "tfidf" in method:
            v = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, strip_accents="unicode")
            parts_a.append(v.fit_transform(a))
            parts_b.append(v.transform(b))
        if "kw" in method:
            parts_a.append(csr_matrix(kw_features(a)))
            parts_b.append(csr_matrix(kw_features(b)))
        if "wl" in method:
            parts_a.append(csr_matrix(wordllama(a)))
            parts_b.append(csr_matrix(wordllama(b)))
        xa, xb = hstack(parts_a).tocsr(), hstack(parts_b).tocsr()
        out: list[set[str]] = [set() for _ in b]
        for slug in slugs:
            y = np.array([slug in r["themes"] for r in train])
            if y.sum() < 3:
                for i, t in enumerate(b):
                    if slug in suggest(t, keywords):
                        out[i].add(slug)
                continue
            p = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(xa, y).predict_proba(xb)[:, 1]
            for i in np.where(p >= threshold)[0]:
                out[i].add(slug)
        return out

    def report(label: str, got: list[set[str]]) -> None:
        tp, fp, fn = Counter(), Counter(), Counter()
        for r, g in zip(check, got):
            gold = set(r["themes"])
            for t in g & gold:
                tp[t] += 1
            for t in g - gold:
                fp[t] += 1
            for t in gold - g:
                fn[t] += 1
        ps = [tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0 for t in MAIN]
        rs = [tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0 for t in MAIN]
        ok = sum(p >= 0.85 and r >= 0.75 for p, r in zip(ps, rs))
        print(f"{label:28} main themes: mean precision {sum(ps) / len(ps):.2f}, mean recall {sum(rs) / len(rs):.2f}, "
              f"{ok} of {len(MAIN)} at the target")

    print(f"train: {len(train)} dev items (rounds 1-3, boosts); scored on dev round 4: {len(check)} items\n")
    report("keywords (data/themes.yaml)", [set(suggest(r["text"], keywords)) for r in check])
    for method in ("tfidf", "wl", "kw", "tfidf+kw", "wl+kw", "tfidf+wl+kw"):
        for c in (1.0, 4.0, 16.0):
            for threshold in (0.5, 0.65):
                report(f"{method} C={c:g} t={threshold}", run(method, c, threshold))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
