"""Uploads: a bounded body, a multipart form, safe file names, one file → records → store.

File names from clients are only labels: they are cleaned here, passed to the
reader as a type hint and shown back, never used as a path on disk.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from fastapi import HTTPException, Request

from search_api.models import UploadFileResult

MULTIPART_SCHEMA = {
    "multipart/form-data": {
        "schema": {
            "type": "object",
            "properties": {"file": {"type": "string", "format": "binary"}},
            "required": ["file"],
        }
    }
}
MULTIPART_MANY_SCHEMA = {
    "multipart/form-data": {
        "schema": {
            "type": "object",
            "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}},
            "required": ["files"],
        }
    }
}


def sanitize_filename(name: str | None, default: str = "upload.txt") -> str:
    """A display name: last path component, no control or path characters, ≤ 120 chars."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*\x00]', "_", name).strip(" .")
    if not name:
        return default
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:110] + "." + ext[:9]) if dot and len(ext) <= 9 else name[:120]
    return name


async def read_limited_body(request: Request, limit: int) -> None:
    """Read the body, refusing it with 413 as soon as it passes `limit` bytes."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"upload is over the limit of {limit} bytes (DANGJIAN_MAX_UPLOAD_MB)")
        chunks.append(chunk)
    request._body = b"".join(chunks)      # starlette's form parser reads the cached body


async def form_files(request: Request, field: str, max_files: int) -> list[tuple[str, bytes]]:
    """(clean name, bytes) of each file sent under `field` in a multipart form."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(422, f"send the file(s) as multipart/form-data in the field {field!r}")
    try:
        form = await request.form(max_files=max_files, max_fields=max_files + 20)
    except HTTPException:
        raise
    except Exception as exc:     # malformed multipart: the parser's own message says what is wrong
        raise HTTPException(422, f"could not read the multipart form: {exc}") from None
    files = []
    for value in form.getlist(field):
        if isinstance(value, str) or not hasattr(value, "read"):
            raise HTTPException(422, f"the field {field!r} must hold a file, not text")
        files.append((sanitize_filename(value.filename), await value.read()))
    await form.close()
    if not files:
        raise HTTPException(422, f"no file in the form field {field!r}")
    return files


def store_file(store, filename: str, data: bytes) -> UploadFileResult:
    """Read, extract and store one upload; IngestError propagates to the caller."""
    from ingest.pipeline import process_bytes

    records = process_bytes(data, filename)
    results = store.put_many(records)
    statuses = {r.status for r in results}
    failed = [r for r in results if r.status == "failed"]
    status: Any = "failed" if failed else ("stored" if "stored" in statuses else
                                          "replaced" if "replaced" in statuses else "duplicate")
    return UploadFileResult(filename=filename, status=status, doc_ids=[r.doc_id for r in results],
                            reason="; ".join(r.reason for r in failed if r.reason))
