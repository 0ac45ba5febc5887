"""A small in-memory `Store` for API tests: used only when kb.sqlite cannot be imported.

It follows the Protocol closely enough for the API: substring search with
snippets and facets, parks keyed by `park_key`, practices/figures tagged with
their document and park.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Iterator

from kb.records import park_key, year_of
from kb.store import FACETS, Hit, PutResult, SearchPage, SearchQuery, Snippet


def _park_of(record: dict[str, Any], item: dict[str, Any]) -> str:
    names = [p["name"] for p in record.get("parks", [])]
    subject = item.get("subject") or item.get("park") or ""
    for name in names:
        if subject and (park_key(subject).startswith(park_key(name)) or park_key(name) in park_key(subject)):
            return name
    return names[0] if names else ""


class MemoryStore:
    def __init__(self, location: str = ":memory:") -> None:
        self.location = location
        self.records: dict[str, dict[str, Any]] = {}

    # records ---------------------------------------------------------
    def put(self, record):
        status = "replaced" if record["doc_id"] in self.records else "stored"
        self.records[record["doc_id"]] = record
        return PutResult(record["doc_id"], record.get("source", {}).get("path", ""), status)

    def put_many(self, records: Iterable):
        return [self.put(r) for r in records]

    def get(self, doc_id):
        return self.records.get(doc_id)

    def has(self, doc_id):
        return doc_id in self.records

    def delete(self, doc_id):
        return self.records.pop(doc_id, None) is not None

    def count(self):
        return len(self.records)

    def iter_records(self) -> Iterator:
        return iter(list(self.records.values()))

    def known_paths(self):
        return {r["source"].get("path", ""): d for d, r in self.records.items()}

    # queries ---------------------------------------------------------
    def _matches(self, record, query: SearchQuery) -> bool:
        src = record.get("source", {})
        if query.park and not any(park_key(query.park) in {park_key(n) for n in [p["name"], *p.get("aliases", [])]}
                                  for p in record.get("parks", [])):
            return False
        if query.province and not any(p.get("province") == query.province for p in record.get("parks", [])):
            return False
        if query.year and year_of(record) != query.year:
            return False
        if query.outlet and src.get("outlet") != query.outlet:
            return False
        return all(t in record["text"] for t in query.q.split())

    def search(self, query: SearchQuery) -> SearchPage:
        import opencc

        query = SearchQuery(**{**query.__dict__, "q": opencc.OpenCC("t2s").convert(query.q)})
        hits = [r for r in self.records.values() if self._matches(r, query)]
        facets: dict[str, Counter] = {f: Counter() for f in FACETS}
        for r in hits:
            for p in r.get("parks", []):
                facets["park"][p["name"]] += 1
                if p.get("province"):
                    facets["province"][p["province"]] += 1
            if year_of(r):
                facets["year"][str(year_of(r))] += 1
            if r["source"].get("outlet"):
                facets["outlet"][r["source"]["outlet"]] += 1
        items = []
        for r in hits[query.offset:query.offset + query.limit]:
            snippets = []
            for term in query.q.split()[:2]:
                i = r["text"].find(term)
                start = max(0, i - 20)
                snippets.append(Snippet(r["text"][start:i + len(term) + 40], start, [(i, i + len(term))]))
            if not snippets:
                snippets.append(Snippet(r["text"][:80], 0, []))
            items.append(Hit(r["doc_id"], r["source"].get("title", ""), 1.0, r["source"],
                             [p["name"] for p in r.get("parks", [])], snippets))
        return SearchPage(items, len(hits), {f: dict(c) for f, c in facets.items()})

    def _items(self, kind: str) -> Iterator[dict[str, Any]]:
        for r in self.records.values():
            for item in r.get(kind, []):
                yield {**item, "doc_id": r["doc_id"], "park": _park_of(r, item),
                       "title": r["source"].get("title", ""), "outlet": r["source"].get("outlet", ""),
                       "published": r["source"].get("published", "")}

    def practices(self, park=None, category=None):
        return [p for p in self._items("practices")
                if (not park or park_key(p["park"]) == park_key(park)) and (not category or p.get("category") == category)]

    def figures(self, park=None, metric=None, unit=None, year=None):
        for f in self._items("figures"):
            if park and park_key(f["park"]) != park_key(park):
                continue
            if metric and metric not in f.get("metric", ""):
                continue
            if unit and f.get("unit") != unit:
                continue
            if year and not str(f.get("published", "")).startswith(str(year)):
                continue
            yield f

    def search_practices(self, q="", park=None, category=None, limit=20, offset=0):
        found = [p for p in self.practices(park, category) if all(t in p.get("name", "") + p.get("text", "")
                                                                   for t in q.split())]
        return SearchPage(found[offset:offset + limit], len(found))

    def search_figures(self, q="", park=None, limit=20, offset=0):
        found = [f for f in self.figures(park) if all(t in f.get("text", "") for t in q.split())]
        return SearchPage(found[offset:offset + limit], len(found))

    def parks(self):
        out: dict[str, dict[str, Any]] = {}
        for r in self.records.values():
            for p in r.get("parks", []):
                entry = out.setdefault(park_key(p["name"]), {"id": park_key(p["name"]), "name": p["name"],
                                                            "aliases": [], "province": p.get("province", ""),
                                                            "city": p.get("city", ""), "documents": 0})
                entry["documents"] += 1
                entry["aliases"] = sorted(set(entry["aliases"]) | set(p.get("aliases", [])))
        return sorted(out.values(), key=lambda p: -p["documents"])

    def park(self, park_id):
        for p in self.parks():
            if park_key(park_id) in {p["id"], *map(park_key, p["aliases"])}:
                return p
        return None

    def reindex(self):
        return len(self.records)

    def close(self):
        pass
