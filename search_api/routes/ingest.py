"""POST /ingest (several files, processed in the background) and GET /ingest/{job_id}."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from search_api.deps import StoreDep, Writer
from search_api.models import ErrorOut, JobOut
from search_api.routes.documents import WRITE_ERRORS
from search_api.uploads import MULTIPART_MANY_SCHEMA, form_files, read_limited_body

router = APIRouter(tags=["ingest"])


@router.post("/ingest", response_model=JobOut, status_code=202, dependencies=Writer, responses=WRITE_ERRORS,
             openapi_extra={"requestBody": {"content": MULTIPART_MANY_SCHEMA, "required": True}},
             summary="Upload several reports; poll GET /ingest/{job_id} for progress")
async def start_ingest(request: Request, store: StoreDep) -> JobOut:
    settings = request.app.state.settings
    await read_limited_body(request, settings.max_upload_bytes)
    files = await form_files(request, "files", max_files=settings.max_files)
    return request.app.state.jobs.submit(store, files)


@router.get("/ingest/{job_id}", response_model=JobOut, responses={404: {"model": ErrorOut}})
def ingest_job(request: Request, job_id: str) -> JobOut:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id!r} (jobs are kept in memory until the server restarts)")
    return job
