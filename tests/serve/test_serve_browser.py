"""The desk in Debian's Chromium (Playwright, never `playwright install`): load, brush, evidence, edit, roles, XSS.

Screenshots are saved in ``tests/serve/artifacts``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from .helpers import fill

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LAND = (244, 241, 234)  # basemap fill, #f4f1ea
EXPLOSIONS = (192, 57, 43)  # marker colour of Explosions/Remote violence, #c0392b
Server = tuple[str, dict[str, str]]  # base URL, token by role


def _pixels(path: Path, colour: tuple[int, int, int], tolerance: int = 14) -> int:
    rgb = np.asarray(Image.open(path).convert("RGB")).astype(int)
    return int((np.abs(rgb - np.array(colour)).max(axis=2) <= tolerance).sum())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """(base URL, tokens) of a real desk served by uvicorn on a loopback port."""
    import uvicorn

    from strikewatch.serve import ServeSettings, create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('desk') / 'desk.db'}"
    tokens = fill(url)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(ServeSettings(db=url)), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "the desk did not start"
    yield f"http://127.0.0.1:{port}", tokens
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("the browser tests need Chromium: apt-get install -y chromium (never `playwright install`)")
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def expect(locator: Any) -> Any:
    """Playwright's retrying assertion (locator based: the page's policy forbids evaluating strings)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def _signed_in(browser: Any, server: Server, role: str, path: str = "/") -> tuple[Any, list[str]]:
    base, tokens = server
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{base}/login")
    page.fill("input[name=token]", tokens[role])
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    if path != "/":
        page.goto(base + path)
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)
    return page, requests


def test_browser_desk_loads_map_timeline_and_table(browser: Any, server: Server) -> None:
    page, requests = _signed_in(browser, server, "analyst")
    assert page.locator("#map path.event-point").count() >= 5, "event markers on the map"
    assert page.locator("#map path").count() > 150, "country outlines of the basemap"
    assert page.locator("#timeline-svg rect.bar").count() >= 4
    assert page.locator("#events tbody tr").count() == int(page.locator("#total").inner_text()) >= 6
    assert "Explosions/Remote violence" in page.locator("#legend").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "desk-map.png"
    page.screenshot(path=str(shot))
    assert _pixels(shot, LAND) > 20_000, "the basemap is visible"
    assert _pixels(shot, EXPLOSIONS, 30) > 30, "event markers are visible"
    outside = [u for u in requests if not u.startswith(server[0])]
    assert not outside, outside
    page.close()


def test_browser_brushing_the_timeline_shrinks_the_table(browser: Any, server: Server) -> None:
    page, _ = _signed_in(browser, server, "viewer")
    before = int(page.locator("#total").inner_text())
    box = page.locator("#timeline-svg").bounding_box()
    # the data span 2016-06 .. 2020-05: the right tenth holds only May 2020
    page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 2, box["y"] + 40, steps=5)
    page.mouse.up()
    expect(page.locator("#total")).not_to_have_text(str(before))
    after = int(page.locator("#total").inner_text())
    assert 0 < after < before and page.locator("#events tbody tr").count() == after
    assert page.locator("input[name=from]").input_value() > "2019-06"
    assert "from=20" in page.url and "to=2020-05" in page.url, "the filter is in the shareable URL"
    page.screenshot(path=str(ARTIFACTS / "desk-brushed.png"))
    page.close()


def test_browser_event_shows_highlighted_evidence_and_analyst_edit(browser: Any, server: Server) -> None:
    page, _ = _signed_in(browser, server, "analyst")
    page.locator("#events tbody tr", has_text="Ariha").first.click()
    page.wait_for_selector("#doc-text mark")
    marks = page.locator("#doc-text mark").all_inner_texts()
    assert any("Ariha" in m for m in marks) and any("2020" in m or "20 May" in m for m in marks)
    assert "airstrike hit a market" in "".join(page.locator("#doc-text .sentence").all_inner_texts())
    page.screenshot(path=str(ARTIFACTS / "desk-evidence.png"))
    page.fill("#edit-fatalities", "6")
    page.fill("#edit-reason", "hospital records list six dead")
    page.click("#edit-form button[type=submit]")
    page.wait_for_selector("#history .audit-entry")
    entry = page.locator("#history .audit-entry").first.inner_text()
    assert "fatalities: 3 → 6" in entry and "hospital records list six dead" in entry and "test analyst" in entry
    assert "(edited)" in page.locator("#detail-body .fields").inner_text()
    page.screenshot(path=str(ARTIFACTS / "desk-edited.png"))
    page.close()


def test_browser_viewer_cannot_edit(browser: Any, server: Server) -> None:
    page, _ = _signed_in(browser, server, "viewer")
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#doc-text")
    assert page.locator("#edit-form").count() == 0 and page.locator("[data-review]").count() == 0
    event_id = page.evaluate("location.pathname").split("/events/")[1]
    status = page.evaluate(
        """async (id) => {
            const me = await (await fetch('/api/v1/me')).json();
            const headers = {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf};
            const body = JSON.stringify({fatalities: 99, reason: 'viewer tries'});
            const r = await fetch('/api/v1/events/' + id, {method: 'PATCH', headers, body});
            return r.status; }""",
        event_id,
    )
    assert status == 403
    page.close()


def test_browser_hostile_script_in_a_document_does_not_run(browser: Any, server: Server) -> None:
    page, _ = _signed_in(browser, server, "analyst")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.fill("input[name=q]", "Kansafra")
    page.fill("input[name=from]", "2020-05-04")
    page.click("#filter-form button[type=submit]")
    expect(page.locator("#events tbody tr")).to_have_count(1)
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#doc-text")
    assert "<script>window.pwned = 1</script>" in page.locator("#doc-text").inner_text()
    assert "<script>window.pwned = 3</script>" in page.locator("#detail-title").inner_text()
    assert page.locator("#detail-body script, #detail-body img, #detail-body b").count() == 0
    assert page.locator("#detail-body a[href^='javascript']").count() == 0
    assert page.evaluate("window.pwned") is None and not dialogs
    page.goto(page.url)  # the event's shareable URL opens it again
    page.wait_for_selector("#doc-text")
    assert page.evaluate("window.pwned") is None
    page.screenshot(path=str(ARTIFACTS / "desk-hostile.png"))
    page.close()
