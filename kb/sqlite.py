"""The embedded store: SQLite is the record of truth, tantivy the search index.

Layout of a store folder::

    kb.sqlite3      documents + extraction tables + park entities (WAL)
    index/v1/       tantivy index derived from the tables (`reindex()` rebuilds it)

A document and all its extractions are written in one transaction (a
savepoint per record inside a `BEGIN IMMEDIATE` batch). `put_many` takes
records, or what `preparer()` made of them in ingest workers (rows and index
text ready: only park resolution and the writes are left). Every write also
queues the doc_id in `index_pending`; after the commit the queue is drained
into tantivy (the entries of the documents just written come from the rows
the transaction wrote, `kb.sqlite_write.FreshEntries`, not read back). Whoever
holds tantivy's single writer drains the whole queue, so two processes
ingesting at once both end up indexed; a store that finds a non-empty queue on
open or close drains it.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from typing import Any, Callable, Iterable, Iterator

from kb.index import FACET_SIZE, FullTextIndex, IndexBusy
from kb.records import Record, park_key
from kb.sqlite_queries import SQLiteQueries, loads as _loads
from kb.sqlite_write import (ENTRY_COLUMNS, PREPARED_VERSION, FreshEntries, Prepared, RecordError, WriteBatch,  # noqa: F401
                             entries_from_rows, flat_entries, prepare, prepare_for_store)
from kb.sqlite_write import date_key as _date_key, dumps as _dumps, exact as _exact  # noqa: F401 (kb.elastic_write)
from kb.store import PutResult, StoreError, StoreUnavailable

DB_NAME = "kb.sqlite3"
BATCH_SIZE = 500
ITEM_TABLES = ("organizations", "people", "figures", "practices")

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  doc_id TEXT PRIMARY KEY, path TEXT NOT NULL DEFAULT '', title TEXT, outlet TEXT, published TEXT,
  year INTEGER, provinces TEXT, script TEXT, text TEXT, original TEXT, source TEXT, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE TABLE IF NOT EXISTS parks (
  doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, idx INTEGER NOT NULL,
  park_id TEXT NOT NULL, name TEXT, province TEXT, city TEXT, PRIMARY KEY (doc_id, idx));
CREATE TABLE IF NOT EXISTS park_aliases (
  doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, idx INTEGER NOT NULL,
  alias TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS organizations (
  doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, idx INTEGER NOT NULL,
  park_id TEXT, name TEXT, aliases TEXT, kind TEXT, park TEXT, PRIMARY KEY (doc_id, idx));
CREATE TABLE IF NOT EXISTS people (
  doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, idx INTEGER NOT NULL,
  park_id TEXT, name TEXT, roles TEXT, organization TEXT, PRIMARY KEY (doc_id, idx));
CREATE TABLE IF NOT EXISTS figures (
  doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, idx INTEGER NOT NULL,
  park_id TEXT, metric TEXT, value TEXT, unit TEXT, qualifier TEXT, cumulative INTEGER,
  change_from TEXT, period TEXT, subject TEXT, text TEXT, span_start INTEGER, span_end INTEGER,
  sentence TEXT, PRIMARY KEY (doc_id, idx));
CREATE TABLE IF NOT EXISTS practices (
  doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, idx INTEGER NOT NULL,
  park_id TEXT, name TEXT, aliases TEXT, kind TEXT, category TEXT, components TEXT, subject TEXT,
  text TEXT, span_start INTEGER, span_end INTEGER, sentence TEXT, PRIMARY KEY (doc_id, idx));
CREATE INDEX IF NOT EXISTS park_aliases_doc ON park_aliases(doc_id, idx);
CREATE INDEX IF NOT EXISTS parks_park ON parks(park_id);
CREATE INDEX IF NOT EXISTS organizations_park ON organizations(park_id);
CREATE INDEX IF NOT EXISTS people_park ON people(park_id);
CREATE INDEX IF NOT EXISTS figures_park ON figures(park_id);
CREATE INDEX IF NOT EXISTS practices_park ON practices(park_id);
CREATE TABLE IF NOT EXISTS park_entities (park_id TEXT PRIMARY KEY, name TEXT NOT NULL,
  province TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS park_names (key TEXT PRIMARY KEY, park_id TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS park_names_park ON park_names(park_id);
CREATE TABLE IF NOT EXISTS index_pending (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL);
"""


