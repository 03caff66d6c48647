"""Read and validate: YAML that keeps its lines, the record checks, records out or problems at file:line."""
