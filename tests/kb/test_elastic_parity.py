"""The cluster store answers like the embedded store: same sets, counts, facets,
snippets, figure rows, practices and parks (rank order aside) — after the same
history of puts, replacements, merges and deletes, and after `copy_store`."""
from __future__ import annotations

import copy
import random

import pytest

from kb.copy import copy_store
from kb.store import SearchQuery

from kb_cases import make_store
from es_server import make_es_store
from synthetic import PARKS, make_record, make_records, corpus_paragraphs

QUERIES = ["", "党建", "楼宇 党建", "流动党员", "红色", "黨建", "服務企業", "企业 党组织", "园区", "党", "a", "2023",
           "红色管家", "非公", "志愿服务 楼宇", "“红链共建”", "高质量发展", "投入资金", "覆盖率"]
FILTERS = [{}, {"park": "甲城高新区"}, {"park": "乙州经济技术开发区"}, {"province": "福建省"}, {"year": 2023},
           {"outlet": "乙报"}, {"park": "丁市科创城", "year": 2024}, {"park": "无此园区"}]


def _page(page):
    return (sorted(h.doc_id for h in page.items), page.total, page.facets,
            {h.doc_id: (h.title, h.source, h.parks, [(s.start, s.text, s.highlights) for s in h.snippets])
             for h in page.items})


def _items(page):
    return (page.total, page.facets, {i["id"]: {k: v for k, v in i.items() if k != "score"} for i in page.items})


def snapshot(store) -> dict:
    out = {"count": store.count(), "paths": store.known_paths(),
           "records": [store.get(r["doc_id"]) for r in store.iter_records()]}
    out["search"] = [_page(store.search(SearchQuery(q=q, limit=200, **f))) for q in QUERIES for f in FILTERS]
    out["pages"] = [store.search(SearchQuery(q="党建", limit=5, offset=o)).total for o in (0, 5, 500)]
    parks = [p["id"] for p in store.parks()]
    out["practices_search"] = [_items(store.search_practices(q, park=p, category=c, limit=200))
                               for q in ("", "红色", "楼宇 驿站", "党建") for p in [None] + parks[:3]
                               for c in (None, "brand", "service")]
    out["figures_search"] = [_items(store.search_figures(q, park=p, limit=200))
                             for q in ("", "党员", "企业", "服务") for p in [None] + parks[:3]]
    out["figures"] = [list(store.figures(park=p, metric=m, unit=u, year=y))
                      for p in [None] + parks for m in (None, "党", "企业") for u in (None, "个", "%")
                      for y in (None, 2023)]
    out["practices"] = [store.practices(park=p, category=c) for p in [None] + parks for c in (None, "brand")]
    out["parks"] = store.parks()
    out["park"] = [store.park(name) for name in parks + [n for p in PARKS for n in p[1]] + ["无此园区"]]
    return out


def assert_same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        if isinstance(a[key], list) and len(a[key]) > 1:
            for i, (x, y) in enumerate(zip(a[key], b[key])):
                assert x == y, f"{key}[{i}] differs"
        assert a[key] == b[key], key


def history(store, records: list[dict]) -> None:
    """Puts in batches, a duplicate, a bridging record (entity merge), a replacement and deletes."""
    rng = random.Random(3)
    store.put_many(records[:25])
    store.put_many(records[20:40])                                  # 20-24 duplicates
    bridge = make_record(900, rng, corpus_paragraphs())
    bridge["parks"] = [{"name": "丙县工业园", "aliases": ["戊区商务楼宇群"], "province": "", "city": ""}]
    store.put(bridge)
    newer = make_record(901, rng, corpus_paragraphs(), path=records[3]["source"]["path"])
    assert store.put(newer).status == "replaced"
    store.delete(records[5]["doc_id"])
    store.delete(records[30]["doc_id"])
    store.put_many(records[40:])


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return make_records(60)


@pytest.mark.slow
def test_elastic_parity_same_history_same_answers(tmp_path, records):
    local = make_store("sqlite", tmp_path)
    cluster = make_es_store(batch_size=7)
    try:
        history(local, copy.deepcopy(records))
        history(cluster, copy.deepcopy(records))
        expected = snapshot(local)
        assert expected["count"] == 59
        assert_same(snapshot(cluster), expected)
    finally:
        local.close()
        cluster.close()


@pytest.mark.slow
def test_elastic_copy_sqlite_to_opensearch_same_answers(tmp_path, records):
    local = make_store("sqlite", tmp_path)
    cluster = make_es_store()
    try:
        local.put_many(copy.deepcopy(records))
        result = copy_store(local, cluster, batch_size=16)
        assert (result["read"], result["stored"], result["failed"], result["failures"]) == (60, 60, 0, [])
        assert_same(snapshot(cluster), snapshot(local))
        again = copy_store(local, cluster)
        assert (again["stored"], again["duplicate"]) == (0, 60)
    finally:
        local.close()
        cluster.close()
