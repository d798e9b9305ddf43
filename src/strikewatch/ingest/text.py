"""Decode the bytes of a text report: UTF-8, or the encoding charset-normalizer detects."""

from __future__ import annotations

from strikewatch.errors import IngestError

# Share of control characters (other than tab/newline/CR/FF) above which decoded text is not text.
_MAX_CONTROL = 0.01


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for c in sample if c < " " and c not in "\t\n\r\f")
    return "\x00" in sample or controls > max(8, _MAX_CONTROL * len(sample))


def decode(data: bytes, *, detect: bool = True) -> str:
    """Return the text of ``data``; raise :class:`IngestError` saying why it is not text.

    UTF-8 (with or without BOM) is tried first; with ``detect`` other encodings (Latin-1,
    Windows-1256, UTF-16 …) are recognised by charset-normalizer, else the input must be UTF-8.
    """
    if not data.strip():
        raise IngestError("empty file")
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
    if b"\x00" in data[:8192] and not (detect and utf16):
        raise IngestError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if not detect:
            raise IngestError(f"not UTF-8 text (byte {exc.start}): convert it to UTF-8 first") from exc
        text = _detected(data)
    if _looks_binary(text):
        raise IngestError("binary content (control characters), not text")
    if not text.strip():
        raise IngestError("empty file")
    return text


def _detected(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError("undecodable: not UTF-8 and no known text encoding fits; convert it to UTF-8 first")
    return str(best)
