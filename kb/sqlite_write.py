"""Write side of the embedded store: records → rows, written a batch at a time.

`prepare()` turns a record into table rows without touching the database;
every problem with a record (a figure value that is not a number, an item
that is not an object …) surfaces here, so a bad record is refused before
anything of it is written. `prepare_for_store()` adds the analysed text of its
index entries (`kb.index_text`): both are pure, so ingest worker processes run
them and the writer gets `Prepared` objects instead of records. `WriteBatch`
then resolves parks against the entity tables and accumulates rows, flushing
them with one `executemany` per table — inside the caller's single
transaction, so a document and its extractions commit together or not at all.
"""
from __future__ import annotations

import json
from json.encoder import encode_basestring as _quote
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from kb import entities
from kb.index_text import ANALYSIS_VERSION, Analysis, analyse
from kb.query import sentence_at, sentence_ends
from kb.records import Record, park_key, year_of
from kb.sqlite_queries import loads

TABLES = {            # insertion order respects the foreign keys
    "documents": 12, "parks": 6, "park_aliases": 3, "organizations": 7, "people": 6,
    "figures": 15, "practices": 13, "index_pending": 0,
}
PARK_TABLES = ("parks", "organizations", "people", "figures", "practices")


class RecordError(ValueError):
    """A record cannot be stored as given (the message names the field)."""


def dumps(value: Any) -> str:
    if not value and isinstance(value, (list, dict, tuple)):
        return "[]" if not isinstance(value, dict) else "{}"
    if type(value) is list and all(type(v) is str for v in value):      # aliases, roles …: json's own text
        return "[" + ", ".join(map(_quote, value)) + "]"
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _json_default(o: Any) -> Any:
    if isinstance(o, Decimal):
        return int(o) if o == o.to_integral_value() else float(o)
    if isinstance(o, (set, tuple)):
        return list(o)
    raise TypeError(f"{type(o).__name__} is not JSON serialisable")


def exact(value: Any, name: str) -> str | None:
    """A number as exact text: int stays int, float/Decimal/str become Decimal text."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RecordError(f"figure {name} is a boolean ({value!r}); expected a number")
    if isinstance(value, int):
        return str(value)
    try:
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    except InvalidOperation:
        raise RecordError(f"figure {name} {value!r} is not a number; fix the extraction") from None
    if not d.is_finite():
        raise RecordError(f"figure {name} {value!r} is not a finite number")
    return str(d)


def _s(value: Any) -> str:
    return "" if value is None else str(value)


class _Located:
    """(span start, span end, sentence) of an item, with the text's sentence ends
    computed once; the sentence is `sentence_at()`'s, the item's own text when it
    has no span."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends: list[int] | None = None

    def __call__(self, item: dict) -> tuple[int | None, int | None, str]:
        span = item.get("span")
        if not span:
            return None, None, _s(item.get("text"))
        start, end = int(span[0]), int(span[1])
        if not self.text:
            return start, end, _s(item.get("text"))
        if self.ends is None:
            self.ends = sentence_ends(self.text)
        return start, end, sentence_at(self.text, start, end, self.ends)


# The shape of `Prepared` and of its rows, and the index analysis it carries: a
# `Prepared` made by other code (an ingest worker running another version) is refused.
PREPARED_VERSION = ("1", ANALYSIS_VERSION)


@dataclass
class Prepared:
    doc_id: str
    path: str
    parks: list[tuple[int, list[str], str, str]]          # (record index, names, province, city)
    rows: dict[str, list[list[Any]]] = field(default_factory=dict)   # park slot holds a placeholder "#k"
    # (body_seg, body_bi) of each index entry (document, practices, figures), when
    # `prepare_for_store()` made them; None: the writer analyses
    analysis: list[Analysis] | None = None
    version: tuple[str, ...] = PREPARED_VERSION


