"""Agents and targets from the dependency parse (accurate mode): sentences written for the test."""

from __future__ import annotations

import pytest
import spacy

from strikewatch.extract.pipeline import MODEL_NAME, model_available
from strikewatch.extract.syntax import find_arguments
from strikewatch.extract.triggers import Trigger
from strikewatch.model import SubEventType

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not model_available(), reason="the statistical English model is not installed"),
]


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return spacy.load(MODEL_NAME, exclude=["tagger", "attribute_ruler", "lemmatizer", "ner"])


def _roles(nlp, text: str, word: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    start = text.index(word)
    trigger = Trigger(start, start + len(word), word, SubEventType.ARMED_CLASH, "test")
    out: dict[str, list[str]] = {"agent": [], "target": []}
    for arg in find_arguments(nlp(text), [trigger]):
        out[arg.role].append(text[arg.start : arg.end])
    return out


def test_active_verb_subject_acts_on_its_object(nlp) -> None:  # type: ignore[no-untyped-def]
    roles = _roles(nlp, "Militants ambushed a police patrol near the border crossing.", "ambushed")
    assert any("Militants" in a for a in roles["agent"])
    assert any("patrol" in t for t in roles["target"])


def test_passive_by_phrase_is_the_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    roles = _roles(nlp, "Two farmers were shot by unidentified gunmen in the village.", "shot")
    assert any("gunmen" in a for a in roles["agent"])
    assert any("farmers" in t for t in roles["target"])


def test_noun_trigger_carried_by_a_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    roles = _roles(nlp, "Government jets carried out an airstrike on the rebel base.", "airstrike")
    assert any("jets" in a for a in roles["agent"])
    assert any("base" in t for t in roles["target"])


def test_no_parse_gives_no_arguments() -> None:
    doc = spacy.blank("en")("Rebels attacked the town.")
    trigger = Trigger(7, 15, "attacked", SubEventType.ARMED_CLASH, "test")
    assert find_arguments(doc, [trigger]) == []
