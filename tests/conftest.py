"""Shared fixtures: paths to ../shared, and extractors built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only folder of evaluation data beside the project."""
    if not (SHARED / "gold").is_dir():
        pytest.fail(f"evaluation data not found at {SHARED}: the tests need ../shared beside the project")
    return SHARED


@pytest.fixture(scope="session")
def fast_extractor():  # type: ignore[no-untyped-def]
    from strikewatch.extract.pipeline import Extractor

    return Extractor("fast")


@pytest.fixture(scope="session")
def accurate_extractor():  # type: ignore[no-untyped-def]
    from strikewatch.extract.pipeline import Extractor

    return Extractor("accurate")
