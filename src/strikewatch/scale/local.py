"""The ``local`` engine of ``strikewatch extract``: this process (or a local pool), streaming.

Inputs are read as they are extracted (never all first), and output lines are written in
batches. An input that could not be read keeps its place in the output as an error line.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from strikewatch.extract.pipeline import Result, extract_json_lines
from strikewatch.ingest.rejected import Rejected
from strikewatch.model import Document

#: Output lines written at a time.
WRITE_BATCH = 256
Progress = Callable[[int], None]


@dataclass(slots=True)
class ExtractReport:
    """Counts of one extraction run: output lines, events, and documents that could not be processed."""

    documents: int = 0
    events: int = 0
    errors: int = 0


def extract_to(
    items: Iterable[Document | Rejected],
    out: TextIO,
    *,
    mode: str = "auto",
    workers: int = 1,
    progress: Progress | None = None,
) -> ExtractReport:
    """Write the contract's output line of every input to ``out``, in input order; return the counts.

    ``progress`` is called with the number of lines just written.
    """
    report = ExtractReport()
    tick = progress or (lambda _n: None)
    # what came in, in order: a rejected input, or None for a document whose line the pool will give
    order: deque[Rejected | None] = deque()

    def documents() -> Iterator[Document]:
        for item in items:
            if isinstance(item, Rejected):
                order.append(item)
            else:
                order.append(None)
                yield item

    batch: list[str] = []

    def rejected_lines() -> None:
        while order and order[0] is not None:
            item = order.popleft()
            assert item is not None
            batch.append(Result(item.id, [], item.reason).to_json())
            report.errors += 1

    for line in extract_json_lines(documents(), mode=mode, workers=workers):
        rejected_lines()  # the inputs before this document (appended before it was handed out)
        order.popleft()
        batch.append(line.text)
        report.events += line.events
        report.errors += line.failed
        if len(batch) >= WRITE_BATCH:
            _flush(out, batch, report, tick)
    rejected_lines()
    _flush(out, batch, report, tick)
    return report


def _flush(out: TextIO, batch: list[str], report: ExtractReport, tick: Progress) -> None:
    if batch:
        out.write("\n".join(batch) + "\n")
        report.documents += len(batch)
        tick(len(batch))
        batch.clear()
