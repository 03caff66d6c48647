"""The vocabulary files: frameworks (grade scales, areas), themes, authorities, unreadable documents."""
from __future__ import annotations

from pathlib import Path

from generator.load.checker import _ONS, _URN, AUTHORITY, Checker, Problem, _choices, _show, _url
from generator.load.files import _list_source, _load
from generator.model.records import Area, Authority, Formed, Framework, Grade, Theme, Unreadable
from generator.model.vocab import CITED_AREAS, GRADE_LABELS


def _read_unreadable(c: Checker, authorities: dict[str, Authority]) -> list[Unreadable]:
    out = []
    for path, item in _list_source(c, "unreadable documents"):
        c.unknown_keys(item, path, ("authority", "published", "url", "file", "reason"))
        authority = c.choice(item, path, "authority", sorted(authorities), what=AUTHORITY)
        url = _url(c, item, path)
        file, reason = c.get(item, path, "file", str), c.get(item, path, "reason", str)
        published = c.plausible(path, "published", c.date(item, path, "published", required=False))
        if authority and file and reason:
            out.append(Unreadable(file, authority, published, url, reason))
    return out


def _read_frameworks(root: Path, problems: list[Problem]) -> list[Framework]:
    source = _load(root / "frameworks.yaml", root, problems)
    if source is None:
        return []
    c = Checker(source, problems)
    out: list[Framework] = []
    keys: set[str] = set()
    for path, item in _list_source(c, "frameworks"):
        c.unknown_keys(item, path, ("key", "name", "years", "kind", "summary", "scale", "areas", "headline"))
        key = c.slug(item, path, "key")
        if key in keys:
            c.problem(path + ("key",), f"expected each framework once, got {_show(key)} again")
        keys.add(key or "")
        scale = []
        for gpath, g in c.items(item, path, "scale"):
            if not isinstance(g, dict):
                c.problem(gpath, f"expected a mapping (key, rank, words, meaning), got {_show(g)}")
                continue
            c.unknown_keys(g, gpath, ("key", "rank", "words", "meaning"))
            words = tuple(str(w) for w in (c.get(g, gpath, "words", list) or []))
            gkey, rank = c.slug(g, gpath, "key"), c.get(g, gpath, "rank", int)
            if gkey and gkey not in GRADE_LABELS:
                c.problem(gpath + ("key",), f"expected a grade the site can show ({', '.join(GRADE_LABELS)}), "
                                            f"got {_show(gkey)}")
                gkey = None
            if rank is not None and rank < 1:
                c.problem(gpath + ("rank",), f"expected a rank of 1 or more, got {rank}")
                rank = None
            if gkey and rank:
                scale.append(Grade(gkey, rank, words, c.get(g, gpath, "meaning", str, False) or ""))
        areas = []
        area_problems = False
        for apath, a in c.items(item, path, "areas"):
            if not isinstance(a, dict):
                c.problem(apath, f"expected a mapping with key and name, got {_show(a)}")
                area_problems = True
                continue
            c.unknown_keys(a, apath, ("key", "name", "short", "cited_as"))
            akey, aname = c.slug(a, apath, "key"), c.name(a, apath, "name")
            short = c.name(a, apath, "short", required=False)
            cited_as = []
            for cpath, cited in c.items(a, apath, "cited_as"):
                if cited not in CITED_AREAS:
                    c.problem(cpath, f"expected one of {_choices(list(CITED_AREAS))}, got {_show(cited)}")
                else:
                    cited_as.append(cited)
            if akey and aname:
                areas.append(Area(akey, aname, short=short or "", cited_as=tuple(cited_as)))
        headline = c.get(item, path, "headline", str, False)
        if headline is not None and not area_problems and headline not in [a.key for a in areas]:
            c.problem(path + ("headline",), f"expected one of this framework's area keys "
                                            f"({_choices([a.key for a in areas])}), got {_show(headline)}")
        kind = c.choice(item, path, "kind", ("report", "letter"), required=False)
        name = c.name(item, path, "name")
        if key:
            out.append(Framework(key, name or key, c.get(item, path, "years", str) or "",
                                 kind or "report", " ".join((c.get(item, path, "summary", str) or "").split()),
                                 tuple(scale), tuple(areas), headline))
    return out


