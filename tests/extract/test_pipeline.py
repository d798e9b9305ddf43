"""The spaCy pipeline: registered factories, layer order, modes."""

from __future__ import annotations

from typing import Any

import spacy

from strikewatch.extract.components import EXTENSIONS, LAYERS, register_factories
from strikewatch.extract.pipeline import build_nlp

EXPECTED_FACTORIES = [
    "sw_actors",
    "sw_casualties",
    "sw_certainty",
    "sw_dates",
    "sw_events",
    "sw_places",
    "sw_triggers",
    "sw_weapons",
]


def test_factories_registered_once() -> None:
    register_factories()
    register_factories()  # idempotent
    names = sorted(n for n in spacy.registry.factories.get_all() if n.startswith("sw_"))
    assert names == EXPECTED_FACTORIES


def test_layer_order_satisfies_requirements(fast_extractor: Any) -> None:
    analysis = build_nlp("fast").analyze_pipes()
    assert not any(analysis["problems"].values()), analysis["problems"]
    assert [n for n in analysis["summary"] if n.startswith("sw_")] == LAYERS


def test_each_extension_has_one_owner() -> None:
    owners = [owner for owner in EXTENSIONS.values() if owner != "(input)"]
    assert set(owners) <= set(LAYERS)


def test_callable_package_entry_point() -> None:
    import strikewatch

    events = strikewatch.extract(
        "On 3 May 2020, regime forces shelled Kansafra in Idleb.", published="2020-05-04", mode="fast"
    )
    assert events and events[0].date_start.isoformat() == "2020-05-03"
