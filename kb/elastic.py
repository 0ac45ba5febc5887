"""The cluster store: Elasticsearch or OpenSearch behind the same `Store` protocol.

Chosen when the store location is an ``http(s)://`` URL. The distribution is
read from the cluster's own ``GET /`` and the matching official client is used
(kb.elastic_conn); mappings (kb.elastic_mappings), writes (kb.elastic_write),
queries and aggregations (kb.elastic_queries) and bulk logic (kb.elastic_bulk)
are shared.

Writes mirror the embedded store (kb/sqlite.py) record for record: a record
whose doc_id is stored is a ``duplicate``, one whose ``source.path`` is stored
under another doc_id ``replaces`` it, a malformed record ``failed`` and commits
nothing. Each batch becomes one streamed bulk request; a record counts as
stored only when every action it needed was acknowledged (its `documents`
entry is written last and removed again if anything else failed).
`reindex()` builds new versioned indices, swaps every alias in one
``_aliases`` call and drops the old versions.
"""
from __future__ import annotations

import contextlib
import os
import re
import time
from itertools import islice
from typing import Any, Iterator

from kb.elastic_bulk import BulkOptions, write_actions
from kb.elastic_conn import connect, public_url
from kb.elastic_entities import ParkEntities
from kb.elastic_mappings import KINDS, SCHEMA_VERSION, index_body, search_fields
from kb.elastic_queries import ElasticQueries
from kb.elastic_write import ElasticWrites
from kb.records import Record
from kb.store import StoreError, StoreUnavailable

DEFAULT_PREFIX = "dangjian"
BATCH_SIZE = 500
REINDEX_SLICE = 5000
_UNIQUE_SORT = {"documents": [{"seq": "asc"}, {"doc_id": "asc"}], "entities": [{"park_id": "asc"}]}
_PREFIX_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,100}$")


