"""Shared presentation: how values read (filters) and how sources are named."""
