"""Run the fuzz suite: write the corpus, measure every input, ingest the folder with the CLI, check the store.

    python -m tests.fuzz.run [--seed 0] [--count 1000] [--keep DIR]

Prints the summary line that docs/figures.md quotes, then any failure. The checks are the issue's:
the ingest of the folder exits cleanly; every good report is stored with its text; every bad
input is stored with text or quarantined (``strikewatch status``) with a reason naming it; no
input takes more than 10 s of CPU or 1 GB of memory; and nothing hostile ran or expanded (no
script text, no external entity, no entity blow-up in what was stored).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from strikewatch.store import Store
from strikewatch.store.query import DOCUMENTS

from .corpus import Corpus, build_corpus

MEASURE = Path(__file__).with_name("measure.py")
MAX_SECONDS = 10.0
MAX_MB = 1024.0
#: Seconds after which a stalled measuring worker or ingest is killed.
TIMEOUT = 900
#: Strings that must never reach a stored text: script bodies and handlers, /etc/passwd, entity blow-ups.
LEAKS = ("__pwned", "root:x:0:0", "lollollollol", "x" * 5000)


@dataclass(slots=True)
class FuzzRun:
    """What one run measured and found."""

    corpus: Corpus
    measured: dict[str, dict[str, Any]]
    ingest: dict[str, Any]
    quarantine: list[dict[str, Any]]
    stored: dict[str, str]
    failures: list[str] = field(default_factory=list)

    def outcome(self, name: str) -> str:
        """Return ``stored`` when an input gave a stored document, else ``listed``."""
        line = self.measured.get(name, {})
        return "stored" if any(d["content_id"] in self.stored for d in line.get("documents", [])) else "listed"

    @property
    def summary(self) -> str:
        """Return the one-line summary: inputs, stored, listed, slowest, peak memory."""
        lines = list(self.measured.values())
        outcomes = [self.outcome(name) for name in self.measured]
        slow = max(lines, key=lambda line: line.get("cpu_s", 0.0))
        return (
            f"fuzz: {len(lines)} inputs, {outcomes.count('stored')} stored, {outcomes.count('listed')} listed, "
            f"slowest {slow.get('cpu_s', 0):.2f} s CPU ({slow.get('wall_s', 0):.2f} s wall, {slow['path']}), "
            f"peak memory {max(line.get('peak_mb', 0) for line in lines):.0f} MB; "
            f"ingest of the folder {self.ingest['seconds']:.1f} s, {self.ingest['peak_mb']:.0f} MB"
        )


def measure_inputs(folder: Path, mode: str = "fast") -> dict[str, dict[str, Any]]:
    """Return the measured line of every input, by name; an input that killed the worker is marked ``crashed``."""
    measured: dict[str, dict[str, Any]] = {}
    after = ""
    while True:
        command = [sys.executable, str(MEASURE), str(folder), "--mode", mode, "--after", after]
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=TIMEOUT)
        lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        started = None
        for line in lines:
            if "start" in line:
                started = line["start"]
            elif "path" in line:
                measured[line["path"]] = line
                started = None
        if done.returncode == 0:
            return measured
        if started is None:  # the worker died before any input: nothing to skip past
            raise RuntimeError(f"the measuring worker failed: {done.stderr[-2000:]}")
        measured[started] = {"path": started, "status": "crashed", "error": done.stderr[-500:]}
        after = started


# Runs the CLI and, on its way out, writes its peak memory: its own VmHWM (ru_maxrss would carry over
# the spawning process's size) or that of its extraction process, whichever is larger.
_INGEST = """import atexit, resource, sys
from pathlib import Path
target = Path(sys.argv.pop(1))
def peak():
    status = Path("/proc/self/status").read_text().splitlines()
    own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    target.write_text(str(max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)))
