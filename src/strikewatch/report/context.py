"""What the Markdown and HTML templates share: the Jinja environment and the citation helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup

from strikewatch.analyze import Source
from strikewatch.analyze.assess import CERTAINTY_WORDS, Statement, day_text, range_text
from strikewatch.links import html_link, safe_link
from strikewatch.model import Event
from strikewatch.report.build import Report, describe_filters, summary


class MarkdownText(str):
    """Markdown that strikewatch wrote (citations, event links): printed as it is, not escaped."""


# Markdown syntax a document's text could use to make a link, an image, raw HTML or a table cell
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def markdown_text(value: object) -> object:
    """Escape a string for Markdown, as autoescape does for HTML: no link or markup can come out of it."""
    if isinstance(value, MarkdownText) or not isinstance(value, str):
        return value
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def environment(autoescape: bool) -> jinja2.Environment:
    """Return the Jinja environment over the bundled templates (HTML escaped, or else Markdown escaped)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("strikewatch.report", "templates"),
        autoescape=autoescape,
        finalize=None if autoescape else markdown_text,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def _published(source: Source) -> str:
    return f", published {day_text(source.published)}" if source.published else ", undated"


def _markdown_cite(source: Source) -> MarkdownText:
    # only an http(s) URL becomes a link; any other is shown as text, like the HTML citation
    url = safe_link(source.url)
    title = markdown_text(source.label)
    if url:
        text = f"[{title}](<{url.replace('<', '%3C').replace('>', '%3E')}>)"
    else:
        text = f"“{title}”" + (f" ({markdown_text(source.url)})" if source.url else "")
    if source.title and source.id != source.title:
        text += f" ({markdown_text(source.id)})"
    return MarkdownText(text + _published(source))


def _html_cite(source: Source) -> Markup:
    # only an http(s) URL becomes a link; any other (javascript:, a local file's file://) is shown as text
    url = safe_link(source.url)
    if url:
        text = Markup(html_link(url, source.label))
    else:
        text = Markup("“{}”").format(source.label)
        if source.url:
            text += Markup(' <span class="url">({})</span>').format(source.url)
    if source.title and source.id != source.title:
        text += Markup(" ({})").format(source.id)
    return text + _published(source)


def context(report: Report, html: bool) -> dict[str, Any]:
    """Return the template variables shared by the Markdown and HTML templates."""
    a = report.analysis
    headline_ids = {id(s) for s in a.headline}

    def ref(key: str) -> str:
        """Return the reference to one event: its id, linked to its chronology entry."""
        anchor = report.anchors.get(key, "")
        if html:
            return Markup('<a class="ref" href="#{}">[{}]</a>').format(anchor, key)
        return MarkdownText(f"[{key}](#{anchor.lower()})")

    def links(statement: Statement) -> str:
        keys = [key for _, key in report.links(statement)]
        if html:
            return Markup(" ").join(ref(key) for key in keys)
        return MarkdownText(" ".join(ref(key) for key in keys))

    def certainty_word(event: Event) -> str:
        return CERTAINTY_WORDS.get(str(event.certainty), "") if event.certainty else ""

    cite: Callable[[Source], Any] = _html_cite if html else _markdown_cite
    return {
        "report": report,
        "a": a,
        "period": range_text(a.first, a.last),
        "filters": describe_filters(report.filters),
        "more_statements": [s for s in a.statements if id(s) not in headline_ids],
        "links": links,
        "ref": ref,
        "cite": cite,
        "cw": certainty_word,
        "summary": summary,
        "range_text": range_text,
    }
