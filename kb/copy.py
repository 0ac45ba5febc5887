"""Copy a knowledge base between backends: `dangjian copy --from data/ --to URL`.

Records stream from `src.iter_records()` into `dst.put_many` in batches, so a
store larger than memory copies in constant space. Re-running a copy is safe:
records already in the destination come back as ``duplicate``.
"""
from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import Any, Callable

from kb.store import Store, StoreError, StoreUnavailable

DEFAULT_BATCH = 200


def copy_store(src: Store, dst: Store, batch_size: int = DEFAULT_BATCH,
               progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Copy every record of `src` into `dst`; counts per status plus failures.

    Returns ``{"from", "to", "read", "stored", "duplicate", "replaced",
    "failed", "failures": [{"doc_id", "path", "reason"}]}``. A batch the
    destination rejects as a whole (a `StoreError` carrying ``results``) is
    counted record by record; a destination that stops answering, or any other
    `StoreError`, stops the copy (re-run it: copied records come back as
    duplicates).
    """
    counts: Counter[str] = Counter()
    failures: list[dict[str, str]] = []
    records = src.iter_records()
    read = 0
    while True:
        batch = list(islice(records, batch_size))
        if not batch:
            break
        read += len(batch)
        try:
            results = dst.put_many(batch)
        except StoreError as exc:
            results = getattr(exc, "results", None)
            if results is None:
                raise
            if isinstance(exc, StoreUnavailable):     # the destination is gone: stop, say how far we got
                done = counts["stored"] + counts["replaced"]
                done += sum(r.status in ("stored", "replaced") for r in results)
                raise StoreUnavailable(f"copy stopped after {read} records read, {done} written: {exc}") from None
        for res in results:
            counts[res.status] += 1
            if res.status == "failed":
                failures.append({"doc_id": res.doc_id, "path": res.path, "reason": res.reason})
        if progress:
            progress(len(batch))
    return {
        "from": src.location,
        "to": dst.location,
        "read": read,
        "stored": counts["stored"],
        "duplicate": counts["duplicate"],
        "replaced": counts["replaced"],
        "failed": counts["failed"],
        "failures": failures,
    }
