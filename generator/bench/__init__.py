"""The scale benchmark: ``python -m generator.bench`` (not shipped in the wheel)."""
