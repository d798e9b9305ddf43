"""Downloading GeoNames country dumps, against a local HTTP server (never the internet)."""

from __future__ import annotations

import http.server
import shutil
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from strikewatch.errors import GeoError
from strikewatch.geo import BundledGazetteer
from strikewatch.geo.download import download_countries
from strikewatch.geo.gazetteer import lookup_places
from strikewatch.geo.store import default_db_path

ROW = "\t".join(
    ["99100001", "Testdownloadiyah", "Testdownloadiyah", "Testdownloadiye", "35.9", "39.0", "P", "PPL", "SY", "",
     "04", "", "", "", "120", "", "250", "Asia/Damascus", "2024-01-01"]
)  # fmt: skip


@pytest.fixture
def db(gazetteer: BundledGazetteer, tmp_path: Path) -> Path:
    target = tmp_path / "gazetteer.sqlite"
    shutil.copyfile(default_db_path(), target)
    return target


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A local HTTP server whose root holds SY.zip (a tiny GeoNames country dump made here)."""
    root = tmp_path / "www"
    root.mkdir()
    with zipfile.ZipFile(root / "SY.zip", "w") as archive:
        archive.writestr("SY.txt", ROW + "\n")
        archive.writestr("readme.txt", "test\n")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_download_fetches_and_imports_a_country(db: Path, server: str) -> None:
    [report] = download_countries(["sy"], base_url=server, db=db, timeout=10)
    assert report.changed and report.places == 1 and report.source == "geonames:SY.zip"
    [place] = lookup_places("Testdownloadiye", country="SY", db=db)
    assert (place["name"], place["admin1"], place["precision"], place["population"]) == (
        "Testdownloadiyah",
        "Ar-Raqqa",
        1,
        120,
    )
    [again] = download_countries(["SY"], base_url=server + "/", db=db, timeout=10)
    assert not again.changed


def test_missing_file_is_a_clear_error(db: Path, server: str) -> None:
    with pytest.raises(GeoError, match=r"IQ\.zip failed: HTTP 404.*country code"):
        download_countries(["IQ"], base_url=server, db=db, timeout=10)


def test_unreachable_server_is_a_clear_error(db: Path) -> None:
    with pytest.raises(GeoError, match=r"failed: .*internet connection.*gazetteer import FILE"):
        download_countries(["SY"], base_url="http://127.0.0.1:9", db=db, timeout=5)


def test_bad_codes_are_refused(db: Path) -> None:
    with pytest.raises(GeoError, match="not a country code: SYR"):
        download_countries(["SYR"], db=db)
    with pytest.raises(GeoError, match="no country code"):
        download_countries([], db=db)