def prepare(record: Record) -> Prepared:
    """Rows of every table for `record`; raises RecordError (or TypeError …) when malformed."""
    if not isinstance(record, dict) or not record.get("doc_id"):
        raise RecordError("record has no doc_id; build records with kb.records.make_record()")
    doc_id = str(record["doc_id"])
    source = dict(record.get("source") or {})
    text = _s(record.get("text"))
    path = _s(source.get("path"))
    parks, aliases, doc_parks = [], [], []
    for i, item in enumerate(record.get("parks") or []):
        names = entities.park_names(item)
        if names:
            parks.append((i, names, _s(item.get("province")), _s(item.get("city"))))
            aliases += [[doc_id, i, a] for a in names[1:]]
            doc_parks.append((f"#{len(doc_parks)}", names))
    slot = entities.assign_parks(record, doc_parks)         # placeholders "#k" → parks[k]
    provinces = list(dict.fromkeys(p[2] for p in parks if p[2]))
    body = {k: v for k, v in record.items() if k not in ("text", "original")}
    rows: dict[str, list[list[Any]]] = {t: [] for t in TABLES}
    located = _Located(text)
    rows["documents"].append([doc_id, path, _s(source.get("title")), _s(source.get("outlet")),
                              _s(source.get("published")), year_of(record), dumps(provinces),
                              _s(source.get("script")), text, _s(record.get("original")), dumps(source),
                              dumps(body)])
    rows["parks"] = [[doc_id, i, f"#{k}", names[0], prov, city] for k, (i, names, prov, city) in enumerate(parks)]
    rows["park_aliases"] = aliases
    rows["organizations"] = [
        [doc_id, i, slot["organizations"][i], _s(o.get("name")), dumps(o.get("aliases") or []),
         _s(o.get("kind")), _s(o.get("park"))] for i, o in enumerate(record.get("organizations") or [])]
    rows["people"] = [
        [doc_id, i, slot["people"][i], _s(p.get("name")), dumps(p.get("roles") or []), _s(p.get("organization"))]
        for i, p in enumerate(record.get("people") or [])]
    rows["figures"] = [
        [doc_id, i, slot["figures"][i], _s(f.get("metric")), exact(f.get("value"), "value"), _s(f.get("unit")),
         _s(f.get("qualifier")), None if f.get("cumulative") is None else int(bool(f["cumulative"])),
         exact(f.get("change_from"), "change_from"), f.get("period"), _s(f.get("subject")), _s(f.get("text")),
         *located(f)] for i, f in enumerate(record.get("figures") or [])]
    rows["practices"] = [
        [doc_id, i, slot["practices"][i], _s(p.get("name")), dumps(p.get("aliases") or []), _s(p.get("kind")),
         _s(p.get("category")), dumps(p.get("components") or []), _s(p.get("subject")), _s(p.get("text")),
         *located(p)] for i, p in enumerate(record.get("practices") or [])]
    rows["index_pending"] = [[doc_id]]
    return Prepared(doc_id, path, parks, rows)


def prepare_for_store(record: Record) -> Prepared:
    """`prepare(record)` with the analysed text of its index entries: everything
    of a write that needs no database, for an ingest worker to do (pure and
    picklable). Raises as `prepare()` does."""
    p = prepare(record)
    doc, practices, figures = index_entries(p)         # titles and bodies do not depend on park ids
    p.analysis = analyse([doc, *practices, *figures])
    return p


def date_key(published: str) -> int:
    digits = "".join(ch for ch in (published or "")[:10] if ch.isdigit())
    return int(digits.ljust(8, "0")[:8]) if digits[:4] else 0


Entries = tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]   # document, practices, figures


# The leading columns each index entry reads, in table order (a prepared row and a
# stored row have the same layout: rows are inserted by position).
ENTRY_COLUMNS = {
    "documents": "doc_id, path, title, outlet, published, year, provinces, script, text",
    "parks": "doc_id, idx, park_id",
    "practices": "doc_id, idx, park_id, name, aliases, kind, category, components, subject, text",
    "figures": "doc_id, idx, park_id, metric, value, unit, qualifier, cumulative, change_from, period, subject, text",
}


