"""Reading and checking content: YAML with locations, schema and semantic rules."""
