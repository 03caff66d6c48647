"""Ingestion: report documents (Markdown or text conversions, later PDFs) → draft records."""
