"""Bulk writes through the client's `helpers.streaming_bulk`.

`write_actions()` sends a list of bulk actions chunked by count and bytes and
returns, per action, why it failed (acknowledged actions are absent). Actions
rejected with 429/503 or lost to a connection error are re-sent, only those,
after a capped exponential backoff; everything else fails at once. Deleting a
document that is already gone counts as done.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

from kb.store import PutResult, StoreError, StoreUnavailable

RETRY_STATUS = (429, 503)


@dataclass
class BulkOptions:
    chunk_size: int = 500                      # actions per request
    max_chunk_bytes: int = 8 * 1024 * 1024     # bytes per request
    max_retries: int = 3                       # rounds for 429/503/connection errors
    initial_backoff: float = 0.5               # seconds, doubled per round …
    max_backoff: float = 8.0                   # … up to this
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)


class BulkWriteError(StoreError):
    """Some records were not acknowledged by the cluster.

    `results` holds one `PutResult` per record given (status ``failed`` for
    the rejected ones, with the reason); `failed` only the failures. Nothing
    failed is visible in the store: re-running the same records completes
    the write (records already stored come back as ``duplicate``).
    """

    def __init__(self, url: str, results: list[PutResult]):
        self.results = results
        self.failed = [r for r in results if r.status == "failed"]
        shown = "; ".join(f"{r.path or r.doc_id} ({r.doc_id}): {r.reason}" for r in self.failed[:5])
        more = f"; … and {len(self.failed) - 5} more" if len(self.failed) > 5 else ""
        ok = len(results) - len(self.failed)
        super().__init__(f"{len(self.failed)} of {len(results)} records were not stored in {url} "
                         f"({ok} were): {shown}{more}. Fix the cause and run the same command again; "
                         "stored records will be skipped as duplicates.")


class BulkUnavailableError(BulkWriteError, StoreUnavailable):
    """The cluster stopped answering during a put_many: `results` names every record not written."""


def write_actions(conn, actions: list[dict[str, Any]], opts: BulkOptions) -> dict[int, str]:
    """Send `actions`; {action index: reason} for those never acknowledged."""
    failures: dict[int, str] = {}
    pending = list(range(len(actions)))
    for attempt in range(opts.max_retries + 1):
        if not pending:
            break
        outcomes = _one_round(conn, [actions[i] for i in pending], opts)
        retry = []
        for i, (ok, status, reason) in zip(pending, outcomes):
            if ok:
                failures.pop(i, None)
                continue
            failures[i] = reason
            if status is None or status in RETRY_STATUS:
                retry.append(i)
        pending = retry
        if pending and attempt < opts.max_retries:
            opts.sleep(min(opts.max_backoff, opts.initial_backoff * (2 ** attempt)))
    for i in pending:
        failures[i] = f"{failures[i]} (gave up after {opts.max_retries} retries)"
    return failures


def _one_round(conn, actions: list[dict[str, Any]], opts: BulkOptions) -> list[tuple[bool, int | None, str]]:
    """One pass of streaming_bulk: (ok, status, reason) per action, in order."""
    out: list[tuple[bool, int | None, str]] = []
    try:
        for ok, info in conn.streaming_bulk(conn.client, actions, chunk_size=opts.chunk_size,
                                            max_chunk_bytes=opts.max_chunk_bytes, raise_on_error=False,
                                            raise_on_exception=False, max_retries=0, yield_ok=True):
            out.append(_outcome(conn, ok, info))
    except (*conn.transport_errors, *conn.api_errors) as exc:
        status = conn.status_of(exc)
        reason = conn.describe(exc)
        if status is None:
            reason = f"cluster did not answer: {reason}"
        out.extend([(False, status, reason)] * (len(actions) - len(out)))
    return out


def _outcome(conn, ok: bool, info: dict[str, Any]) -> tuple[bool, int | None, str]:
    op, item = next(iter(info.items()))
    status = item.get("status")
    status = status if isinstance(status, int) else None
    if ok or (op == "delete" and status == 404):
        return True, status, ""
    err = item.get("error")
    exc = item.get("exception")
    if exc is not None:
        reason = conn.describe(exc)
        status = status or conn.status_of(exc)
        if status is None:
            reason = f"cluster did not answer: {reason}"
    elif isinstance(err, dict):
        reason = f"HTTP {status} {err.get('type', '')}: {err.get('reason', '')}"
    else:
        reason = f"HTTP {status} {err}" if status else str(err)
    return False, status, reason
