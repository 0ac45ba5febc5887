"""Write side of the cluster store: put/put_many/delete, mirrored from kb/sqlite.py.

A mixin for :class:`kb.elastic.ElasticStore` (which provides `_search`,
`_scan`, `_write`, `_load_entities`, `_max_seq`, `refresh`, `alias`).

Per batch: look up which doc_ids and paths are stored (two queries), decide
each record's fate in order exactly as ``SQLiteStore._put_one`` does
(duplicate / replaced / stored / failed), resolve parks into entities in
memory, then send one streamed bulk request: deletes of replaced versions,
list rows, the `documents` entries (a record's own entry after its rows),
rows re-pointed by entity merges, and the changed entities. A record is
``stored`` only when all its actions were acknowledged; otherwise it is
``failed`` with the cluster's reason and its `documents` entry is taken back,
so re-running the same records completes the job.
"""
from __future__ import annotations

import contextlib
import json
from itertools import islice
from typing import Any, Iterable

from kb import entities
from kb.elastic_bulk import BulkUnavailableError, BulkWriteError
from kb.elastic_entities import ParkEntities
from kb.elastic_mappings import LIST_KINDS, item_id, nonempty, search_fields
from kb.query import sentence_at, sentence_ends
from kb.records import Record, year_of
from kb.store import PutResult, StoreError, StoreUnavailable


def _sqlite_helpers():
    """Validation and JSON rules shared with the embedded store (one definition)."""
    from kb.sqlite import _date_key
    from kb.sqlite_write import RecordError, dumps, exact

    return RecordError, _date_key, dumps, exact


