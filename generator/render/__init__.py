"""Renderers: turn the model into HTML pages, PDFs and JSON, all through one Jinja environment."""
