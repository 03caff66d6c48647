"""Authorities from the corpus table (authorities.csv) and matching a document's name for
its council to an ONS code."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

_DROP = re.compile(
    r"\b(the|council|county|city|metropolitan|borough|district|royal|london|of|and|mbc|cc|"
    r"local|authority|authority's|children's|services|unitary)\b")


def name_key(name: str) -> str:
    """A comparable form of an authority name: "London Borough of Barking and Dagenham" →
    "barking dagenham"; "Kingston upon Hull City Council" → "kingston upon hull"."""
    s = name.lower().replace("’", "'").replace("&", " and ")
    s = re.sub(r"[^a-z' ]+", " ", s)
    s = _DROP.sub(" ", s)
    return " ".join(s.split())


@dataclass(frozen=True)
class CorpusAuthority:
    ons_code: str
    name: str  # ONS name, e.g. "Nottingham"
    region: str
    type: str
    urn: str
    la_code: str
    also_known_as: tuple[str, ...]
    neighbours: tuple[str, ...]  # ONS codes of statistical neighbours


def read_authorities_csv(path: Path) -> list[CorpusAuthority]:
    out = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            code = (row.get("la_code_new") or "").strip()
            if not code:
                continue
            aka = tuple(x.strip() for x in re.split(r"[;|]", row.get("also_known_as") or "") if x.strip())
            neighbours = tuple(x.strip() for x in (row.get("stat_neighbours_la_code") or "").split(",") if x.strip())
            out.append(CorpusAuthority(code, row["local_authority_ons_name"].strip(), (row.get("region_name") or "").strip(),
                                       (row.get("ons_la_type") or "").strip(), (row.get("urn") or "").strip(),
                                       (row.get("la_code") or "").strip(), aka, neighbours))
    return out


class AuthorityIndex:
    """Find an authority by a name as a document writes it, or by Ofsted URN."""

    def __init__(self, authorities: list[CorpusAuthority]) -> None:
        self.authorities = authorities
        self.by_key: dict[str, CorpusAuthority] = {}
        self.by_urn = {a.urn: a for a in authorities if a.urn}
        self.by_code = {a.ons_code: a for a in authorities}
        for a in authorities:
            for n in (a.name, *a.also_known_as):
                self.by_key.setdefault(name_key(n), a)

    def match(self, name: str | None) -> CorpusAuthority | None:
        if not name:
            return None
        key = name_key(name)
        if key in self.by_key:
            return self.by_key[key]
        # A longer phrase that contains an authority's name ("Inspection of Nottinghamshire County Council
        # local authority children's services"): the longest contained name wins.
        best = None
        for k, a in self.by_key.items():
            if k and re.search(rf"(?:^| ){re.escape(k)}(?: |$)", key) and (best is None or len(k) > len(best[0])):
                best = (k, a)
        if best:
            return best[1]
        # A short form that is part of exactly one authority's name: "Hull" (Kingston upon Hull),
        # "East Riding" (East Riding of Yorkshire), "Newcastle" (Newcastle upon Tyne).
        words = key.split()
        if not words:
            return None
        found = {a.ons_code: a for k, a in self.by_key.items() if _contains_words(k.split(), words)}
        return next(iter(found.values())) if len(found) == 1 else None


def _contains_words(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))