def entries_from_rows(d, parks: list, practices: list, figures: list, analysis: list[Analysis] | None = None
                      ) -> Entries:
    """The full-text index entries of one document from its rows (prepared or
    read back; see `ENTRY_COLUMNS`): title and body of each entry, or, given the
    `analysis` of those (document, practices, figures in that order), that."""
    doc_id = d[0]
    meta = {"doc_id": doc_id, "province": loads(d[6], []), "year": d[5], "outlet": d[3], "date": date_key(d[4])}
    doc = {**meta, "id": doc_id, "kind": "doc", "park": list(dict.fromkeys(r[2] for r in parks))}
    items_p = [{**meta, "id": f"{doc_id}-p{r[1]}", "kind": "practice", "park": r[2], "category": r[6]}
               for r in practices]
    items_f = [{**meta, "id": f"{doc_id}-f{r[1]}", "kind": "figure", "park": r[2], "unit": r[5]} for r in figures]
    if analysis is not None:
        for entry, a in zip([doc, *items_p, *items_f], analysis):
            entry["analysis"] = a
        return doc, items_p, items_f
    doc["title"], doc["body"] = d[2], d[8]
    for entry, r in zip(items_p, practices):
        entry["title"] = " ".join([r[3]] + loads(r[4], []))
        entry["body"] = " ".join([r[9] or ""] + loads(r[7], []))
    for entry, r in zip(items_f, figures):
        entry["title"], entry["body"] = r[3], f"{r[11] or ''} {r[10] or ''}"
    return doc, items_p, items_f


def flat_entries(entries: list[Entries]) -> list[dict[str, Any]]:
    """Documents first, then their practices, then their figures (the order the
    index is written in, so tied hits rank the same however entries were made)."""
    return ([doc for doc, _p, _f in entries] + [e for _d, practices, _f in entries for e in practices]
            + [e for _d, _p, figures in entries for e in figures])


def index_entries(p: Prepared) -> Entries:
    """The full-text index entries of a record as written (with the park ids
    `WriteBatch.add()` set): the very values `SQLiteStore._entries()` reads back."""
    return entries_from_rows(p.rows["documents"][0], p.rows["parks"], p.rows["practices"], p.rows["figures"],
                             p.analysis)


class FreshEntries:
    """Index entries of the documents one write transaction stored, built from
    the rows it wrote, so the index write that follows need not read them back.

    They are valid as long as no other connection has committed since the
    transaction began (`PRAGMA data_version` unchanged) and the transaction
    merged no parks (a merge rewrites the park ids of rows written before it)."""

    def __init__(self) -> None:
        self.entries: dict[str, Entries] | None = {}
        self.gone: set[str] = set()
        self.version: int | None = None

    def start(self, conn: Any) -> None:
        """At the start of the transaction (run again when it is retried)."""
        self.entries, self.gone = {}, set()
        self.version = conn.execute("PRAGMA data_version").fetchone()[0]

    def added(self, p: Prepared) -> None:
        if self.entries is not None:
            self.entries[p.doc_id] = index_entries(p)
            self.gone.discard(p.doc_id)

    def deleted(self, doc_id: str) -> None:
        if self.entries is not None:
            self.entries.pop(doc_id, None)
            self.gone.add(doc_id)

    def merging(self, merge: Callable[[Any, str, str], None], conn: Any
                ) -> Callable[[str, str], None]:
        def on_merge(src: str, dst: str) -> None:
            self.entries = None
            merge(conn, src, dst)
        return on_merge

    def valid(self, conn: Any) -> bool:
        return (self.entries is not None and self.version is not None
                and conn.execute("PRAGMA data_version").fetchone()[0] == self.version)

    def of(self, doc_ids: list[str]) -> list[dict[str, Any]] | None:
        """The entries of `doc_ids` in `SQLiteStore._entries()` order, or None
        when one of them was not written by the transaction."""
        entries, gone = self.entries or {}, self.gone
        if not all(d in entries or d in gone for d in doc_ids):
            return None
        return flat_entries([entries[d] for d in sorted(set(doc_ids)) if d in entries])


def _chunks(items: list, n: int = 500):
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _placed(row: list[Any], final: list[str]) -> list[Any]:
    row = row.copy()
    row[2] = final[int(row[2][1:])]
    return row


