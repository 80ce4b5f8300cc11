"""The open data: CSV, JSON, GeoJSON, SQLite tables, the Atom feed and the Data Package."""
