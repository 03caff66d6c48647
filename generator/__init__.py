"""Generator of the annotated inspection history site: read → validate → index → render → write."""
