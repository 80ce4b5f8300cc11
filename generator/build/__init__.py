"""The build story and every device that makes it fast: workers, caches, fingerprints, MkDocs."""
