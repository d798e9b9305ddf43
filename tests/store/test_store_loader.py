"""load(): input is read and stored a batch at a time, with the same result as all at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from strikewatch.ingest.rejected import Rejected
from strikewatch.model import Document
from strikewatch.store import Store
from strikewatch.store.loader import load

from .helpers import document

NOTES = [
    "On 3 May 2020, Russian warplanes struck Kafr Nabl in Idleb, killing 4 civilians.",
    "On 3 May 2020, Syrian regime forces shelled Maarat al-Numan.",
    "On 3 May 2020, Russian warplanes struck Kafr Nabl in Idleb, killing 4 civilians.",  # the first again
    "On 2 May 2020, an IED exploded in Al-Bab, killing 2.",
]


def _items() -> list[Document | Rejected]:
    items: list[Document | Rejected] = [document(text, f"n{k}") for k, text in enumerate(NOTES)]
    items.insert(2, Rejected("bad.bin", "bad.bin: binary file"))
    return items


@pytest.mark.parametrize("batch_size", [1, 2, 1000])
def test_batches_give_the_same_counts_as_one_pass(store: Store, batch_size: int) -> None:
    report = load(store, _items(), mode="fast", batch_size=batch_size)
    counts = report.counts()
    assert (counts["read"], counts["new"], counts["duplicates"], counts["quarantined"]) == (5, 3, 1, 1)
    assert counts["events"] == store.count_events() >= 3


def test_input_is_stored_as_it_is_read(store: Store) -> None:
    """A failure while reading (a crash, a fetch that dies) keeps every batch already read."""

    def failing() -> Iterator[Document | Rejected]:
        yield from _items()[:2]
        raise RuntimeError("the feed went away")

    with pytest.raises(RuntimeError):
        load(store, failing(), mode="fast", batch_size=2)
    assert store.status()["tables"]["documents"] == 2
