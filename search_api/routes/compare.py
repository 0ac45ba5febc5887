"""GET /compare?park=A&park=B: practices, structure and figures of parks side by side."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request, Response

from kb.compare import ParkNotFound, compare_parks
from search_api.cache import store_version
from search_api.deps import StoreDep
from search_api.models import CompareOut, ErrorOut
from search_api.views import plain_number

router = APIRouter(tags=["compare"])


@router.get("/compare", response_model=CompareOut, responses={404: {"model": ErrorOut}})
def compare(request: Request, store: StoreDep,
            park: list[str] = Query(..., min_length=1, max_length=8, description="park id, name or alias; repeat")
            ) -> CompareOut:
    names = [p for p in park if p.strip()] or park
    body = request.app.state.cache.get_or_compute(("compare", tuple(names), id(store)), store_version(store),
                                                  lambda: run_compare(store, names).model_dump_json())
    return Response(body, media_type="application/json")      # validated once, when built


def run_compare(store, names: list[str]) -> CompareOut:
    try:
        result = compare_parks(store, names)
    except ParkNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    for row in result["figures"]:
        for cell in row["cells"]:
            if cell is not None:
                cell["value"] = plain_number(cell["value"])
    return CompareOut(**result)
