"""What the Markdown and HTML templates share: the Jinja environment and the citation helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup, escape

from strikewatch.analyze import Source
from strikewatch.analyze.assess import CERTAINTY_WORDS, Statement, day_text, range_text
from strikewatch.model import Event
from strikewatch.report.build import Report, describe_filters, summary


def environment(autoescape: bool) -> jinja2.Environment:
    """Return the Jinja environment over the bundled templates."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("strikewatch.report", "templates"),
        autoescape=autoescape,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def _markdown_cite(source: Source) -> str:
    title = source.label.replace("[", "(").replace("]", ")")
    text = f"[{title}]({source.url})" if source.url else f"“{title}”"
    if source.title and source.id != source.title:
        text += f" ({source.id})"
    return text + (f", published {day_text(source.published)}" if source.published else ", undated")


def _html_cite(source: Source) -> Markup:
    title = escape(source.label)
    text = Markup('<a href="{}">{}</a>').format(source.url, title) if source.url else Markup("“{}”").format(title)
    if source.title and source.id != source.title:
        text += Markup(" ({})").format(source.id)
    return text + (f", published {day_text(source.published)}" if source.published else ", undated")


def context(report: Report, html: bool) -> dict[str, Any]:
    """Return the template variables shared by the Markdown and HTML templates."""
    a = report.analysis
    headline_ids = {id(s) for s in a.headline}

    def ref(key: str) -> str:
        """Return the reference to one event: its id, linked to its chronology entry."""
        anchor = report.anchors.get(key, "")
        if html:
            return Markup('<a class="ref" href="#{}">[{}]</a>').format(anchor, key)
        return f"[{key}](#{anchor.lower()})"

    def links(statement: Statement) -> str:
        keys = [key for _, key in report.links(statement)]
        if html:
            return Markup(" ").join(ref(key) for key in keys)
        return " ".join(ref(key) for key in keys)

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
