"""Download GeoNames country dumps and import them into the gazetteer database.

``download_countries(["SY", "IQ"])`` fetches ``{base_url}/SY.zip`` … (default base
https://download.geonames.org/export/dump, GeoNames, CC BY 4.0) into a temporary folder with the
standard library's HTTP client (a timeout, no retries) and imports each with
:func:`strikewatch.geo.importers.import_file`.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path

from strikewatch import __version__
from strikewatch.errors import GeoError
from strikewatch.geo.importers import ImportReport, import_file

__all__ = ["DEFAULT_BASE_URL", "download_countries", "fetch"]

DEFAULT_BASE_URL = "https://download.geonames.org/export/dump"
_CODE = re.compile(r"[A-Z]{2}")


def fetch(url: str, target: Path, timeout: float = 60.0) -> Path:
    """Download ``url`` to ``target`` (streamed); raises :class:`GeoError` saying what failed."""
    request = urllib.request.Request(url, headers={"User-Agent": f"strikewatch/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response, target.open("wb") as out:
            shutil.copyfileobj(response, out, length=1 << 20)
    except urllib.error.HTTPError as exc:
        raise GeoError(
            f"download of {url} failed: HTTP {exc.code} {exc.reason}; check the country code and URL"
        ) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise GeoError(
            f"download of {url} failed: {reason}; check your internet connection or proxy, or download the file "
            "yourself and run `strikewatch gazetteer import FILE`"
        ) from exc
    return target


def download_countries(
    codes: Iterable[str],
    base_url: str = DEFAULT_BASE_URL,
    *,
    db: str | Path | None = None,
    timeout: float = 60.0,
) -> list[ImportReport]:
    """Fetch the GeoNames dump of each country (ISO alpha-2 codes) and import it into ``db``."""
    wanted = [c.strip().upper() for c in codes if c.strip()]
    if not wanted:
        raise GeoError("no country code given: pass ISO 3166 alpha-2 codes such as SY IQ YE")
    bad = [c for c in wanted if not _CODE.fullmatch(c)]
    if bad:
        raise GeoError(f"not a country code: {', '.join(bad)}; pass ISO 3166 alpha-2 codes such as SY IQ YE")
    reports = []
    with tempfile.TemporaryDirectory(prefix="strikewatch-geonames-") as tmp:
        for code in wanted:
            target = fetch(f"{base_url.rstrip('/')}/{code}.zip", Path(tmp) / f"{code}.zip", timeout)
            reports.append(import_file(target, "geonames", db=db, source=f"geonames:{code}.zip"))
    return reports
