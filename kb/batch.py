"""Batch ingest: walk inputs, process files (optionally in a process pool),
write records to a store in batches, report per file.

With worker processes, the workers also do the part of each write that needs
no store (the store's optional `preparer()`: rows, JSON, index text), so this
process, whose writer alone is the serial part of an ingest, only resolves
parks and writes. Forked workers share the pipeline this process built.

Re-runnable: every document commits with all its extractions in one
transaction, and a file whose normalised text is already stored is reported as
a duplicate before any extraction runs, so a batch killed half-way finishes on
the next run with nothing lost or duplicated.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import queue
import threading
from collections import deque
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ingest.errors import BadRecords, IngestError
from kb.store import StoreError

BATCH_SIZE = 256
TAIL_BATCH = 32           # batches shrink towards this size near the end (see `ingest`)


@dataclass(slots=True)              # one per file in the report: 100k of them at 100k files
class FileResult:
    path: str
    status: str                      # stored | replaced | duplicate | failed
    doc_id: str = ""
    reason: str = ""


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)      # files of no supported type in walked folders

    def add(self, result: FileResult) -> None:
        self.results.append(result)

    @property
    def counts(self) -> dict[str, int]:
        counts = {"stored": 0, "replaced": 0, "duplicate": 0, "failed": 0}
        for r in self.results:
            counts[r.status] = counts.get(r.status, 0) + 1
        return counts

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def as_dict(self) -> dict[str, Any]:
        return {"counts": self.counts, "skipped": list(self.skipped),
                "results": [asdict(r) for r in self.results]}

    def write(self, path: str | Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)


def walk(paths: Iterable[str | Path], report: IngestReport | None = None) -> Iterator[Path]:
    """Files to ingest: explicit files as given, folders walked (symlink loops
    and files of no registered type skipped)."""
    from ingest.readers import READERS

    seen: set[str] = set()
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    f = Path(root) / name
                    if f.suffix.lower() not in READERS:
                        if report is not None:
                            report.skipped.append(str(f))
                        continue
                    real = os.path.realpath(f)
                    if real not in seen:
                        seen.add(real)
                        yield f
        else:
            real = os.path.realpath(p)
            if real not in seen:
                seen.add(real)
                yield p


# -- worker side ---------------------------------------------------------

_known: frozenset[str] = frozenset()
_prepare: Callable[[dict[str, Any]], Any] | None = None


def _init_worker(known: frozenset[str], prepare: Callable[[dict[str, Any]], Any] | None = None) -> None:
    """Per process: the known doc_ids, the store's preparer (see `store_preparer`),
    the pipeline built once, and its long-lived objects moved out of the garbage
    collector's generations (a full collection over spaCy's and the lexicons'
    objects costs ~50 ms)."""
    import gc

    from nlp.pipeline import build_nlp

    global _known, _prepare
    _known, _prepare = known, prepare
    build_nlp()
    gc.collect()
    gc.freeze()


def store_preparer(store) -> Callable[[dict[str, Any]], Any] | None:
    """The store's pure preparation of a record for `put_many` (a picklable
    function, e.g. `kb.sqlite_write.prepare_for_store`), or None when the
    store takes records only (an optional part of the `Store` protocol)."""
    preparer = getattr(store, "preparer", None)
    return preparer() if callable(preparer) else None


def _prepared(record: dict[str, Any]) -> Any:
    """What goes to the store for `record`: the worker's preparation of it when
    the store has a preparer, else the record. A record the preparer refuses
    goes as it is, and the store reports it exactly as it reports any record
    it cannot store."""
    if _prepare is None:
        return record
    try:
        return _prepare(record)
    except Exception:
        return record


def process_one(path: str) -> list[tuple[str, Any]]:
    """Read, normalise and extract one file. Returns ("record", record or what
    the store's preparer made of it), ("duplicate", (path, doc_id)) or
    ("failed", (path, reason)) items; a file never raises out of here."""
    from ingest.pipeline import build_document, extract_record
    from ingest.readers import read_path

    out: list[tuple[str, Any]] = []
    try:
        for raw in read_path(path):
            try:
                document = build_document(raw)
                if document.doc_id in _known:
                    out.append(("duplicate", (document.path, document.doc_id)))
                    continue
                out.append(("record", _prepared(extract_record(document))))
            except IngestError as exc:
                out.append(("failed", (exc.path, exc.reason)))
    except BadRecords as exc:               # the good lines of a .jsonl came out above
        out.extend(("failed", (e.path, e.reason)) for e in exc.errors)
    except IngestError as exc:
        out.append(("failed", (exc.path, exc.reason)))
    except OSError as exc:
        out.append(("failed", (path, f"cannot read file: {exc.strerror or exc}")))
    except Exception as exc:  # a bug in a reader or extractor must not stop the batch
        out.append(("failed", (path, f"internal error while processing: {type(exc).__name__}: {exc}")))
    return out


# -- driver ----------------------------------------------------------------

CHUNK = 4                 # files per task sent to a worker process (fewer round trips)
AHEAD_PER_WORKER = 16     # tasks submitted and not yet consumed, per worker


def process_many(paths: list[str]) -> list[list[tuple[str, Any]]]:
    """`process_one` for each of `paths` (one task of the process pool)."""
    return [process_one(p) for p in paths]


def _ordered(pool: Executor, fn: Callable[[list[str]], list[Any]], items: list[str], ahead: int,
             chunk: int = CHUNK) -> Iterator[Any]:
    """`pool.map(fn, items, chunksize=chunk)` that keeps at most `ahead` chunks
    submitted and unconsumed: `Executor.map` submits every item at once, so when
    the store writes slower than the workers extract, finished records pile up
    in memory in proportion to the number of files. Results come in order."""
    todo = iter(items)
    chunks = iter(lambda: list(islice(todo, chunk)), [])
    futures = deque(pool.submit(fn, c) for c in islice(chunks, max(1, ahead)))
    while futures:
        results = futures.popleft().result()
        futures.extend(pool.submit(fn, c) for c in islice(chunks, 1))
        yield from results


class _Writer:
    """Writes batches to the store on a thread of its own, so that SQLite's
    and tantivy's native work overlaps with extraction. At most two batches
    wait (memory stays flat); the first store error stops the batch."""

    def __init__(self, store, report: IngestReport) -> None:
        self.store, self.report = store, report
        self.queue: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="dangjian-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error is not None:
                continue                       # drain: nothing more is written after an error
            try:
                results = self.store.put_many(batch)
            except StoreError as exc:
                # a backend that reports per-record results on partial failure
                # (e.g. unacknowledged bulk writes) keeps them; otherwise stop
                results = getattr(exc, "results", None)
                if results is None:
                    self.error = exc
                    continue
            except BaseException as exc:       # surfaced by close() in the caller's thread
                self.error = exc
                continue
            for res in results:
                self.report.add(FileResult(res.path, res.status, res.doc_id, res.reason))
            del batch, results

    def put(self, batch: list[dict[str, Any]]) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(batch)

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error


def ingest(store, paths: Iterable[str | Path], *, workers: int = 1, fail_fast: bool = False,
           batch_size: int = BATCH_SIZE, progress: Callable[[int], None] | None = None,
           report: IngestReport | None = None) -> IngestReport:
    report = report if report is not None else IngestReport()
    files = [str(f) for f in walk(paths, report)]
    known = frozenset(store.known_paths().values())
    pending: list[Any] = []
    writer = _Writer(store, report)
    left = len(files)                      # files not consumed yet

    def flush() -> None:
        if pending:
            writer.put(list(pending))
            pending.clear()

    def consume(items: list[tuple[str, Any]]) -> bool:
        nonlocal left
        left -= 1
        for kind, payload in items:
            if kind == "record":
                pending.append(payload)
            elif kind == "duplicate":
                report.add(FileResult(payload[0], "duplicate", payload[1]))
            else:
                report.add(FileResult(payload[0], "failed", reason=payload[1]))
                if fail_fast:
                    return False
        # no batch larger than what is still to come (down to TAIL_BATCH records), so
        # the writing left once the last file is extracted, which nothing overlaps, is short
        if len(pending) >= min(batch_size, max(TAIL_BATCH, left)):
            flush()
        if progress:
            progress(1)
        return True

    try:
        if workers <= 1:                       # the writer thread prepares records as it stores them
            _init_worker(known)
            for f in files:
                if not consume(process_one(f)):
                    break
        else:
            context = multiprocessing.get_context()
            if context.get_start_method() == "fork":
                _init_worker(known)            # built once, here: forked workers share it (copy-on-write)
            # the workers also do the pure part of each write: this process's writer,
            # alone, is the serial part of an ingest
            with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                                     initargs=(known, store_preparer(store))) as pool:
                for items in _ordered(pool, process_many, files, ahead=AHEAD_PER_WORKER * workers):
                    if not consume(items):
                        pool.shutdown(cancel_futures=True)
                        break
        flush()
    finally:
        writer.close()
    return report
