"""The HTML report in headless Chromium (offline, map drawn) and the PDF through pdftoppm (map visible)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from strikewatch.analyze.synthetic import Rate, synthetic_events
from strikewatch.report import build_report, write_report

LAND = (244, 241, 234)  # boundary fill, #f4f1ea
MARKER = (192, 57, 43)  # first event colour, #c0392b
ARTIFACTS = Path(__file__).resolve().parents[2] / "tests" / "report" / "artifacts"


def _pixels(image: Image.Image, colour: tuple[int, int, int], tolerance: int = 12) -> int:
    rgb = np.asarray(image.convert("RGB")).astype(int)
    return int((np.abs(rgb - np.array(colour)).max(axis=2) <= tolerance).sum())


@pytest.fixture(scope="module")
def report_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pairs = synthetic_events(
        {"Aleppo": Rate(5.0, 1.0, 30), "Idleb": Rate(2.0), "Deir-ez-Zor": Rate(0.5, 3.0, 40)},
        days=60,
        rng=np.random.default_rng(3),
    )
    report = build_report(pairs, title="Synthetic report")
    folder = tmp_path_factory.mktemp("render")
    out = {"html": folder / "report.html", "pdf": folder / "report.pdf"}
    for fmt, path in out.items():
        write_report(report, path, fmt)
    return out


def test_render_html_in_headless_chromium_offline(
    report_files: dict[str, Path], chromium_launch: dict[str, Any]
) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    requests: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("request", lambda request: requests.append(request.url))
        page.goto(report_files["html"].as_uri())
        page.wait_for_function("window.strikewatchMap !== undefined")
        drawn = page.evaluate("window.strikewatchMap")
        boundaries = page.locator("#map path.leaflet-interactive").count()
        page.locator("#map").scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "report-map.png"
        page.locator("#map").screenshot(path=str(shot))
        page.screenshot(path=str(ARTIFACTS / "report-page.png"), full_page=False)
        browser.close()
    assert drawn["points"] > 100 and drawn["boundaries"] >= 14
    assert boundaries >= 14, "admin-1 outlines are drawn as SVG paths"
    image = Image.open(shot)
    assert _pixels(image, LAND) > 0.05 * image.width * image.height, "boundaries visible"
    assert _pixels(image, MARKER, 40) > 200, "event markers visible"
    outside = [u for u in requests if not u.startswith(("file:", "data:", "about:", "http://localhost", "http://127."))]
    assert requests and not outside, outside


def test_render_pdf_shows_map(report_files: dict[str, Path], tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.fail("the PDF test needs pdftoppm: apt-get install -y poppler-utils")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(report_files["pdf"]), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert pages
    land = max(_pixels(Image.open(page), LAND, 6) for page in pages[:3])
    assert land > 20_000, "the static map's provinces are visible on one of the first pages"


def _located(name: str, lat: float | None, lon: float | None, admin1: str, country: str, precision: int, killed: int):  # type: ignore[no-untyped-def]
    from datetime import date

    from strikewatch.model import Event, EventType, Place, Span, SubEventType

    text = f"On 3 May 2020, warplanes struck {name}, killing {killed}."
    return Event(
        EventType.EXPLOSIONS,
        SubEventType.AIR_DRONE_STRIKE,
        Span(0, len(text)),
        text,
        date_start=date(2020, 5, 3),
        date_end=date(2020, 5, 3),
        place=Place(name, country, lat, lon, admin1=admin1),
        country=country,
        geo_precision=precision,
        fatalities=killed,
    )


@pytest.fixture(scope="module")
def places_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    from strikewatch.analyze import Source

    source = Source("places.txt", "Places")
    town = [
        _located("Kansafra", 35.6636, 36.5628, "Idleb", "Syria", 1, n) for n in (1, 2, 3)
    ]  # one town, three strikes
    province = _located("Saada", 16.94, 43.76, "Saada", "Yemen", 3, 40)  # province-level, outside every boundary set
    unplaced = _located("Kharkiv", None, None, "Kharkiv", "Ukraine", 3, 5)  # a province, no coordinates
    report = build_report([(event, source) for event in [*town, province, unplaced]])
    path = tmp_path_factory.mktemp("places") / "places.html"
    write_report(report, path, "html")
    return path, report


def test_render_maps_show_every_located_event_with_legends(places_report: tuple[Path, object]) -> None:
    import matplotlib

    from strikewatch.report.html import mapped
    from strikewatch.report.maps import map_data, static_map

    _, report = places_report
    data = map_data(mapped(report))  # type: ignore[arg-type]
    assert len(data.points) == 5 and data.left_off == 0
    by_size = sorted(data.groups, key=lambda g: len(g.records))
    assert [len(g.records) for g in by_size] == [1, 1, 3]
    assert {g.approximate for g in by_size[:2]} == {True} and not by_size[2].approximate
    matplotlib.rcParams["svg.fonttype"] = "none"  # text as text, to read the legend
    try:
        svg = static_map(data, "svg").decode("utf-8")
    finally:
        matplotlib.rcParams["svg.fonttype"] = "path"
    assert "approximate: province or region only" in svg and "n events at one place" in svg and "50 killed" in svg
    assert "Air/drone strike (5)" in svg


def test_render_interactive_map_lists_co_located_events_on_click(
    places_report: tuple[Path, object], chromium_launch: dict[str, Any]
) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    path, _ = places_report
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(**chromium_launch)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(path.as_uri())
        page.wait_for_function("window.strikewatchMap !== undefined")
        drawn = page.evaluate("window.strikewatchMap")
        legend = page.locator("#map .legend").inner_text()
        markers = page.locator(".leaflet-overlay-pane path.leaflet-interactive")
        listed = ""
        for i in range(markers.count()):
            markers.nth(i).click(force=True)
            popup = page.locator(".leaflet-popup-content").last
            if popup.count() and "3 events at this place" in popup.inner_text():
                listed = popup.inner_text()
                links = popup.locator("a").evaluate_all("(nodes) => nodes.map((n) => n.getAttribute('href'))")
                break
        dashed = page.locator(".leaflet-overlay-pane path[stroke-dasharray]").count()
        browser.close()
    assert drawn["points"] == 5 and drawn["markers"] == 3 and drawn["legend"] == 1
    assert "Air/drone strike (5)" in legend and "approximate" in legend and "killed" in legend
    assert listed.count("Kansafra") == 3, "all three events at one town are listed on click"
    assert len(links) == 3 and all(link.startswith("#ev-") for link in links)
    assert dashed == 2, "province-level events are drawn approximate"