def _release_memory() -> None:
    """Give freed heap back to the OS (glibc only). tantivy's writers allocate
    and drop large buffers on every index write; without this, a long ingest's
    RSS creeps up with the number of batches although nothing is kept."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


M_ARENA_MAX = -8                    # <malloc.h>
MALLOC_ARENAS = 2
_arenas_limited = False


def _limit_malloc_arenas() -> None:
    """Cap glibc's malloc arenas (once per process, unless MALLOC_ARENA_MAX is set).

    Every index write starts fresh tantivy threads, and glibc gives new threads
    arenas of their own, up to 8 per core. The large merges of a big index leave
    each arena fragmented, so without a cap the heap grew by ~100 MiB between 20k
    and 50k documents (flat with it). Call before tantivy starts threads."""
    global _arenas_limited
    if _arenas_limited or "MALLOC_ARENA_MAX" in os.environ:
        return
    _arenas_limited = True
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, MALLOC_ARENAS)
    except (OSError, AttributeError):
        pass


def _disk_note(path: str) -> str:
    """'the disk is full: ' when the store's file system has (almost) no room left:
    tantivy's own message for that case is often only "an index writer was killed"."""
    try:
        free = shutil.disk_usage(path).free
    except OSError:
        return ""
    return f"the disk is full, {free} bytes free: " if free < 1_048_576 else ""


def _is_locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


def _marks(n: int) -> str:
    return ",".join("?" * n)


