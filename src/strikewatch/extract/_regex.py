"""Fast case-insensitive matching of large alternations of lower-case patterns.

Python's ``re`` with IGNORECASE tries every alternative at every character. Matching the
lower-cased text case-sensitively, and only at word starts, is several times faster; offsets stay
valid because lower-casing keeps the length (the rare texts where it does not fall back to
IGNORECASE).
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class WordPattern:
    """A regex of lower-case alternatives matched case-insensitively at word starts."""

    def __init__(self, pattern: str) -> None:
        self.body = rf"\b(?=[a-z0-9])(?:{pattern})"
        self.fast = re.compile(self.body)
        self._slow: re.Pattern[str] | None = None

    @property
    def slow(self) -> re.Pattern[str]:
        """The pattern with IGNORECASE, for the rare text that lower-casing lengthens (compiled on first use)."""
        if self._slow is None:
            self._slow = re.compile(self.body, re.IGNORECASE)
        return self._slow

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None, lowered: str | None = None
    ) -> Iterator[re.Match[str]]:
        """Yield the matches in ``text[pos:endpos]`` (offsets index ``text``; groups are lower-cased).

        ``lowered`` is ``text.lower()`` when the caller has it already (several patterns, one text).
        """
        lowered = text.lower() if lowered is None else lowered
        end = len(text) if endpos is None else endpos
        if len(lowered) == len(text):
            return self.fast.finditer(lowered, pos, end)
        return self.slow.finditer(text, pos, end)
