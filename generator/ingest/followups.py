"""What later documents say of each earlier finding: for every area for improvement or priority
action, and every later Ofsted report or letter of the same council, the passages that seem to
be about the same specific issue, and a verdict only where the evidence is strong.

How: each later document is cut into its own findings and its paragraphs' sentences. Whether
the later document speaks of the finding at all is judged by the cosine similarity of static
word embeddings (WordLlama, whose weights ship inside its wheel: nothing is downloaded): it
told addressed pairs from the rest best of the rankers tried (ROC AUC 0.82 on the dev pairs).
Which passages to show is ranked by BM25 (bm25s), which put a reader's evidence among its top
three most often (85 %). A passage whose paragraph shares a theme with the finding counts a
little closer (THEME_BOOST): the words of "the LADO's strategic lead" and "allegations against
people working with children" differ, their theme does not. Up to three passages are shown as
"possibly related", with no verdict.

No verdict is suggested by the machine: on the labelled pairs no rule reached 90 % precision
(a later finding very like the earlier one was "raised again" in 2 of 3 held-out cases).
Verdicts on the site are an editor's, from data/annotations/. bench/followups_accuracy.py
prints the figures. Machine suggestions are written to data/followups/ by `make ingest`."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from generator.model.records import Document, Finding
from generator.model.vocab import DOCUMENT_KIND, TO_IMPROVE

ADDRESSED = 0.45  # the best similarity at which a later document seems to speak of the finding (set on dev)
MOST_RELATED = 3  # passages shown, each from a different paragraph or finding
LEAST_SIMILAR = 0.25  # a passage ranked high by BM25 but this unlike the finding is not shown (set on dev)
THEME_BOOST = 0.10  # added to the similarity of a passage sharing a theme with the finding (3 times this to BM25)

_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[A-Z‘“'\"(])|\n+")
_PARAGRAPH_REFS = re.compile(r"\((paragraphs?|para\.?)[^)]*\)", re.I)


def sentences(text: str) -> list[str]:
    """A paragraph's sentences and list items, without list marks; fragments under 16 characters dropped."""
    out = []
    for s in _SPLIT.split(text):
        s = s.strip(" -*\t")
        if len(s) > 15:
            out.append(s)
    return out


def finding_text(f: Finding) -> str:
    """The finding as compared: without its "(paragraphs 12 to 14)" references."""
    return " ".join(_PARAGRAPH_REFS.sub("", f.text).split())


@dataclass(frozen=True)
class Unit:
    """A piece of a later document a finding is compared with: one of its findings (`at` is the
    finding's page anchor, "improvement-3") or a sentence of a paragraph (`at` is its anchor)."""

    at: str
    is_finding: bool
    text: str
    themes: frozenset[str] = frozenset()  # of the finding, or of the paragraph the sentence is in


def finding_anchor(doc: Document, f: Finding) -> str:
    """"improvement-3": the finding's kind and its number among the document's findings of that kind."""
    k = [g for g in doc.findings if g.kind == f.kind].index(f) + 1
    return f"{f.kind}-{k}"


def units(doc: Document) -> list[Unit]:
    out = [Unit(finding_anchor(doc, f), True, finding_text(f), frozenset(f.themes)) for f in doc.findings
           if f.kind in TO_IMPROVE]
    for b in doc.body:
        if not b.is_heading:
            out += [Unit(b.anchor, False, s, frozenset(b.themes)) for s in sentences(b.text)]
    return out


@dataclass(frozen=True)
class Passage:
    at: str  # a paragraph anchor (p-12, s-3) or a later finding's anchor (improvement-3)
    score: float  # cosine similarity, rounded to 2 places


@dataclass(frozen=True)
class Suggestion:
    """The machine's reading of one (finding, later document) pair."""

    finding: str  # "<document ref>#<finding anchor>"
    later: str  # the later document's ref
    verdict: str | None  # None: the machine suggests no verdict (see the module's docstring)
    passages: tuple[Passage, ...]  # strongest first


