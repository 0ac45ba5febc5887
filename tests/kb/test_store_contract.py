"""The `Store` contract: exact behaviour every backend shares (through the Protocol only).

Records a, b, c (conftest): a and b report the same park under different
names (甲城高新技术产业开发区 / 甲城高新区 / 甲城高新园), b was read in traditional
script, c is another park in another province.
"""
from __future__ import annotations

import copy
from decimal import Decimal


from kb.store import SearchQuery, Store

from kb_cases import TEXT_A, TEXT_B, record, record_a

JIA = "甲城高新技术产业开发区"
BING = "丙州经济开发区"
A, B, C = "a000000000000001", "b000000000000002", "c000000000000003"


def ids(page) -> list[str]:
    return [h.doc_id for h in page.items]


def found(store, q="", **filters) -> set[str]:
    return set(ids(store.search(SearchQuery(q=q, limit=50, **filters))))


# -- records -------------------------------------------------------------------------------

def test_store_implements_protocol(store):
    assert isinstance(store, Store)


def test_store_put_get_roundtrip(store, records):
    result = store.put(records["a"])
    assert (result.doc_id, result.path, result.status) == (A, "corpus/a.txt", "stored")
    got = store.get(A)
    assert got["text"] == TEXT_A
    assert got["source"] == records["a"]["source"]
    assert got["parks"] == records["a"]["parks"]
    assert [f["value"] for f in got["figures"]] == [3, 125, Decimal("97.7")]
    assert got["practices"] == records["a"]["practices"]
    assert store.has(A) and not store.has(B)
    assert store.count() == 1
    assert store.known_paths() == {"corpus/a.txt": A}
    assert [r["doc_id"] for r in store.iter_records()] == [A]
    assert store.get("missing") is None


def test_store_reinsert_is_duplicate(filled, records):
    again = filled.put_many([records["a"], copy.deepcopy(records["b"])])
    assert [r.status for r in again] == ["duplicate", "duplicate"]
    assert filled.count() == 3
    assert ids(filled.search(SearchQuery(q="楼宇党建"))) == [A]
    assert [p["id"] for p in filled.parks()] == [JIA, BING]
    assert len(list(filled.figures())) == 7


def test_store_changed_file_replaces_old_version(filled):
    new_text = TEXT_A.replace("楼宇党建", "园区党建") + "新设立人才驿站。"
    newer = record("a000000000000009", "corpus/a.txt", "甲城高新区推进园区党建", "甲城日报", "2023-07-11",
                   new_text, parks=[{"name": JIA, "aliases": [], "province": "广东省", "city": "甲城市"}])
    assert filled.put(newer).status == "replaced"
    assert filled.get(A) is None and filled.has("a000000000000009")
    assert filled.count() == 3
    assert filled.known_paths()["corpus/a.txt"] == "a000000000000009"
    assert found(filled, "人才驿站") == {"a000000000000009"}
    assert found(filled, "楼宇党建") == set()
    assert [f["metric"] for f in filled.figures(park=JIA)] == ["服务企业", "新增党员"]


def test_store_delete_removes_record_and_extractions(filled):
    assert filled.delete(C) is True
    assert filled.delete(C) is False
    assert filled.count() == 2 and filled.get(C) is None
    assert found(filled, "党建") == {A}
    assert [p["id"] for p in filled.parks()] == [JIA]
    assert filled.park(BING) is None
    assert filled.practices(category="brand") == []


def test_store_failed_record_commits_nothing(store, records):
    bad = record("d000000000000004", "corpus/d.txt", "丁县产业园党建", "丁报", "2022-01-01",
                 "丁县产业园开展星火党建行动。", parks=[{"name": "丁县产业园", "aliases": [], "province": "江西省",
                                                    "city": "丁县"}],
                 practices=[{"name": "星火党建", "category": "brand", "text": "星火党建", "span": [5, 9]}],
                 figures=[{"metric": "党员", "value": 3, "unit": "名"}, "not a figure"])
    results = store.put_many([records["a"], bad, records["c"]])
    assert [r.status for r in results] == ["stored", "failed", "stored"]
    assert results[1].doc_id == "d000000000000004" and results[1].reason
    assert store.get("d000000000000004") is None
    assert store.count() == 2
    assert {p["id"] for p in store.parks()} == {JIA, BING}
    assert store.park("丁县产业园") is None
    assert found(store, "星火") == set()
    assert [p["name"] for p in store.practices()] == ["红色管家", "红链共建"]


# -- search ---------------------------------------------------------------------------------

