"""The Atom feed (RFC 4287) of a watch's alerts: one entry per alert, newest first.

Entries are read from the stored alerts, so a feed reader sees each alert once, under a
permanent id (``urn:strikewatch:alert:<id>``). The content is HTML, escaped here: event links
point at the web desk, and a source's URL is linked only if :func:`strikewatch.links.safe_link`
accepts it.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree as ET

from strikewatch import settings
from strikewatch.monitor.alerts import alerts_of, feed_link
from strikewatch.monitor.watches import describe, get_watch
from strikewatch.store.repo import Store

ATOM = "http://www.w3.org/2005/Atom"


def _html(payload: dict[str, Any]) -> str:
    parts = [f"<p><strong>Why:</strong> watch {html.escape(payload['watch'])}, rule "]
    parts[-1] += f"{html.escape(payload['rule']['name'])}: {html.escape(payload['rule']['text'])}.</p><ol>"
    for event in payload["events"]:
        kind = event["sub_event_type"] or event["event_type"] or "event"
        actors = " against ".join(a for a in (event["actor1"], event["actor2"]) if a) or "unknown actor"
        toll = "fatalities unknown" if event["fatalities"] is None else f"{event['fatalities']} killed"
        facts = f"{event['date']} · {kind} · {event['place'] or 'place unknown'} · {actors} · {toll} · "
        facts += event["certainty"] or "certainty unknown"
        source = event["source"]
        cited = html.escape(source["title"] or source["ref"] or "source")
        if source["url"]:
            cited = f'<a href="{html.escape(source["url"])}">{cited}</a>'
        parts.append(
            f'<li><a href="{html.escape(event["link"])}">{html.escape(facts)}</a>'
            f"<br>Matched: {html.escape('; '.join(event['matched']) or 'every event')}"
            f"<blockquote>{html.escape(event['evidence'] or '')}</blockquote>Source: {cited}</li>"
        )
    parts.append("</ol>")
    hidden = payload["count"] - len(payload["events"])
    if hidden > 0:
        parts.append(f"<p>… and {hidden} more events.</p>")
    return "".join(parts)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def atom_feed(store: Store, name: str, *, public_url: str | None = None, limit: int = 50) -> bytes:
    """Return the Atom feed of the latest ``limit`` alerts of watch ``name`` (raises :class:`NotFound`)."""
    public_url = public_url or settings.get("public_url")
    watch = get_watch(store, name)
    alerts = alerts_of(store, name, limit)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", f"urn:strikewatch:watch:{quote(name, safe='')}")
    _sub(feed, "title", f"strikewatch alerts: {name}")
    _sub(feed, "subtitle", f"{watch.rule}: {describe(watch.filter)}")
    latest = alerts[0].created_at if alerts else watch.created_at
    _sub(feed, "updated", latest.isoformat(timespec="seconds") + "Z")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=feed_link(name, public_url))
    _sub(_sub(feed, "author"), "name", "strikewatch")
    for alert in alerts:
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"urn:strikewatch:alert:{alert.id}")
        _sub(entry, "title", alert.payload["title"])
        stamp = alert.created_at.isoformat(timespec="seconds") + "Z"
        _sub(entry, "updated", stamp)
        _sub(entry, "published", stamp)
        if alert.payload["events"]:
            _sub(entry, "link", rel="alternate", type="text/html", href=alert.payload["events"][0]["link"])
        _sub(entry, "summary", alert.payload["rule"]["text"])
        _sub(entry, "content", _html(alert.payload), type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
