"""Full-text index of the embedded store: tantivy, derived from SQLite.

Two tantivy indexes: ``docs`` (one tantivy document per stored document) and
``items`` (one per practice and figure, kinds ``practice``/``figure``), so a
document search pays for no kind filter. Text goes in twice: jieba full-mode words
(`*_seg`, whitespace analyzer: every dictionary word wherever it occurs, see
:func:`kb.query.segment_terms`) and character bigrams (`*_bi`). A clause that
is one dictionary word of 3+ characters is one term query on the words; any
other clause is a phrase over its bigrams (the costly kind of query). The
title is indexed twice ahead of the body in both fields, so title words weigh
more through BM25's term frequency without a title field to search (each
extra field in a query costs a union over its postings). Facet and filter
values are raw fast fields, so counts come from one tantivy aggregation, run
on a pool thread while the page is read, bounded by `facet_timeout` and cached
per query until the index changes. Queries are built programmatically from
:class:`kb.query.ParsedQuery` — user text never reaches a query parser.

Writing is the costly side, so entries are analysed in groups
(:func:`kb.index_text.analyse`: one numpy pass makes the bigrams of a whole
group), or arrive analysed already (made by ingest workers), and the field
strings reach tantivy lower-cased already, for an analyzer that only splits
on whitespace: the tokens are those a lower-case filter would have given
(`kb.index_text._tantivy_lower`), so indexes written before and after this
change hold the same terms.

The index may be deleted at any time: :meth:`FullTextIndex.rebuild` refills it.
Only one process can hold tantivy's writer; :meth:`apply` waits for it up to
`lock_timeout` and returns False when it stays busy (the caller keeps the work
queued and retries later).
"""
from __future__ import annotations

import os
import shutil
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Any, Callable, Iterable, Iterator

import tantivy

from kb.index_text import analyse
from kb.query import ParsedQuery, is_cjk
from kb.store import StoreError

SCHEMA_VERSION = "4"
PARTS = ("docs", "items")
RAW_FIELDS = ("id", "doc_id", "kind", "park", "province", "outlet", "category", "unit")
FACET_SIZE = 500
FACET_CACHE = 256
GROUP_CHARS = 1 << 20           # characters of title and body analysed together


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("doc_id", stored=True, tokenizer_name="raw")
    for name in RAW_FIELDS[2:]:
        sb.add_text_field(name, tokenizer_name="raw", fast=True)
    sb.add_text_field("body_seg", tokenizer_name="dj_ws", index_option="freq")   # term queries only
    sb.add_text_field("body_bi", tokenizer_name="dj_ws")
    sb.add_integer_field("year", indexed=True, fast=True)
    sb.add_integer_field("date", indexed=False, fast=True)
    return sb.build()


