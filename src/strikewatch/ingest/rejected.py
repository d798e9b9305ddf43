"""The record of an input that could not be read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be read (``id`` names the file, line or URL), and why."""

    id: str
    reason: str
