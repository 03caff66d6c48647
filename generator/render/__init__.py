"""Catalog to text: one URL builder, page contexts, Jinja templates, charts, open data, feeds, search records."""
