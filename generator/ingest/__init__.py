"""Ingestion: a report's PDF (or a Markdown or text conversion) → a typed draft → a machine record in data/;
and the machine's reading of what later documents say of each finding (followups.py)."""
