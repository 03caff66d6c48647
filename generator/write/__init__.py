"""Text to disk: the change-only writer, the search index, the link check, the build lock."""
