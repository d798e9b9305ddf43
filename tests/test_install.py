"""What a newcomer does, for real: the README's first command in a clean copy of the project, and the
wheel installed into a clean venv with no source tree beside it.

Both build a virtualenv from requirements/lock.txt (a minute or two with a warm pip cache).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LEFT_OUT = {".git", ".venv", ".sw-cache", "build", "dist", "__pycache__", ".pytest_cache", ".ruff_cache"}


def readme_commands() -> list[str]:
    """Return the commands of the README's first code block (comment lines left out)."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("```bash") + 1
    block = lines[start : lines.index("```", start)]
    return [line for line in block if line.strip() and not line.startswith("#")]


def project_copy(target: Path) -> Path:
    """Copy the project as a fresh clone would hold it (no venv, caches, databases or reports)."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n in LEFT_OUT or n.endswith((".egg-info", ".db", ".db-wal", ".db-shm"))} | (
            {"report.html", "events.jsonl"} & set(names) if Path(folder) == ROOT else set()
        )

    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def newcomer_env(home: Path) -> dict[str, str]:
    """A new shell's environment: a fresh $HOME, no active venv, no strikewatch settings.

    The harness's pip cache (``PIP_CACHE_DIR``, downloads only) and gazetteer cache (read-only here) are lent.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STRIKEWATCH_", "VIRTUAL_ENV", "PYTHON"))}
    env["HOME"] = str(home)
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if not p.startswith(sys.prefix))
    env["STRIKEWATCH_CACHE"] = os.environ["STRIKEWATCH_CACHE"]
    return env


def test_readme_first_command_runs_the_main_job(tmp_path: Path) -> None:
    first = readme_commands()[0]
    project = project_copy(tmp_path / "strikewatch")
    done = subprocess.run(
        ["bash", "-c", first],
        cwd=project,
        env=newcomer_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert (project / "strikewatch.db").is_file()
    listed = [line for line in done.stdout.splitlines() if line[:4].isdigit()]
    samples = (project / "samples" / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(listed) >= len(samples), done.stdout  # each sample report holds at least one event
    report = (project / "report.html").read_text(encoding="utf-8")
    assert "<html" in report.lower() and "Chronology" in report


PAGE = """<!doctype html><html><head><title>Strike on a market</title>
<meta name="date" content="2024-03-02"></head><body><article><h1>Strike on a market</h1>
<p>On 1 March 2024, an air strike hit the main market of Maarat al-Numan in Idleb province,
killing at least six civilians, local rescuers said.</p>
<p>Witnesses said two aircraft circled the town for several minutes before the strike.</p>
</article></body></html>"""
FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Monitor</title>
<link>http://example.org/</link><description>test feed</description>
<item><title>Shelling of a village</title><link>http://example.org/shelling</link>
<pubDate>Sun, 03 Mar 2024 08:00:00 GMT</pubDate>
<description>On 2 March 2024, regime forces shelled Kafr Nabl in southern Idleb. No casualties were
reported.</description></item></channel></rss>"""


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """Serve an HTML report and an RSS feed on a local HTTP server; yield its base URL."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "page.html").write_text(PAGE, encoding="utf-8")
    (root / "feed.xml").write_text(FEED, encoding="utf-8")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *_args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from a clean copy of the project."""
    source = project_copy(tmp_path_factory.mktemp("src") / "strikewatch")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (built,) = out.glob("strikewatch-*.whl")
    return built


def test_wheel_carries_the_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "strikewatch/data/admin_SY.tsv",
        "strikewatch/data/admin1_SY.geojson",
        "strikewatch/extract/pipeline.cfg",
        "strikewatch/report/templates/report.html.j2",
        "strikewatch/store/migrations/versions/0001_initial.py",
        "strikewatch/py.typed",
    ):
        assert needed in names, f"{needed} missing from {wheel.name}"


def test_wheel_alone_ingests_lists_and_reports(wheel: Path, tmp_path: Path, site: str) -> None:
    env = newcomer_env(tmp_path / "home")
    venv = tmp_path / "venv"
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env, timeout=300)
    subprocess.run([*pip, "--require-hashes", "-r", str(ROOT / "requirements" / "lock.txt")], check=True, env=env)
    subprocess.run([*pip, "--no-deps", str(wheel)], check=True, env=env, timeout=600)
    work = tmp_path / "elsewhere"  # no source tree here or above: only the installed wheel
    work.mkdir()
    strikewatch = str(venv / "bin" / "strikewatch")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([strikewatch, *args], cwd=work, env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, f"strikewatch {' '.join(args)}: {done.stderr[-2000:]}"
        return done

    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import strikewatch; print(strikewatch.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(venv) in where and str(ROOT) not in where
    run("ingest", str(ROOT / "samples" / "reports.jsonl"), "--no-progress")
    (work / "urls.txt").write_text(f"{site}/page.html\n", encoding="utf-8")
    fetched = run("ingest", "--urls", "urls.txt", "--feed", f"{site}/feed.xml", "--no-progress")
    assert "new 2" in fetched.stdout and "quarantined 0" in fetched.stdout, fetched.stdout + fetched.stderr
    listed = run("events", "--format", "jsonl").stdout
    assert "Maarat" in listed and "Kafr Nabl" in listed  # the page's and the feed item's events
    run("report", "-o", "report.html", "--no-progress")
    page = (work / "report.html").read_text(encoding="utf-8")
    assert "leaflet" in page.lower() and "Chronology" in page