class SQLiteStore(SQLiteQueries):
    """`Store` over a folder: SQLite tables + tantivy index (see module doc); the
    query methods come from :class:`kb.sqlite_queries.SQLiteQueries`."""

    def __init__(self, location: str, busy_timeout: float = 30.0, batch_size: int = BATCH_SIZE,
                 index_heap: int = 64_000_000, index_threads: int = 1, lock_timeout: float = 10.0,
                 facet_timeout: float = 0.5, facet_size: int = FACET_SIZE) -> None:
        self.location = str(location)
        self.batch_size = max(1, int(batch_size))
        self.busy_timeout = busy_timeout
        self.lock_timeout = lock_timeout
        try:
            os.makedirs(self.location, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(f"cannot create the store folder {self.location}: {exc}") from exc
        self.db_path = os.path.join(self.location, DB_NAME)
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._conns_lock = threading.Lock()
        self._index_lock = threading.Lock()
        self._wrote = False
        self._writes = 0                         # transactions committed by this store
        self._write(lambda c: [c.execute(stmt) for stmt in SCHEMA.split(";") if stmt.strip()])
        _limit_malloc_arenas()
        self.index = FullTextIndex(os.path.join(self.location, "index"), heap_size=index_heap,
                                   threads=index_threads, lock_timeout=lock_timeout,
                                   facet_timeout=facet_timeout, facet_size=facet_size)
        if self.index.num_docs() == 0 and self.count() > 0:
            try:
                self.reindex()                   # the index was lost: rebuild it from the tables
            except IndexBusy:
                pass                             # another process is writing; it drains the queue
        elif self._conn().execute("SELECT 1 FROM index_pending LIMIT 1").fetchone():
            self._flush_index(timeout=0.2)

    # connections and transactions ----------------------------------------
    def _set_wal(self, conn: sqlite3.Connection) -> None:
        """Switch to WAL. Switching takes a lock for which SQLite does not call
        the busy handler, so a second process opening a store that another is
        creating retries here instead of failing with "database is locked"."""
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.01
        while True:
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if not _is_locked(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(self.db_path, timeout=self.busy_timeout, isolation_level=None,
                                       check_same_thread=False)
                conn.row_factory = sqlite3.Row
                conn.execute(f"PRAGMA busy_timeout={int(self.busy_timeout * 1000)}")
                self._set_wal(conn)
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("PRAGMA foreign_keys=ON")
            except sqlite3.Error as exc:          # e.g. WAL files cannot be created: read-only folder
                raise StoreUnavailable(f"cannot open {self.db_path}: {exc}; the store folder must be "
                                       "writable (is it on a read-only or full disk?)") from exc
            self._local.conn = conn
            with self._conns_lock:
                self._conns.append(conn)
        return conn

    def _write(self, fn: Callable[[sqlite3.Connection], Any], attempts: int = 8) -> Any:
        """Run `fn` in one `BEGIN IMMEDIATE` transaction; retry while the database is locked."""
        conn = self._conn()
        delay = 0.05
        for attempt in range(attempts):
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if not _is_locked(exc) or attempt == attempts - 1:
                    raise StoreError(f"{self.db_path} stayed locked by another writer; retry later") from exc
                time.sleep(delay)
                delay = min(delay * 2, 2.0)
                continue
            try:
                result = fn(conn)
                conn.execute("COMMIT")
                self._writes += 1
                return result
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if _is_locked(exc) and attempt < attempts - 1:
                    time.sleep(delay)
                    continue
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"writing to {self.db_path} failed ({exc}); the transaction was rolled"
                                     f" back and nothing of it was stored") from exc
                raise
        raise StoreError(f"{self.db_path} stayed locked by another writer; retry later")

    # records ------------------------------------------------------------
    def put(self, record: Record) -> PutResult:
        return self.put_many([record])[0]

    def preparer(self) -> Callable[[Record], Prepared]:
        """The pure part of a write, for ingest workers to run on each record: its
        result goes to `put_many` in place of the record (see `prepare_for_store`)."""
        return prepare_for_store

    def put_many(self, records: Iterable[Record | Prepared]) -> list[PutResult]:
        """Store records in transactions of `batch_size`; one result per record, in order.
        An item may be what `preparer()` made of a record instead of the record."""
        self._wrote = True
        results: list[PutResult] = []
        batch: list[Record | Prepared] = []
        for record in records:
            batch.append(record)
            if len(batch) >= self.batch_size:
                fresh = FreshEntries()
                results += self._write(lambda c, b=batch, f=fresh: self._put_batch(c, b, f))
                self._flush_index(timeout=0.2, fresh=fresh)
                batch = []
        if batch:
            fresh = FreshEntries()
            results += self._write(lambda c, b=batch, f=fresh: self._put_batch(c, b, f))
            self._flush_index(timeout=0.2, fresh=fresh)
        return results

    def _put_batch(self, conn: sqlite3.Connection, records: list[Record | Prepared],
                   fresh: FreshEntries | None = None) -> list[PutResult]:
        """Store `records` (or their `Prepared` forms) inside the caller's transaction;
        one result per record. `fresh` collects the index entries of what the
        transaction writes."""
        fresh = FreshEntries() if fresh is None else fresh
        fresh.start(conn)
        results: list[PutResult | None] = [None] * len(records)
        prepared: list[tuple[int, Prepared]] = []
        for n, record in enumerate(records):
            if isinstance(record, Prepared):
                if record.version == PREPARED_VERSION:
                    prepared.append((n, record))
                else:
                    results[n] = PutResult(record.doc_id, record.path, "failed",
                                           f"prepared by another version of dangjian ({record.version}, this one "
                                           f"writes {PREPARED_VERSION}); ingest the file again")
                continue
            try:
                prepared.append((n, prepare(record)))
            except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
                doc_id = str(record.get("doc_id") or "") if isinstance(record, dict) else ""
                path = str(((record.get("source") or {}) if isinstance(record, dict) else {}).get("path") or "")
                results[n] = PutResult(doc_id, path, "failed", f"{type(exc).__name__}: {exc}")
        ids = [p.doc_id for _n, p in prepared]
        paths = [p.path for _n, p in prepared if p.path]
        stored, on_path = set(), {}
        for i in range(0, len(ids), 500):
            stored |= {r[0] for r in conn.execute(
                f"SELECT doc_id FROM documents WHERE doc_id IN ({_marks(len(ids[i:i + 500]))})", ids[i:i + 500])}
        for i in range(0, len(paths), 500):
            on_path.update(conn.execute(
                f"SELECT path, doc_id FROM documents WHERE path IN ({_marks(len(paths[i:i + 500]))})", paths[i:i + 500]))
        batch = WriteBatch(conn)
        batch.prefetch([park_key(name) for _n, p in prepared for _i, names, _p, _c in p.parks for name in names])
        for n, p in prepared:
            if p.doc_id in stored:
                results[n] = PutResult(p.doc_id, p.path, "duplicate")
                continue
            status = "stored"
            if p.path and p.path in on_path:
                batch.flush()
                for (old,) in conn.execute("SELECT doc_id FROM documents WHERE path=?", (p.path,)).fetchall():
                    self._delete_doc(conn, old)
                    fresh.deleted(old)
                batch.invalidate()
                status = "replaced"
            park_ids = [batch.resolve(names, province, city, fresh.merging(self._merge_entity, conn))
                        for _i, names, province, city in p.parks]
            fresh.added(batch.add(p, park_ids))
            stored.add(p.doc_id)
            if p.path:
                on_path[p.path] = p.doc_id
            results[n] = PutResult(p.doc_id, p.path, status)
        batch.flush()
        return results  # type: ignore[return-value]

    # park entities --------------------------------------------------------
    def _merge_entity(self, conn: sqlite3.Connection, src: str, dst: str) -> None:
        docs = [r[0] for r in conn.execute("SELECT DISTINCT doc_id FROM parks WHERE park_id=?", (src,))]
        for table in ("parks",) + ITEM_TABLES:
            conn.execute(f"UPDATE {table} SET park_id=? WHERE park_id=?", (dst, src))
        conn.execute("UPDATE park_names SET park_id=? WHERE park_id=?", (dst, src))
        conn.execute("DELETE FROM park_entities WHERE park_id=?", (src,))
        conn.executemany("INSERT INTO index_pending(doc_id) VALUES (?)", [(d,) for d in docs])

    def _refresh_entity(self, conn: sqlite3.Connection, pid: str) -> None:
        rows = conn.execute("SELECT doc_id, idx, name FROM parks WHERE park_id=?", (pid,)).fetchall()
        conn.execute("DELETE FROM park_names WHERE park_id=?", (pid,))
        if not rows:
            conn.execute("DELETE FROM park_entities WHERE park_id=?", (pid,))
            return
        names = [r["name"] for r in rows]
        names += [r[0] for r in conn.execute(
            "SELECT a.alias FROM park_aliases a JOIN parks p ON p.doc_id=a.doc_id AND p.idx=a.idx"
            " WHERE p.park_id=?", (pid,))]
        conn.executemany("INSERT OR IGNORE INTO park_names VALUES (?,?,?)",
                         [(park_key(n), pid, n) for n in names if park_key(n)])

    def _park_id(self, name: str | None) -> str | None:
        """Entity id of a park id or any of its names; the key itself when unknown."""
        if not name:
            return None
        key = park_key(name)
        conn = self._conn()
        if conn.execute("SELECT 1 FROM park_entities WHERE park_id=?", (name,)).fetchone():
            return name
        row = conn.execute("SELECT park_id FROM park_names WHERE key=?", (key,)).fetchone()
        return row[0] if row else key

    # deleting -----------------------------------------------------------
    def _delete_doc(self, conn: sqlite3.Connection, doc_id: str) -> bool:
        pids = {r[0] for r in conn.execute("SELECT park_id FROM parks WHERE doc_id=?", (doc_id,))}
        gone = conn.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,)).rowcount > 0
        for pid in pids:
            self._refresh_entity(conn, pid)
        if gone:
            conn.execute("INSERT INTO index_pending(doc_id) VALUES (?)", (doc_id,))
        return gone

    def delete(self, doc_id: str) -> bool:
        self._wrote = True
        gone = self._write(lambda c: self._delete_doc(c, doc_id))
        self._flush_index(timeout=self.lock_timeout)
        return gone

    # reading records ------------------------------------------------------
    def _record(self, row: sqlite3.Row) -> Record:
        record = _loads(row["record"], {})
        record["text"] = row["text"] or ""
        record["original"] = row["original"] or ""
        return record

    def get(self, doc_id: str) -> Record | None:
        row = self._conn().execute("SELECT record, text, original FROM documents WHERE doc_id=?",
                                   (doc_id,)).fetchone()
        return self._record(row) if row else None

    def has(self, doc_id: str) -> bool:
        return self._conn().execute("SELECT 1 FROM documents WHERE doc_id=?", (doc_id,)).fetchone() is not None

    def count(self) -> int:
        return self._conn().execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def iter_records(self) -> Iterator[Record]:
        last = 0
        while True:
            rows = self._conn().execute("SELECT rowid, record, text, original FROM documents WHERE rowid>?"
                                        " ORDER BY rowid LIMIT 200", (last,)).fetchall()
            if not rows:
                return
            for row in rows:
                yield self._record(row)
            last = rows[-1]["rowid"]

    def known_paths(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self._conn().execute(
            "SELECT path, doc_id FROM documents WHERE path<>''")}

    def generation(self) -> tuple[int, ...]:
        """A token that changes whenever the stored data may have changed: a write
        of this store, or an index commit of any process (every write ends in one).
        Readers key caches of derived views (park profiles …) on it."""
        return (self._writes,) + self.index.generation()

    # the index ------------------------------------------------------------
    def _entries(self, conn: sqlite3.Connection, doc_ids: list[str]) -> list[dict[str, Any]]:
        """Index entries (documents, practices, figures) of the stored `doc_ids`."""
        marks = _marks(len(doc_ids))

        def rows(table: str) -> dict[str, list[sqlite3.Row]]:
            order = "doc_id" if table == "documents" else "doc_id, idx"
            out: dict[str, list[sqlite3.Row]] = {}
            for r in conn.execute(f"SELECT {ENTRY_COLUMNS[table]} FROM {table} WHERE doc_id IN ({marks})"
                                  f" ORDER BY {order}", doc_ids):
                out.setdefault(r[0], []).append(r)
            return out

        docs, parks, practices, figures = (rows(t) for t in ("documents", "parks", "practices", "figures"))
        return flat_entries([entries_from_rows(d, parks.get(doc_id, []), practices.get(doc_id, []),
                                               figures.get(doc_id, []))
                             for doc_id, (d,) in docs.items()])

    def _flush_index(self, timeout: float, fresh: FreshEntries | None = None) -> bool:
        """Drain `index_pending` into tantivy; False when another process holds the writer.
        `fresh`: the entries the write just before built, used where still valid."""
        conn = self._conn()
        with self._index_lock:
            while True:
                rows = conn.execute("SELECT seq, doc_id FROM index_pending ORDER BY seq LIMIT ?",
                                    (self.batch_size * 4,)).fetchall()
                if not rows:
                    return True
                doc_ids = list(dict.fromkeys(r[1] for r in rows))
                valid = fresh is not None and fresh.valid(conn)
                entries = []
                for i in range(0, len(doc_ids), 500):
                    chunk = doc_ids[i:i + 500]
                    known = fresh.of(chunk) if valid else None
                    entries += self._entries(conn, chunk) if known is None else known
                try:
                    applied = self.index.apply(doc_ids, entries, timeout=timeout)
                except (OSError, ValueError) as exc:     # tantivy reports I/O failures (disk full …) as ValueError
                    raise StoreUnavailable(
                        f"writing the full-text index in {self.location} failed ({_disk_note(self.location)}{exc}); "
                        "the records are "
                        "stored and queued: free disk space, and the next ingest (or `dangjian reindex`) "
                        "finishes the index") from exc
                _release_memory()
                if not applied:
                    return False
                top = rows[-1][0]
                self._write(lambda c: c.execute("DELETE FROM index_pending WHERE seq<=?", (top,)))

    def reindex(self) -> int:
        """Rebuild the full-text index from the SQLite tables; returns the number of documents."""
        conn = self._conn()
        with self._index_lock:
            top = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM index_pending").fetchone()[0]

            def all_entries() -> Iterator[dict[str, Any]]:
                last = 0
                while True:
                    rows = conn.execute("SELECT rowid, doc_id FROM documents WHERE rowid>? ORDER BY rowid"
                                        " LIMIT 500", (last,)).fetchall()
                    if not rows:
                        return
                    yield from self._entries(conn, [r[1] for r in rows])
                    last = rows[-1][0]

            n = self.index.rebuild(all_entries())
            self._write(lambda c: c.execute("DELETE FROM index_pending WHERE seq<=?", (top,)))
        return n

    def close(self) -> None:
        """Drain what this store queued (waiting for another process's index writer
        if need be), close the index and every connection."""
        try:
            if self._wrote:
                self._flush_index(timeout=max(self.lock_timeout, 30.0))
        finally:
            self.index.close()
            with self._conns_lock:
                for conn in self._conns:
                    conn.close()
                self._conns.clear()
            self._local = threading.local()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
