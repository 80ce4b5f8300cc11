"""The comparative report: comparison, findings, tables, charts, Markdown, HTML and PDF."""
