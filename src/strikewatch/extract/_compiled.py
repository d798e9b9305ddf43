"""Large regular expressions compiled once per machine, not once per process.

The actor lexicon's alias tries are regular expressions of hundreds of kilobytes; Python's ``re``
spends most of a second parsing and compiling them at every start of a command or a worker,
nearly all of it in its pure-Python parser. :func:`compile_cached` keeps the compiled program (the
list of integers that ``re`` hands to its C engine) in the cache folder, keyed by the pattern, the
flags and the exact Python build, and builds the pattern from it on the next start. The C engine
checks a program before it runs it, and anything unexpected (another Python, a damaged file, an
``re`` whose internals changed) falls back to :func:`re.compile`: the result is the same pattern
either way.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any


def _folder() -> Path:
    root = os.environ.get("STRIKEWATCH_CACHE") or Path.home() / ".cache" / "strikewatch"
    return Path(root).expanduser() / "regex"


def _program(pattern: str, flags: int) -> tuple[Any, ...]:
    """Parse and compile ``pattern`` as :func:`re.compile` does; return the arguments of ``_sre.compile``."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    program = [int(op) for op in code]  # named opcode constants are ints: marshal takes plain ones
    return (int(flags | parsed.state.flags), program, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def compile_cached(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Return ``re.compile(pattern, flags)``, from the program kept in the cache folder when there is one."""
    try:
        import _sre

        key = f"{sys.version}\0{sys.implementation.cache_tag}\0{_sre.MAGIC}\0{flags}\0{pattern}"
        path = _folder() / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.marshal"
        try:
            program = marshal.loads(path.read_bytes())
            compiled: re.Pattern[str] = _sre.compile(pattern, *program)
            return compiled
        except (OSError, EOFError, ValueError, TypeError, RuntimeError):
            pass  # not kept yet, or unreadable: compile it and keep it
        program = _program(pattern, flags)
        compiled = _sre.compile(pattern, *program)
        _keep(path, program)
        return compiled
    except Exception:  # an interpreter without these internals: the ordinary way
        return re.compile(pattern, flags)


def _keep(path: Path, program: tuple[Any, ...]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(program, handle)
        os.replace(tmp, path)
    except OSError:
        return  # a read-only cache folder: the next start compiles again
