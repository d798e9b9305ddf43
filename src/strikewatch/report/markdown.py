"""Render a report as Markdown, with its map and chart as files in a folder beside it."""

from __future__ import annotations

from strikewatch.report.build import Report
from strikewatch.report.charts import daily_chart
from strikewatch.report.context import MarkdownText, context, environment
from strikewatch.report.html import map_page, mapped
from strikewatch.report.maps import map_data, static_map


def render_markdown(report: Report, assets: str = "report_files") -> tuple[str, dict[str, bytes]]:
    """Return the Markdown text and the files it links to (``map.png``, ``map.svg``, ``map.html``, ``chart.png``).

    ``assets`` is the folder, relative to the Markdown file, the caller writes those files into.
    """
    data = map_data(mapped(report))
    files = {
        "map.png": static_map(data, "png"),
        "map.svg": static_map(data, "svg"),
        "map.html": map_page(report, data).encode("utf-8"),
        "chart.png": daily_chart(report.analysis, "png"),
    }
    template = environment(autoescape=False).get_template("report.md.j2")
    text = template.render(**context(report, html=False), assets=MarkdownText(assets))
    return text, files