def test_store_search_two_words_with_snippets(filled):
    page = filled.search(SearchQuery(q="楼宇 党建"))
    assert ids(page) == [A] and page.total == 1
    hit = page.items[0]
    assert hit.title == "甲城高新区推进楼宇党建"
    assert hit.parks == [JIA]
    assert hit.source["outlet"] == "甲城日报"
    text = filled.get(A)["text"]
    covered = ""
    for snippet in hit.snippets:
        assert text[snippet.start:snippet.start + len(snippet.text)] == snippet.text
        for s, e in snippet.highlights:
            assert snippet.start <= s < e <= snippet.start + len(snippet.text)
            assert text[s:e].replace("楼宇", "").replace("党建", "") == ""
            covered += text[s:e]
    assert "楼宇" in covered and "党建" in covered


def test_store_search_highlights_each_occurrence(filled):
    page = filled.search(SearchQuery(q="党员"))
    assert set(ids(page)) == {A, B}
    text_b = filled.get(B)["text"]
    hit = next(h for h in page.items if h.doc_id == B)
    spans = [(s, e) for sn in hit.snippets for s, e in sn.highlights]
    assert [text_b[s:e] for s, e in spans] == ["党员", "党员"]
    assert spans == [(text_b.index("党员"), text_b.index("党员") + 2),
                     (text_b.rindex("党员"), text_b.rindex("党员") + 2)]


def test_store_search_traditional_query_finds_simplified_text(filled):
    assert found(filled, "黨建") == {A, C}
    assert found(filled, "服務企業") == {B}
    hit = filled.search(SearchQuery(q="志願者")).items[0]
    s, e = hit.snippets[0].highlights[0]
    assert filled.get(B)["text"][s:e] == "志愿者"


def test_store_search_simplified_query_finds_traditional_report(filled):
    assert found(filled, "志愿者 楼宇") == {B}
    assert found(filled, "红色驿站") == {B}


HOSTILE = ['"', "*", "NEAR(", ")", "AND OR", "a:b", "-", "^", "~", "[", "楼宇 AND", "NEAR(楼宇 党建, 2)",
           '"楼宇', "title:党建", "党" * 5000, "x" * 5000, "\x00\x01\x1f\x7f", "党建\x00服务", "(", "{}", "\\",
           "%_", "'; DROP TABLE documents; --", "🙂", " ", "\u202e党建", "AND", "OR NOT", "党建~2", "楼宇^3"]


def test_store_search_hostile_queries_never_raise(filled):
    for q in HOSTILE:
        page = filled.search(SearchQuery(q=q))
        assert page.total >= 0 and len(page.items) <= 10, q
        assert filled.search_practices(q).total >= 0, q
        assert filled.search_figures(q).total >= 0, q
    assert filled.count() == 3


def test_store_search_operators_are_text(filled):
    assert found(filled, '"楼宇" 党建') == {A}
    assert found(filled, "(党建)") == {A, C}
    assert found(filled, "楼宇*") == {A, B}
    assert found(filled, "党建\x00") == {A, C}
    assert found(filled, "楼宇 AND") == set()
    assert filled.count() == 3


def test_store_search_filters(filled):
    assert found(filled, park=JIA) == {A, B}
    assert found(filled, park="甲城高新园") == {A, B}
    assert found(filled, "党建", park="丙州经开区") == {C}
    assert found(filled, province="福建省") == {C}
    assert found(filled, year=2024) == {B, C}
    assert found(filled, outlet="甲城日报") == {A, C}
    assert found(filled, "党建", outlet="甲城日报", year=2023) == {A}
    assert found(filled, park="无此园区") == set()


def test_store_search_facets_count_all_matches(filled):
    page = filled.search(SearchQuery(q="", limit=1))
    assert page.total == 3 and len(page.items) == 1
    assert page.facets == {"park": {JIA: 2, BING: 1}, "province": {"广东省": 2, "福建省": 1},
                           "year": {"2023": 1, "2024": 2}, "outlet": {"甲城日报": 2, "乙报": 1}}
    assert page.timed_out_facets == []
    page = filled.search(SearchQuery(q="企业", year=2024))
    assert page.facets["park"] == {JIA: 1, BING: 1}
    assert page.facets["outlet"] == {"乙报": 1, "甲城日报": 1}


def test_store_search_pages(filled):
    first = filled.search(SearchQuery(q="", limit=2))
    second = filled.search(SearchQuery(q="", limit=2, offset=2))
    assert first.total == second.total == 3
    assert len(ids(first)) == 2 and len(ids(second)) == 1
    assert set(ids(first)) | set(ids(second)) == {A, B, C}


# -- parks, figures, practices ------------------------------------------------------------------

