"""Read and extract the inputs of a folder one at a time; print one JSON line per input with its cost.

    python tests/fuzz/measure.py FOLDER [--mode fast] [--after NAME] [--timeout 60] [--memory-limit 1024]

Each input is read as ``strikewatch ingest`` reads it (:func:`strikewatch.ingest.read_file` with
encoding detection), then every document read is extracted. Per input the line gives what was
read (documents, with the id the store gives their text, and rejected input with its reason), the
CPU and wall seconds it took, and the process's peak resident memory so far (``VmHWM``, a
high-water mark: no input used more than the last line's figure). The address space is capped at
what the loaded process had plus ``--memory-limit`` MB, so an input that needed more would fail
with a MemoryError here instead of taking the machine; an input still running after
``--timeout`` seconds is interrupted. A line ``{"start": NAME}`` comes before each input, so that
the caller can name the input a crash happened in and go on ``--after`` it.
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import time
from pathlib import Path
from typing import Any

from strikewatch.extract.pipeline import Extractor
from strikewatch.ingest import Rejected, read_file
from strikewatch.store.schema import content_id

MB = 1024 * 1024


def read_input(path: Path, extractor: Extractor) -> dict[str, Any]:
    """Return the documents and rejections that reading and extracting ``path`` gives."""
    documents, rejected = [], []
    for item in read_file(path, detect_encoding=True):
        if isinstance(item, Rejected):
            rejected.append({"id": item.id, "reason": item.reason})
            continue
        result = extractor.process(item)
        documents.append(
            {"id": item.id, "content_id": content_id(item.text), "events": len(result.events), "error": result.error}
        )
    return {"documents": documents, "rejected": rejected}


def _interrupt(_signum: int, _frame: object) -> None:
    raise TimeoutError("input still running at the time limit")


def measure(path: Path, extractor: Extractor, timeout: int) -> dict[str, Any]:
    """Return what reading ``path`` gave and what it cost."""
    wall, cpu = time.perf_counter(), time.process_time()
    signal.alarm(timeout)
    try:
        line: dict[str, Any] = {"status": "ok", **read_input(path, extractor)}
    except BaseException as exc:  # the point of the harness: record any escape, whatever it is
        line = {"status": "raised", "error": f"{type(exc).__name__}: {exc}"[:500]}
    finally:
        signal.alarm(0)
    line.update(
        wall_s=round(time.perf_counter() - wall, 3),
        cpu_s=round(time.process_time() - cpu, 3),
        peak_mb=peak_mb(),
    )
    return line


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def peak_mb() -> float:
    """Return this process's peak resident memory in MB.

    ``VmHWM``, not ``ru_maxrss``: Linux carries ``ru_maxrss`` over ``exec`` from the process that
    spawned this one, so under pytest it would report pytest's size.
    """
    return round(_status_kb("VmHWM") / 1024, 1)


def main() -> None:
    """Measure every file of the folder, in name order (after ``--after`` when given)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--mode", default="fast")
    parser.add_argument("--after", default="", help="skip the inputs up to and including this one")
    parser.add_argument("--timeout", type=int, default=60, help="seconds after which an input is interrupted")
    parser.add_argument("--memory-limit", type=int, default=1024, help="MB of address space an input may add")
    args = parser.parse_args()
    extractor = Extractor(args.mode)
    # pay the libraries' one-time costs before measuring, so that a figure is the input's own: imports,
    # the pipeline's lazy parts, and dateparser's regexes for its 200 locales (about 3 s, compiled the
    # first time htmldate asks it for a page's date)
    from htmldate.extractors import external_date_parser

    external_date_parser("Published on 2 August 2019", "%Y-%m-%d")
    for warm in sorted((args.folder / "good").glob("*")) or [Path(__file__).with_name("good") / "01-idlib-market.txt"]:
        read_input(warm, extractor)

    limit = _status_kb("VmSize") * 1024 + args.memory_limit * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _interrupt)
    print(json.dumps({"base_mb": peak_mb(), "limit_mb": round(limit / MB)}), flush=True)
    skipping = bool(args.after)
    for path in sorted(p for p in args.folder.rglob("*") if p.is_file()):
        name = str(path.relative_to(args.folder))
        if skipping:
            skipping = name != args.after
            continue
        print(json.dumps({"start": name}), flush=True)
        line = measure(path, extractor, args.timeout)
        print(json.dumps({"path": name, **line}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
