"""Read side of the cluster store: search pages, figures, practices, parks.

A mixin for :class:`kb.elastic.ElasticStore` (which provides `_search`,
`_scan`, `alias`). Queries are built from :class:`kb.query.ParsedQuery`
exactly as kb/index.py builds tantivy queries — per clause, a `bool/should`
over the four text fields (phrase of the words / of the bigrams, a lone CJK
character as a bigram regexp) — so both stores match the same documents.
User text only ever reaches `term`, `match_phrase` and `regexp` of an
escaped character: never `query_string`. Snippets come from
:func:`kb.query.build_snippets` over the stored text, so offsets are
identical to the embedded store's.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from kb import entities
from kb.elastic_mappings import BOOSTS
from kb.query import ParsedQuery, build_snippets, is_cjk, parse_query
from kb.records import park_key
from kb.store import FACETS, Hit, SearchPage, SearchQuery

FACET_SIZE = 500               # as kb/index.py
FIGURE_KEYS = ("id", "doc_id", "park", "metric", "value", "unit", "qualifier", "cumulative", "change_from",
               "period", "subject", "text", "span", "sentence", "title", "outlet", "published", "path")
PRACTICE_KEYS = ("id", "doc_id", "park", "name", "aliases", "kind", "category", "components", "subject", "text",
                 "span", "sentence", "title", "outlet", "published", "path")
_ORDER = [{"published": "asc"}, {"doc_id": "asc"}, {"idx": "asc"}]
_BY_ROW = [{"doc_id": "asc"}, {"idx": "asc"}]


def _number(text: Any) -> Any:
    from kb.sqlite_queries import number

    return number(text)


def _ascii_fold(text: str) -> str:
    """What SQLite's LIKE ignores: the case of ASCII letters only."""
    return "".join(ch.lower() if ch.isascii() else ch for ch in text)


def figure_row(src: dict[str, Any]) -> dict[str, Any]:
    row = {k: src.get(k) for k in FIGURE_KEYS}
    row["value"] = _number(src.get("value"))
    row["change_from"] = _number(src.get("change_from"))
    return row


def practice_row(src: dict[str, Any]) -> dict[str, Any]:
    row = {k: src.get(k) for k in PRACTICE_KEYS}
    row["aliases"] = list(src.get("aliases") or [])
    row["components"] = list(src.get("components") or [])
    return row


def _tokens_query(field: str, tokens: tuple[str, ...], boost: float) -> dict[str, Any]:
    if len(tokens) == 1:
        token = tokens[0]
        if field.endswith("_bi") and len(token) == 1 and is_cjk(token):
            return {"regexp": {field: {"value": f".?{re.escape(token)}.?", "boost": boost}}}
        return {"term": {field: {"value": token, "boost": boost}}}
    return {"match_phrase": {field: {"query": " ".join(tokens), "boost": boost}}}


def build_query(pq: ParsedQuery, filters: dict[str, Any]) -> dict[str, Any]:
    """All clauses must match; each clause in any of the four fields; filters exact."""
    must = []
    for clause in pq.clauses:
        should = []
        for field, boost in BOOSTS.items():
            # the *_seg stream overlaps (jieba full mode, kb.query.segment_terms): single terms only
            tokens = (clause.terms if len(clause.terms) == 1 else ()) if field.endswith("_seg") else clause.bigrams
            if tokens:
                should.append(_tokens_query(field, tokens, boost))
        must.append({"bool": {"should": should, "minimum_should_match": 1}})
    flt = [{"term": {k: int(v) if k == "year" else str(v)}} for k, v in filters.items() if v is not None and v != ""]
    return {"bool": {"must": must or [{"match_all": {}}], "filter": flt}}


