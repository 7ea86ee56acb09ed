"""The formloket MkDocs theme: a public-service look (NL Design System style), not a documentation theme.

Registered as the ``mkdocs.themes`` entry point ``formloket``; MkDocs finds the templates and
``mkdocs_theme.yml`` in this folder. No inline script or style anywhere, so pages keep a strict
Content-Security-Policy.
"""