class Embedder:
    """WordLlama's 256-dimension static embeddings, loaded from the installed package only."""

    def __init__(self) -> None:
        import wordllama
        from wordllama import WordLlama

        # The wheel holds the weights, and the tokenizer config under tokenizers/, which WordLlama
        # looks for in its cache folder: pointing the cache at the package finds both offline.
        self.model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 256), dtype=np.float32)
        return np.asarray(self.model.embed(list(texts), norm=True), dtype=np.float32)


@cache
def embedder() -> Embedder:
    return Embedder()


def related(similarity: np.ndarray, ranking: np.ndarray, later_units: list[Unit], themes: Iterable[str] = ()
            ) -> tuple[Passage, ...]:
    """The passages shown as possibly related to a finding (with these themes): none when no unit
    of the later document is similar enough to it; else the best by BM25, each from its own
    paragraph or finding, with their similarity."""
    if not later_units:
        return ()
    wanted = set(themes)
    shared = np.array([bool(u.themes & wanted) for u in later_units], dtype=np.float64)
    similarity = similarity + THEME_BOOST * shared
    ranking = ranking + 3 * THEME_BOOST * shared
    if float(similarity.max()) < ADDRESSED:
        return ()
    order = sorted(range(len(later_units)), key=lambda i: (-float(ranking[i]), -float(similarity[i]), i))
    shown: list[Passage] = []
    for i in order:
        if len(shown) == MOST_RELATED or ranking[i] <= 0:
            break
        if similarity[i] >= LEAST_SIMILAR and all(p.at != later_units[i].at for p in shown):
            shown.append(Passage(later_units[i].at, round(min(float(similarity[i]), 1.0), 2)))
    return tuple(shown)


class Ranker:
    """BM25 over one document's units (bm25s), queried by each finding."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self._bm25s = bm25s
        self.retriever = bm25s.BM25()
        self.retriever.index(bm25s.tokenize(list(texts), stopwords="en", show_progress=False), show_progress=False)

    def __call__(self, query: str) -> np.ndarray:
        words = self._bm25s.tokenization.convert_tokenized_to_string_list(
            self._bm25s.tokenize([query], stopwords="en", show_progress=False))[0]
        return np.asarray(self.retriever.get_scores(words), dtype=np.float64)


def later_documents(documents: Iterable[Document], earlier: Document) -> list[Document]:
    """Ofsted's reports and letters about the same council that began after `earlier` ended."""
    return [d for d in documents if d.authority == earlier.authority and not DOCUMENT_KIND[d.kind].secondary
            and d.start_date.as_date() > earlier.end_date.as_date()]


def suggest(documents: Sequence[Document], ref_of: dict[str, str], embed: Embedder | None = None) -> list[Suggestion]:
    """Every (finding, later document) pair of one council's documents, read by the machine.
    `ref_of` maps a record file to its document ref."""
    embed = embed or embedder()
    ordered = sorted(documents, key=lambda d: (d.start_date.as_date(), d.file))
    later_cache: dict[str, tuple[list[Unit], np.ndarray, Ranker | None]] = {}
    out: list[Suggestion] = []
    for doc in ordered:
        findings = [f for f in doc.findings if f.kind in TO_IMPROVE]
        if not findings or DOCUMENT_KIND[doc.kind].secondary:
            continue
        later = later_documents(ordered, doc)
        if not later:
            continue
        fvec = embed([finding_text(f) for f in findings])
        for ldoc in later:
            if ldoc.file not in later_cache:
                us = units(ldoc)
                texts = [u.text for u in us]
                later_cache[ldoc.file] = (us, embed(texts), Ranker(texts) if us else None)
            us, uvec, ranker = later_cache[ldoc.file]
            sims = uvec @ fvec.T if us else np.zeros((0, len(findings)))
            for j, f in enumerate(findings):
                passages = related(sims[:, j], ranker(finding_text(f)), us, f.themes) if ranker is not None else ()
                out.append(Suggestion(f"{ref_of[doc.file]}#{finding_anchor(doc, f)}", ref_of[ldoc.file], None, passages))
    return out
