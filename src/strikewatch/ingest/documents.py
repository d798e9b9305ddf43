"""Make what a reader read into a document that can be stored and extracted, or say why not.

Every reader builds its documents here, so that input of any shape ends the same way: metadata that
is not a string is dropped, lone UTF-16 surrogates (invalid Unicode that no database stores) become
U+FFFD, control characters (NUL breaks PostgreSQL) leave the metadata, and text that extraction
would refuse (empty, binary, too large) becomes a :class:`Rejected` naming the file or line here,
where that is still known.
"""

from __future__ import annotations

import re
from datetime import date

from strikewatch.errors import ExtractError
from strikewatch.ingest.rejected import Rejected
from strikewatch.model import Document

_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x1f\x7f]+")
#: Longest title quoted in a reason.
MAX_QUOTED = 80


def valid_unicode(text: str) -> str:
    """Return ``text`` with lone surrogates (from JSON ``"\\ud800"`` or a broken PDF font) replaced by U+FFFD."""
    return _SURROGATES.sub("\ufffd", text)


def field_text(value: object) -> str | None:
    """Return a metadata value as one line of valid text, or None if it is not a non-blank string."""
    if not isinstance(value, str):
        return None
    return _CONTROLS.sub(" ", valid_unicode(value)).strip() or None


def quoted(value: object) -> str:
    """Return a value to name in a reason: one short line."""
    text = field_text(str(value)) or ""
    return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 1] + "…"


def make_document(
    where: str,
    *,
    doc_id: object,
    text: str,
    published: date | None = None,
    title: object = None,
    url: object = None,
    source: object = None,
) -> Document | Rejected:
    """Return the document read from ``where`` (a file, ``file:line``, URL or feed entry), or why it is unusable.

    ``doc_id`` falls back to ``where`` when it is blank.
    """
    from strikewatch.extract.pipeline import check_text

    identifier = field_text(doc_id) or where
    text = valid_unicode(text)
    try:
        check_text(text)
    except ExtractError as exc:
        return Rejected(identifier, f"{where}: {exc}")
    return Document(
        id=identifier,
        text=text,
        published=published,
        title=field_text(title),
        url=field_text(url),
        source=field_text(source),
    )