class WriteBatch:
    """Rows waiting to be written and a cache of the park entity tables."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.rows: dict[str, list[list[Any]]] = {t: [] for t in TABLES}
        self.owner: dict[str, str | None] = {}                 # name key -> entity id
        self.entity: dict[str, tuple[str, str] | None] = {}   # entity id -> (province, city)
        self.new_entities: list[tuple[str, str, str, str]] = []
        self.new_names: list[tuple[str, str, str]] = []
        self.updates: list[tuple[str, str, str]] = []
        self.merged: dict[str, str] = {}

    # cache ------------------------------------------------------------
    def prefetch(self, keys: list[str]) -> None:
        missing = [k for k in dict.fromkeys(keys) if k not in self.owner]
        if not missing:
            return
        for chunk in _chunks(missing):
            found = dict(self.conn.execute(
                f"SELECT key, park_id FROM park_names WHERE key IN ({','.join('?' * len(chunk))})", chunk))
            for k in chunk:
                self.owner[k] = found.get(k)
        self._entities(missing + [self.owner[k] for k in missing if self.owner[k]])

    def _entities(self, ids: list[str]) -> None:
        ids = [i for i in ids if i not in self.entity]
        for chunk in _chunks(ids):
            found = {r[0]: (r[1], r[2]) for r in self.conn.execute(
                f"SELECT park_id, province, city FROM park_entities WHERE park_id IN ({','.join('?' * len(chunk))})",
                chunk)}
            for i in chunk:
                self.entity[i] = found.get(i)

    def invalidate(self) -> None:
        """Forget the cache after the tables changed underneath (delete, merge)."""
        self.owner.clear()
        self.entity.clear()

    # parks ------------------------------------------------------------
    def resolve(self, names: list[str], province: str, city: str, on_merge) -> str:
        keys = [park_key(n) for n in names]
        self.prefetch(keys)

        def exists(pid: str) -> bool:
            self._entities([pid])
            return self.entity[pid] is not None

        pid, merges = entities.resolve(names, {k: self.owner[k] for k in keys if self.owner.get(k)}, exists)
        if not exists(pid):
            self.new_entities.append((pid, names[0], province, city))
            self.entity[pid] = (province, city)
        else:
            old_province, old_city = self.entity[pid]
            if (province and not old_province) or (city and not old_city):
                self.updates.append((province, city, pid))
                self.entity[pid] = (old_province or province, old_city or city)
        for key, name in zip(keys, names):
            if not self.owner.get(key):
                self.owner[key] = pid
                self.new_names.append((key, pid, name))
        if merges:
            self.flush()
            for other in merges:
                on_merge(other, pid)
                self.merged[other] = pid
            self.invalidate()
        return pid

    def final(self, pid: str) -> str:
        """The entity `pid` ended up in after merges made during this batch."""
        seen = set()
        while pid in self.merged and pid not in seen:
            seen.add(pid)
            pid = self.merged[pid]
        return pid

    def add(self, prepared: Prepared, park_ids: list[str]) -> Prepared:
        """Queue the rows of `prepared`, park placeholders "#k" replaced by the
        entity `park_ids[k]` ended up in. Returns those rows as a `Prepared`;
        `prepared` itself stays as it was (a retried transaction adds it again)."""
        final = [self.final(pid) for pid in park_ids]
        out: dict[str, list[list[Any]]] = {}
        for table, rows in prepared.rows.items():
            if table in PARK_TABLES:
                rows = [_placed(row, final) if isinstance(row[2], str) and row[2].startswith("#") else row
                        for row in rows]
            out[table] = rows
            self.rows[table] += rows
        return replace(prepared, rows=out)

    def flush(self) -> None:
        c = self.conn
        if self.new_entities:
            c.executemany("INSERT INTO park_entities VALUES (?,?,?,?)", self.new_entities)
        if self.updates:
            c.executemany("UPDATE park_entities SET province=CASE province WHEN '' THEN ? ELSE province END,"
                          " city=CASE city WHEN '' THEN ? ELSE city END WHERE park_id=?", self.updates)
        if self.new_names:
            c.executemany("INSERT OR IGNORE INTO park_names VALUES (?,?,?)", self.new_names)
        self.new_entities, self.updates, self.new_names = [], [], []
        for table, width in TABLES.items():
            rows = self.rows[table]
            if not rows:
                continue
            if table == "index_pending":
                c.executemany("INSERT INTO index_pending(doc_id) VALUES (?)", rows)
            else:
                c.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * width)})", rows)
            self.rows[table] = []
