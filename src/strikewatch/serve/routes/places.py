"""Places: the gazetteer's candidates for a name."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from strikewatch.serve.auth import Caller, reader

router = APIRouter(prefix="/api/v1", tags=["places"])


@router.get("/places", summary="Look a place name up in the gazetteer")
def places(
    _caller: Annotated[Caller, Depends(reader)],
    q: Annotated[str, Query(min_length=1, max_length=200)],
    country: Annotated[str | None, Query(min_length=2, max_length=2, description="ISO alpha-2")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    """Return the candidate places ``q`` folds to (any transliteration), biggest first."""
    from strikewatch.geo.gazetteer import lookup_places

    found = lookup_places(q, country=country)
    return {"places": found[:limit], "total": len(found)}