class ElasticStore(ElasticWrites, ElasticQueries):
    """`Store` over a cluster; `prefix` names its indices (``<prefix>-documents`` …).

    Settings not in the URL come from the environment: ``DANGJIAN_ES_PREFIX``,
    ``DANGJIAN_ES_API_KEY``, ``DANGJIAN_ES_CA_CERTS`` (user:password go in the URL).
    Extra keyword options tune bulk writes (see `BulkOptions`).
    """

    def __init__(self, location: str, prefix: str | None = None, *, timeout: float = 30.0,
                 max_retries: int = 2, batch_size: int = BATCH_SIZE, bigrams: str = "client",
                 api_key: str | None = None, verify_certs: bool = True, ca_certs: str | None = None,
                 shards: int = 1, replicas: int = 0, bulk: BulkOptions | None = None, **bulk_options: Any) -> None:
        self.location = str(location)
        self.url = public_url(self.location)
        self.prefix = (prefix or os.environ.get("DANGJIAN_ES_PREFIX") or DEFAULT_PREFIX).lower()
        if not _PREFIX_RE.match(self.prefix):
            raise StoreError(f"index prefix {self.prefix!r} is not a valid index name start; "
                             "use lower-case letters, digits, '-', '_' or '.'")
        if bigrams not in ("client", "server"):
            raise StoreError(f"bigrams={bigrams!r}: use 'client' or 'server'")
        self.batch_size = max(1, int(batch_size))
        self.bulk = bulk or BulkOptions(**bulk_options)
        self.shards, self.replicas = shards, replicas
        self.conn = connect(self.location, timeout=timeout, max_retries=max_retries,
                            api_key=api_key or os.environ.get("DANGJIAN_ES_API_KEY") or None,
                            verify_certs=verify_certs,
                            ca_certs=ca_certs or os.environ.get("DANGJIAN_ES_CA_CERTS") or None)
        self.client = self.conn.client
        self.bigrams = bigrams
        self._ensure_indices()

    # plumbing --------------------------------------------------------------
    def alias(self, kind: str) -> str:
        return f"{self.prefix}-{kind}"

    @contextlib.contextmanager
    def _guard(self, what: str):
        """Client exceptions → one StoreUnavailable/StoreError naming URL and cause."""
        try:
            yield
        except self.conn.transport_errors as exc:
            raise StoreUnavailable(f"the cluster at {self.url} stopped answering while {what}: "
                                   f"{self.conn.describe(exc)}") from None
        except self.conn.api_errors as exc:
            raise StoreError(f"the cluster at {self.url} refused {what}: {self.conn.describe(exc)}") from None

    def _new_index_name(self, kind: str) -> str:
        return f"{self.alias(kind)}-v{SCHEMA_VERSION}-{time.strftime('%Y%m%d%H%M%S')}{time.time_ns() % 10**6:06d}"

    def _create_index(self, kind: str, bigrams: str) -> str:
        name = self._new_index_name(kind)
        with self._guard(f"creating index {name} (mapping rejected?)"):
            self.client.indices.create(index=name, body=index_body(kind, bigrams, self.shards, self.replicas))
        return name

    def _concrete(self, kind: str) -> str | None:
        with self._guard(f"reading alias {self.alias(kind)}"):
            if not self.client.indices.exists_alias(name=self.alias(kind)):
                return None
            found = self.client.indices.get_alias(name=self.alias(kind))
        return next(iter(getattr(found, "body", found)))     # ES client: ObjectApiResponse

    def _ensure_indices(self) -> None:
        docs = self._concrete("documents")
        if docs is not None:
            with self._guard("reading the documents mapping"):
                meta = self.client.indices.get_mapping(index=docs)[docs]["mappings"].get("_meta") or {}
            self.bigrams = meta.get("bigrams", self.bigrams)
        adds = []
        for kind in KINDS:
            if (docs is not None and kind == "documents") or self._concrete(kind) is not None:
                continue
            adds.append({"add": {"index": self._create_index(kind, self.bigrams), "alias": self.alias(kind)}})
        if adds:
            with self._guard("adding index aliases"):
                self.client.indices.update_aliases(body={"actions": adds})

    def _search(self, kind: str, body: dict[str, Any], what: str) -> dict[str, Any]:
        with self._guard(what):
            return self.client.search(index=self.alias(kind), body=body)

    def _scan(self, kind: str, query: dict[str, Any], source: Any = True, sort: list | None = None,
              page: int = 500, index: str | None = None) -> Iterator[dict[str, Any]]:
        """Every hit of `query`, paged with search_after on a unique sort."""
        sort = sort or _UNIQUE_SORT.get(kind, [{"doc_id": "asc"}, {"idx": "asc"}])
        after = None
        while True:
            body: dict[str, Any] = {"query": query, "size": page, "sort": sort, "_source": source,
                                    "track_total_hits": False}
            if after is not None:
                body["search_after"] = after
            with self._guard(f"reading {index or self.alias(kind)}"):
                hits = self.client.search(index=index or self.alias(kind), body=body)["hits"]["hits"]
            yield from hits
            if len(hits) < page:
                return
            after = hits[-1]["sort"]

    def refresh(self) -> None:
        with self._guard("refreshing indices"):
            self.client.indices.refresh(index=",".join(self.alias(k) for k in KINDS))

    def _write(self, actions: list[dict[str, Any]]) -> dict[int, str]:
        return write_actions(self.conn, actions, self.bulk)

    def _load_entities(self) -> ParkEntities:
        return ParkEntities(h["_source"] for h in self._scan("entities", {"match_all": {}},
                                                              sort=[{"park_id": "asc"}]))

    def _max_seq(self) -> int:
        res = self._search("documents", {"size": 0, "aggs": {"m": {"max": {"field": "seq"}}}}, "reading seq")
        value = res["aggregations"]["m"]["value"]
        return int(value or 0)

    # reading records -----------------------------------------------------------
    def _record(self, src: dict[str, Any]) -> Record:
        from kb.sqlite_queries import loads

        record = loads(src.get("record"), {})
        record["text"] = src.get("text") or ""
        original = src.get("original")                 # not stored when equal to the text
        record["original"] = record["text"] if original is None else original
        return record

    def get(self, doc_id: str) -> Record | None:
        res = self._search("documents", {"query": {"ids": {"values": [doc_id]}},
                                         "_source": ["record", "text", "original"]}, "reading a record")
        hits = res["hits"]["hits"]
        return self._record(hits[0]["_source"]) if hits else None

    def has(self, doc_id: str) -> bool:
        res = self._search("documents", {"query": {"ids": {"values": [doc_id]}}, "size": 0,
                                         "track_total_hits": True}, "checking a record")
        return res["hits"]["total"]["value"] > 0

    def count(self) -> int:
        with self._guard("counting documents"):
            return int(self.client.count(index=self.alias("documents"))["count"])

    def iter_records(self) -> Iterator[Record]:
        for h in self._scan("documents", {"match_all": {}}, source=["record", "text", "original"], page=200):
            yield self._record(h["_source"])

    def known_paths(self) -> dict[str, str]:
        return {h["_source"]["path"]: h["_source"]["doc_id"]
                for h in self._scan("documents", {"exists": {"field": "path"}}, source=["path", "doc_id"])}

    # maintenance -------------------------------------------------------------------
    def reindex(self) -> int:
        """Copy every index into a new version (search fields recomputed), swap all aliases at once."""
        old = {k: self._concrete(k) for k in KINDS}
        new = {k: self._create_index(k, self.bigrams) for k in KINDS}
        n = 0
        try:
            for kind in KINDS:
                hits = self._scan(kind, {"match_all": {}})
                while True:                       # streamed in slices: memory stays flat
                    chunk = [{"_op_type": "index", "_index": new[kind], "_id": h["_id"],
                              "_source": self._reindexed(kind, h["_source"])} for h in islice(hits, REINDEX_SLICE)]
                    if not chunk:
                        break
                    failures = self._write(chunk)
                    if failures:
                        raise StoreError(f"reindex of {self.alias(kind)} in {self.url} failed for {len(failures)} "
                                         f"entries: {next(iter(failures.values()))}; nothing was switched, "
                                         "run `dangjian reindex` again")
                    n += len(chunk) if kind == "documents" else 0
            with self._guard("refreshing the new indices"):
                self.client.indices.refresh(index=",".join(new.values()))
            swap = []
            for kind in KINDS:
                if old[kind]:
                    swap.append({"remove": {"index": old[kind], "alias": self.alias(kind)}})
                swap.append({"add": {"index": new[kind], "alias": self.alias(kind)}})
            with self._guard("swapping aliases"):
                self.client.indices.update_aliases(body={"actions": swap})
        except BaseException:
            with contextlib.suppress(Exception):
                self.client.indices.delete(index=",".join(new.values()))
            raise
        with contextlib.suppress(Exception):
            self.client.indices.delete(index=",".join(v for v in old.values() if v))
        return n

    def _reindexed(self, kind: str, src: dict[str, Any]) -> dict[str, Any]:
        if kind == "documents":
            src.update(search_fields(src.get("title") or "", src.get("text") or "", self.bigrams))
        elif kind == "figures":
            src.update(search_fields(src.get("metric") or "", f"{src.get('text') or ''} {src.get('subject') or ''}",
                                     self.bigrams))
        elif kind == "practices":
            src.update(search_fields(" ".join([src.get("name") or ""] + list(src.get("aliases") or [])),
                                     " ".join([src.get("text") or ""] + list(src.get("components") or [])),
                                     self.bigrams))
        return src

    def drop(self) -> None:
        """Delete every index of this prefix (tests, `--fresh`)."""
        names = [c for c in (self._concrete(k) for k in KINDS) if c]
        if names:
            with self._guard("deleting indices"):
                self.client.indices.delete(index=",".join(names))

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()

    def __enter__(self) -> "ElasticStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
