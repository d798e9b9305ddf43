"""Precision and recall of incident linking on report pairs written for this project.

``tests/store/data/linking_pairs.jsonl`` holds pairs of short reports, each pair told by two
publishers: ``"same": true`` pairs describe one incident in other words (spellings, date styles,
tolls, type words and precision differ), ``"same": false`` pairs describe similar but distinct
incidents (same day elsewhere, same place on other days, another type at the same place). Each
report also carries ``event``: its incident coded by hand (what an analyst would code from the text).

Each pair is stored in a store of its own, as ``strikewatch ingest`` stores documents; the pair
counts as linked when an event of one report shares an incident with an event of the other. Two
figures come out:

- ``linking``: the reports' hand-coded events are stored, so only the linking rules are measured;
- ``end_to_end``: the reports are extracted (``--mode``) and their extracted events stored, so an
  extraction error (a misplaced town, a wrong type) costs a link as it would in use.

    python benchmarks/linking.py [--mode fast|accurate] [--json] [--verbose]

prints precision (linked pairs that are one incident) and recall (one-incident pairs linked) of each.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "store" / "data" / "linking_pairs.jsonl"


def _document(pair_id: str, side: str, data: dict[str, Any]) -> Any:
    from strikewatch.model import Document

    return Document(
        f"{pair_id}-{side}",
        data["text"],
        date.fromisoformat(data["published"]),
        data.get("title"),
        None,
        data["source"],
    )


def _figures(outcomes: list[dict[str, Any]]) -> dict[str, Any]:
    tp = sum(o["same"] and o["linked"] for o in outcomes)
    fp = sum(not o["same"] and o["linked"] for o in outcomes)
    fn = sum(o["same"] and not o["linked"] for o in outcomes)
    return {
        "true_links": tp,
        "false_links": fp,
        "missed_links": fn,
        "precision": round(tp / (tp + fp) if tp + fp else 1.0, 3),
        "recall": round(tp / (tp + fn) if tp + fn else 1.0, 3),
        "wrong": [o["id"] for o in outcomes if o["same"] != o["linked"]],
    }


def _linked(folder: str, pair: dict[str, Any], events: dict[str, list[Any]]) -> bool:
    """Store the pair's two reports with ``events`` (by side) in a new store; return whether they share an incident."""
    from strikewatch.store import Store

    with Store(f"sqlite:///{folder}/{pair['id']}.db") as store:
        ids = {
            side: store.save_document(_document(pair["id"], side, pair[side]), events=events[side]).id
            for side in ("a", "b")
        }
        incidents: dict[str, set[str]] = {"a": set(), "b": set()}
        for event in store.events():
            if event["incident"]:
                incidents["a" if event["document_id"] == ids["a"] else "b"].add(event["incident"])
    store.engine.dispose()
    return bool(incidents["a"] & incidents["b"])


def evaluate(path: Path = PAIRS, mode: str = "fast") -> dict[str, Any]:
    """Return the pair counts and the ``linking`` and ``end_to_end`` figures on the pairs of ``path``."""
    from strikewatch.analyze.records import event_from_dict
    from strikewatch.extract.pipeline import extract_documents

    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    documents = [_document(p["id"], side, p[side]) for p in pairs for side in ("a", "b")]
    extracted = {result.id: result.events for result in extract_documents(documents, mode=mode)}
    coded, end_to_end = [], []
    with tempfile.TemporaryDirectory() as folder:
        for pair in pairs:
            sides = ("a", "b")
            hand = {side: [event_from_dict(pair[side]["event"])] for side in sides}
            found = {side: extracted[f"{pair['id']}-{side}"] for side in sides}
            coded.append({"id": pair["id"], "same": pair["same"], "linked": _linked(f"{folder}", pair, hand)})
            Path(f"{folder}/{pair['id']}.db").unlink()
            end_to_end.append({"id": pair["id"], "same": pair["same"], "linked": _linked(folder, pair, found)})
    return {
        "pairs": len(pairs),
        "same": sum(p["same"] for p in pairs),
        "distinct": sum(not p["same"] for p in pairs),
        "mode": mode,
        "linking": _figures(coded),
        "end_to_end": _figures(end_to_end),
    }


def main(argv: list[str] | None = None) -> None:
    """Print linking precision and recall."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", default="fast", choices=("fast", "accurate"))
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--verbose", action="store_true", help="list the pairs linked wrongly or missed")
    args = parser.parse_args(argv)
    figures = evaluate(mode=args.mode)
    if args.json:
        print(json.dumps(figures))
        return
    same, distinct = figures["same"], figures["distinct"]
    print(f"{figures['pairs']} report pairs: {same} of one incident, {distinct} of distinct incidents")
    for name, label in (("linking", "linking (hand-coded events)"), ("end_to_end", f"extract ({args.mode}) + linking")):
        f = figures[name]
        print(
            f"  {label:<30} precision {f['precision']:.3f}  recall {f['recall']:.3f}  "
            f"({f['true_links']} right links, {f['false_links']} wrong, {f['missed_links']} missed)"
        )
        if args.verbose and f["wrong"]:
            print(f"    wrong or missed: {', '.join(f['wrong'])}")


if __name__ == "__main__":
    main()
