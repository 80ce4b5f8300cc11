"""Incident record: sourced YAML records published as a site, a report and open data."""

__version__ = "0.1.0"
