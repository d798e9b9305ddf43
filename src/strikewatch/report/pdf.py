"""Render a report as PDF: the print version of the HTML page (static map and chart) through WeasyPrint."""

from __future__ import annotations

from strikewatch.errors import ConfigError
from strikewatch.extras import require
from strikewatch.report.build import Report
from strikewatch.report.html import render_html


def render_pdf(report: Report) -> bytes:
    """Return the PDF bytes of the report."""
    require("report", "a PDF report", ("weasyprint",))
    from weasyprint import HTML

    result = HTML(string=render_html(report, interactive=False)).write_pdf()
    if result is None:  # pragma: no cover - write_pdf returns bytes without a target
        raise ConfigError("WeasyPrint produced no PDF")
    return bytes(result)
