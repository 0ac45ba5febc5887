"""Records prepared ahead of the writer (`kb.sqlite_write.prepare_for_store`, what
ingest workers send): stored and indexed exactly as the records themselves."""
from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from kb.index import FullTextIndex
from kb.sqlite import SQLiteStore
from kb.sqlite_write import PREPARED_VERSION, FreshEntries, Prepared, prepare, prepare_for_store
from kb.store import SearchQuery, StoreError

from kb_cases import record_a, record_b, record_c

TABLES = ("documents", "parks", "park_aliases", "organizations", "people", "figures", "practices",
          "park_entities", "park_names")
QUERIES = ("", "党建", "楼宇党建", "流动党员", "党", "红色 驿站", "甲城高新区", "覆盖企业")


def _renamed(rec: dict, doc_id: str, path: str) -> dict:
    return {**rec, "doc_id": doc_id, "source": {**rec["source"], "path": path}}


def _batch() -> list[dict]:
    """Stored, merged parks (the bridge names parks of a and c), replaced, duplicate."""
    a, c = record_a(), record_c()
    bridge = _renamed(record_c(), "c000000000000009", "corpus/bridge.txt")
    bridge["parks"] = [{"name": a["parks"][0]["name"], "aliases": [c["parks"][0]["name"]],
                        "province": "", "city": ""}]
    return [a, c, bridge, record_b(), _renamed(record_b(), "b000000000000008", "corpus/a.txt"), record_b()]


def _shipped(rec: dict) -> Prepared:
    """As a worker sends it: prepared, then through pickle."""
    return pickle.loads(pickle.dumps(prepare_for_store(rec)))


def _dump(store: SQLiteStore) -> list:
    conn = store._conn()
    out: list = [[tuple(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3")] for t in TABLES]
    for q in QUERIES:
        page = store.search(SearchQuery(q=q, limit=20))
        out.append((page.total, [(h.doc_id, round(h.score, 6), h.parks,
                                  [(s.start, s.text, s.highlights) for s in h.snippets]) for h in page.items],
                    page.facets))
        for found in (store.search_practices(q), store.search_figures(q)):
            out.append((found.total, [(x["id"], round(x["score"], 6)) for x in found.items], found.facets))
    return out


def _store(tmp_path, name: str) -> SQLiteStore:
    return SQLiteStore(str(tmp_path / name), index_heap=15_000_000)


def test_sqlite_prepared_records_store_and_index_as_the_records(tmp_path):
    plain, early = _store(tmp_path, "plain"), _store(tmp_path, "early")
    try:
        for store, items in ((plain, _batch()), (early, [_shipped(r) for r in _batch()])):
            statuses = [r.status for r in store.put_many(items[:2])] + [r.status for r in store.put_many(items[2:])]
            assert statuses == ["stored", "stored", "stored", "stored", "replaced", "duplicate"]
        assert len({p["id"] for p in early.parks()}) == 1           # the bridge merged both parks
        assert _dump(early) == _dump(plain)
    finally:
        plain.close()
        early.close()


def test_sqlite_prepared_entries_give_tantivy_the_same_documents(tmp_path):
    plain, early = _store(tmp_path, "plain"), _store(tmp_path, "early")
    try:
        batch = [record_a(), record_b(), record_c()]
        fresh = FreshEntries()
        early._write(lambda c: early._put_batch(c, [_shipped(r) for r in batch], fresh))
        plain.put_many(batch)
        ids = sorted(r["doc_id"] for r in batch)
        entries = fresh.of(ids)
        assert all("analysis" in e and "body" not in e for e in entries)
        read_back = plain._entries(plain._conn(), ids)
        assert [e["id"] for e in entries] == [e["id"] for e in read_back]
        made, analysed = FullTextIndex._documents(entries), FullTextIndex._documents(read_back)
        assert [(part, doc.to_dict()) for part, doc in made] == [(part, doc.to_dict()) for part, doc in analysed]
    finally:
        plain.close()
        early.close()


def test_sqlite_prepared_is_unchanged_by_a_write_so_a_retry_stores_it_again(tmp_path):
    store = _store(tmp_path, "s")
    try:
        items = [_shipped(r) for r in (record_c(), record_a())]
        before = pickle.dumps(items)
        store._conn().execute("CREATE TRIGGER boom BEFORE INSERT ON figures WHEN NEW.value='125'"
                              " BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
        with pytest.raises(StoreError, match="injected failure"):
            store.put_many(items)
        assert pickle.dumps(items) == before and items[1].rows["parks"][0][2] == "#0"
        store._conn().execute("DROP TRIGGER boom")
        assert [r.status for r in store.put_many(items)] == ["stored", "stored"]
        assert pickle.dumps(items) == before
        assert store.search(SearchQuery(q="流动党员")).total == 1
        assert [p["id"] for p in store.parks()] == ["丙州经济开发区", "甲城高新技术产业开发区"]
    finally:
        store.close()


def test_sqlite_prepared_by_another_version_is_refused(tmp_path):
    store = _store(tmp_path, "s")
    try:
        stale = replace(prepare_for_store(record_a()), version=("0", "0"))
        assert stale.version != PREPARED_VERSION
        results = store.put_many([stale, prepare(record_c()), record_b()])
        assert [r.status for r in results] == ["failed", "stored", "stored"]
        assert results[0].doc_id == "a000000000000001" and results[0].path == "corpus/a.txt"
        assert "another version" in results[0].reason and "ingest the file again" in results[0].reason
        assert store.count() == 2 and not store.has("a000000000000001")
        assert store.search(SearchQuery(q="红链共建")).total == 1     # prepared without analysis: analysed here
    finally:
        store.close()


def test_sqlite_preparer_is_the_module_function():
    store_preparer = SQLiteStore.preparer(None)       # picklable: workers receive it by name
    assert store_preparer is prepare_for_store and pickle.loads(pickle.dumps(store_preparer)) is prepare_for_store
    with pytest.raises(ValueError, match="no doc_id"):
        prepare_for_store({"text": "党建"})
