"""A command that needs an optional extra which is absent exits with one line naming the extra.

Each case runs the real command line in a fresh interpreter in which an import hook hides the
extra's modules, as if it had never been installed.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from strikewatch.extras import EXTRAS

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "reports.jsonl"

HIDING_RUNNER = """
import sys

hidden = [name for name in sys.argv[1].split(",") if name]


class HideModules:
    def find_spec(self, name, path=None, target=None):
        if any(name == h or name.startswith(h + ".") for h in hidden):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, HideModules())
sys.argv = ["strikewatch", *sys.argv[2:]]
from strikewatch.cli import main

main()
"""


def run_without(modules: tuple[str, ...], *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``strikewatch ARGS`` with ``modules`` hidden from the import system."""
    return subprocess.run(
        [sys.executable, "-c", HIDING_RUNNER, ",".join(modules), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def assert_names_extra(result: subprocess.CompletedProcess[str], extra: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert len(lines) == 1, result.stderr
    assert f"`{extra}` extra" in lines[0] and f"pip install 'strikewatch[{extra}]'" in lines[0]


def test_extras_table_matches_pyproject() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert set(EXTRAS) <= set(declared)
    assert set(declared) - set(EXTRAS) <= {"dev"}, "every runtime extra needs its modules in strikewatch.extras"


def test_report_without_report_extra(tmp_path: Path) -> None:
    result = run_without(EXTRAS["report"], "report", str(SAMPLES), "-o", str(tmp_path / "r.html"), "--mode", "fast")
    assert_names_extra(result, "report")
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("module", ["scipy", "matplotlib", "jinja2"])
def test_report_without_one_module_of_the_extra(tmp_path: Path, module: str) -> None:
    result = run_without((module,), "report", str(SAMPLES), "-o", str(tmp_path / "r.html"), "--mode", "fast")
    assert_names_extra(result, "report")


def test_pdf_report_without_weasyprint(tmp_path: Path) -> None:
    result = run_without(
        ("weasyprint",), "report", str(SAMPLES), "-o", str(tmp_path / "r.pdf"), "--mode", "fast", "--no-progress"
    )
    assert_names_extra(result, "report")
    assert "PDF" in result.stderr


def test_parquet_export_without_parquet_extra(tmp_path: Path) -> None:
    from strikewatch.store import Store

    url = f"sqlite:///{tmp_path / 'store.db'}"
    with Store(url):
        pass  # an empty, migrated store
    result = run_without(EXTRAS["parquet"], "events", "--db", url, "--format", "parquet", "-o", str(tmp_path / "x"))
    assert_names_extra(result, "parquet")


def test_postgresql_store_without_pg_extra() -> None:
    result = run_without(EXTRAS["pg"], "status", "--db", "postgresql+psycopg://nobody@127.0.0.1:9/none")
    assert_names_extra(result, "pg")


def test_accurate_mode_without_accurate_extra(tmp_path: Path) -> None:
    result = run_without(
        EXTRAS["accurate"], "extract", str(SAMPLES), "-o", str(tmp_path / "e.jsonl"), "--mode", "accurate"
    )
    assert_names_extra(result, "accurate")


def test_auto_mode_without_accurate_extra_falls_back_to_fast(tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    result = run_without(EXTRAS["accurate"], "extract", str(SAMPLES), "-o", str(out), "--no-progress")
    assert result.returncode == 0, result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(SAMPLES.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_dask_engine_without_dask_extra(tmp_path: Path, command: str) -> None:
    target = ["-o", str(tmp_path / "e.jsonl")] if command == "extract" else ["--db", str(tmp_path / "s.db")]
    result = run_without(EXTRAS["dask"], command, str(SAMPLES), *target, "--mode", "fast", "--engine", "dask")
    assert_names_extra(result, "dask")
    assert "--engine dask" in result.stderr and not (tmp_path / "e.jsonl").exists()


def test_surge_watch_without_monitor_extra(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = run_without(("numpy",), "alerts", "add", "--name", "escalation", "--surge", "--db", db)
    assert_names_extra(result, "monitor")
    assert "--surge" in result.stderr


def test_alert_feeds_router_without_monitor_extra() -> None:
    code = "from strikewatch.monitor.web import alerts_router"
    result = subprocess.run(
        [sys.executable, "-c", HIDING_RUNNER.split("sys.argv =")[0] + code, "fastapi"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "MissingExtra" in result.stderr
    assert "needs the `monitor` extra: pip install 'strikewatch[monitor]'" in result.stderr


def test_serve_without_serve_extra(tmp_path: Path) -> None:
    result = run_without(EXTRAS["serve"], "serve", "--db", f"sqlite:///{tmp_path / 'store.db'}", "--port", "9")
    assert_names_extra(result, "serve")
    assert not (tmp_path / "store.db").exists(), "it stops before it opens the store"
