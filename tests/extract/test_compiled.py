"""Tests of the cache of compiled regular expressions: the same pattern from the cache as from ``re``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from strikewatch.extract._compiled import compile_cached

PATTERN = r"(?<![\w\-])(?P<who>Russian|Syrian|Turkish)(?:\s+|-)(?P<what>(?i:warplanes|jets|drones))(?!\w)"
TEXT = "Russian warplanes struck; Turkish DRONES hit; russian jets (lower case) did not; Syrian-jets did."


def _spans(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(TEXT)]


def test_a_kept_program_gives_the_pattern_re_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRIKEWATCH_CACHE", str(tmp_path))
    expected = re.compile(PATTERN)
    first = compile_cached(PATTERN)
    (kept,) = (tmp_path / "regex").glob("*.marshal")
    again = compile_cached(PATTERN)  # from the kept program
    for pattern in (first, again):
        assert _spans(pattern) == _spans(expected) and len(_spans(expected)) == 3
        assert (pattern.pattern, pattern.flags, pattern.groupindex) == (PATTERN, expected.flags, expected.groupindex)
    assert compile_cached(PATTERN, re.IGNORECASE).finditer(TEXT) is not None
    assert len(list((tmp_path / "regex").glob("*.marshal"))) == 2, "flags are part of the key"
    assert kept.exists()


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe9\x03\x00\x00"])
def test_a_damaged_program_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes) -> None:
    monkeypatch.setenv("STRIKEWATCH_CACHE", str(tmp_path))
    compile_cached(PATTERN)
    (kept,) = (tmp_path / "regex").glob("*.marshal")
    kept.write_bytes(damage)
    assert _spans(compile_cached(PATTERN)) == _spans(re.compile(PATTERN))
    assert kept.read_bytes() != damage, "the damaged file is replaced"


def test_a_program_that_fails_the_engine_check_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marshal

    monkeypatch.setenv("STRIKEWATCH_CACHE", str(tmp_path))
    compile_cached(PATTERN)
    (kept,) = (tmp_path / "regex").glob("*.marshal")
    flags, code, groups, groupindex, indexgroup = marshal.loads(kept.read_bytes())
    kept.write_bytes(marshal.dumps((flags, code[: len(code) // 2], groups, groupindex, indexgroup)))
    assert _spans(compile_cached(PATTERN)) == _spans(re.compile(PATTERN))
