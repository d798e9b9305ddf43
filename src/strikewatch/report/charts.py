"""The chart of kinetic events per day (per week for long periods) in each region, with change points marked.

Only kinetic events are counted (battles, explosions/remote violence, violence against civilians):
a letter or a phone call is not a strike, and the chart's title says how many other events were
left out. The x axis spans the report's period (far outliers are not in it). One panel per region,
busiest first. Events reported over a date range ("from June 18 – 28") are
drawn as shaded spans, since they say that activity went on, not how much of it there was.
"""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from strikewatch.analyze import Analysis

MAX_PANELS = 8
WEEKLY_AFTER_DAYS = 180


def figure_bytes(fig: Any, fmt: str, dpi: int) -> bytes:
    """Return a laid-out matplotlib figure rendered as ``fmt`` (png or svg)."""
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=dpi)
    return buffer.getvalue()


def chart_regions(analysis: Analysis) -> list[str]:
    """Return the regions the chart shows: the busiest point series, then regions with campaigns."""
    names = list(analysis.regions)[:MAX_PANELS]
    for c in analysis.campaigns:
        region = c.record.admin1
        if region and region not in names and len(names) < MAX_PANELS:
            names.append(region)
    return names


def daily_chart(analysis: Analysis, fmt: str = "png", dpi: int = 110) -> bytes:
    """Return the chart as PNG or SVG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    regions = chart_regions(analysis) or ["(no located events)"]
    weekly = (analysis.last - analysis.first).days + 1 > WEEKLY_AFTER_DAYS
    fig, axes = plt.subplots(len(regions), 1, figsize=(8, 1.0 + 1.15 * len(regions)), sharex=True, squeeze=False)
    try:
        for ax, region in zip(axes[:, 0], regions, strict=True):
            series = analysis.regions.get(region)
            if series is not None:
                if weekly:
                    days, counts = series.weekly()
                    ax.bar(days, counts, width=6, color="#2471a3", align="edge")
                else:
                    ax.bar(series.days, series.counts, width=1.0, color="#2471a3", align="edge")
            for c in analysis.campaigns:
                if c.record.admin1 == region:
                    ax.axvspan(c.first, c.last + timedelta(days=1), color="#c0392b", alpha=0.12, lw=0)
            for cp in analysis.changes:
                if cp.series.value == region and cp.series.dimension == "admin1":
                    ax.axvline(cp.day, color="#c0392b", lw=1.2, ls="--")
            ax.set_ylabel(region, rotation=0, ha="right", va="center", fontsize=8)
            ax.tick_params(labelsize=7)
            ax.spines[["top", "right"]].set_visible(False)
            ax.set_ylim(bottom=0)
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts
        ax = axes[-1, 0]
        ax.set_xlim(analysis.first, analysis.last + timedelta(days=1))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %d\n%Y"))  # type: ignore[no-untyped-call]
        unit = "week" if weekly else "day"
        other = len(analysis.records) - analysis.counted
        left_out = f"; {other} non-kinetic events not counted" if other else ""
        fig.suptitle(
            f"Kinetic events per {unit} by province (bars); shaded: reported over a date range; "
            f"dashed: change point{left_out}",
            fontsize=8.5,
        )
        return figure_bytes(fig, fmt, dpi)
    finally:
        plt.close(fig)