def _analyzer() -> tantivy.TextAnalyzer:
    """Whitespace tokens, as given: the field strings come lower-cased already
    (`kb.index_text._tantivy_lower`). tantivy's own lower-case filter took a third of the
    indexing time, as it re-encodes every non-ASCII token."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def _copy_counts(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """A copy the caller may change (keys and counts are immutable: no deepcopy)."""
    return {field: dict(values) for field, values in counts.items()}


class IndexBusy(StoreError):
    """Another process holds the index writer."""


MADV_PAGEOUT = 21                # <linux/mman.h>; Linux ≥ 5.4
_madvise: Any = None


def _pageout_mapped(prefix: str) -> int:
    """Ask the kernel to reclaim the pages of every file under `prefix` that this
    process has mapped; returns the bytes of those mappings (0 when unsupported).

    tantivy reads segments through mmap, so a merge touches every page of the
    segments it merges and they count in RSS (RssFile) until it ends: the peak
    grows with the largest merge (160 MiB of them at 50k documents, more at 100k).
    They are clean page cache; MADV_PAGEOUT only reclaims them now instead of
    under memory pressure. It never changes data: a range unmapped meanwhile
    fails (ignored), an anonymous one reused at the same address is swapped at
    worst, and pages another process maps too are skipped."""
    global _madvise
    if _madvise is None:
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
            _madvise = libc.madvise
        except (OSError, AttributeError):
            _madvise = False
    if not _madvise:
        return 0
    total = 0
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            lines = [line for line in fh if prefix in line]
    except OSError:
        return 0
    for line in lines:
        fields = line.split(maxsplit=5)
        if len(fields) < 6 or not fields[5].startswith(prefix):
            continue
        start, end = (int(x, 16) for x in fields[0].split("-"))
        if _madvise(start, end - start, MADV_PAGEOUT) == 0:
            total += end - start
    return total


class _MappedTrim:
    """While the block runs (index writes: commit, merges), page out the index
    files this process maps every `interval` seconds (see `_pageout_mapped`)."""

    def __init__(self, prefix: str, interval: float) -> None:
        self.prefix = os.path.realpath(prefix) + os.sep     # /proc/self/maps names files by real path
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> "_MappedTrim":
        if self.interval > 0 and os.path.exists("/proc/self/maps"):
            self._thread = threading.Thread(target=self._run, name="dj-index-trim", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            _pageout_mapped(self.prefix)

    def __exit__(self, *exc: Any) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()


def _part(kind: str) -> str:
    return "docs" if kind == "doc" else "items"


class FullTextIndex:
    def __init__(self, path: str, heap_size: int = 64_000_000, threads: int = 1,
                 lock_timeout: float = 10.0, facet_timeout: float = 0.5, facet_size: int = FACET_SIZE,
                 trim_interval: float = 0.05) -> None:
        self.path = os.path.join(path, f"v{SCHEMA_VERSION}")
        if os.path.isdir(path):                  # indexes of older schema versions are dead weight
            for name in os.listdir(path):
                if name.startswith("v") and name != f"v{SCHEMA_VERSION}":
                    shutil.rmtree(os.path.join(path, name), ignore_errors=True)
        self.schema = _schema()
        self._indexes: dict[str, tantivy.Index] = {}
        for part in PARTS:
            where = os.path.join(self.path, part)
            try:
                os.makedirs(where, exist_ok=True)
                index = tantivy.Index(self.schema, path=where, reuse=True)
            except (OSError, ValueError) as exc:
                raise StoreError(f"cannot open the full-text index at {where}: {exc}; "
                                 f"delete {self.path} and run `dangjian reindex`") from exc
            index.register_tokenizer("dj_ws", _analyzer())
            self._indexes[part] = index
        self.heap_size = max(15_000_000, heap_size)
        self.threads = max(1, threads)
        self.trim_interval = trim_interval        # page out mapped index files while writing; 0: never
        self.lock_timeout = lock_timeout
        self.facet_timeout = facet_timeout
        self.facet_size = max(1, int(facet_size))   # values counted per facet (the most frequent)
        self._stamps = {part: self._meta_stamp(part) for part in PARTS}
        self._pool: ThreadPoolExecutor | None = None
        self._facet_cache: OrderedDict = OrderedDict()
        self._generation = 0
        self._cache_lock = threading.Lock()

    # writing -----------------------------------------------------------
    def _writers(self, timeout: float) -> dict[str, Any] | None:
        """Both writers, or None when another process keeps one past `timeout`."""
        deadline = time.monotonic() + timeout
        writers: dict[str, Any] = {}
        delay = 0.005
        while True:
            try:
                for part in PARTS:
                    if part not in writers:
                        writers[part] = self._indexes[part].writer(heap_size=self.heap_size,
                                                                   num_threads=self.threads)
                return writers
            except ValueError as exc:
                if "LockBusy" not in str(exc):
                    self._release(writers)
                    raise StoreError(f"cannot write the full-text index at {self.path}: {exc}") from exc
                if time.monotonic() >= deadline:
                    self._release(writers)
                    return None
                if writers:                         # never sit on one writer waiting for the other
                    self._release(writers)
                    writers = {}
                time.sleep(delay)
                delay = min(delay * 2, 0.1)

    @staticmethod
    def _release(writers: dict[str, Any]) -> None:
        for writer in writers.values():
            writer.wait_merging_threads()
        writers.clear()

    @contextmanager
    def _writing(self, writers: dict[str, Any]):
        """Commit every writer when the block ends, roll all back if it raises;
        release the writers and reload the searchers either way. Meanwhile the
        pages of mapped index files are given back every `trim_interval` s: the
        merges tantivy runs after a commit read whole segments through mmap."""
        with _MappedTrim(self.path, self.trim_interval):
            try:
                yield writers
                for writer in writers.values():
                    writer.commit()
            except BaseException:
                for writer in writers.values():
                    writer.rollback()
                raise
            finally:
                self._release(writers)
        self._reload()

    def apply(self, delete_doc_ids: Iterable[str], entries: Iterable[dict[str, Any]],
              timeout: float | None = None) -> bool:
        """Delete every tantivy doc of `delete_doc_ids`, add `entries`, commit.

        Returns False (nothing written) when a writer stayed busy.
        """
        docs = list(self._iter_documents(entries))          # analyse before locking
        writers = self._writers(self.lock_timeout if timeout is None else timeout)
        if writers is None:
            return False
        with self._writing(writers):
            for doc_id in delete_doc_ids:
                for writer in writers.values():
                    writer.delete_documents_by_term("doc_id", doc_id)
            for part, doc in docs:
                writers[part].add_document(doc)
        return True

    def rebuild(self, entries: Iterable[dict[str, Any]], timeout: float | None = None) -> int:
        writers = self._writers(self.lock_timeout if timeout is None else timeout)
        if writers is None:
            raise IndexBusy(f"another process is writing the index at {self.path}; retry when it is done")
        n = 0
        with self._writing(writers):
            for writer in writers.values():
                writer.delete_all_documents()
            for part, doc in self._iter_documents(entries):
                writers[part].add_document(doc)
                n += part == "docs"
        return n

    def _iter_documents(self, entries: Iterable[dict[str, Any]]) -> Iterator[tuple[str, tantivy.Document]]:
        """(part, tantivy doc) of each entry, analysed in groups of about
        `GROUP_CHARS` characters (the analysis of a group is held until its
        documents are built); an entry analysed already counts for nothing."""
        group: list[dict[str, Any]] = []
        size = 0
        for entry in entries:
            group.append(entry)
            if "analysis" not in entry:
                size += len(entry.get("title") or "") + len(entry.get("body") or "")
            if size >= GROUP_CHARS:
                yield from self._documents(group)
                group, size = [], 0
        if group:
            yield from self._documents(group)

    @staticmethod
    def _documents(entries: list[dict[str, Any]]) -> list[tuple[str, tantivy.Document]]:
        """(part, tantivy doc) of each entry. The text fields are the entry's
        "analysis" when it has one (made ahead by `kb.index_text.analyse()`, in an
        ingest worker), else `analyse()` of its title and body, for all such
        entries together."""
        todo = [e for e in entries if "analysis" not in e]
        made = iter(analyse(todo))
        out = []
        for e in entries:
            d = tantivy.Document()
            add_text = d.add_text
            for name in RAW_FIELDS:
                value = e.get(name)
                if not value:
                    continue
                if type(value) is str:
                    add_text(name, value)
                elif isinstance(value, (list, tuple)):
                    for v in value:
                        if v:
                            add_text(name, str(v))
                else:
                    add_text(name, str(value))
            analysis = e["analysis"] if "analysis" in e else next(made)
            if analysis is not None:
                add_text("body_seg", analysis[0])
                add_text("body_bi", analysis[1])
            year = e.get("year")
            if year:
                d.add_integer("year", int(year))
            d.add_integer("date", int(e.get("date") or 0))
            out.append(("docs" if e["kind"] == "doc" else "items", d))
        return out

    # reading -----------------------------------------------------------
    def _meta_stamp(self, part: str) -> int:
        try:
            return os.stat(os.path.join(self.path, part, "meta.json")).st_mtime_ns
        except OSError:
            return 0

    def _reload(self) -> None:
        self._generation += 1
        for part, index in self._indexes.items():
            index.reload()
            self._stamps[part] = self._meta_stamp(part)

    def generation(self) -> tuple[int, int, int]:
        """Changes whenever this process or another one commits to the index."""
        return self._meta_stamp("docs"), self._meta_stamp("items"), self._generation

    def searcher(self, kind: str = "doc") -> tantivy.Searcher:
        part = _part(kind)
        stamp = self._meta_stamp(part)
        if stamp != self._stamps[part]:              # another process committed
            self._indexes[part].reload()
            self._stamps[part] = stamp
        return self._indexes[part].searcher()

    def num_docs(self, kind: str = "doc") -> int:
        return self.searcher(kind).search(self._term("kind", kind), 1, count=True).count

    def _term(self, field: str, value: Any) -> tantivy.Query:
        return tantivy.Query.term_query(self.schema, field, value)

    def _bigrams(self, tokens: tuple[str, ...]) -> tantivy.Query:
        """The clause's bigram tokens in a row (a phrase: "流动党员" must not match
        "流动 … 推动党建 … 党员")."""
        if len(tokens) == 1:
            token = tokens[0]
            if len(token) == 1 and is_cjk(token):        # a lone character: any bigram holding it
                return tantivy.Query.regex_query(self.schema, "body_bi", f".?{token}.?")
            return self._term("body_bi", token)
        return tantivy.Query.phrase_query(self.schema, "body_bi", list(tokens))

    def build_query(self, pq: ParsedQuery, kind: str, filters: dict[str, Any]) -> tantivy.Query:
        """Every clause must match: the one word of the word field that answers it
        exactly (`Clause.word`), else its bigrams in a row."""
        must = [] if kind == "doc" else [self._term("kind", kind)]
        for clause in pq.clauses:
            if clause.word:
                must.append(self._term("body_seg", clause.word))
            elif clause.bigrams:
                must.append(self._bigrams(clause.bigrams))
        for field, value in filters.items():
            if value is None or value == "":
                continue
            must.append(self._term(field, int(value) if field == "year" else str(value)))
        if not must:
            return tantivy.Query.all_query()
        if len(must) == 1:
            return must[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in must])

    def search(self, pq: ParsedQuery, kind: str = "doc", filters: dict[str, Any] | None = None,
               limit: int = 10, offset: int = 0, query: tantivy.Query | None = None
               ) -> tuple[int, list[tuple[float, str]], tantivy.Query]:
        """(total, [(score, id)], query) for the page [offset, offset+limit);
        pass `query` when it is built already (`build_query()`)."""
        if query is None:
            query = self.build_query(pq, kind, filters or {})
        searcher = self.searcher(kind)
        limit, offset = max(0, int(limit)), max(0, int(offset))
        top = max(1, limit)                       # tantivy panics on a limit of 0
        if pq.empty:
            res = searcher.search(query, top, count=True, offset=offset, order_by_field="date")
        else:
            res = searcher.search(query, top, count=True, offset=offset)
        rows = [(float(score) if not pq.empty else 0.0, searcher.doc(addr).get_first("id"))
                for score, addr in res.hits[:limit]]
        return res.count, rows, query

    def facets(self, query: tantivy.Query, fields: Iterable[str], kind: str = "doc",
               timeout: float | None = None, key: Any = None) -> tuple[dict[str, dict[str, int]], list[str]]:
        """Counts per value of each field over all docs matching `query`, in one
        aggregation; when it takes longer than `timeout` seconds every field is
        reported as timed out (the aggregation finishes in the background).
        With a `key` (hashable, naming the query) counts are cached until the
        index changes."""
        return self.start_facets(query, fields, kind, timeout, key)()

    def start_facets(self, query: tantivy.Query, fields: Iterable[str], kind: str = "doc",
                     timeout: float | None = None, key: Any = None
                     ) -> Callable[[], tuple[dict[str, dict[str, int]], list[str]]]:
        """`facets()` in two steps: start the aggregation (on a pool thread: tantivy
        counts without the GIL) and return the function that waits for it, so the
        caller can fetch the page meanwhile. The time bound counts from the start."""
        fields = list(fields)
        searcher = self.searcher(kind)
        if key is not None:
            key = (key, tuple(fields), self._stamps[_part(kind)], self._generation)
            with self._cache_lock:
                if key in self._facet_cache:
                    self._facet_cache.move_to_end(key)
                    cached = _copy_counts(self._facet_cache[key])
                    return lambda: (cached, [])
        with self._cache_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="dj-facets")
            pool = self._pool
        spec = {f: {"terms": {"field": f, "size": self.facet_size}} for f in fields}
        future = pool.submit(searcher.aggregate, query, spec)
        deadline = time.monotonic() + (self.facet_timeout if timeout is None else timeout)

        def finish() -> tuple[dict[str, dict[str, int]], list[str]]:
            done, _ = wait([future], timeout=max(0.0, deadline - time.monotonic()))
            if not done:
                future.cancel()
                return {}, fields
            result = future.result()
            counts = {f: {str(b["key"]): int(b["doc_count"]) for b in result[f]["buckets"]} for f in fields}
            if key is not None:
                with self._cache_lock:
                    self._facet_cache[key] = _copy_counts(counts)
                    while len(self._facet_cache) > FACET_CACHE:
                        self._facet_cache.popitem(last=False)
            return counts, []

        return finish

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
