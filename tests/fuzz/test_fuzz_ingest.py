"""Ingest a folder of ~1,000 hostile inputs plus ten good reports, and check nothing is lost or crashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from .corpus import build_corpus
from .run import run_fuzz

SEED = 0


def test_corpus_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    one = build_corpus(tmp_path / "one", seed=7, count=60)
    two = build_corpus(tmp_path / "two", seed=7, count=60)
    assert one.bad == two.bad and len(one.good) == 10
    for name in one.bad:
        assert (one.folder / name).read_bytes() == (two.folder / name).read_bytes(), name
    assert build_corpus(tmp_path / "three", seed=8, count=60).bad != one.bad


@pytest.mark.fuzz
def test_fuzz_ingest_keeps_every_input_stored_or_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_fuzz(tmp_path, seed=SEED, count=1000)
    with capsys.disabled():
        print(f"\n{run.summary} (seed {SEED})")
    assert run.corpus.count == 1010
    assert not run.failures, "\n".join(run.failures[:40])
    assert run.outcome("good/10.pdf") == "stored" and run.outcome("bad/0000-huge-line.txt") == "listed"
