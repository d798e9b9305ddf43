"""The dask engine on a real LocalCluster of 2 worker processes: the same output and store as the local
engine, finished shards skipped, and a killed worker or an interrupted run losing and doubling nothing."""

from __future__ import annotations

import io
import json
import os
import signal
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from strikewatch.cli import app
from strikewatch.ingest import read_documents
from strikewatch.ingest.rejected import Rejected
from strikewatch.model import Document
from strikewatch.scale import extract_on_cluster, extract_to, ingest_on_cluster
from strikewatch.scale.cluster import worker_count
from strikewatch.scale.shards import ShardWriter, document_line, pipeline_fingerprint
from strikewatch.store import Store
from strikewatch.store.loader import LoadReport, load

pytestmark = pytest.mark.dask
GOLD = "acled-syria-2020-05.jsonl"


def _gold(shared: Path) -> list[Document | Rejected]:
    """The gold documents with rejected input, an empty document and a repeated one among them."""
    items = list(read_documents([shared / "gold" / GOLD]))
    first = items[0]
    assert isinstance(first, Document)
    items.insert(5, Rejected("broken.jsonl:2", "broken.jsonl:2: not a JSON line"))
    items.insert(40, Document("blank", "  \n ", None))
    items.insert(90, Document("again", first.text, first.published, url="https://example.org/again"))
    return items


def test_extract_on_cluster_writes_what_the_local_engine_writes(dask_client: Any, shared: Path, tmp_path: Path) -> None:
    items = _gold(shared)
    local, cluster = io.StringIO(), io.StringIO()
    extract_to(items, local, mode="fast")
    ticks: list[int] = []
    report = extract_on_cluster(
        iter(items), cluster, dask_client, mode="fast", work_dir=tmp_path / "work", shard_docs=25, progress=ticks.append
    )
    assert cluster.getvalue() == local.getvalue()
    assert report.documents == len(items) == sum(ticks) and len(ticks) > 4
    assert report.errors == 2 and report.events == sum(
        len(json.loads(x)["events"]) for x in local.getvalue().split("\n") if x
    )
    assert not list((tmp_path / "work").iterdir()), "a finished run removes its shards"


def test_finished_shards_are_not_extracted_again(dask_client: Any, shared: Path, tmp_path: Path) -> None:
    items = _gold(shared)[:30]
    work = tmp_path / "work"
    # cut the shards as the run will, and finish the first one beforehand with a recognisable output
    writer = ShardWriter(work, pipeline_fingerprint("fast"), lookahead=worker_count(dask_client), shard_docs=6)
    first = next(iter(writer.shards((document_line(item), None) for item in items)))
    output = first.output("extract")
    assert output is not None
    done = [json.dumps({"id": f"done-{n}", "events": []}) for n in range(first.lines)]
    output.write_text(json.dumps({"documents": first.lines, "events": 0, "errors": 0}) + "\n" + "\n".join(done) + "\n")
    out = io.StringIO()
    extract_on_cluster(items, out, dask_client, mode="fast", work_dir=work, shard_docs=6)
    ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
    assert ids[: first.lines] == [f"done-{n}" for n in range(first.lines)]
    assert ids[first.lines :] == [item.id for item in items[first.lines :]]


def test_cli_extract_dask_engine_equals_local_engine(shared: Path, tmp_path: Path) -> None:
    gold = str(shared / "gold" / GOLD)
    runner = CliRunner()
    local = runner.invoke(
        app, ["extract", gold, "--mode", "fast", "-o", str(tmp_path / "local.jsonl"), "--no-progress"]
    )
    assert local.exit_code == 0, local.output
    args = ["extract", gold, "--mode", "fast", "--engine", "dask", "--workers", "2", "-o", str(tmp_path / "A")]
    dask = runner.invoke(app, [*args, "--work-dir", str(tmp_path / "work")])
    assert dask.exit_code == 0, dask.output
    assert "dask dashboard: http" in dask.output
    assert (tmp_path / "A").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def test_ingest_on_cluster_stores_what_the_local_engine_stores(
    dask_client: Any, shared: Path, tmp_path: Path, backend: str, store_contents: Any, request: pytest.FixtureRequest
) -> None:
    items = _gold(shared)
    reference = f"sqlite:///{tmp_path / 'local.db'}"
    url = f"sqlite:///{tmp_path / 'dask.db'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
    with Store(reference) as store:
        expected = load(store, items, mode="fast").counts()
    with Store(url) as store:
        report = ingest_on_cluster(store, iter(items), dask_client, mode="fast", work_dir=tmp_path / "w", shard_docs=20)
        assert report.counts() == expected
        assert store_contents(url) == store_contents(reference)
        again = ingest_on_cluster(store, items, dask_client, mode="fast", work_dir=tmp_path / "w", shard_docs=20)
        assert (again.new, again.events, again.quarantined) == (0, 0, 2)  # the broken line and the blank one
    assert store_contents(url) == store_contents(reference), "running the same ingest again changes nothing"