class ElasticQueries:
    # parks by name ----------------------------------------------------------
    def _park_id(self, name: str | None) -> str | None:
        """Entity id of a park id or any of its names; the key itself when unknown."""
        if not name:
            return None
        res = self._search("entities", {"query": {"bool": {"should": [{"ids": {"values": [name]}},
                                                                        {"term": {"keys": park_key(name)}}]}},
                                        "_source": ["park_id"], "size": 2}, "resolving a park name")
        hits = res["hits"]["hits"]
        for h in hits:
            if h["_id"] == name:
                return name
        return hits[0]["_source"]["park_id"] if hits else park_key(name)

    # documents --------------------------------------------------------------
    def _page(self, kind: str, pq: ParsedQuery, filters: dict[str, Any], facet_fields: tuple, limit: int,
              offset: int, source: list[str] | bool) -> tuple[int, list[tuple[float, dict]], dict, list]:
        body: dict[str, Any] = {
            "query": build_query(pq, filters), "size": max(0, int(limit)), "from": max(0, int(offset)),
            "track_total_hits": True, "_source": source,
            "aggs": {f: {"terms": {"field": f, "size": FACET_SIZE}} for f in facet_fields},
            "sort": ([{"date": "desc"}, {"seq": "desc"}, {"id" if kind != "documents" else "doc_id": "asc"}]
                     if pq.empty else ["_score", {"seq": "asc"}, {"id" if kind != "documents" else "doc_id": "asc"}]),
        }
        res = self._search(kind, body, f"searching {self.alias(kind)}")
        rows = [(float(h["_score"] or 0.0) if not pq.empty else 0.0, h["_source"]) for h in res["hits"]["hits"]]
        facets = {f: {str(b["key"]): int(b["doc_count"]) for b in res["aggregations"][f]["buckets"]}
                  for f in facet_fields}
        return int(res["hits"]["total"]["value"]), rows, facets, []

    def search(self, query: SearchQuery) -> SearchPage:
        pq = parse_query(query.q)
        filters = {"park": self._park_id(query.park), "province": query.province, "year": query.year,
                   "outlet": query.outlet}
        total, rows, facets, timed_out = self._page("documents", pq, filters, FACETS, query.limit, query.offset,
                                                    ["doc_id", "title", "source", "text", "park"])
        hits = [Hit(src["doc_id"], src.get("title") or "", score, dict(src.get("source") or {}),
                    list(src.get("park") or []), build_snippets(src.get("text") or "", pq)) for score, src in rows]
        return SearchPage(hits, total, facets, timed_out)

    # practices and figures ----------------------------------------------------
    def _search_items(self, kind: str, q: str, filters: dict[str, Any], facet_fields: tuple, limit: int,
                      offset: int) -> SearchPage:
        pq = parse_query(q)
        keys = FIGURE_KEYS if kind == "figures" else PRACTICE_KEYS
        total, rows, facets, timed_out = self._page(kind, pq, filters, facet_fields, limit, offset, list(keys))
        make = figure_row if kind == "figures" else practice_row
        return SearchPage([{**make(src), "score": score} for score, src in rows], total, facets, timed_out)

    def search_practices(self, q: str = "", park: str | None = None, category: str | None = None,
                         limit: int = 20, offset: int = 0) -> SearchPage:
        return self._search_items("practices", q, {"park": self._park_id(park), "category": category},
                                  ("park", "category"), limit, offset)

    def search_figures(self, q: str = "", park: str | None = None, limit: int = 20, offset: int = 0) -> SearchPage:
        return self._search_items("figures", q, {"park": self._park_id(park)}, ("park", "unit"), limit, offset)

    def _rows(self, kind: str, filters: dict[str, Any], keys: tuple[str, ...]) -> Iterator[dict[str, Any]]:
        flt = [{"term": {k: v}} for k, v in filters.items() if v is not None and v != ""]
        yield from (h["_source"] for h in self._scan(kind, {"bool": {"filter": flt}}, source=list(keys) + ["idx"],
                                                     sort=_ORDER))

    def figures(self, park: str | None = None, metric: str | None = None, unit: str | None = None,
                year: int | None = None) -> Iterator[dict[str, Any]]:
        """Flat figure rows; `metric` matches metrics containing it (ASCII case ignored), the rest exactly."""
        filters = {"park": self._park_id(park) if park else None, "unit": unit,
                   "year": int(year) if year is not None else None}
        wanted = _ascii_fold(metric) if metric else ""
        for src in self._rows("figures", filters, FIGURE_KEYS):
            if wanted and wanted not in _ascii_fold(src.get("metric") or ""):
                continue
            yield figure_row(src)

    def practices(self, park: str | None = None, category: str | None = None) -> list[dict[str, Any]]:
        filters = {"park": self._park_id(park) if park else None, "category": category}
        return [practice_row(src) for src in self._rows("practices", filters, PRACTICE_KEYS)]

    # parks ---------------------------------------------------------------------
    @staticmethod
    def _aliases(entity: dict[str, Any]) -> list[str]:
        names = sorted(entity.get("names") or [], key=lambda n: n["seq"])
        return [n["name"] for n in names if park_key(n["name"]) != park_key(entity["name"])]

    def parks(self) -> list[dict[str, Any]]:
        ents = [h["_source"] for h in self._scan("entities", {"match_all": {}}, sort=[{"park_id": "asc"}])]
        res = self._search("documents", {"size": 0, "aggs": {"p": {"terms": {"field": "park",
                                                                              "size": max(10, len(ents))}}}},
                           "counting documents per park")
        counts = {b["key"]: int(b["doc_count"]) for b in res["aggregations"]["p"]["buckets"]}
        out = [{"id": e["park_id"], "name": e["name"], "aliases": self._aliases(e), "province": e["province"],
                "city": e["city"], "documents": counts.get(e["park_id"], 0),
                "doc_count": counts.get(e["park_id"], 0)} for e in ents]
        out.sort(key=lambda p: (-p["doc_count"], p["id"]))
        return out

    def park(self, park_id: str) -> dict[str, Any] | None:
        pid = self._park_id(park_id)
        res = self._search("entities", {"query": {"ids": {"values": [pid]}}}, "reading a park")
        if not res["hits"]["hits"]:
            return None
        e = res["hits"]["hits"][0]["_source"]
        docs = [{"doc_id": h["_source"]["doc_id"], "title": h["_source"].get("title") or "",
                 "published": h["_source"].get("published") or ""}
                for h in self._scan("documents", {"term": {"park": pid}}, source=["doc_id", "title", "published"],
                                    sort=[{"published": "asc"}, {"doc_id": "asc"}])]
        by_doc = [{"doc_id": h["_source"]["doc_id"], "name": h["_source"].get("name") or "",
                   "aliases": h["_source"].get("aliases") or [], "kind": h["_source"].get("kind") or ""}
                  for h in self._scan("organizations", {"term": {"park": pid}}, sort=_BY_ROW)]
        people = [{"doc_id": h["_source"]["doc_id"], "name": h["_source"].get("name") or "",
                   "roles": h["_source"].get("roles") or [], "organization": h["_source"].get("organization") or ""}
                  for h in self._scan("people", {"term": {"park": pid}}, sort=_BY_ROW)]
        return {
            "id": pid, "name": e["name"], "aliases": self._aliases(e), "province": e["province"],
            "city": e["city"], "doc_count": len(docs), "documents": docs,
            "organizations": entities.merge_organizations(by_doc),
            "people": entities.merge_people(people),
            "practices": self.practices(park=pid),
            "figures": entities.group_by_metric(self.figures(park=pid)),
        }
