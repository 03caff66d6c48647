"""What the command line runs: check, build, site, serve, ingest, add-report."""
