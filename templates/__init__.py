"""The Jinja2 templates and static assets, shipped inside the package as generator.templates."""
