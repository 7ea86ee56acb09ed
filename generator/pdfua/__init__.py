"""Checks a PDF against the PDF/UA-1 rules for forms that formloket promises (issue 4).

``check_pdf(path, expected_names)`` reads the PDF with pypdf and returns every ``Failure``; an
empty list means the PDF passes. The rules themselves live in ``rules``, reading the fields in
``fields``.
"""

from generator.pdfua.rules import Failure, check_pdf

__all__ = ["Failure", "check_pdf"]
