"""`python -m generator build`: read → validate → index → render → write the generated pages
into docs/. Nothing is written if validation fails."""
from __future__ import annotations

from generator.config import Settings
from generator.index.catalog import Catalog, build_catalog
from generator.load.validate import load_dataset
from generator.model.records import Dataset
from generator.render.run import render_pages
from generator.write.writer import Writer, WriteReport


def generate(settings: Settings, dataset: Dataset | None = None) -> WriteReport:
    """Validate everything (or take a dataset already assembled), index it, then write the
    generated pages and files."""
    ds = dataset if dataset is not None else load_dataset(settings.data_dir)
    return write_generated(build_catalog(ds, settings.limits), settings)


def write_generated(catalog: Catalog, settings: Settings) -> WriteReport:
    """Write every generated page and file of `catalog` into docs/ (change-only, pruned)."""
    pages = render_pages(catalog, settings.workers, with_files=True, site_url=settings.site_url)
    writer = Writer(settings.docs_dir)
    for path in sorted(pages):
        writer.write(path, pages[path])
    writer.prune()
    return writer.report
