"""Background ingest jobs: one worker thread per app, progress kept in memory."""
from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

from search_api.models import JobOut, UploadFileResult

KEEP_JOBS = 200


class JobRegistry:
    def __init__(self, on_write=None) -> None:
        self._on_write = on_write or (lambda: None)
        self._jobs: dict[str, JobOut] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dangjian-ingest")

    def get(self, job_id: str) -> JobOut | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.model_copy(deep=True) if job else None

    def submit(self, store, files: list[tuple[str, bytes]]) -> JobOut:
        job = JobOut(id=uuid.uuid4().hex, status="queued", total=len(files), processed=0,
                     files=[UploadFileResult(filename=name, status="pending") for name, _ in files])
        with self._lock:
            if len(self._jobs) >= KEEP_JOBS:
                self._jobs.pop(next(iter(self._jobs)))
            self._jobs[job.id] = job
        self._pool.submit(self._run, store, job.id, files)
        return job.model_copy(deep=True)

    def _set(self, job_id: str, **changes) -> None:
        with self._lock:
            job = self._jobs[job_id]
            for key, value in changes.items():
                setattr(job, key, value)

    def _run(self, store, job_id: str, files: list[tuple[str, bytes]]) -> None:
        from ingest.errors import IngestError
        from search_api.uploads import store_file

        self._set(job_id, status="running")
        try:
            for i, (name, data) in enumerate(files):
                try:
                    result = store_file(store, name, data)
                except IngestError as exc:
                    result = UploadFileResult(filename=name, status="failed", reason=exc.reason)
                except Exception as exc:      # one bad file must not stop the others
                    result = UploadFileResult(filename=name, status="failed",
                                              reason=f"internal error ({type(exc).__name__}): {exc}")
                self._on_write()
                with self._lock:
                    job = self._jobs[job_id]
                    job.files[i] = result
                    job.processed = i + 1
            self._set(job_id, status="done")
        except Exception as exc:
            self._set(job_id, status="failed", error=f"{type(exc).__name__}: {exc}")

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
