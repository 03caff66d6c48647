"""One typed settings object: where things are and the limits pages keep to. Made once by the
command line (or a test) and passed down; no stage reads a module global for either."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Limits:
    """Sizes the site keeps to, with why."""

    page_bytes: int = 150_000  # HTML a page may take (issue #7's target for inspection pages)
    part_text_bytes: int = 100_000  # estimated HTML of report text on one part's page, at most
    feed_entries: int = 50  # entries per Atom feed
    improved_listed: int = 10  # councils in the latest grades page's list of those that improved most
    search_record_words: int = 4000  # report text in one search record (Pagefind result)
    parallel_from: int = 200  # pages below which rendering in one process is quicker than forking


@dataclass(frozen=True)
class Settings:
    project: Path = ROOT
    data_dir: Path = ROOT / "data"
    docs_dir: Path = ROOT / "docs"
    site_dir: Path = ROOT / "site"
    limits: Limits = field(default_factory=Limits)
    workers: int | None = None  # rendering processes; None: one per core (at most 4) for a large site
    site_url: str | None = None  # the published address (mkdocs.yml site_url), ending in "/"; None when unknown

    @classmethod
    def for_project(cls, project: Path, data_dir: Path | None = None, docs_dir: Path | None = None,
                    site_dir: Path | None = None, limits: Limits | None = None, workers: int | None = None,
                    site_url: str | None = None) -> Settings:
        return cls(project, data_dir or project / "data", docs_dir or project / "docs", site_dir or project / "site",
                   limits or Limits(), workers, site_url)