def _read_themes(root: Path, problems: list[Problem]) -> list[Theme]:
    source = _load(root / "themes.yaml", root, problems)
    if source is None:
        return []
    c = Checker(source, problems)
    out, seen = [], set()
    for path, item in _list_source(c, "themes"):
        slug = c.slug(item, path, "slug")
        if slug is not None and slug in seen:
            c.problem(path + ("slug",), f"expected a slug used once, got {_show(slug)} again")
        seen.add(slug)
        if slug:
            out.append(Theme(slug, c.name(item, path, "name") or slug, c.get(item, path, "description", str) or "",
                             tuple(str(k).lower() for k in (c.get(item, path, "keywords", list, False) or []))))
    return out


def _read_authorities(root: Path, problems: list[Problem]) -> list[Authority]:
    source = _load(root / "authorities.yaml", root, problems)
    if source is None:
        return []
    c = Checker(source, problems)
    out, codes, slugs = [], set(), set()
    neighbours_at: list[tuple[tuple, list]] = []
    formed_at: list[tuple[tuple, str, Formed]] = []
    former: dict[str, str] = {}  # an old ONS code → the authority's current one
    for path, item in _list_source(c, "authorities"):
        c.unknown_keys(item, path, ("ons_code", "slug", "name", "short_name", "type", "region", "urn", "website",
                                    "former_ons_codes", "neighbours", "formed"))
        code, slug = c.get(item, path, "ons_code", str), c.slug(item, path, "slug")
        if code and not _ONS.match(code):
            c.problem(path + ("ons_code",), f"expected an ONS code like E10000024, got {_show(code)}")
        if code in codes or slug in slugs:
            c.problem(path, f"expected each authority once, got {code} / {slug} again")
        codes.add(code)
        slugs.add(slug)
        name = c.name(item, path, "name")
        urn = c.get(item, path, "urn", str, False)
        if urn is not None and not _URN.match(urn):
            c.problem(path + ("urn",), f"expected Ofsted's reference number (5 to 8 digits), got {_show(urn)}")
            urn = None
        website = _url(c, item, path, "website")
        neighbours = [str(n) for n in (c.get(item, path, "neighbours", list, False) or [])]
        neighbours_at.append((path, neighbours))
        former.update((str(f), str(code)) for f in (c.get(item, path, "former_ons_codes", list, False) or []))
        formed = _read_formed(c, item, path)
        if formed is not None:
            formed_at.append((path, str(code), formed))
        if code and slug and name:
            out.append(Authority(code, slug, name, c.name(item, path, "short_name", False) or name,
                                 c.name(item, path, "type", False) or "", c.name(item, path, "region", False) or "",
                                 urn, website, tuple(neighbours), formed))
    # Statistical neighbours name councils of this file by their current code.
    for path, neighbours in neighbours_at:
        for i, n in enumerate(neighbours):
            if n not in codes:
                hint = f": that is {former[n]}'s former code, write {former[n]}" if n in former else ""
                c.problem(path + ("neighbours", i), f"expected the ONS code of an authority in this file, got {_show(n)}{hint}")
    # A council's predecessors are councils of this file, and not itself.
    for path, code, formed in formed_at:
        for i, p in enumerate(formed.predecessors):
            if p not in codes or p == code:
                c.problem(path + ("formed", "from", i), f"expected the ONS code of another authority in this file "
                                                         f"(a council it took children's services over from), got {_show(p)}")
    return out


def _read_formed(c: Checker, item: dict, path: tuple) -> Formed | None:
    """`formed`: the day a council took over children's services and the councils it took them over from."""
    formed = c.get(item, path, "formed", dict, required=False, what="a mapping of date, from and note")
    if formed is None:
        return None
    fpath = path + ("formed",)
    c.unknown_keys(formed, fpath, ("date", "from", "note"))
    date = c.date(formed, fpath, "date")
    predecessors = [str(p) for p in (c.get(formed, fpath, "from", list, what="a list of ONS codes") or [])]
    if not predecessors and "from" in formed:
        c.problem(fpath + ("from",), "expected the ONS codes of the councils it took over from, got an empty list")
    note = c.name(formed, fpath, "note", required=False) or ""
    if date is None or not predecessors:
        return None
    return Formed(date, tuple(predecessors), " ".join(note.split()))


def _authority_aliases(authorities: dict[str, Authority]) -> dict[str, str]:
    """An authority's slug and names (lower case) → its ONS code, for people who write the name."""
    out = {}
    for a in authorities.values():
        for alias in (a.slug, a.name, a.short_name):
            out.setdefault(alias.lower(), f"{a.ons_code} ({a.name})")
    return out
