"""Print extraction throughput: fast, accurate, the spaCy model alone (NER only; NER + parser) and bare tokenization.

All four run in one process on the same documents (ACLED notes, the seed chronology and the news
articles of the geoparsing corpora in ../shared/gold, cycled to about --words words), then `fast`
again with 1 and with 2 worker processes (the fast runs: best of two).

Usage: python benchmarks/extract_throughput.py [--words 300000]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import spacy

from strikewatch.extract.pipeline import MODEL_EXCLUDE, MODEL_NAME, Extractor, extract_documents, model_available
from strikewatch.geo.recognize import Entries, scan
from strikewatch.model import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def corpus(words: int) -> list[Document]:
    """Return gold report texts, repeated until they hold about ``words`` words."""
    base: list[Document] = []
    # short conflict notes (ACLED), a long analyst chronology (the seed), and news articles (the
    # geoparsing corpora): the kinds of text strikewatch reads
    for name in ("acled-syria-2020-05.jsonl", "seed.jsonl", "geoparse/geowebnews.jsonl", "geoparse/trnews.jsonl"):
        for line in (SHARED / "gold" / name).read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            published = date.fromisoformat(obj["published"][:10]) if obj.get("published") else None
            base.append(Document(obj["id"], obj["text"], published))
    docs: list[Document] = []
    total = 0
    while total < words:
        for doc in base:
            docs.append(Document(f"{doc.id}#{len(docs)}", doc.text, doc.published))
            total += len(doc.text.split())
            if total >= words:
                break
    return docs


def measure(label: str, run: Callable[[], object], docs: list[Document], repeat: int = 1) -> float:
    """Time ``run`` (best of ``repeat``) and print docs/s and words/s; return words/s."""
    n_words = sum(len(d.text.split()) for d in docs)
    seconds = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        seconds = min(seconds, time.perf_counter() - start)
    print(f"{label:34s} {len(docs) / seconds:10.1f} docs/s {n_words / seconds:12,.0f} words/s  ({seconds:.2f} s)")
    return n_words / seconds


def layer_shares(extractor: Extractor, docs: list[Document]) -> dict[str, float]:
    """Return each pipeline step's share of the time ``extractor`` spends on ``docs``."""
    spent: dict[str, float] = {"tokenizer": 0.0}
    for doc in docs:
        start = time.perf_counter()
        spacy_doc = extractor.make_doc(doc.text, doc.published)
        spent["tokenizer"] += time.perf_counter() - start
        for name, component in extractor.nlp.pipeline:
            start = time.perf_counter()
            spacy_doc = component(spacy_doc)
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
    total = sum(spent.values())
    return {name: seconds / total for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1])}


def geoparser_split(extractor: Extractor, docs: list[Document]) -> dict[str, float]:
    """Split the geoparser's time (``sw_places``) into recognition (finding candidate names in the
    text), gazetteer lookup, and disambiguation (context, focus, containment, scoring); in seconds."""
    component = extractor.nlp.get_pipe("sw_places")
    geoparser = component.geoparser
    names = [name for name, _ in extractor.nlp.pipeline]
    before = extractor.nlp.pipeline[: names.index("sw_places")]
    staged = []
    for doc in docs:
        spacy_doc = extractor.make_doc(doc.text, doc.published)
        for _, step in before:
            spacy_doc = step(spacy_doc)
        staged.append(spacy_doc)
    texts = [spacy_doc.text for spacy_doc in staged]

    def timed(run: Callable[[], object]) -> float:
        start = time.perf_counter()
        run()
        return time.perf_counter() - start

    total = min(timed(lambda: [component(d) for d in staged]) for _ in range(2))
    scanning = min(timed(lambda: [scan(t, geoparser._lookup) for t in texts]) for _ in range(2))
    # time spent inside gazetteer lookups during the scan (a separate pass: the timer costs a little)
    inside = [0.0]
    lookup = geoparser._lookup

    def timed_lookup(key: str) -> Entries:
        start = time.perf_counter()
        try:
            return lookup(key)
        finally:
            inside[0] += time.perf_counter() - start

    [scan(t, timed_lookup) for t in texts]
    return {
        "recognition": scanning - inside[0],
        "lookup": inside[0],
        "disambiguation": total - scanning,
        "total": total,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=300_000)
    args = parser.parse_args()
    docs = corpus(args.words)
    print(f"{len(docs)} documents, {sum(len(d.text.split()) for d in docs):,} words")

    blank = spacy.blank("en")
    tok = measure("spacy.blank('en') tokenization", lambda: [blank(d.text) for d in docs], docs)
    fast = Extractor("fast")
    fast.events(docs[0].text, docs[0].published)  # warm up: gazetteer and lexicons load once
    fast_wps = measure("fast (all layers)", lambda: [fast.events(d.text, d.published) for d in docs], docs, 2)
    figures = {"tokenization": tok, "fast": fast_wps}

    def workers(n: int) -> Callable[[], object]:
        return lambda: list(extract_documents(docs, mode="fast", workers=n))

    figures["fast_1_worker"] = measure("fast, extract_documents workers=1", workers(1), docs, 2)
    figures["fast_2_workers"] = measure("fast, extract_documents workers=2", workers(2), docs, 2)
    if model_available():
        ner = spacy.load(MODEL_NAME, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
        ner.add_pipe("sentencizer", first=True)
        figures["ner_only"] = measure("NER-only spaCy pipeline", lambda: [ner(d.text) for d in docs], docs)
        # what accurate mode loads: the NER and the dependency parser (extract/syntax.py)
        model = spacy.load(MODEL_NAME, exclude=MODEL_EXCLUDE)
        model.add_pipe("sentencizer", first=True)
        figures["model"] = measure("NER + parser spaCy pipeline", lambda: [model(d.text) for d in docs], docs)
        accurate = Extractor("accurate")
        accurate.events(docs[0].text, docs[0].published)
        figures["accurate"] = measure(
            "accurate (NER + all layers)", lambda: [accurate.events(d.text, d.published) for d in docs], docs
        )
    else:
        print(f"(accurate mode and NER-only skipped: {MODEL_NAME} is not installed)")

    shares = layer_shares(fast, docs)
    print()
    print("share of fast extraction time per layer: " + ", ".join(f"{k} {v:.0%}" for k, v in shares.items()))
    places = shares.get("sw_places", 0.0)
    split = geoparser_split(fast, docs)
    part = {name: places * seconds / split["total"] for name, seconds in split.items()}
    print(
        f"geoparser (sw_places) {places:.0%} of extraction: recognition of candidate names "
        f"{part['recognition']:.1%}, gazetteer lookup {part['lookup']:.1%}, disambiguation {part['disambiguation']:.1%}"
    )
    print(
        f"lookup + disambiguation                     {part['lookup'] + part['disambiguation']:.0%} of extraction"
        "   (target < 20%)"
    )
    print()
    print(f"fast / tokenization            {figures['fast'] / figures['tokenization']:.2f}x")
    if "accurate" in figures:
        print(f"accurate / NER-only            {figures['accurate'] / figures['ner_only']:.2f}x")
        print(f"accurate / NER + parser        {figures['accurate'] / figures['model']:.2f}x   (target >= 0.8)")
        print(f"fast / accurate                {figures['fast'] / figures['accurate']:.1f}x")
    print(
        f"2 workers / 1 worker           {figures['fast_2_workers'] / figures['fast_1_worker']:.2f}x   (target >= 1.7)"
    )
    print(f"fast words/s                   {figures['fast']:,.0f}   (target >= 50,000)")


if __name__ == "__main__":
    main()