atexit.register(peak)
from strikewatch.cli import main
main()
"""


def ingest_folder(folder: Path, db: str, mode: str = "fast") -> dict[str, Any]:
    """Run ``strikewatch ingest FOLDER`` in a child process; return its exit code, output, time and peak memory."""
    arguments = ["ingest", str(folder), "--db", db, "--mode", mode, "--no-progress"]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        peak = Path(scratch) / "peak"
        command = [sys.executable, "-c", _INGEST, str(peak), *arguments]
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=TIMEOUT)
        except subprocess.TimeoutExpired as exc:  # a hang fails the run instead of stalling it
            return {"returncode": -1, "stdout": "", "stderr": f"timed out: {exc}", "seconds": TIMEOUT, "peak_mb": 0}
        return {
            "returncode": done.returncode,
            "stdout": done.stdout,
            "stderr": done.stderr,
            "seconds": time.perf_counter() - started,
            "peak_mb": int(peak.read_text()) / 1024 if peak.exists() else 0.0,
        }


def store_status(db: str) -> dict[str, Any]:
    """Return ``strikewatch status --json`` of the store."""
    command = [sys.executable, "-m", "strikewatch.cli", "status", "--db", db, "--json"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout))


def stored_texts(db: str) -> dict[str, str]:
    """Return the text of every stored document, by its id."""
    with Store(db) as store, store.engine.connect() as conn:
        return {row.id: row.text for row in conn.execute(select(DOCUMENTS.c.id, DOCUMENTS.c.text))}


def check(run: FuzzRun) -> list[str]:
    """Return every way the run broke the issue's rules (empty when it kept them all)."""
    failures = []
    ingest = run.ingest
    if ingest["returncode"] != 0 or "Traceback" in ingest["stderr"]:
        failures.append(f"ingest exited {ingest['returncode']}: {ingest['stderr'][-2000:]}")
    listed: dict[str, list[str]] = {}
    for row in run.quarantine:
        listed.setdefault(row["ref"], []).append(row["reason"])
    names = {**run.corpus.good, **run.corpus.bad}
    for name in names:
        line = run.measured.get(name)
        if line is None or line["status"] != "ok":
            failures.append(f"{name}: reading it {line['status'] if line else 'was never measured'}: {line}")
            continue
        if line["cpu_s"] > MAX_SECONDS or line["peak_mb"] > MAX_MB:
            failures.append(f"{name}: took {line['cpu_s']} s CPU, {line['peak_mb']} MB")
        if not line["documents"] and not line["rejected"]:
            failures.append(f"{name}: gave neither a document nor a reason")
        for document in line["documents"]:
            if not run.stored.get(document["content_id"], "").strip():
                failures.append(f"{name}: document {document['id']!r} was read but not stored")
        for rejected in line["rejected"]:
            reasons = listed.get(rejected["id"], [])
            if not any(name in reason for reason in reasons):
                failures.append(f"{name}: rejected ({rejected['reason']}) but not listed with a reason naming it")
    for name, sentence in run.corpus.good.items():
        texts = [run.stored.get(d["content_id"], "") for d in run.measured.get(name, {}).get("documents", [])]
        if not any(sentence in " ".join(text.split()) for text in texts):
            failures.append(f"{name}: the good report is not stored with its text ({sentence!r})")
    for doc_id, text in run.stored.items():
        leaked = [leak for leak in LEAKS if leak in text]
        if leaked:
            failures.append(f"stored document {doc_id} holds {leaked[0][:20]!r}: hostile content got through")
    return failures


def run_fuzz(work: Path, *, seed: int = 0, count: int = 1000, mode: str = "fast") -> FuzzRun:
    """Write the corpus under ``work``, measure and ingest it, and check the outcome."""
    corpus = build_corpus(work / "inputs", seed, count)
    measured = measure_inputs(corpus.folder, mode)
    db = f"sqlite:///{work / 'fuzz.db'}"
    ingest = ingest_folder(corpus.folder, db, mode)
    quarantine = store_status(db)["quarantine"] if ingest["returncode"] == 0 else []
    run = FuzzRun(corpus, measured, ingest, quarantine, stored_texts(db))
    run.failures = check(run)
    return run


def main() -> None:
    """Run the suite and print its summary line and failures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="write the corpus and database here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or Path(scratch)
        started = time.perf_counter()
        run = run_fuzz(work, seed=args.seed, count=args.count)
        print(f"{run.summary} (seed {args.seed}, {time.perf_counter() - started:.0f} s in all)")
        for failure in run.failures:
            print("FAIL", failure)
    sys.exit(1 if run.failures else 0)


if __name__ == "__main__":
    main()
