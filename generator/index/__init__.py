"""The catalog, built whole and frozen before any page: history, parts, follow-ups, themes."""
