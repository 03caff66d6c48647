"""Grades as reports write them, read with the scales of data/frameworks.yaml.

data/frameworks.yaml, as `load.validate` checks it, is the only list of grade words, keys and
ranks: every pattern here is made from its words, and a grade read is one of its grades.
Ingest adds only how text bends the words:

- any case and spacing, a line break included ("Requires\\nimprovement to be good");
- a word with a number ("Grade 3") is read by its number, whatever follows it in brackets
  ("Grade 3 (Adequate)"), as the grade whose word it is; the words that put a number and a
  name together ("Adequate (Grade 3)") are read as their parts;
- a grade of several words that starts with a verb ("Requires improvement") is also read
  without the verb's "s" ("services require improvement") and, in prose about earlier
  inspections, in the verb's other forms ("required", "requiring improvement");
- in a table, such a grade may be broken over two lines ("Requires" + "improvement to be
  good"), and "Not judged" stands where an area has no grade.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from generator.model.records import Framework, Grade

__all__ = ["Scales", "TableGrades"]

_NUMBERED = re.compile(r"^([a-z]+) (\d+)$")  # "grade 3"
_NOT_JUDGED = r"not\s+judged"  # a judgement table's cell for an area it does not grade


@dataclass(frozen=True)
class TableGrades:
    """Grades in a judgement table's rows (a cover's, or one set in the body)."""

    end: re.Pattern[str]  # a row that ends in a grade; group 1 is the grade
    start: re.Pattern[str]  # a row that starts with a grade
    only: re.Pattern[str]  # a row that is a grade, or the piece of one a line break left
    lead: re.Pattern[str]  # "Good (Grade 2) A service that …": group 1 the grade, group 2 the rest
    openings: frozenset[str]  # a grade's first words that a table's next row finishes ("requires")
    verbs: str  # alternation of the verbs grades start with ("requires"), for headings that state a grade


@dataclass(frozen=True)
class Scales:
    """The grade scale of each graded framework, as data/frameworks.yaml gives it."""

    scales: tuple[tuple[str, tuple[Grade, ...]], ...]  # (framework key, its grades)

    @classmethod
    def of(cls, frameworks: Iterable[Framework]) -> Scales:
        return cls(tuple((f.key, f.scale) for f in frameworks if f.scale))

    def graded(self, framework: str | None) -> bool:
        return any(key == framework for key, _ in self.scales)

    def scale(self, framework: str | None) -> tuple[Grade, ...]:
        """The framework's grades; () for one without grades."""
        return next((scale for key, scale in self.scales if key == framework), ())

    # ------------------------------------------------------------------ words

    @cached_property
    def _grades(self) -> tuple[Grade, ...]:
        return tuple(g for _, scale in self.scales for g in scale)

    @cached_property
    def words(self) -> tuple[str, ...]:
        """Every grade word without a number, lower case, longest first."""
        found = {_norm(w) for g in self._grades for w in g.words}
        return tuple(sorted((w for w in found if not re.search(r"\d", w)), key=lambda w: (-len(w), w)))

    @cached_property
    def _numbered(self) -> tuple[tuple[str, str], ...]:
        """(word, grade key) of every word that is a number: ("grade 3", "adequate")."""
        out: dict[str, str] = {}
        for g in self._grades:
            for w in map(_norm, g.words):
                if _NUMBERED.match(w):
                    out.setdefault(w, g.key)
        return tuple(sorted(out.items()))

    @cached_property
    def _verbs(self) -> tuple[str, ...]:
        """The first words of grades that start with a verb: "requires"."""
        return tuple(sorted({w.split()[0] for w in self.words if " " in w and w.split()[0].endswith("s")}))

    def pattern(self, forms: str = "", space: str = r"\s+") -> str:
        """An alternation of the grade words without a number, longest first; `forms` "s" also
        reads a verb without its "s", "all" in all its forms."""
        return _alternation(_word_pattern(w, space, self._forms(w, forms)) for w in self.words)

    def numbers(self, space: str = r"\s+") -> str:
        """An alternation of the words that are a number: "grade\\s+1|grade\\s+2|…"."""
        return _alternation(space.join(map(re.escape, w.split())) for w, _ in self._numbered)

    def numbered_names(self) -> str:
        """An alternation of the single-word names of the grades a scale also numbers ("adequate")."""
        keys = {k for _, k in self._numbered}
        names = {w for g in self._grades if g.key in keys for w in map(_norm, g.words) if w in self.words and " " not in w}
        return _alternation(sorted(names, key=lambda w: (-len(w), w)))

    @cached_property
    def judged(self) -> str:
        """A grade as a report's judgements write it, as a pattern: a grade word (a verb without
        its "s" too) or a number, its name in brackets or not."""
        numbers = self.numbers(r"\s*")
        return (rf"(?:{self.pattern('s')}|(?:{numbers})(?:\s*\(\s*(?:{self.numbered_names()})\s*\))?)(?![a-z])")

    def verb_stems(self) -> tuple[str, ...]:
        """What every form of each verb starts with: "requir"."""
        return tuple(_stem(v) for v in self._verbs)

    def inside(self, word: str) -> re.Pattern[str] | None:
        """What comes before `word` when it ends a longer grade ("improvement to be" before
        "good"), its verb left out: text that ends so holds the longer grade, not `word`."""
        return self._insides.get(word)

    @cached_property
    def _insides(self) -> dict[str, re.Pattern[str]]:
        out = {}
        for word in self.words:
            tail = word.split()
            heads = [w.split()[1:-len(tail)] for w in self.words
                     if w.split()[-len(tail):] == tail and len(w.split()) > len(tail) + 1]
            if heads:
                out[word] = re.compile("(?i)(?:" + "|".join(r"\s+".join(map(re.escape, h)) for h in heads) + r")\s*$")
        return out

    def plain(self, written: str) -> str:
        """The grade word (lower case) that a grade written in prose reads as: "required
        improvement" → "requires improvement"; the text itself if it is none."""
        s = _norm(written)
        return next((w for w, rx in self._in_prose if rx.fullmatch(s)), s)

    @cached_property
    def _in_prose(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((w, re.compile(_word_pattern(w, r"\s+", self._forms(w, "all")))) for w in self.words)

    # ------------------------------------------------------------------ reading

    def read(self, written: str, framework: str | None = None) -> tuple[str, Grade] | None:
        """The grade a report writes, in `framework`'s scale (in any scale for a framework
        without one), and its word as the framework writes it: "Requires\\nimprovement to be
        good" → "Requires improvement to be good"; "require improvement" → "Requires
        improvement"; "Grade 3 (Adequate)" → "Adequate" (the grade's first word). None for a
        grade not in the scale."""
        s = _norm(written)
        scale = self.scale(framework) or self._grades
        for rx, key in self._as_numbers:
            if rx.match(s):
                grade = next((g for g in scale if g.key == key), None)
                return (grade.words[0], grade) if grade else None
        for w, rx, key in self._as_words:
            if rx.fullmatch(s):
                grade = next((g for g in scale if g.key == key), None)
                if grade is None:
                    return None
                own = next((x for x in grade.words if _norm(x) == w), None)
                return own or next(x for g in self._grades for x in g.words if _norm(x) == w), grade
        return None

    @cached_property
    def _as_numbers(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        return tuple((re.compile(r"\s*".join(map(re.escape, w.split())) + r"(?!\d)"), key) for w, key in self._numbered)

    @cached_property
    def _as_words(self) -> tuple[tuple[str, re.Pattern[str], str], ...]:
        return tuple((w, re.compile(_word_pattern(w, r"\s+", self._forms(w, "s"))),
                      next(g.key for g in self._grades if w in map(_norm, g.words))) for w in self.words)

    def _forms(self, word: str, forms: str) -> str:
        return forms if word.split()[0] in self._verbs else ""

    # ------------------------------------------------------------------ tables

    @cached_property
    def table(self) -> TableGrades:
        words = f"{self.pattern()}|{_NOT_JUDGED}"
        numbers, tight = self.numbers(), self.numbers(r"\s*")
        return TableGrades(
            end=re.compile(rf"(?i)(?:^|[\s:–-])({words}|(?:{numbers})(?:\s*\([a-z ]+\))?)\s*$"),
            start=re.compile(rf"(?i)^(?:{words}|{numbers})\b"),
            only=re.compile(rf"(?i)^(?:{words}|{_alternation(_pieces(self.words))}|(?:{numbers})(?:\s*\([a-z ]+\))?)$"),
            lead=re.compile(rf"(?i)^((?:{self.numbered_names()})\s*\((?:{tight})\))\s+(.+)$"),
            openings=frozenset(_openings(self.words)),
            verbs=_alternation(self._verbs),
        )


def _alternation(patterns: Iterable[str]) -> str:
    """Patterns as alternatives; one that never matches for none (a scale list without grades)."""
    return "|".join(patterns) or "(?!)"


def _norm(word: str) -> str:
    return " ".join(word.split()).lower()


def _stem(verb: str) -> str:
    """"requires" → "requir": what "require", "required" and "requiring" start with."""
    base = verb[:-1]
    return base[:-1] if base.endswith("e") else base


def _word_pattern(word: str, space: str, forms: str) -> str:
    """A grade word as a pattern: its words joined by `space`; its first word, a verb, in the
    `forms` of `Scales.pattern`."""
    first, *rest = word.split()
    if forms == "s":
        head = re.escape(first[:-1]) + "s?"
    elif forms == "all":
        stem = _stem(first)
        head = re.escape(stem) + ("(?:es|ed|e|ing)" if stem != first[:-1] else "(?:s|ed|ing)?")
    else:
        head = re.escape(first)
    return space.join([head, *map(re.escape, rest)])


def _openings(words: tuple[str, ...]) -> list[str]:
    """The starts of grades that a table's next row finishes: a first word ("requires"), and a
    grade that starts a longer one ("requires improvement" of "… to be good")."""
    out = {w.split()[0] for w in words if " " in w}
    out.update(w for w in words if any(x.startswith(w + " ") for x in words))
    return sorted(out)


def _pieces(words: tuple[str, ...]) -> list[str]:
    """Patterns of the pieces a line break leaves of a grade of several words: its first word,
    the rest after it, and the rest after a shorter grade it starts with ("requires",
    "improvement to be good", "improvement", "to be good")."""
    out: set[str] = set()
    for w in words:
        tokens = w.split()
        if len(tokens) > 1:
            out.update((tokens[0], " ".join(tokens[1:])))
        for v in words:
            if v != w and w.startswith(v + " "):
                out.add(w[len(v) + 1:])
    return [r"\s+".join(map(re.escape, p.split())) for p in sorted(out, key=lambda p: (-len(p), p))]
