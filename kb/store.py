"""One `Store` protocol for every backend.

`open_store(location)` picks the backend: a folder path is the embedded
SQLite store (:mod:`kb.sqlite`), an ``http(s)://`` URL a cluster
(:mod:`kb.elastic`). Both pass the same contract suite
(tests/kb/test_store_contract.py).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Protocol, runtime_checkable

from kb.records import Record

DEFAULT_STORE = "data"
FACETS = ("park", "province", "year", "outlet")


class StoreError(Exception):
    """A store could not do what was asked; the message says why and what to do."""


class StoreUnavailable(StoreError):
    """The backend cannot be reached (cluster down, folder unwritable …)."""


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    park: str | None = None
    province: str | None = None
    year: int | None = None
    outlet: str | None = None
    limit: int = 10
    offset: int = 0


@dataclass
class Snippet:
    text: str                                   # a window of the document text
    start: int                                  # offset of the window in Document.text
    highlights: list[tuple[int, int]]           # spans in Document.text


@dataclass
class Hit:
    doc_id: str
    title: str
    score: float
    source: dict[str, Any]
    parks: list[str]
    snippets: list[Snippet] = field(default_factory=list)


@dataclass
class SearchPage:
    items: list[Any]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    timed_out_facets: list[str] = field(default_factory=list)


@dataclass
class PutResult:
    doc_id: str
    path: str
    status: str          # stored | duplicate | replaced | failed
    reason: str = ""


@runtime_checkable
class Store(Protocol):
    """Optional, outside the protocol (found with `getattr`): ``preparer()``
    returns a picklable function doing the part of a write that needs no
    store (`kb.sqlite_write.prepare_for_store`); `put_many` then also takes its
    results in place of records, and ingest workers call it
    (`kb.batch.store_preparer`). A store without one is given records."""

    location: str

    # records ---------------------------------------------------------
    def put(self, record: Record) -> PutResult: ...
    def put_many(self, records: Iterable[Record]) -> list[PutResult]: ...
    def get(self, doc_id: str) -> Record | None: ...
    def has(self, doc_id: str) -> bool: ...
    def delete(self, doc_id: str) -> bool: ...
    def count(self) -> int: ...
    def iter_records(self) -> Iterator[Record]: ...
    def known_paths(self) -> dict[str, str]: ...          # path -> doc_id

    # queries ---------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchPage: ...
    def search_practices(self, q: str = "", park: str | None = None,
                         category: str | None = None, limit: int = 20, offset: int = 0) -> SearchPage: ...
    def search_figures(self, q: str = "", park: str | None = None, limit: int = 20, offset: int = 0) -> SearchPage: ...
    def figures(self, park: str | None = None, metric: str | None = None,
                unit: str | None = None, year: int | None = None) -> Iterator[dict[str, Any]]: ...
    def parks(self) -> list[dict[str, Any]]: ...
    def park(self, park_id: str) -> dict[str, Any] | None: ...
    def practices(self, park: str | None = None, category: str | None = None) -> list[dict[str, Any]]: ...

    # maintenance -----------------------------------------------------
    def reindex(self) -> int: ...
    def close(self) -> None: ...


def store_location(location: str | None = None) -> str:
    return location or os.environ.get("DANGJIAN_STORE") or DEFAULT_STORE


def open_store(location: str | None = None, **options: Any) -> Store:
    location = store_location(location)
    if location.startswith(("http://", "https://")):
        from kb.elastic import ElasticStore
        return ElasticStore(location, **options)
    from kb.sqlite import SQLiteStore
    return SQLiteStore(location, **options)
