"""Render a report as one self-contained HTML page: images inlined, Leaflet inlined, no network."""

from __future__ import annotations

import base64
import json

from markupsafe import Markup

from strikewatch.report.build import Report
from strikewatch.report.charts import daily_chart
from strikewatch.report.context import context, environment
from strikewatch.report.maps import MapData, leaflet_assets, leaflet_data, map_data, static_map


def _json(value: object) -> Markup:
    # safe inside <script>: no "</" can close the element
    return Markup(json.dumps(value, ensure_ascii=False).replace("</", "<\\/"))


def render_html(report: Report, *, interactive: bool = True) -> str:
    """Return the report page; ``interactive=False`` leaves out Leaflet (for print and PDF)."""
    data = map_data(report.analysis.records)
    variables = context(report, html=True)
    variables["map_png"] = base64.b64encode(static_map(data, "png")).decode("ascii")
    variables["chart_png"] = base64.b64encode(daily_chart(report.analysis, "png")).decode("ascii")
    variables["interactive"] = interactive
    if interactive:
        js, css = leaflet_assets()
        variables.update(leaflet_js=Markup(js), leaflet_css=Markup(css))
        variables["map_json"] = _json(leaflet_data(data, report.anchors))
    return environment(autoescape=True).get_template("report.html.j2").render(**variables)


def map_page(report: Report, data: MapData | None = None) -> str:
    """Return a page holding only the interactive map (the Markdown report links to it)."""
    data = data or map_data(report.analysis.records)
    js, css = leaflet_assets()
    payload = _json(leaflet_data(data, report.anchors))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{Markup.escape(report.title)} — map</title><style>{css}</style>"
        "<style>html,body,#map{height:100%;margin:0;background:#dfe9f2}</style></head>"
        f'<body><div id="map"></div><script>{js}</script><script>var data={payload};'
        'var map=L.map("map",{zoomSnap:0.25});map.fitBounds(data.bounds);'
        'map.createPane("c").style.zIndex=240;L.geoJSON(data.countries,{pane:"c",interactive:false,'
        'style:{color:"#8a8a8a",weight:0.8,fillColor:"#e9e5db",fillOpacity:1}}).addTo(map);'
        'map.createPane("b").style.zIndex=250;L.geoJSON(data.boundaries,{pane:"b",style:{color:"#555",weight:1,fillColor:"#f4f1ea",fillOpacity:1}}).addTo(map);'
        "var dots=L.canvas({padding:0.5});data.points.forEach(function(p){"
        "L.circleMarker([p.lat,p.lon],{renderer:dots,radius:p.radius,color:'#fff',weight:1,"
        "fillColor:p.colour,fillOpacity:0.8}).bindPopup(p.anchor+' '+p.label.replace(/</g,'&lt;')).addTo(map);});"
        "</script></body></html>"
    )