def test_store_park_resolved_across_documents(filled):
    parks = {p["id"]: p for p in filled.parks()}
    assert set(parks) == {JIA, BING}
    jia = parks[JIA]
    assert (jia["name"], jia["province"], jia["city"], jia["doc_count"]) == (JIA, "广东省", "甲城市", 2)
    assert set(jia["aliases"]) == {"甲城高新区", "甲城高新园"}
    profile = filled.park("甲城高新园")
    assert profile["id"] == JIA
    assert [d["doc_id"] for d in profile["documents"]] == [A, B]
    assert [d["title"] for d in profile["documents"]] == ["甲城高新区推进楼宇党建", "甲城高新區黨員走進商務樓宇"]
    assert sorted(profile["figures"]) == sorted(["党群服务中心", "流动党员", "党组织覆盖率", "服务企业", "新增党员"])
    assert [f["value"] for f in profile["figures"]["流动党员"]] == [125]
    assert [p["name"] for p in profile["practices"]] == ["红色管家", "楼宇红色驿站"]
    assert [o["name"] for o in profile["organizations"]] == ["甲城高新区党群服务中心"]
    people = {p["name"]: p for p in profile["people"]}
    assert set(people) == {"林某某"} and set(people["林某某"]["roles"]) == {"党委书记", "书记"}
    assert filled.park("无此园区") is None


def test_store_figures_rows(filled):
    rows = list(filled.figures(park="甲城高新区", unit="名"))
    assert [(r["doc_id"], r["metric"], r["value"]) for r in rows] == [(A, "流动党员", 125), (B, "新增党员", 42)]
    row = rows[0]
    assert row["park"] == JIA and row["qualifier"] == "exact" and row["cumulative"] is True
    assert row["period"] == "截至目前" and row["subject"] == "甲城高新区"
    assert row["text"] == "累计转入流动党员125名"
    s, e = row["span"]
    assert TEXT_A[s:e] == "累计转入流动党员125名"
    assert row["sentence"] == "截至目前，累计转入流动党员125名，党组织覆盖率达97.7%。"
    assert (row["title"], row["outlet"], row["published"], row["path"]) == (
        "甲城高新区推进楼宇党建", "甲城日报", "2023-07-10", "corpus/a.txt")
    assert [r["value"] for r in filled.figures(unit="%")] == [Decimal("97.7")]
    assert [r["metric"] for r in filled.figures(metric="党员")] == ["流动党员", "新增党员"]
    assert [(r["doc_id"], r["value"]) for r in filled.figures(unit="家", year=2024)] == [(B, 200), (C, 1200)]
    assert [r["qualifier"] for r in filled.figures(unit="家", year=2024)] == ["more_than", "exact"]
    assert list(filled.figures(park=BING, year=2023)) == []


def test_store_practices_filter_by_category(filled):
    assert [p["name"] for p in filled.practices(category="brand")] == ["红链共建"]
    rows = filled.practices(park="甲城高新园")
    assert [(p["name"], p["category"], p["doc_id"]) for p in rows] == [
        ("红色管家", "service", A), ("楼宇红色驿站", "organization", B)]
    assert len({p["id"] for p in filled.practices()}) == 3
    assert rows[0]["sentence"] == "园区创新推行“红色管家”服务机制，企业满意度明显提升。"
    assert TEXT_B[slice(*rows[1]["span"])] == "开展“楼宇红色驿站”建设"


def test_store_search_practices_and_figures(filled):
    page = filled.search_practices("红色")
    assert {p["name"] for p in page.items} == {"红色管家", "楼宇红色驿站"} and page.total == 2
    assert [p["name"] for p in filled.search_practices("红色", category="service").items] == ["红色管家"]
    assert [p["name"] for p in filled.search_practices(park=BING).items] == ["红链共建"]
    page = filled.search_figures("党员")
    assert {(f["metric"], f["value"]) for f in page.items} == {("流动党员", 125), ("新增党员", 42)}
    assert [f["metric"] for f in filled.search_figures("企业", park=BING).items] == ["覆盖企业"]
    ids_before = {p["id"] for p in filled.practices()}
    assert {p["id"] for p in filled.search_practices("").items} == ids_before


def test_store_reindex_gives_same_results(filled):
    queries = [SearchQuery(q="楼宇 党建"), SearchQuery(q="党员"), SearchQuery(q="", year=2024),
               SearchQuery(q="企业", park=JIA)]

    def snapshot():
        pages = [filled.search(q) for q in queries]
        return ([(ids(p), p.total, p.facets, [[(s.start, s.highlights) for s in h.snippets] for h in p.items])
                 for p in pages], [p["id"] for p in filled.search_practices("红色").items])

    before = snapshot()
    assert filled.reindex() == 3
    assert snapshot() == before


def test_store_two_records_of_same_park_merge_ids(store):
    first = record_a()
    store.put(first)
    store.put(record("e000000000000005", "corpus/e.txt", "另一篇", "乙报", "2025-01-01", "甲城高新区开展党建活动。",
                     parks=[{"name": "甲城高新区", "aliases": [], "province": "", "city": ""}]))
    assert [(p["id"], p["doc_count"]) for p in store.parks()] == [(JIA, 2)]
    assert found(store, park="甲城高新区") == {A, "e000000000000005"}
