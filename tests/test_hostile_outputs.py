"""No output holds a link that is not http(s) built from document data, one test per output.

Hostile documents (javascript:, data:, vbscript:, file: and scheme-relative URLs; titles and text
with HTML, Markdown links and spreadsheet formulas) are ingested into a store, and every output is
made from it: the HTML, Markdown and PDF reports, the map data and its popups, KML, GeoJSON, CSV and
ACLED CSV. A headless Chromium then clicks every link and marker of the HTML report.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from strikewatch.cli import app
from strikewatch.export import write_geojson, write_kml
from strikewatch.export.tabular import FORMULA_STARTS
from strikewatch.ingest import read_documents
from strikewatch.links import safe_link
from strikewatch.report import build_report
from strikewatch.report.html import render_html
from strikewatch.report.inputs import pairs_from_documents, pairs_from_store
from strikewatch.report.markdown import render_markdown
from strikewatch.store import Store
from strikewatch.store.loader import load

PWN = "window.__pwned=1"
SAFE_URL = "https://news.example/reports/7?a=1&b=<2>"
SAFE_URL_SENT = SAFE_URL.replace("<", "%3C").replace(">", "%3E")  # as a browser, PDF or Markdown writes it
DOCUMENTS = [
    {
        "id": "h1",
        "url": f"javascript:{PWN};alert(document.cookie)",
        "title": f'<img src=x onerror="{PWN}">[Click](javascript:{PWN})',
        "text": "On 9 March 2023, warplanes struck the market of Ariha in Idlib province, killing 4 civilians "
        f'<a href="javascript:{PWN}">details</a> [more](javascript:{PWN}) <javascript:{PWN}>.',
    },
    {
        "id": "h2",
        "url": "data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+",
        "title": '=HYPERLINK("javascript:alert(1)","open")',
        "text": '=HYPERLINK("javascript:alert(1)") On 10 March 2023, artillery shelled Kafr Nabl in Idlib province, '
        "killing 2 people.",
    },
    {
        "id": "-h3",
        "url": f" JaVaScRiPt:{PWN}",
        "title": "@SUM(A1) +1 -1",
        "text": "On 11 March 2023, an airstrike allegedly hit a house in Mosul in Nineveh province, killing 6 members "
        "of one family.",
    },
    {
        "id": "h4",
        "url": "vbscript:msgbox(1)",
        "title": "\tTabbed title",
        "text": "On 12 March 2023, shelling killed 3 people in Hays district of Al Hudaydah governorate, residents "
        "said.",
    },
    {
        "id": "h5",
        "url": "file:///etc/passwd",
        "text": "On 13 March 2023, a drone reportedly struck a warehouse in Kharkiv, killing 1 guard.",
    },
    {
        "id": "h6",
        "url": "//evil.example/scheme-relative",
        "text": "On 14 March 2023, a roadside bomb exploded near Afgooye, killing 4 soldiers.",
    },
    {
        "id": "+h7",
        "text": "On 16 March 2023, gunmen attacked a village near Djibo, killing 5 civilians.",
    },
    {
        "id": "ok",
        "url": SAFE_URL,
        "title": "A report with a <fine> link",
        "text": "On 15 March 2023, rockets struck Mitiga airport in Tripoli, killing 2 people.",
    },
]  # fmt: skip
#: Attributes through which markup can navigate or run script.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "srcdoc", "background", "poster", "xlink:href")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.jsonl"
    path.write_text("".join(json.dumps({**d, "published": "2023-03-16"}) + "\n" for d in DOCUMENTS), encoding="utf-8")
    url = f"sqlite:///{folder / 'store.db'}"
    with Store(url) as store:
        report = load(store, read_documents([path]), mode="fast")
    assert report.new == len(DOCUMENTS) and report.events >= len(DOCUMENTS) - 1
    return url


@pytest.fixture(scope="module")
def events(hostile_db: str) -> list[dict[str, Any]]:
    with Store(hostile_db) as store:
        return store.events()


@pytest.fixture(scope="module")
def html_report(hostile_db: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(build_report(pairs_from_store(hostile_db), title=DOCUMENTS[0]["title"])), "utf-8")
    return path


def _check_markup(
    markup: str, allowed_sources: tuple[str, ...] = ("data:image/png;base64,",), own: tuple[str, ...] = ("#",)
) -> list[str]:
    """Return every link target of ``markup`` after checking none can navigate to or run anything but http(s).

    ``allowed_sources`` and ``own`` are the image sources and link prefixes the report makes itself.
    """
    tree = lxml.html.document_fromstring(markup)
    targets = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert not [a for a in element.attrib if a.lower().startswith("on")], lxml.html.tostring(element)[:200]
        for name in URL_ATTRIBUTES:
            value = element.get(name)
            if value is None:
                continue
            if name == "href" and not value.startswith(own):
                assert safe_link(value) == value, f"unsafe {name}={value!r}"
                targets.append(value)
            elif name == "src":
                assert value.startswith(allowed_sources), f"unexpected src={value[:80]!r}"
            elif name != "href":
                pytest.fail(f"unexpected {name}={value[:80]!r}")
    return targets


def _scripts(markup: str) -> list[str]:
    return [s.text or "" for s in lxml.html.document_fromstring(markup).iter("script")]


def _map_points(markup: str) -> list[dict[str, Any]]:
    """Return the events of the map's marker groups, as the page's data gives them to the popups."""
    script = next(s for s in _scripts(markup) if "window.strikewatchData" in s)
    payload = re.search(r"window\.strikewatchData ?= ?(\{.*?\});\n", script, re.S)
    assert payload is not None
    return [event for group in json.loads(payload.group(1))["groups"] for event in group["events"]]


def test_html_report_links_only_http_and_shows_refused_urls_as_text(html_report: Path) -> None:
    markup = html_report.read_text(encoding="utf-8")
    targets = _check_markup(markup)
    assert SAFE_URL in targets, "the safe URL is still a link"
    assert len(_scripts(markup)) == 2, "Leaflet and the map's own script, nothing from the documents"
    text = lxml.html.document_fromstring(markup).text_content()
    for refused in ("javascript:window.__pwned=1;alert(document.cookie)", "vbscript:msgbox(1)", "file:///etc/passwd"):
        assert refused in text, f"{refused} is shown as text"
    assert f'<img src=x onerror="{PWN}">' in text, "a hostile title is shown, escaped"


def test_map_popup_data_holds_only_http_links(html_report: Path) -> None:
    points = _map_points(html_report.read_text(encoding="utf-8"))
    assert len(points) >= 4
    assert {p["url"] for p in points} <= {None, SAFE_URL} and SAFE_URL in {p["url"] for p in points}
    assert any("onerror" in p["source"] for p in points), "labels are plain text, for the popup's textContent"


def test_html_report_from_local_files_shows_file_uri_as_text(tmp_path: Path) -> None:
    report = tmp_path / "inbox" / "ariha.txt"
    report.parent.mkdir()
    report.write_text(DOCUMENTS[0]["text"], encoding="utf-8")
    pairs = list(pairs_from_documents([report], mode="fast"))
    assert pairs and pairs[0][1].url == report.resolve().as_uri()
    markup = render_html(build_report(pairs))
    assert not _check_markup(markup), "a local file is never a link"
    assert report.resolve().as_uri() in lxml.html.document_fromstring(markup).text_content()


def test_markdown_report_and_its_map_page_link_only_http(hostile_db: str) -> None:
    text, files = render_markdown(build_report(pairs_from_store(hostile_db)), "report_files")
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    targets = _check_markup(f"<html><body>{rendered}</body></html>", ("report_files/",), ("#", "report_files/"))
    assert targets and set(targets) == {SAFE_URL_SENT}
    assert "javascript:" in rendered, "refused URLs stay visible as text"
    map_page = files["map.html"].decode("utf-8")
    assert not _check_markup(map_page)
    assert {p["url"] for p in _map_points(map_page)} == {None, SAFE_URL}


def test_pdf_report_links_only_http(hostile_db: str) -> None:
    pypdf = pytest.importorskip("pypdf")
    from strikewatch.report.pdf import render_pdf

    reader = pypdf.PdfReader(io.BytesIO(render_pdf(build_report(pairs_from_store(hostile_db)))))
    uris = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                uris.append(str(action["/URI"]))
    assert uris and all(safe_link(uri) for uri in uris), uris
    assert SAFE_URL_SENT in uris


def test_kml_description_links_only_http(events: list[dict[str, Any]]) -> None:
    out = io.StringIO()
    assert write_kml(events, out) >= 4
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    descriptions = [d.text or "" for d in ET.fromstring(out.getvalue()).iterfind(".//k:description", ns)]
    targets = [t for d in descriptions for t in _check_markup(f"<html><body>{d}</body></html>", ())]
    assert SAFE_URL in targets and set(targets) == {SAFE_URL}
    assert not any(_scripts(f"<html><body>{d}</body></html>") for d in descriptions)
    assert any("javascript:" in d for d in descriptions), "refused URLs stay visible as text"


def test_geojson_url_is_http_or_null(events: list[dict[str, Any]]) -> None:
    out = io.StringIO()
    write_geojson(events, out)
    urls = [f["properties"]["url"] for f in json.loads(out.getvalue())["features"]]
    assert set(urls) == {None, SAFE_URL}


@pytest.mark.parametrize("fmt", ["csv", "acled"])
def test_csv_exports_guard_formulas_in_text_cells_only(hostile_db: str, tmp_path: Path, fmt: str) -> None:
    guarded, raw = tmp_path / "guarded.csv", tmp_path / "raw.csv"
    runner = CliRunner()
    for path, flag in ((guarded, "--formula-guard"), (raw, "--no-formula-guard")):
        result = runner.invoke(app, ["events", "--db", hostile_db, "--format", fmt, "-o", str(path), flag])
        assert result.exit_code == 0, result.output
    guarded_rows = list(csv.DictReader(guarded.open(encoding="utf-8")))
    raw_rows = list(csv.DictReader(raw.open(encoding="utf-8")))
    numbers = {"lat", "lon", "latitude", "longitude", "fatalities", "geo_precision", "evidence_start", "evidence_end"}
    formulas = 0
    for g, r in zip(guarded_rows, raw_rows, strict=True):
        for column, value in g.items():
            if column in numbers:
                assert value == r[column] and (value == "" or float(value) == float(value))
            elif r[column].startswith(FORMULA_STARTS):
                assert value == "'" + r[column]
                formulas += 1
            else:
                assert value == r[column]
    assert formulas >= {"csv": 2, "acled": 1}[fmt], "the hostile ids (CSV only) and evidence began with + and ="


def test_csv_guard_keeps_negative_numbers() -> None:
    from strikewatch.export import write_csv

    out = io.StringIO()
    event = {"id": "=1+1", "lat": -33.9, "lon": -70.6, "fatalities": 3, "location": "-Santiago", "weapons": ["@x"]}
    write_csv([event], out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert (row["lat"], row["lon"], row["id"], row["location"], row["weapons"]) == (
        "-33.9",
        "-70.6",
        "'=1+1",
        "'-Santiago",
        "'@x",
    )


MARKERS = (
    "(() => { const out = []; "
    "window.strikewatchLeaflet.eachLayer(l => { if (l instanceof L.CircleMarker) out.push(l); }); return out; })()"
)


def test_browser_clicks_every_link_and_marker_without_running_script(
    html_report: Path, chromium_launch: dict[str, Any]
) -> None:
    from playwright.sync_api import sync_playwright

    dialogs: list[str] = []
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        popups: list[Any] = []
        page.on("popup", lambda popup: popups.append(popup))

        def route(request_route: Any) -> None:
            url = request_route.request.url
            if url.startswith(("file:", "data:")):
                request_route.continue_()
            else:  # a followed http(s) link: answer 204, so the browser stays on the report
                outside.append(url)
                request_route.fulfill(status=204, body="")

        page.route("**/*", route)
        page.goto(html_report.as_uri())
        page.wait_for_function("window.strikewatchLeaflet !== undefined")
        links = 0
        for index in range(page.locator("a").count()):
            link = page.locator("a").nth(index)
            if link.is_visible():
                link.click(timeout=5000)
                links += 1
        # a javascript: link that ran would have set the flag, opened a dialog or replaced the page
        assert (dialogs, page.evaluate("window.__pwned")) == ([], None), "a link ran script"
        assert page.url.startswith(html_report.as_uri()), f"a link left the report for {page.url}"
        count = page.evaluate(MARKERS + ".length")
        popup_links = 0
        for index in range(count):
            # centre the marker first: an open popup pans the map, which moves the others
            x, y = page.evaluate(
                f"""() => {{ const m = window.strikewatchLeaflet, l = {MARKERS}[{index}];
                     m.closePopup(); m.panTo(l.getLatLng(), {{animate: false}});
                     const p = m.latLngToContainerPoint(l.getLatLng()); return [p.x, p.y]; }}"""
            )
            page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")
            page.locator("#map").scroll_into_view_if_needed()
            box = page.locator("#map").bounding_box()
            assert box is not None
            page.mouse.click(box["x"] + x, box["y"] + y)
            content = page.locator(".leaflet-popup-content")
            content.wait_for(timeout=5000)
            for anchor in content.locator("a").all():
                anchor.click(timeout=5000)
                popup_links += 1
        pwned = page.evaluate("window.__pwned")
        still_here = page.url.startswith(html_report.as_uri())
        browser.close()
    assert links > 20 and count >= 4 and popup_links >= count
    assert dialogs == [] and popups == [] and pwned is None and still_here
    assert SAFE_URL_SENT in outside and set(outside) <= {SAFE_URL_SENT, "https://leafletjs.com/"}, outside
