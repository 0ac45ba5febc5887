"""SQLite-only behaviour: transactions, the index queue, entity merges, facet time bound."""
from __future__ import annotations

import shutil
import sqlite3
import time

import pytest

from kb import sqlite_write as kb_write
from kb.sqlite import SQLiteStore
from kb.store import SearchQuery, StoreError

from kb_cases import record, record_a, record_b, record_c

A, B, C = "a000000000000001", "b000000000000002", "c000000000000003"


@pytest.fixture
def sq(tmp_path):
    s = SQLiteStore(str(tmp_path / "store"), index_heap=15_000_000)
    yield s
    s.close()


def rows(s: SQLiteStore, sql: str) -> list[tuple]:
    return [tuple(r) for r in s._conn().execute(sql)]


def test_sqlite_store_uses_wal_and_tables(sq):
    assert rows(sq, "PRAGMA journal_mode") == [("wal",)]
    tables = {r[0] for r in rows(sq, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "parks", "park_aliases", "organizations", "people", "figures", "practices",
            "park_entities", "park_names", "index_pending"} <= tables


def test_sqlite_malformed_record_is_refused_before_writing(sq, monkeypatch):
    real = kb_write.exact

    def failing(value, name):
        if value == 125:
            raise kb_write.RecordError("injected failure")
        return real(value, name)

    monkeypatch.setattr(kb_write, "exact", failing)
    results = sq.put_many([record_a(), record_c()])
    assert [r.status for r in results] == ["failed", "stored"]
    assert "injected failure" in results[0].reason
    for table in ("documents", "parks", "park_aliases", "organizations", "people", "figures", "practices"):
        assert rows(sq, f"SELECT DISTINCT doc_id FROM {table}") in ([], [(C,)]), table
    assert rows(sq, "SELECT park_id FROM park_entities") == [("丙州经济开发区",)]
    assert sorted(rows(sq, "SELECT key FROM park_names")) == [("丙州经开区",), ("丙州经济开发区",)]
    assert rows(sq, "SELECT COUNT(*) FROM index_pending") == [(0,)]


def test_sqlite_failure_inside_transaction_rolls_back_document_and_extractions(sq):
    sq.put(record_c())
    # the figures insert fails after the document, parks, organisations and people rows went in
    sq._conn().execute("CREATE TRIGGER boom BEFORE INSERT ON figures WHEN NEW.value='125'"
                       " BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
    with pytest.raises(StoreError, match="injected failure"):
        sq.put_many([record_b(), record_a()])
    for table in ("documents", "parks", "park_aliases", "organizations", "people", "figures", "practices"):
        assert rows(sq, f"SELECT DISTINCT doc_id FROM {table}") in ([], [(C,)]), table
    assert rows(sq, "SELECT park_id FROM park_entities") == [("丙州经济开发区",)]
    assert sq.count() == 1 and sq.search(SearchQuery(q="党员")).total == 0
    sq._conn().execute("DROP TRIGGER boom")
    assert [r.status for r in sq.put_many([record_b(), record_a()])] == ["stored", "stored"]
    assert sq.search(SearchQuery(q="党员")).total == 2


def test_sqlite_index_queue_waits_for_busy_writer(tmp_path):
    s = SQLiteStore(str(tmp_path / "store"), index_heap=15_000_000, lock_timeout=0.1)
    other = s.index._indexes["items"].writer(heap_size=15_000_000, num_threads=1)  # another process
    assert s.put(record_a()).status == "stored"
    assert s.search(SearchQuery(q="楼宇党建")).total == 0
    assert rows(s, "SELECT doc_id FROM index_pending") == [(A,)]
    other.rollback()
    other.wait_merging_threads()
    del other
    s.close()
    s = SQLiteStore(str(tmp_path / "store"), index_heap=15_000_000)
    assert [h.doc_id for h in s.search(SearchQuery(q="楼宇党建")).items] == [A]
    assert rows(s, "SELECT COUNT(*) FROM index_pending") == [(0,)]
    s.close()


def test_sqlite_lost_index_is_rebuilt_on_open(tmp_path):
    s = SQLiteStore(str(tmp_path / "store"), index_heap=15_000_000)
    s.put_many([record_a(), record_b(), record_c()])
    s.close()
    shutil.rmtree(tmp_path / "store" / "index")
    s = SQLiteStore(str(tmp_path / "store"), index_heap=15_000_000)
    assert {h.doc_id for h in s.search(SearchQuery(q="党建")).items} == {A, C}
    assert s.search(SearchQuery()).facets["year"] == {"2023": 1, "2024": 2}
    s.close()


def test_sqlite_record_bridging_two_parks_merges_them(sq):
    one = record("e1", "e1.txt", "甲", "", "2020-01-01", "北岸科技园开展党建活动。",
                 parks=[{"name": "北岸科技园", "aliases": []}],
                 practices=[{"name": "岸上红", "category": "brand", "subject": "北岸科技园"}])
    two = record("e2", "e2.txt", "乙", "", "2021-01-01", "北岸园区开展党建活动。",
                 parks=[{"name": "北岸园区", "aliases": [], "province": "浙江省"}])
    assert sorted(p["id"] for p in (sq.put(one) and sq.put(two) and sq.parks())) == ["北岸园区", "北岸科技园"]
    bridge = record("e3", "e3.txt", "丙", "", "2022-01-01", "北岸科技园（北岸园区）党建。",
                    parks=[{"name": "北岸科技园", "aliases": ["北岸园区"]}])
    assert sq.put(bridge).status == "stored"
    parks = sq.parks()
    assert [(p["id"], p["doc_count"], p["province"]) for p in parks] == [("北岸科技园", 3, "")]
    assert parks[0]["aliases"] == ["北岸园区"]
    assert {h.doc_id for h in sq.search(SearchQuery(park="北岸园区")).items} == {"e1", "e2", "e3"}
    assert sq.search(SearchQuery()).facets["park"] == {"北岸科技园": 3}
    assert [p["park"] for p in sq.practices()] == ["北岸科技园"]


def test_sqlite_delete_shrinks_entity_names(sq):
    sq.put_many([record_a(), record_b()])
    assert sq.delete(B)
    park = sq.park("甲城高新区")
    assert park["aliases"] == ["甲城高新区"] and park["doc_count"] == 1
    assert sq.park("甲城高新园") is None


class _SlowSearcher:
    def __init__(self, inner):
        self._inner = inner

    def aggregate(self, query, agg):
        time.sleep(0.3)
        return self._inner.aggregate(query, agg)

    def __getattr__(self, name):
        return getattr(self._inner, name)


def test_sqlite_slow_facets_are_reported_not_raised(tmp_path, monkeypatch):
    s = SQLiteStore(str(tmp_path / "store"), index_heap=15_000_000, facet_timeout=0.05)
    s.put_many([record_a(), record_c()])
    real = s.index.searcher
    monkeypatch.setattr(s.index, "searcher", lambda kind="doc": _SlowSearcher(real(kind)))
    page = s.search(SearchQuery(q="党建"))
    assert {h.doc_id for h in page.items} == {A, C}
    assert sorted(page.timed_out_facets) == ["outlet", "park", "province", "year"]
    assert page.facets == {}
    s.close()


def test_sqlite_exact_values_survive_roundtrip(sq):
    from decimal import Decimal

    rec = record("f1", "f1.txt", "t", "", "", "投资1.2万元，增长0.5%。",
                 figures=[{"metric": "投资", "value": 12000, "unit": "元", "span": [0, 7]},
                          {"metric": "增长", "value": Decimal("0.50"), "unit": "%", "change_from": 0.1,
                           "span": [8, 12]}])
    sq.put(rec)
    got = [(f["value"], f["change_from"]) for f in sq.figures()]
    assert got == [(12000, None), (Decimal("0.50"), Decimal("0.1"))]
    assert isinstance(got[0][0], int)
    assert sq.get("f1")["figures"][1]["value"] == Decimal("0.5")


def test_sqlite_non_numeric_figure_value_fails_record(sq):
    rec = record("g1", "g1.txt", "t", "", "", "若干。", figures=[{"metric": "m", "value": "很多", "unit": "个"}])
    result = sq.put(rec)
    assert result.status == "failed" and "not a number" in result.reason
    assert sq.count() == 0


def test_sqlite_busy_database_waits_instead_of_failing(tmp_path):
    s = SQLiteStore(str(tmp_path / "store"), index_heap=15_000_000)
    blocker = sqlite3.connect(str(tmp_path / "store" / "kb.sqlite3"), isolation_level=None,
                              check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    import threading

    threading.Timer(0.3, lambda: blocker.execute("COMMIT")).start()
    assert s.put(record_a()).status == "stored"
    blocker.close()
    s.close()


def test_sqlite_title_words_count_and_match_in_any_script(sq):
    plain = record("t1", "t1.txt", "园区动态", "", "2024-01-01", "园区开展纪实摄影活动，纪实作品展出。")
    titled = record("t2", "t2.txt", "園區黨建紀實", "", "2024-01-02", "园区开展纪实摄影活动。", script="traditional")
    sq.put_many([plain, titled])
    assert [h.doc_id for h in sq.search(SearchQuery(q="党建")).items] == ["t2"]      # only in t2's title
    assert [h.doc_id for h in sq.search(SearchQuery(q="纪实")).items][0] == "t2"     # title outranks body


def test_sqlite_word_inside_a_longer_word_is_found(sq):
    text = "本区建成党群服务中心一处，按党建工作部署推进。"     # cut: 党群服务中心 … 党建 | 工作 | 部署
    sq.put(record("e000000000000005", "corpus/e.txt", "某区简讯", "乙报", "2024-01-02", text))
    sq.put(record_c())
    for q in ("服务中心", "党群服务中心", "工作部", "服务中心 工作部"):      # dictionary words, one term each
        assert [h.doc_id for h in sq.search(SearchQuery(q=q)).items] == ["e000000000000005"], q
    assert sq.search(SearchQuery(q="中心党群")).total == 0


def test_sqlite_generation_changes_with_every_write(sq):
    before = sq.generation()
    assert sq.generation() == before
    sq.put(record_a())
    after_put = sq.generation()
    assert after_put != before
    sq.delete(A)
    assert sq.generation() != after_put


def test_sqlite_compare_view_is_cached_until_the_store_changes(sq, monkeypatch):
    from kb import compare

    sq.put_many([record_a(), record_c()])
    calls = []
    real = compare._park_view
    monkeypatch.setattr(compare, "_park_view", lambda store, name: calls.append(name) or real(store, name))
    first = compare.compare_parks(sq, ["甲城高新区", "丙州经开区"])
    assert compare.compare_parks(sq, ["甲城高新区", "丙州经开区"]) == first
    assert calls == ["甲城高新区", "丙州经开区"]
    sq.put(record_b())
    again = compare.compare_parks(sq, ["甲城高新区"])
    assert calls[-1] == "甲城高新区" and len(calls) == 3
    assert [row["metric"] for row in again["figures"]] != [row["metric"] for row in first["figures"]]


def test_sqlite_facet_size_keeps_the_most_frequent_values(tmp_path):
    s = SQLiteStore(str(tmp_path / "store"), index_heap=15_000_000, facet_size=1)
    try:
        s.put_many([record_a(), record_b(), record_c()])
        page = s.search(SearchQuery(q=""))
        assert page.total == 3
        assert page.facets["outlet"] == {"甲城日报": 2}
        assert page.facets["year"] == {"2024": 2}
    finally:
        s.close()
