"""GET /documents/{doc_id} (text, metadata, items, annotations) and POST /documents (one upload)."""
from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import RedirectResponse
from fastapi.concurrency import run_in_threadpool

from search_api.deps import StoreDep, Writer
from search_api.models import DocumentOut, ErrorOut, UploadOut
from search_api.uploads import MULTIPART_SCHEMA, form_files, read_limited_body, store_file
from search_api.views import annotations, figure_out

router = APIRouter(tags=["documents"])
WRITE_ERRORS = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 413: {"model": ErrorOut},
                422: {"model": ErrorOut}}


@router.get("/documents/{doc_id}", response_model=DocumentOut,
            responses={404: {"model": ErrorOut}, 303: {"description": "a browser is sent to the web page"}})
def get_document(request: Request, store: StoreDep, doc_id: str = Path(..., max_length=64)):
    """The document as JSON; a browser following an export link is sent to the web page
    (its ``#span=s-e`` fragment is kept by the browser and highlighted there)."""
    accept = request.headers.get("accept", "")
    if "text/html" in accept and "application/json" not in accept:
        return RedirectResponse(f"/?doc={quote(doc_id)}", status_code=303)
    record = store.get(doc_id)
    if record is None:
        raise HTTPException(404, f"no document {doc_id!r}: find ids with GET /search")
    return DocumentOut(
        doc_id=record["doc_id"],
        source=record.get("source") or {},
        text=record.get("text", ""),
        captions=[list(c) for c in record.get("captions") or []],
        parks=record.get("parks") or [],
        organizations=record.get("organizations") or [],
        people=record.get("people") or [],
        figures=[figure_out(f).model_dump() for f in record.get("figures") or []],
        practices=record.get("practices") or [],
        annotations=annotations(record),
    )


@router.post("/documents", response_model=UploadOut, status_code=201, dependencies=Writer,
             responses=WRITE_ERRORS, openapi_extra={"requestBody": {"content": MULTIPART_SCHEMA, "required": True}},
             summary="Upload one report (txt, html, pdf, docx … or a .jsonl of reports)")
async def upload_document(request: Request, store: StoreDep) -> UploadOut:
    from ingest.errors import IngestError, TooLarge

    settings = request.app.state.settings
    await read_limited_body(request, settings.max_upload_bytes)
    files = await form_files(request, "file", max_files=1)
    name, data = files[0]
    try:
        result = await run_in_threadpool(store_file, store, name, data)
    except TooLarge as exc:
        raise HTTPException(413, f"{name}: {exc.reason}") from None
    except IngestError as exc:
        raise HTTPException(422, f"{name}: {exc.reason}") from None
    request.app.state.cache.clear()
    return UploadOut(filename=name, documents=[result])
