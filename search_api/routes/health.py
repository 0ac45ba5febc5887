"""GET /healthz: the server answers and the store can count its documents."""
from __future__ import annotations

from fastapi import APIRouter, Request

from kb.store import StoreError
from search_api.deps import open_app_store
from search_api.models import HealthOut

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthOut)
def healthz(request: Request) -> HealthOut:
    settings = request.app.state.settings
    try:
        store = open_app_store(request)
        return HealthOut(status="ok", store=store.location, documents=store.count())
    except (StoreError, OSError) as exc:
        return HealthOut(status="degraded", store=settings.store, detail=str(exc))
