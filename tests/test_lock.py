"""The lock file agrees with pyproject.toml: every declared requirement, of the core and of every
extra, is pinned in requirements/lock.txt at a version it admits, and every pin carries hashes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "lock.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def lock_pins() -> dict[str, tuple[Version, list[str]]]:
    """Return each locked package's version and hashes, by canonical name."""
    pins: dict[str, tuple[Version, list[str]]] = {}
    current: str | None = None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match.group(1))
            pins[current] = (Version(match.group(2)), [])
        elif current and (hashed := re.search(r"--hash=(sha256:[0-9a-f]{64})", line)):
            pins[current][1].append(hashed.group(1))
        elif not line.startswith(" "):
            current = None
    return pins


def declared() -> list[tuple[str, Requirement]]:
    """Return every requirement of pyproject.toml with the extra that declares it ('' for the core)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = [("", Requirement(text)) for text in project["dependencies"]]
    for extra, texts in project["optional-dependencies"].items():
        found += [(extra, Requirement(text)) for text in texts if not text.startswith("strikewatch[")]
    return found


@pytest.mark.parametrize(("extra", "requirement"), declared(), ids=lambda value: str(value))
def test_lock_pins_every_requirement_of_pyproject(extra: str, requirement: Requirement) -> None:
    environment = {**default_environment(), "extra": extra}
    if requirement.marker is not None and not requirement.marker.evaluate(environment):
        return
    pins = lock_pins()
    name = canonicalize_name(requirement.name)
    assert name in pins, f"{requirement} ({extra or 'core'}) is not in requirements/lock.txt: refresh the lock"
    version, _ = pins[name]
    assert requirement.specifier.contains(version, prereleases=True), (
        f"the lock pins {name}=={version}, which {requirement} does not admit: refresh the lock"
    )


def test_lock_pins_carry_hashes() -> None:
    pins = lock_pins()
    assert len(pins) > 50
    unhashed = [name for name, (_, hashes) in pins.items() if not hashes]
    assert not unhashed, f"pins without --hash: {unhashed}"


def test_lock_was_made_for_every_extra() -> None:
    header = LOCK.read_text(encoding="utf-8").splitlines()[:3]
    assert any("--all-extras" in line and "--generate-hashes" in line for line in header)
