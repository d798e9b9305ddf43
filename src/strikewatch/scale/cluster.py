"""Connect to Dask: a LocalCluster of worker processes started here, or a running scheduler.

Workers are processes with one thread each (``processes=True, threads_per_worker=1``): the rule
matchers hold the GIL, so threads in one process would take turns instead of working at once.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any

from strikewatch.errors import ConfigError
from strikewatch.extras import require

ENGINES = ("local", "dask")


def require_dask(needed_by: str) -> None:
    """Raise :class:`~strikewatch.extras.MissingExtra` naming the ``dask`` extra unless it is installed."""
    require("dask", needed_by)


def check_engine(engine: str, needed_by: str) -> None:
    """Raise :class:`ConfigError` for an unknown engine, and name the extra the ``dask`` engine needs."""
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if engine == "dask":
        require_dask(needed_by)


@contextlib.contextmanager
def connect(workers: int = 2, scheduler: str | None = None, *, dashboard: bool = True) -> Iterator[Any]:
    """Yield a ``distributed.Client``: on ``scheduler`` (``tcp://host:port``) if given, else on a new
    LocalCluster of ``workers`` processes, closed on exit."""
    require_dask("--engine dask")
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}; check --scheduler") from exc
        with client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=workers,
        processes=True,
        threads_per_worker=1,
        # the scheduler's HTTP server starts in any case (health checks): on a free port, so that
        # a second cluster on the machine does not warn about port 8787; the dashboard only if asked
        dashboard_address=":0",
        scheduler_kwargs={"dashboard": dashboard},
        silence_logs=logging.ERROR,
    )
    with cluster, Client(cluster) as client:
        yield client


def worker_count(client: Any) -> int:
    """Return how many worker threads the cluster has (at least 1)."""
    return max(1, sum(client.nthreads().values()))


def dashboard_link(client: Any) -> str | None:
    """Return the URL of the cluster's dashboard, or None when it does not serve one."""
    try:
        link = client.dashboard_link
    except (AttributeError, KeyError):
        return None
    return str(link) if link else None
