"""Reports: the analyst's product (assessment, chronology, maps, chart) as Markdown, HTML or PDF."""

from __future__ import annotations

from pathlib import Path

from strikewatch.errors import ConfigError
from strikewatch.report.build import Report, build_report

FORMATS = ("md", "html", "pdf")

__all__ = ["FORMATS", "Report", "build_report", "write_report"]


def write_report(report: Report, path: Path, fmt: str | None = None) -> list[Path]:
    """Write ``report`` to ``path`` in ``fmt`` (guessed from the suffix when ``None``); return the files written.

    Markdown also writes its map and chart into ``<name>_files/`` beside the file.
    """
    fmt = fmt or {".md": "md", ".markdown": "md", ".pdf": "pdf"}.get(path.suffix.lower(), "html")
    if fmt not in FORMATS:
        raise ConfigError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        from strikewatch.report.html import render_html

        path.write_text(render_html(report), encoding="utf-8")
        return [path]
    if fmt == "pdf":
        from strikewatch.report.pdf import render_pdf

        path.write_bytes(render_pdf(report))
        return [path]
    from strikewatch.report.markdown import render_markdown

    assets = f"{path.stem}_files"
    text, files = render_markdown(report, assets)
    folder = path.parent / assets
    folder.mkdir(parents=True, exist_ok=True)
    written = [path]
    for name, data in files.items():
        (folder / name).write_bytes(data)
        written.append(folder / name)
    path.write_text(text, encoding="utf-8")
    return written
