"""Reports: the analyst's report (assessment, chronology, maps, chart) of a filter, as HTML, Markdown or PDF."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from strikewatch.errors import ConfigError
from strikewatch.filters import EventFilter
from strikewatch.model import NAMESPACE
from strikewatch.serve.auth import Caller, reader
from strikewatch.serve.params import parse_bbox

router = APIRouter(prefix="/api/v1", tags=["reports"])
MEDIA = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8", "pdf": "application/pdf"}


class ReportRequest(BaseModel):
    """The filter of the report (the same fields as ``GET /api/v1/events``), its format and title."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    format: str = Field(default="html", pattern="^(html|md|pdf)$")
    title: str | None = Field(default=None, max_length=300)
    date_from: date | None = Field(default=None, alias="from")
    date_to: date | None = Field(default=None, alias="to")
    country: str | None = Field(default=None, max_length=200)
    admin1: str | None = Field(default=None, max_length=200)
    event_type: str | None = Field(default=None, max_length=100)
    sub_event_type: str | None = Field(default=None, max_length=100)
    actor: str | None = Field(default=None, max_length=200)
    certainty: str | None = Field(default=None, max_length=20)
    bbox: str | None = Field(default=None, max_length=200)
    q: str | None = Field(default=None, max_length=500)
    review_status: str | None = Field(default=None, max_length=20)

    def event_filter(self) -> EventFilter:
        """Return the report's :class:`EventFilter`."""
        return EventFilter(
            date_from=self.date_from, date_to=self.date_to, country=self.country or None,
            admin1=self.admin1 or None, bbox=parse_bbox(self.bbox), actor=self.actor or None,
            event_type=self.event_type or None, certainty=self.certainty or None, text=self.q or None,
            sub_event_type=self.sub_event_type or None, review_status=self.review_status or None,
            namespace=NAMESPACE,
        )  # fmt: skip


@router.post("/reports", summary="Write the report of a filter", response_class=Response)
def report(request: Request, body: ReportRequest, _caller: Annotated[Caller, Depends(reader)]) -> Response:
    """Return the report on the matching events (HTML is one self-contained page)."""
    from strikewatch.analyze import Filters
    from strikewatch.report import build_report, write_report
    from strikewatch.report.inputs import store_pairs

    where = body.event_filter()
    pairs = store_pairs(request.app.state.desk.store, where)
    if not pairs:
        raise ConfigError("no events match this filter: widen it to write a report")
    result = build_report(pairs, filters=Filters(where.date_from, where.date_to), title=body.title)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report.{body.format}"
        write_report(result, path, body.format)
        data = path.read_bytes()
    headers = {"Content-Disposition": f'attachment; filename="strikewatch-report.{body.format}"'}
    return Response(data, media_type=MEDIA[body.format], headers=headers)