class ElasticWrites:
    # records ---------------------------------------------------------------
    def put(self, record: Record) -> PutResult:
        return self.put_many([record])[0]

    def put_many(self, records: Iterable[Record]) -> list[PutResult]:
        results: list[PutResult] = []
        unacked = False
        it = iter(records)
        while True:
            batch = list(islice(it, self.batch_size))
            if not batch:
                break
            try:
                out = self._put_batch(batch)
            except StoreUnavailable as exc:     # cluster gone: name every record not written
                rest = batch + list(it)
                results += [PutResult(*_ident(r), "failed", f"not sent: {exc}") for r in rest]
                raise BulkUnavailableError(self.url, results) from None
            results += out
            unacked = unacked or any(r.status == "failed" and r.reason.startswith("cluster:") for r in out)
        if unacked:
            raise BulkWriteError(self.url, results)
        return results

    def _put_batch(self, batch: list[Record]) -> list[PutResult]:
        cut = _path_conflict(batch)
        if cut:
            return self._put_batch(batch[:cut]) + self._put_batch(batch[cut:])
        RecordError, date_key, dumps, exact = _sqlite_helpers()
        ent = self._load_entities()
        ids = [str(r["doc_id"]) for r in batch if isinstance(r, dict) and r.get("doc_id")]
        existing = self._existing(ids)
        paths = list({_ident(r)[1] for r in batch if isinstance(r, dict)} - {""})
        by_path = self._docs_by_path(paths)
        seq = self._max_seq()
        plan: list[tuple[int | None, dict[str, Any]]] = []    # (owner record, action)
        results: list[PutResult] = []
        pending_ids: set[str] = set()
        deleted: set[str] = set()
        pending_parks: list[dict[str, Any]] = []
        built: list[tuple[int, dict[str, Any], list[tuple[str, dict[str, Any]]]]] = []
        for n, record in enumerate(batch):
            doc_id, path = _ident(record)
            if not isinstance(record, dict) or not record.get("doc_id"):
                results.append(PutResult(doc_id, path, "failed", "RecordError: record has no doc_id; build "
                                                                  "records with kb.records.make_record()"))
                continue
            if doc_id in existing or doc_id in pending_ids:
                results.append(PutResult(doc_id, path, "duplicate"))
                continue
            try:
                prepared = _prepare(record, exact, dumps, RecordError)
            except (RecordError, ValueError, TypeError, KeyError, AttributeError) as exc:
                results.append(PutResult(doc_id, path, "failed", f"{type(exc).__name__}: {exc}"))
                continue
            status = "stored"
            for old in by_path.get(path, []) if path else []:
                if old["doc_id"] in deleted:
                    continue
                plan += [(n, a) for a in self._delete_actions(old, ent, deleted, pending_parks)]
                status = "replaced"
            seq += 1
            doc, items = self._build(record, prepared, ent, seq, pending_parks, date_key, dumps)
            built.append((n, doc, items))
            pending_ids.add(doc_id)
            results.append(PutResult(doc_id, path, status))
        # merges in this batch: rewrite stored rows, then finalise the new ones
        for n, doc, items in built:
            doc["park"] = nonempty(list(dict.fromkeys(ent.final(p) for p in doc["park"] or [])))
            for _kind, row in items:
                row["park"] = ent.final(row["park"])
            plan += [(n, {"_op_type": "index", "_index": self.alias(k), "_id": row["id"], "_source": row})
                     for k, row in items]
            plan.append((n, {"_op_type": "index", "_index": self.alias("documents"), "_id": doc["doc_id"],
                             "_source": doc}))
        plan += [(None, a) for a in self._merge_actions(ent, deleted | pending_ids)]
        plan += [(None, a) for a in ent.actions(self.alias("entities"))]
        failures = self._write([a for _n, a in plan]) if plan else {}
        if failures:
            self._settle_failures(plan, failures, results)
        if plan:
            self.refresh()
        return results

    def _settle_failures(self, plan, failures, results) -> None:
        """Mark records with unacknowledged actions failed and take back what they did write.

        `results[n]` is the result of record n of the batch (one per record, in order).
        Undoing is best effort (the cluster may be gone); a re-run overwrites the same ids."""
        reasons: dict[int, str] = {}
        shared = ""
        for i, reason in failures.items():
            owner = plan[i][0]
            if owner is None:
                shared = shared or reason
            else:
                reasons.setdefault(owner, reason)
        written: dict[int, list[dict[str, Any]]] = {}
        for owner, action in plan:
            if owner is not None and action["_op_type"] == "index":
                written.setdefault(owner, []).append(action)
        undo, pids = [], set()
        for n, res in enumerate(results):
            if res.status not in ("stored", "replaced"):
                continue
            reason = reasons.get(n) or (shared and f"park entity update: {shared}")
            if reason:
                results[n] = PutResult(res.doc_id, res.path, "failed", f"cluster: {reason}")
                for a in written.get(n, []):
                    undo.append({"_op_type": "delete", "_index": a["_index"], "_id": a["_id"]})
                    if a["_index"] == self.alias("parks") and a["_source"].get("park"):
                        pids.add(a["_source"]["park"])
        if not undo:
            return
        with contextlib.suppress(StoreError):
            self._write(undo)
            self.refresh()
            ent = self._load_entities()
            for pid in sorted(pids):
                ent.refresh(pid, self._park_rows(ent, pid, set(), []))
            self._write(ent.actions(self.alias("entities")))

    def _existing(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        res = self._search("documents", {"query": {"ids": {"values": ids}}, "size": len(ids), "_source": False},
                           "checking for duplicates")
        return {h["_id"] for h in res["hits"]["hits"]}

    def _docs_by_path(self, paths: list[str]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        if not paths:
            return out
        for h in self._scan("documents", {"terms": {"path": paths}}, source=["doc_id", "path", "park", "counts"]):
            out.setdefault(h["_source"]["path"], []).append(h["_source"])
        return out

    def _build(self, record, prepared, ent: ParkEntities, seq, pending_parks, date_key, dumps):
        """The `documents` entry and list rows of a record (park ids resolved now, finalised later).

        Values are converted as kb/sqlite_write.py converts them (`_s`, exact numbers, sentences)."""
        doc_id = str(record["doc_id"])
        source = dict(record.get("source") or {})
        text = _s(record.get("text"))
        sentence = _Sentences(text)
        doc_parks: list[tuple[str, list[str]]] = []
        rows: list[tuple[str, dict[str, Any]]] = []
        meta = {"doc_id": doc_id, "title": _s(source.get("title")), "outlet": _s(source.get("outlet")),
                "published": _s(source.get("published")), "path": _s(source.get("path")),
                "year": year_of(record), "date": date_key(_s(source.get("published"))), "seq": seq}
        provinces: list[str] = []
        for i, item in enumerate(record.get("parks") or []):
            names = entities.park_names(item)
            if not names:
                continue
            pid, _merged = ent.resolve(item, names)
            doc_parks.append((pid, names))
            row = {**meta, "idx": i, "id": item_id("parks", doc_id, i), "park": pid, "name": names[0],
                   "aliases": names[1:], "province": _s(item.get("province")), "city": _s(item.get("city"))}
            rows.append(("parks", row))
            pending_parks.append(row)
            if row["province"] and row["province"] not in provinces:
                provinces.append(row["province"])
        assigned = entities.assign_parks(record, doc_parks)
        facet = {"province": nonempty(provinces), "outlet": nonempty(meta["outlet"])}
        for i, o in enumerate(record.get("organizations") or []):
            rows.append(("organizations", {**meta, "idx": i, "id": item_id("organizations", doc_id, i),
                                           "park": assigned["organizations"][i], "name": _s(o.get("name")),
                                           "aliases": _plain(o.get("aliases") or [], dumps),
                                           "kind": _s(o.get("kind")), "park_name": _s(o.get("park"))}))
        for i, p in enumerate(record.get("people") or []):
            rows.append(("people", {**meta, "idx": i, "id": item_id("people", doc_id, i),
                                    "park": assigned["people"][i], "name": _s(p.get("name")),
                                    "roles": _plain(p.get("roles") or [], dumps),
                                    "organization": _s(p.get("organization"))}))
        for i, (f, (value, change)) in enumerate(zip(record.get("figures") or [], prepared["figures"])):
            row = {**meta, "idx": i, "id": item_id("figures", doc_id, i), "park": assigned["figures"][i],
                   "metric": _s(f.get("metric")), "value": value,
                   "value_num": float(value) if value is not None else None, "unit": _s(f.get("unit")),
                   "qualifier": _s(f.get("qualifier")),
                   "cumulative": None if f.get("cumulative") is None else bool(f["cumulative"]),
                   "change_from": change, "period": f.get("period"), "subject": _s(f.get("subject")),
                   "text": _s(f.get("text")), "span": _span(f), "sentence": sentence(f)}
            row.update(search_fields(row["metric"], f"{row['text']} {row['subject']}", self.bigrams))
            rows.append(("figures", row))
        for i, p in enumerate(record.get("practices") or []):
            aliases, components = _plain(p.get("aliases") or [], dumps), _plain(p.get("components") or [], dumps)
            row = {**meta, "idx": i, "id": item_id("practices", doc_id, i),
                   "park": assigned["practices"][i], "name": _s(p.get("name")), "aliases": aliases,
                   "kind": _s(p.get("kind")), "category": _s(p.get("category")), "components": components,
                   "subject": _s(p.get("subject")), "text": _s(p.get("text")), "span": _span(p),
                   "sentence": sentence(p)}
            row.update(search_fields(" ".join([row["name"]] + list(aliases)),
                                     " ".join([row["text"]] + list(components)), self.bigrams))
            rows.append(("practices", row))
        for kind, row in rows:
            if kind != "parks":
                row["province"] = facet["province"]
            row["park"] = row["park"] or None
        original = _s(record.get("original"))
        doc = {"doc_id": doc_id, "seq": seq, "path": meta["path"] or None, "title": meta["title"],
               "outlet": facet["outlet"], "published": meta["published"], "year": meta["year"],
               "date": meta["date"], "province": facet["province"], "park": [pid for pid, _n in doc_parks],
               "script": _s(source.get("script")), "counts": {k: len(record.get(k) or []) for k in LIST_KINDS},
               "source": _plain(source, dumps), "record": prepared["json"], "text": text,
               "original": None if original == text else original,      # not stored twice
               **search_fields(meta["title"], text, self.bigrams)}
        return doc, rows

    def _delete_actions(self, old: dict[str, Any], ent: ParkEntities, deleted: set[str],
                        pending_parks: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Actions removing a stored document and its rows; its parks' names are rebuilt."""
        doc_id = old["doc_id"]
        deleted.add(doc_id)
        actions = [{"_op_type": "delete", "_index": self.alias(k), "_id": item_id(k, doc_id, i)}
                   for k in LIST_KINDS for i in range(int((old.get("counts") or {}).get(k, 0)))]
        actions.append({"_op_type": "delete", "_index": self.alias("documents"), "_id": doc_id})
        for pid in dict.fromkeys(ent.final(p) for p in old.get("park") or []):
            ent.refresh(pid, self._park_rows(ent, pid, deleted, pending_parks))
        return actions

    def _park_rows(self, ent: ParkEntities, pid: str, deleted: set[str],
                   pending_parks: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
        rows = [h["_source"] for h in self._scan("parks", {"terms": {"park": ent.sources_of(pid)}},
                                                  source=["doc_id", "seq", "idx", "name", "aliases"],
                                                  sort=[{"seq": "asc"}, {"idx": "asc"}])
                if h["_source"]["doc_id"] not in deleted]
        rows += [r for r in pending_parks if ent.final(r["park"]) == pid and r["doc_id"] not in deleted]
        rows.sort(key=lambda r: (r["seq"], r["idx"]))
        return [(r["name"], list(r.get("aliases") or [])) for r in rows]

    def _merge_actions(self, ent: ParkEntities, skip: set[str]) -> list[dict[str, Any]]:
        """Stored rows naming an entity merged away in this batch, re-written with the survivor."""
        if not ent.merged:
            return []
        srcs = list(ent.merged)
        out = []
        for kind in ("documents",) + LIST_KINDS:
            for h in self._scan(kind, {"terms": {"park": srcs}}):
                src = h["_source"]
                if src["doc_id"] in skip:
                    continue
                if kind == "documents":
                    src["park"] = nonempty(list(dict.fromkeys(ent.final(p) for p in src.get("park") or [])))
                else:
                    src["park"] = ent.final(src["park"])
                out.append({"_op_type": "index", "_index": self.alias(kind), "_id": h["_id"], "_source": src})
        return out

    def delete(self, doc_id: str) -> bool:
        res = self._search("documents", {"query": {"ids": {"values": [doc_id]}},
                                         "_source": ["doc_id", "park", "counts"]}, "finding a document")
        hits = res["hits"]["hits"]
        if not hits:
            return False
        ent = self._load_entities()
        actions = self._delete_actions(hits[0]["_source"], ent, set(), [])
        actions += ent.actions(self.alias("entities"))
        failures = self._write(actions)
        self.refresh()
        if failures:
            raise StoreError(f"deleting {doc_id} from {self.url} was not acknowledged: "
                             f"{next(iter(failures.values()))}; run the delete again")
        return True


def _ident(record: Any) -> tuple[str, str]:
    if not isinstance(record, dict):
        return "", ""
    source = record.get("source") or {}
    path = source.get("path") if isinstance(source, dict) else ""
    return str(record.get("doc_id") or ""), str(path or "")


def _path_conflict(batch: list[Record]) -> int:
    """Index of the first record replacing an earlier record of the same batch (0: none)."""
    seen: dict[str, str] = {}
    for n, record in enumerate(batch):
        doc_id, path = _ident(record)
        if not path:
            continue
        if path in seen and seen[path] != doc_id:
            return n
        seen.setdefault(path, doc_id)
    return 0


def _prepare(record: Record, exact, dumps, RecordError) -> dict[str, Any]:
    """Everything that can reject a record, checked before anything is written."""
    for key in ("parks", "organizations", "people", "figures", "practices"):
        items = record.get(key) or []
        if not isinstance(items, list):
            raise RecordError(f"{key} is a {type(items).__name__}; expected a list")
        for item in items:
            if not isinstance(item, dict):
                raise RecordError(f"an entry of {key} is a {type(item).__name__} ({item!r:.40}); expected an object")
    figures = [(exact(f.get("value"), "value"), exact(f.get("change_from"), "change_from"))
               for f in record.get("figures") or []]
    for item in (record.get("figures") or []) + (record.get("practices") or []):
        _span(item)
    body = {k: v for k, v in record.items() if k not in ("text", "original")}
    return {"figures": figures, "json": dumps(body)}          # TypeError here: not JSON, as in SQLite


def _span(item: dict) -> list[int] | None:
    span = item.get("span")
    if not span:
        return None
    return [int(span[0]), int(span[1])]


def _plain(value: Any, dumps) -> Any:
    """JSON-safe copy (sets → lists, Decimal → number) as the embedded store would store it."""
    return json.loads(dumps(value))


def _s(value: Any) -> str:
    return "" if value is None else str(value)


class _Sentences:
    """Sentence of an item's span (the text's sentence ends computed once), as kb/sqlite_write.py."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends: list[int] | None = None

    def __call__(self, item: dict) -> str:
        span = _span(item)
        if span is None or not self.text:
            return _s(item.get("text"))
        if self.ends is None:
            self.ends = sentence_ends(self.text)
        return sentence_at(self.text, span[0], span[1], self.ends)
