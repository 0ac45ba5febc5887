"""Read side of the embedded store: search pages, figures, practices, parks.

A mixin for :class:`kb.sqlite.SQLiteStore` (which provides `_conn()`,
`index` and `_park_id()`), kept apart so each module stays small.
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Iterator

from kb import entities
from kb.query import ParsedQuery, build_snippets, parse_query
from kb.store import FACETS, Hit, SearchPage, SearchQuery

_ROW_SOURCE = "d.title AS title, d.outlet AS outlet, d.published AS published, d.path AS path"


_DECODER = json.JSONDecoder(parse_float=Decimal)     # json.loads(…, parse_float=) builds one per call
_EMPTY = {"[]": list, "{}": dict}


def loads(text: str | None, default: Any = None) -> Any:
    if not text:
        return default
    empty = _EMPTY.get(text)
    return empty() if empty else _DECODER.decode(text)


def number(text: str | None) -> int | Decimal | None:
    if text is None:
        return None
    return int(text) if text.lstrip("-").isdigit() else Decimal(text)


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _cache_key(pq: ParsedQuery, filters: dict[str, Any]) -> tuple:
    return (tuple(c.text for c in pq.clauses), tuple(sorted((k, str(v)) for k, v in filters.items() if v)))


def figure_row(r: Any) -> dict[str, Any]:
    return {
        "id": f"{r['doc_id']}-f{r['idx']}", "doc_id": r["doc_id"], "park": r["park_id"],
        "metric": r["metric"], "value": number(r["value"]), "unit": r["unit"], "qualifier": r["qualifier"],
        "cumulative": None if r["cumulative"] is None else bool(r["cumulative"]),
        "change_from": number(r["change_from"]), "period": r["period"], "subject": r["subject"],
        "text": r["text"], "span": None if r["span_start"] is None else [r["span_start"], r["span_end"]],
        "sentence": r["sentence"], "title": r["title"], "outlet": r["outlet"],
        "published": r["published"], "path": r["path"],
    }


def practice_row(r: Any) -> dict[str, Any]:
    return {
        "id": f"{r['doc_id']}-p{r['idx']}", "doc_id": r["doc_id"], "park": r["park_id"],
        "name": r["name"], "aliases": loads(r["aliases"], []), "kind": r["kind"], "category": r["category"],
        "components": loads(r["components"], []), "subject": r["subject"], "text": r["text"],
        "span": None if r["span_start"] is None else [r["span_start"], r["span_end"]],
        "sentence": r["sentence"], "title": r["title"], "outlet": r["outlet"],
        "published": r["published"], "path": r["path"],
    }


class SQLiteQueries:
    # documents ----------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchPage:
        pq = parse_query(query.q)
        filters = {"park": self._park_id(query.park), "province": query.province,
                   "year": query.year, "outlet": query.outlet}
        tq = self.index.build_query(pq, "doc", filters)
        counting = self.index.start_facets(tq, FACETS, key=_cache_key(pq, filters))   # counts while the page is read
        total, rows, _ = self.index.search(pq, "doc", filters, query.limit, query.offset, query=tq)
        hits = self._hits(rows, pq)
        facets, timed_out = counting()
        return SearchPage(hits, total, facets, timed_out)

    def _hits(self, rows: list[tuple[float, str]], pq: ParsedQuery) -> list[Hit]:
        if not rows:
            return []
        ids = [doc_id for _score, doc_id in rows]
        marks = ",".join("?" * len(ids))
        conn = self._conn()
        docs = {r["doc_id"]: r for r in conn.execute(
            f"SELECT doc_id, title, source, text FROM documents WHERE doc_id IN ({marks})", ids)}
        parks: dict[str, list[str]] = {}
        for r in conn.execute(f"SELECT doc_id, park_id FROM parks WHERE doc_id IN ({marks}) ORDER BY doc_id, idx",
                              ids):
            if r[1] not in parks.setdefault(r[0], []):
                parks[r[0]].append(r[1])
        hits = []
        for score, doc_id in rows:
            r = docs.get(doc_id)
            if r is None:                      # deleted since the index was written
                continue
            hits.append(Hit(doc_id, r["title"], score, loads(r["source"], {}), parks.get(doc_id, []),
                            build_snippets(r["text"] or "", pq)))
        return hits

    # practices and figures ------------------------------------------------
    def _item_rows(self, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        keys = []
        for item_id in ids:
            doc_id, _, idx = item_id.rpartition("-")
            keys.append((doc_id, int(idx[1:])))
        where = " OR ".join("(t.doc_id=? AND t.idx=?)" for _ in keys)
        params = [v for k in keys for v in k]
        make = figure_row if table == "figures" else practice_row
        rows = self._conn().execute(f"SELECT t.*, {_ROW_SOURCE} FROM {table} t JOIN documents d"
                                    f" ON d.doc_id=t.doc_id WHERE {where}", params)
        return {item["id"]: item for item in map(make, rows)}

    def _search_items(self, kind: str, table: str, q: str, filters: dict[str, Any], facet_fields: tuple,
                      limit: int, offset: int) -> SearchPage:
        pq = parse_query(q)
        total, rows, tq = self.index.search(pq, kind, filters, limit, offset)
        facets, timed_out = self.index.facets(tq, facet_fields, kind, key=(kind,) + _cache_key(pq, filters))
        found = self._item_rows(table, [item_id for _s, item_id in rows])
        items = [{**found[i], "score": score} for score, i in rows if i in found]
        return SearchPage(items, total, facets, timed_out)

    def search_practices(self, q: str = "", park: str | None = None, category: str | None = None,
                         limit: int = 20, offset: int = 0) -> SearchPage:
        return self._search_items("practice", "practices", q,
                                  {"park": self._park_id(park), "category": category},
                                  ("park", "category"), limit, offset)

    def search_figures(self, q: str = "", park: str | None = None, limit: int = 20,
                       offset: int = 0) -> SearchPage:
        return self._search_items("figure", "figures", q, {"park": self._park_id(park)},
                                  ("park", "unit"), limit, offset)

    def figures(self, park: str | None = None, metric: str | None = None, unit: str | None = None,
                year: int | None = None) -> Iterator[dict[str, Any]]:
        """Flat figure rows; `metric` matches metrics containing it, the rest exactly."""
        where, params = [], []
        if park:
            where.append("t.park_id=?")
            params.append(self._park_id(park))
        if metric:
            where.append("t.metric LIKE ? ESCAPE '\\'")
            params.append(_like(metric))
        if unit:
            where.append("t.unit=?")
            params.append(unit)
        if year is not None:
            where.append("d.year=?")
            params.append(int(year))
        sql = (f"SELECT t.*, {_ROW_SOURCE} FROM figures t JOIN documents d ON d.doc_id=t.doc_id"
               f"{' WHERE ' + ' AND '.join(where) if where else ''} ORDER BY d.published, t.doc_id, t.idx")
        for r in self._conn().execute(sql, params).fetchall():
            yield figure_row(r)

    def practices(self, park: str | None = None, category: str | None = None) -> list[dict[str, Any]]:
        where, params = [], []
        if park:
            where.append("t.park_id=?")
            params.append(self._park_id(park))
        if category:
            where.append("t.category=?")
            params.append(category)
        sql = (f"SELECT t.*, {_ROW_SOURCE} FROM practices t JOIN documents d ON d.doc_id=t.doc_id"
               f"{' WHERE ' + ' AND '.join(where) if where else ''} ORDER BY d.published, t.doc_id, t.idx")
        return [practice_row(r) for r in self._conn().execute(sql, params)]

    # parks -----------------------------------------------------------------
    def _aliases(self, park_id: str, name: str) -> list[str]:
        from kb.records import park_key

        return [r[0] for r in self._conn().execute(
            "SELECT name FROM park_names WHERE park_id=? ORDER BY rowid", (park_id,)) if park_key(r[0]) != park_key(name)]

    def parks(self) -> list[dict[str, Any]]:
        rows = self._conn().execute(
            "SELECT e.park_id, e.name, e.province, e.city, COUNT(DISTINCT p.doc_id) AS n FROM park_entities e"
            " LEFT JOIN parks p ON p.park_id=e.park_id GROUP BY e.park_id ORDER BY n DESC, e.park_id").fetchall()
        return [{"id": r["park_id"], "name": r["name"], "aliases": self._aliases(r["park_id"], r["name"]),
                 "province": r["province"], "city": r["city"], "documents": r["n"], "doc_count": r["n"]}
                for r in rows]

    def park(self, park_id: str) -> dict[str, Any] | None:
        pid = self._park_id(park_id)
        conn = self._conn()
        e = conn.execute("SELECT * FROM park_entities WHERE park_id=?", (pid,)).fetchone()
        if e is None:
            return None
        docs = [dict(r) for r in conn.execute(
            "SELECT DISTINCT d.doc_id, d.title, d.published FROM parks p JOIN documents d ON d.doc_id=p.doc_id"
            " WHERE p.park_id=? ORDER BY d.published, d.doc_id", (pid,))]
        orgs = [{**dict(r), "aliases": loads(r["aliases"], [])} for r in conn.execute(
            "SELECT doc_id, name, aliases, kind FROM organizations WHERE park_id=? ORDER BY doc_id, idx", (pid,))]
        people = [{**dict(r), "roles": loads(r["roles"], [])} for r in conn.execute(
            "SELECT doc_id, name, roles, organization FROM people WHERE park_id=? ORDER BY doc_id, idx", (pid,))]
        return {
            "id": pid, "name": e["name"], "aliases": self._aliases(pid, e["name"]),
            "province": e["province"], "city": e["city"], "doc_count": len(docs), "documents": docs,
            "organizations": entities.merge_organizations(orgs),
            "people": entities.merge_people(people),
            "practices": self.practices(park=pid),
            "figures": entities.group_by_metric(self.figures(park=pid)),
        }