def _kill_a_busy_worker(client: Any, work: Path, killed: list[int], stop: threading.Event) -> None:
    """Once some shards are done, SIGKILL a worker process that is running a shard."""
    pids = client.run(os.getpid)
    while not stop.is_set():
        if len(list(work.glob("*.ingest.jsonl"))) >= 2:
            busy = [address for address, keys in client.processing().items() if keys]
            if busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(len(list(work.glob("*.ingest.jsonl"))))
                return
        time.sleep(0.05)


@pytest.mark.pg
def test_killed_worker_loses_and_doubles_nothing(
    dask_client: Any, shared: Path, tmp_path: Path, pg_url: str, store_contents: Any
) -> None:
    items = _gold(shared)
    work = tmp_path / "work"
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    with Store(clean) as store:
        load(store, items, mode="fast")
    killed: list[int] = []
    stop = threading.Event()
    killer = threading.Thread(target=_kill_a_busy_worker, args=(dask_client, work, killed, stop))
    killer.start()
    try:
        with Store(pg_url) as store:
            ingest_on_cluster(store, items, dask_client, mode="fast", work_dir=work, shard_docs=8)
    finally:
        stop.set()
        killer.join()
    assert killed, "no worker was killed: the run finished first"
    assert killed[0] < len(items) // 8, "the worker was killed before the last shards were done"
    contents = store_contents(pg_url)
    assert contents == store_contents(clean)
    assert len(contents["documents"]) == len({item.text for item in items if isinstance(item, Document)}) - 1
    with Store(pg_url) as store:
        ingest_on_cluster(store, items, dask_client, mode="fast", work_dir=work, shard_docs=8)
    assert store_contents(pg_url) == contents


def test_interrupted_ingest_then_rerun_equals_one_run(
    dask_client: Any, shared: Path, tmp_path: Path, store_contents: Any
) -> None:
    items = _gold(shared)
    interrupted, clean = f"sqlite:///{tmp_path / 'interrupted.db'}", f"sqlite:///{tmp_path / 'clean.db'}"

    def interrupt(report: LoadReport, _done: int) -> None:
        if report.new >= 100:  # Ctrl-C once a third of the documents are stored
            raise KeyboardInterrupt

    with Store(interrupted) as store, pytest.raises(KeyboardInterrupt):
        ingest_on_cluster(
            store, items, dask_client, mode="fast", work_dir=tmp_path / "w", shard_docs=10, progress=interrupt
        )
    assert 0 < len(store_contents(interrupted)["documents"]) < 313
    with Store(interrupted) as store:
        ingest_on_cluster(store, items, dask_client, mode="fast", work_dir=tmp_path / "w", shard_docs=10)
    with Store(clean) as store:
        ingest_on_cluster(store, items, dask_client, mode="fast", work_dir=tmp_path / "w2", shard_docs=10)
    assert store_contents(interrupted) == store_contents(clean)


def test_ingest_on_cluster_re_dates_as_the_local_engine_does(
    dask_client: Any, tmp_path: Path, store_contents: Any
) -> None:
    text = "On June 25, regime forces shelled Kansafra in Idleb, killing 3 civilians."
    undated = [Document("note.txt", text, None)]
    dated = [Document("note.txt", text, date(2021, 6, 27))]
    local, cluster = f"sqlite:///{tmp_path / 'local.db'}", f"sqlite:///{tmp_path / 'dask.db'}"
    with Store(local) as store:
        load(store, undated, mode="fast")
        expected = load(store, dated, mode="fast")
    with Store(cluster) as store:
        first = ingest_on_cluster(store, undated, dask_client, mode="fast", work_dir=tmp_path / "w")
        assert first.undated == ["note.txt"] and first.new == 1
        again = ingest_on_cluster(store, dated, dask_client, mode="fast", work_dir=tmp_path / "w")
        assert again.counts() == expected.counts() and again.redated == 1
        assert [str(event["date_start"]) for event in store.events()] == ["2021-06-25"]
    assert store_contents(cluster) == store_contents(local)
