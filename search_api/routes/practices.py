"""GET /practices (filterable list) and GET /practices/{id} (with similar practices in other parks)."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.concurrency import run_in_threadpool

from kb.similar import index_for
from search_api.deps import StoreDep
from search_api.models import ErrorOut, PracticeDetail, PracticesOut, SimilarPractice
from search_api.views import practice_out

router = APIRouter(tags=["practices"])


@router.get("/practices", response_model=PracticesOut)
def list_practices(store: StoreDep, q: str = Query("", max_length=200), park: str | None = Query(None, max_length=200),
                   category: str | None = Query(None, max_length=50),
                   limit: int = Query(20, ge=1, le=200), offset: int = Query(0, ge=0, le=100000)) -> PracticesOut:
    if q:
        page = store.search_practices(q=q, park=park, category=category, limit=limit, offset=offset)
        items, total = page.items, page.total
    else:
        found = store.practices(park=park, category=category)
        items, total = found[offset:offset + limit], len(found)
    facets: dict[str, dict[str, int]] = {}
    return PracticesOut(items=[practice_out(p) for p in items], total=total, limit=limit, offset=offset,
                        facets=facets)


@router.get("/practices/{practice_id}", response_model=PracticeDetail, responses={404: {"model": ErrorOut}})
async def get_practice(store: StoreDep, practice_id: str = Path(..., max_length=200),
                       k: int = Query(5, ge=1, le=20, description="how many similar practices")) -> PracticeDetail:
    index = await run_in_threadpool(index_for, store)
    practice = index.get(practice_id)
    if practice is None:
        raise HTTPException(404, f"no practice {practice_id!r}: find ids with GET /practices")
    similar = [SimilarPractice(**practice_out(p).model_dump()) for p in index.similar(practice_id, k)]
    return PracticeDetail(**practice_out(practice).model_dump(), similar=similar)
