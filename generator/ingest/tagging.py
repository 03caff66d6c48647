"""Theme suggestions from the taxonomy's keywords: explainable, weighted evidence per theme.

Each keyword in `data/themes.yaml` is a lower-case phrase that matches at the start of a word
("assess" matches "assessments"). A keyword may carry a weight after a tilde:

- ``"strategy discussion"``: a strong phrase, weight 2 (the default);
- ``"plans~1"``: a weak cue, weight 1; it counts only together with other evidence;
- ``"improvement plan~0"``: an exclusion; the theme's keywords that start inside this phrase
  are ignored there ("plan" in "improvement plan" is not about children's plans);
- ``"pas$"``: a trailing "$" matches a whole word only ("PAs", not "passionate");
- ``"partners~1!"``: a weak cue that is enough on its own in a short text (under `SHORT_WORDS`
  words: a finding names its subject, "Work with partners to improve ..."), a weak cue elsewhere;
- ``"*scb"``: a word ending, matched after any letters at a word's start ("LSCB", "SSCB",
  "BSCB": each local safeguarding board's own acronym).

A theme is suggested when the sum of the weights of its distinct matched phrases reaches
`THRESHOLD` (2): one strong phrase, or two different weak cues. Where keywords of one theme
overlap ("leader~1" inside "senior leader~1", "plan~1" inside "care plan"), only the first
and longest counts.
All keywords are compiled into one pattern, so a block of text is scanned once whatever the
size of the taxonomy. The explanation is kept: `explain()` gives every phrase that counted.

A passing mention is not the subject (tests/themes/GUIDE.md rule 2). In a long text (at least
`LONG_WORDS` words and more than one sentence) a phrase counts in full only where it stands in
a sentence's lead, its first `LEAD_WORDS` words, where the subject of a sentence usually is
("Thresholds are well understood"); a phrase that occurs only further on ("... where the
threshold is met for a section 47 enquiry") counts one less: a strong phrase as a weak cue, a
weak cue not at all. Short texts (most findings) and one-sentence texts count in full.
`evidence()` gives each matched phrase with its weight, what it counted and where it stood;
`describe()` prints that for a person (also `python -m generator.ingest.tagging "some text"`)."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

THRESHOLD = 2
DEFAULT_WEIGHT = 2
LONG_WORDS = 40  # texts at least this long (and of more than one sentence) count sentence leads
LEAD_WORDS = 15  # a sentence's lead: its first words, where its subject usually stands
SHORT_WORDS = 20  # a text under this many words (most findings) is short: a "~1!" cue is enough there
_SPEC = re.compile(r"^(?P<phrase>.*?)(?P<whole>\$)?\s*(?:~\s*(?P<weight>\d+)(?P<alone>!)?)?$")


def parse_keyword(keyword: str) -> tuple[str, int, bool]:
    """(phrase, weight, whole_word) from a keyword: "plans~1" -> ("plans", 1, False);
    "strategy discussion" -> ("strategy discussion", 2, False); "pas$" -> ("pas", 2, True):
    a trailing "$" makes the phrase match a whole word only ("pas" but not "passionate").
    A "!" after a weight ("partners~1!") and a leading "*" ("*scb") are read by `keyword_options()`."""
    m = _SPEC.match(keyword.strip().lower())
    assert m is not None  # the pattern matches any string
    weight = m.group("weight")
    return m.group("phrase").strip(), DEFAULT_WEIGHT if weight is None else int(weight), bool(m.group("whole"))


def keyword_options(keyword: str) -> tuple[bool, bool]:
    """(alone_when_short, word_ending) of a keyword: "partners~1!" is a weak cue that is enough on
    its own in a short text (under `SHORT_WORDS` words: a finding names its subject, "Work with
    partners to improve ..."); "*scb" matches inside a word too, after any letters at its start
    ("lscb", "sscb", "bscb", "nscbs": the local boards' own acronyms)."""
    m = _SPEC.match(keyword.strip().lower())
    assert m is not None
    return bool(m.group("alone")), m.group("phrase").strip().startswith("*")


_Hit = tuple[str, str, int, bool]  # slug, phrase, weight, whole word only


@dataclass(frozen=True)
class _Compiled:
    """The taxonomy compiled: `pattern` finds the longest phrase at each word start, `owners` gives
    for each phrase it can match every (slug, keyword, weight, whole) whose keyword is a prefix of
    it (so may also match where it matches), longest first, and whether any of them is whole-word
    only; `endings` finds the word-ending keywords ("*scb"), `ending_owners` gives theirs; `alone`
    holds the (slug, keyword) pairs of weak cues that are enough on their own in a short text."""

    pattern: re.Pattern[str]
    owners: dict[str, tuple[tuple[_Hit, ...], bool]]
    endings: re.Pattern[str] | None
    ending_owners: dict[str, tuple[_Hit, ...]]
    alone: frozenset[tuple[str, str]]


@lru_cache(maxsize=8)
def _compiled(keywords_by_theme: tuple[tuple[str, tuple[str, ...]], ...]) -> _Compiled:
    uses: dict[str, list[tuple[str, int, bool]]] = {}
    ending_uses: dict[str, list[tuple[str, int, bool]]] = {}
    alone: set[tuple[str, str]] = set()
    for slug, keywords in keywords_by_theme:
        for kw in keywords:
            phrase, weight, whole = parse_keyword(kw)
            is_alone, is_ending = keyword_options(kw)
            if is_ending:
                phrase = phrase.lstrip("*")
            if not phrase:
                continue
            (ending_uses if is_ending else uses).setdefault(phrase, []).append((slug, weight, whole))
            if is_alone:
                alone.add((slug, ("*" if is_ending else "") + phrase))
    phrases = sorted(uses, key=len, reverse=True)
    owners: dict[str, tuple[tuple[_Hit, ...], bool]] = {}
    for p in phrases:
        hits = tuple((slug, q, w, whole) for q in phrases if p.startswith(q) for slug, w, whole in uses[q])
        owners[p] = (hits, any(h[3] for h in hits))
    whole_only = {p: all(u[2] for u in uses[p]) for p in phrases}
    endings = None
    ending_owners: dict[str, tuple[_Hit, ...]] = {}
    if ending_uses:  # a word's start, any letters, then the ending (whole word if asked)
        alternatives = sorted(ending_uses, key=len, reverse=True)
        endings = re.compile(r"(?<![\w])\w*?(" + "|".join(
            re.escape(e) + (r"(?!\w)" if all(u[2] for u in ending_uses[e]) else "") for e in alternatives) + ")")
        ending_owners = {e: tuple((slug, "*" + e, w, whole) for slug, w, whole in ending_uses[e]) for e in alternatives}
    return _Compiled(re.compile(r"(?<![\w])(?=(" + _trie_pattern(whole_only) + "))") if phrases else re.compile(r"(?!)"),
                     owners, endings, ending_owners, frozenset(alone))


def _trie_pattern(whole_only: dict[str, bool]) -> str:
    """A regular expression matching the longest of `whole_only`'s phrases at a position (a
    phrase marked True only before a non-word character), written as a character trie: the
    engine follows one branch instead of trying hundreds of alternatives at each position."""
    root: dict = {}
    for phrase, whole in whole_only.items():
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = whole  # "" marks the end of a phrase (no character is the empty string)

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted((k, v) for k, v in node.items() if k)]
        if "" in node:  # a phrase ends here: longer phrases first, then the end itself
            branches.append(r"(?!\w)" if node[""] else "")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return emit(root)


# A sentence ends at . ! ? ; : or a line break, then white space, before a capital, a digit, a
# quote, a bracket or a list dash; a match ends where the next sentence starts.
_SENTENCE_END = re.compile(r"[.!?;:\n]\s*(?<=\s)(?=[A-Z0-9‘'\"(-])")


@dataclass(frozen=True)
class Evidence:
    """One matched phrase of a theme: its keyword weight, the weight it counted for (the
    weight, or one less when it only stood outside sentence leads of a long text), and
    whether it stood in a sentence's lead at least once."""

    phrase: str
    weight: int
    counted: int
    lead: bool


def _lead_test(text: str) -> Callable[[int], bool] | None:
    """For a long text (`LONG_WORDS` words or more, more than one sentence), a test of whether
    a character offset lies within the first `LEAD_WORDS` words of its sentence; None for a
    short text, where every match counts in full."""
    if text.count(" ") + 1 < LONG_WORDS:
        return None
    sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    if len(sentence_starts) < 2:
        return None

    def in_lead(offset: int) -> bool:
        start = sentence_starts[bisect_right(sentence_starts, offset) - 1]
        return text.count(" ", start, offset) < LEAD_WORDS
    return in_lead


def _matches(text: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, dict[str, list]]:
    """slug -> matched phrase -> [keyword weight, whether it stood in a sentence lead at least
    once], in order of first counted match (see `evidence()`)."""
    compiled = _compiled(table)
    lowered = text.lower().replace("’", "'")
    in_lead = _lead_test(text if len(text) == len(lowered) else lowered)  # sentence starts need capitals
    short = text.count(" ") + 1 < SHORT_WORDS
    events: list[tuple[int, tuple[_Hit, ...]]] = []
    for m in compiled.pattern.finditer(lowered):  # zero-width, so overlapping: "child protection enquiries" and "enquir…"
        start, (hits, any_whole) = m.start(), compiled.owners[m.group(1)]
        if any_whole:
            hits = tuple(h for h in hits if not h[3] or not lowered[start + len(h[1]):start + len(h[1]) + 1].isalnum())
        events.append((start, hits))
    if compiled.endings is not None:  # word-ending keywords ("*scb" in "sscb"), at the word's start
        events += [(m.start(), compiled.ending_owners[m.group(1)]) for m in compiled.endings.finditer(lowered)]
        events.sort(key=lambda e: e[0])
    found: dict[str, dict[str, list]] = {}
    covered_until: dict[str, int] = {}
    for start, hits in events:
        for slug, kw, weight, _ in hits:  # exclusions first: they cover the theme's keywords inside them
            if weight == 0:
                covered_until[slug] = max(covered_until.get(slug, 0), start + len(kw))
        lead = in_lead is None or in_lead(start)
        for slug, kw, weight, _ in hits:  # longest first, so a theme's shorter keywords here are covered
            if weight == 0 or covered_until.get(slug, 0) > start:
                continue  # inside an exclusion or a phrase of the same theme that already counted
            if short and (slug, kw) in compiled.alone:
                weight = max(weight, THRESHOLD)  # a weak cue that names a short text's subject
            entry = found.setdefault(slug, {}).setdefault(kw, [weight, False])
            entry[1] = entry[1] or lead
            covered_until[slug] = start + len(kw)
    return found


def _table(keywords_by_theme: Iterable[tuple[str, tuple[str, ...]]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The taxonomy as a hashable table (the key of the compiled pattern's cache)."""
    if isinstance(keywords_by_theme, tuple) and all(isinstance(kws, tuple) for _, kws in keywords_by_theme):
        return keywords_by_theme
    return tuple((slug, tuple(kws)) for slug, kws in keywords_by_theme)


def evidence(text: str, keywords_by_theme: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, list[Evidence]]:
    """Every theme with a matched phrase in `text` (suggested or not), with its matched phrases
    in order of first occurrence; themes in order of their first counted match. A phrase
    counts once per text, however often it occurs: two weak cues must be different words."""
    table = _table(keywords_by_theme)
    if not table:
        return {}
    return {slug: [Evidence(kw, w, w if lead else w - 1, lead) for kw, (w, lead) in phrases.items()]
            for slug, phrases in _matches(text, table).items()}


def explain(text: str, keywords_by_theme: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, dict[str, int]]:
    """Every theme with evidence in `text` (suggested or not): matched phrase -> the weight it
    counted for (see `evidence()`: one less than its keyword weight when it stood only outside
    sentence leads of a long text), phrases in order of first occurrence, themes in order of
    their first counted match."""
    table = _table(keywords_by_theme)
    if not table:
        return {}
    return {slug: {kw: w if lead else w - 1 for kw, (w, lead) in phrases.items()}
            for slug, phrases in _matches(text, table).items()}


def suggest(text: str, keywords_by_theme: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    """Themes whose counted evidence in `text` reaches the threshold, each with the strongest
    keyword that matched (the first of equal weight), in the order they first occur (the first is
    usually what the text is mainly about). `explain()` gives all the matched phrases."""
    found: dict[str, str] = {}
    for slug, phrases in explain(text, keywords_by_theme).items():
        if sum(phrases.values()) >= THRESHOLD:
            found[slug] = max(phrases, key=lambda p: phrases[p])
    return found


def describe(text: str, keywords_by_theme: Iterable[tuple[str, tuple[str, ...]]]) -> list[str]:
    """One line per theme with evidence, for a person: the total against the threshold, and
    each phrase with its keyword weight and, where it counted less, why."""
    lines = []
    for slug, found in evidence(text, keywords_by_theme).items():
        total = sum(e.counted for e in found)
        verdict = "suggested" if total >= THRESHOLD else "not suggested"
        parts = [f'"{e.phrase}" {e.weight}' + ("" if e.lead else f" (only outside sentence leads: {e.counted})")
                 for e in found]
        lines.append(f"{slug}: {total} of {THRESHOLD}, {verdict}: " + ", ".join(parts))
    return lines


def _main(argv: list[str]) -> int:
    """Print `describe()` for the text given on the command line, with the shipped taxonomy."""
    from pathlib import Path

    from generator.load.sources import read_yaml
    themes = read_yaml(Path(__file__).resolve().parents[2] / "data" / "themes.yaml").data
    table = [(t["slug"], tuple(str(k).lower() for k in t.get("keywords") or [])) for t in themes]
    for line in describe(" ".join(argv), table):
        print(line)
    return 0


if __name__ == "__main__":
    import sys
    raise SystemExit(_main(sys.argv[1:]))
