"""Commands beside the build: diff, new, links, serve and schema."""
