"""Dependencies: the settings, the store (opened lazily, once) and the write key."""
from __future__ import annotations

import hmac
import threading
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from kb.store import Store
from search_api.settings import Settings

_OPEN_LOCK = threading.Lock()


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def open_app_store(request: Request) -> Store:
    """The app's store, opened on first use (blocking: call it off the event loop)."""
    state = request.app.state
    if state.store is None:
        with _OPEN_LOCK:
            if state.store is None:
                from kb.store import open_store

                state.store = open_store(state.settings.store, **state.settings.store_options)
                state.owns_store = True
    return state.store


async def get_store(request: Request) -> Store:
    """The store dependency. Async, so an open store costs no trip through the
    thread pool (FastAPI runs sync dependencies there); opening it does."""
    store = request.app.state.store
    if store is None:
        store = await run_in_threadpool(open_app_store, request)
    return store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]


def presented_key(request: Request) -> str:
    key = request.headers.get("x-api-key", "")
    auth = request.headers.get("authorization", "")
    if not key and auth[:7].lower() == "bearer ":
        key = auth[7:].strip()
    return key


def require_api_key(request: Request, settings: SettingsDep) -> None:
    """Writes need DANGJIAN_API_KEY, sent as X-API-Key or `Authorization: Bearer`."""
    if not settings.api_key:
        raise HTTPException(403, "writes are disabled on this server: set DANGJIAN_API_KEY and restart it")
    key = presented_key(request)
    if not key or not hmac.compare_digest(key.encode(), settings.api_key.encode()):
        raise HTTPException(401, "missing or wrong API key: send it in the X-API-Key header "
                                 "(or Authorization: Bearer KEY)", headers={"WWW-Authenticate": "Bearer"})


def require_size(request: Request, settings: SettingsDep) -> None:
    """Refuse a body announced larger than the limit before reading it."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > settings.max_upload_bytes:
        raise HTTPException(413, f"upload is {int(length)} bytes, over the limit of "
                                 f"{settings.max_upload_bytes} bytes (DANGJIAN_MAX_UPLOAD_MB)")


Writer = [Depends(require_api_key), Depends(require_size)]
