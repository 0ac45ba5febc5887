"""The app factory: `create_app(settings)` builds the API and the web page.

    settings → store (opened lazily on first use) → routers → error handlers → static page

`app_from_env()` is the uvicorn factory (`dangjian serve`). Errors are always
JSON ``{"detail": message}``; a store failure is 503, never a traceback.
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from kb.store import Store, StoreError
from search_api.settings import Settings

STATIC = Path(__file__).with_name("static")
log = logging.getLogger("search_api")


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", "invalid"))
    return "invalid request: " + "; ".join(parts)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"detail": str(exc.detail)}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _validation_message(exc)}, status_code=422)

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": f"the store failed: {exc}"}, status_code=503)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": f"internal error ({type(exc).__name__}); the server log has details"},
                            status_code=500)


def install_openapi(app: FastAPI) -> None:
    """Document the error envelope the handlers really send: 422 is ``{"detail": str}`` too."""
    from fastapi.openapi.utils import get_openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes)
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas["HTTPValidationError"] = {
                "title": "HTTPValidationError", "type": "object", "required": ["detail"],
                "properties": {"detail": {"type": "string", "title": "Detail"}}}
            schemas.pop("ValidationError", None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The API over `store` (or the store at `settings.store`, opened on first use)."""
    from search_api.cache import ResponseCache
    from search_api.jobs import JobRegistry
    from search_api.routes import ROUTERS

    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.jobs.close()
        if app.state.owns_store and app.state.store is not None:
            app.state.store.close()

    app = FastAPI(title=settings.title, version="0.1.0", lifespan=lifespan,
                  description="Search, compare and export party-building reports of development zones and parks.",
                  responses={500: {"description": "internal error", "content": {"application/json": {}}},
                             503: {"description": "store unavailable", "content": {"application/json": {}}}})
    app.state.settings = settings
    app.state.store = store
    app.state.owns_store = False
    app.state.cache = ResponseCache(ttl=settings.cache_seconds)
    app.state.jobs = JobRegistry(on_write=app.state.cache.clear)
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)

    install_openapi(app)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def app_from_env() -> FastAPI:
    """uvicorn factory: settings from DANGJIAN_* variables."""
    return create_app(Settings.from_env())
