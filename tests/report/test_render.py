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
