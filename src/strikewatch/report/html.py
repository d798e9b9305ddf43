"""Render a report as one self-contained HTML page: images inlined, Leaflet inlined, no network."""

from __future__ import annotations

import base64
import json

from markupsafe import Markup

from strikewatch.report.build import Report
from strikewatch.report.charts import daily_chart
from strikewatch.report.context import context, environment
from strikewatch.report.maps import MapData, leaflet_assets, leaflet_data, map_data, map_script, static_map


def _json(value: object) -> Markup:
    # safe inside <script>: no "</" can close the element
    return Markup(json.dumps(value, ensure_ascii=False).replace("</", "<\\/"))


def mapped(report: Report) -> list:  # type: ignore[type-arg]
    """Return the events a report's maps show: those of its period and the outliers listed apart."""
    return [*report.analysis.records, *report.analysis.outliers]


def render_html(report: Report, *, interactive: bool = True) -> str:
    """Return the report page; ``interactive=False`` leaves out Leaflet (for print and PDF)."""
    data = map_data(mapped(report))
    variables = context(report, html=True)
    variables["map_png"] = base64.b64encode(static_map(data, "png")).decode("ascii")
    variables["chart_png"] = base64.b64encode(daily_chart(report.analysis, "png")).decode("ascii")
    variables["interactive"] = interactive
    if interactive:
        js, css = leaflet_assets()
        script, style = map_script()
        variables.update(leaflet_js=Markup(js), leaflet_css=Markup(css + style))
        variables["map_json"] = _json(leaflet_data(data, report.anchors))
        variables["map_script"] = Markup(script)
    return environment(autoescape=True).get_template("report.html.j2").render(**variables)


def map_page(report: Report, data: MapData | None = None) -> str:
    """Return a page holding only the interactive map (the Markdown report links to it)."""
    data = data or map_data(mapped(report))
    js, css = leaflet_assets()
    script, style = map_script()
    payload = _json(leaflet_data(data, {}))  # no chronology on this page: events are named by id
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{Markup.escape(report.title)} — map</title><style>{css}{style}</style>"
        "<style>html,body,#map{height:100%;margin:0;background:#dfe9f2}</style></head>"
        f'<body><div id="map"></div><script>{js}</script><script>window.strikewatchData={payload};\n'
        f"{script}</script></body></html>"
    )
