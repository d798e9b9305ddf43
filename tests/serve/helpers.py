"""A small store of reports we wrote, opened as the desk, with a token per role."""

from __future__ import annotations

from datetime import date
from typing import Any

from strikewatch.model import Document

HOSTILE = (
    "On 4 May 2020, regime forces shelled Kansafra <script>window.pwned = 1</script> "
    '<img src=x onerror="window.pwned = 2"> in Idleb countryside, killing two civilians.'
)
REPORTS = [
    Document("r1", "On 3 May 2020, regime forces shelled Kansafra in Idleb countryside. No casualties were reported.",
             date(2020, 5, 4), "Shelling in Kansafra", "https://example.org/r1", "Monitor A"),
    Document("r2", "Russian warplanes struck Maarat al-Numan in Idleb province on 12 May 2020, killing five "
             "civilians, activists said.", date(2020, 5, 13), "Airstrike on Maarat al-Numan", "https://example.org/r2",
             "Monitor B"),
    Document("r3", "On 20 May 2020, an airstrike hit a market in Ariha, Idleb, reportedly killing 3 people.",
             date(2020, 5, 21), "Market hit in Ariha", "https://example.net/r3", "Monitor C"),
    Document("r4", "Russian jets bombed Maarat al-Numan on 12 May 2020; local sources said four civilians died.",
             date(2020, 5, 14), "Maarat al-Numan again", "https://example.com/r4", "Monitor D"),
    Document("r5", "On 27 June 2016, Russian airstrikes hit Raqqa city, killing at least 12 people, according to SOHR.",
             date(2016, 6, 28), "Raqqa strikes", "https://example.org/r5", "Monitor A"),
    Document("hostile", HOSTILE, date(2020, 5, 5), '<b>bold</b><script>window.pwned = 3</script>',
             "javascript:alert(document.cookie)", "Hostile <i>source</i>"),
]  # fmt: skip


def fill(url: str) -> dict[str, str]:
    """Ingest :data:`REPORTS` (extracting their events) into the store at ``url``; return a token per role."""
    from strikewatch.store import Store
    from strikewatch.store.loader import load
    from strikewatch.store.tokens import create_token

    with Store(url) as store:
        load(store, REPORTS, mode="fast")
        return {role: create_token(store.engine, role, f"test {role}")[0] for role in ("viewer", "analyst", "admin")}


def bearer(token: str) -> dict[str, Any]:
    """Return the Authorization header of ``token``."""
    return {"Authorization": f"Bearer {token}"}
