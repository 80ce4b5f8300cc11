"""The site: view models, Markdown pages, static assets, and the HTML sanitizer for MkDocs."""
