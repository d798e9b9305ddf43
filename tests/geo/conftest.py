"""Shared fixtures of the geo tests: the bundled gazetteer (built once, cached on disk) and a parser."""

from __future__ import annotations

import pytest

from strikewatch.geo import BundledGazetteer, Geoparser, load_default_gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> BundledGazetteer:
    """The default bundled gazetteer (the first run builds it, about 10 s)."""
    return load_default_gazetteer()


@pytest.fixture(scope="session")
def parser(gazetteer: BundledGazetteer) -> Geoparser:
    """A geoparser over the bundled gazetteer."""
    return Geoparser(gazetteer)
