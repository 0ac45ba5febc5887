"""GET /figures: every figure matching the filters, streamed as json, jsonl, csv or xlsx."""
from __future__ import annotations

from itertools import chain
from typing import Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from kb.export import MEDIA_TYPES, export_figures
from search_api.deps import StoreDep

router = APIRouter(tags=["figures"])


@router.get("/figures", response_class=StreamingResponse,
            responses={200: {"description": "figures with park, metric, value, unit, qualifier, period, sentence, "
                                            "document title, outlet, date, span and link",
                             "content": {m.split(";")[0]: {} for m in MEDIA_TYPES.values()}}})
def figures(request: Request, store: StoreDep, park: str | None = Query(None, max_length=200),
            metric: str | None = Query(None, max_length=200), unit: str | None = Query(None, max_length=20),
            year: int | None = Query(None, ge=1900, le=2100),
            format: Literal["json", "csv", "xlsx", "jsonl"] = "json") -> StreamingResponse:
    settings = request.app.state.settings
    chunks = export_figures(store, format, park=park, metric=metric, unit=unit, year=year,
                            base_url=settings.public_url)
    first = next(chunks, b"")          # store errors surface here, before the headers are sent
    return StreamingResponse(chain([first], chunks), media_type=MEDIA_TYPES[format],
                             headers={"Content-Disposition": f'attachment; filename="figures.{format}"'})
