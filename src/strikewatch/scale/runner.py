"""Run shards on a Dask cluster as they are written, and hand their results back in input order.

Each shard is one task (``client.submit`` of :func:`~strikewatch.scale.tasks.run_shard` on its
path), never one task per document. At most ``window`` shards are in flight, so the input is read
only as fast as the cluster works through it. A shard whose output already exists is not
submitted. When a worker dies, the scheduler runs its tasks again elsewhere; a task writes its
output atomically and only under its content key, so a task run twice leaves one output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from strikewatch.errors import ExtractError
from strikewatch.scale.shards import Shard
from strikewatch.scale.tasks import read_header, run_shard

Handler = Callable[[Shard, dict[str, Any]], None]
EMPTY = {"documents": 0, "events": 0, "errors": 0}


def run_shards(
    client: Any,
    shards: Iterable[Shard],
    *,
    kind: str,
    mode: str,
    window: int,
    on_done: Handler,
    on_ordered: Handler,
) -> None:
    """Run every shard of ``shards``; call ``on_done`` as each finishes (in any order) and ``on_ordered``
    on each in input order, once it and all shards before it have finished."""
    from distributed import as_completed

    finished: dict[int, tuple[Shard, dict[str, Any]]] = {}
    by_future: dict[Any, Shard] = {}
    running = as_completed()
    next_index = 0

    def finish(shard: Shard, header: dict[str, Any]) -> None:
        nonlocal next_index
        on_done(shard, header)
        finished[shard.index] = (shard, header)
        while next_index in finished:
            on_ordered(*finished.pop(next_index))
            next_index += 1

    def collect_one() -> None:
        future = next(running)
        shard = by_future.pop(future)
        try:
            header = future.result()
        except Exception as exc:  # the task's own error, or KilledWorker after repeated worker deaths
            raise ExtractError(
                f"shard {shard.key} ({shard.path}) failed on the cluster: {type(exc).__name__}: {exc}; "
                "run the command again: shards already done are kept and skipped"
            ) from exc
        finish(shard, header)

    for shard in shards:
        output = shard.output(kind)
        if output is None:
            finish(shard, dict(EMPTY))
        elif output.exists():
            finish(shard, read_header(output))
        else:
            future = client.submit(
                run_shard, str(shard.path), kind, mode, key=f"strikewatch-{kind}-{shard.key}-{shard.index}", retries=1
            )
            by_future[future] = shard
            running.add(future)
            while len(by_future) >= window:
                collect_one()
        while running.has_ready():
            collect_one()
    while by_future:
        collect_one()
