"""GET /compare and kb.compare."""
from __future__ import annotations


def test_compare_aligns_figures_by_metric_and_unit(client, synthetic):
    r = client.get("/compare", params=[("park", "青山开发区"), ("park", "白云高新区")])
    assert r.status_code == 200
    body = r.json()
    assert [p["name"] for p in body["parks"]] == ["青山经济开发区", "白云高新区"]
    rows = {(row["metric"], row["unit"]): row["cells"] for row in body["figures"]}
    a, b = rows[("党员", "名")]
    assert a["value"] == 125 and a["doc_id"] == synthetic[0]["doc_id"]
    assert synthetic[0]["text"][a["span"][0]:a["span"][1]] == "现有党员125名"
    assert b["value"] == 300 and b["reports"] == 2 and b["published"] == "2024-01-02"
    assert [c and c["value"] for c in rows[("党组织", "个")]] == [12, 8]
    assert [c and c["value"] for c in rows[("服务企业", "家")]] == [None, 12000]
    assert rows[("服务企业", "家")][0] is None
    assert rows[("党组织覆盖率", "%")][1] is None
    assert [row["metric"] for row in body["figures"]][:2] == ["党员", "党组织"]


def test_compare_practices_by_category_side_by_side(client):
    body = client.get("/compare", params=[("park", "青山经济开发区"), ("park", "白云高新区")]).json()
    cats = {row["category"]: [[p["name"] for p in cell] for cell in row["cells"]] for row in body["categories"]}
    assert cats["service"] == [["红色管家"], ["红色管家", "红色驿站"]]
    assert cats["organization"] == [["三级网格化党建体系"], []]
    assert cats["governance"] == [[], ["五级联动机制"]]
    assert [row["category"] for row in body["categories"]][0] == "organization"


def test_compare_structure_levels_units_and_chains(client):
    body = client.get("/compare", params=[("park", "青山经济开发区"), ("park", "白云高新区")]).json()
    qs, by = body["structure"]
    assert qs["levels"] == 3
    assert qs["chains"][0]["chain"] == ["园区党委", "片区党支部", "楼宇党小组"]
    assert {"网格", "片区", "楼宇"} <= {u["unit"] for u in qs["units"]}
    assert by["levels"] == 5
    assert by["chains"][0]["chain"] == ["区党工委", "街道党工委", "社区党委", "网格党支部", "楼宇党小组"]
    assert [lp["phrase"] for lp in by["level_phrases"]] == ["五级联动机制"]


def test_compare_unknown_park_is_404_with_message(client):
    r = client.get("/compare", params=[("park", "青山经济开发区"), ("park", "火星园区")])
    assert r.status_code == 404
    assert r.json()["detail"].startswith("unknown park '火星园区'")


def test_compare_needs_a_park(client):
    assert client.get("/compare").status_code == 422


def test_compare_figure_table_rows_flatten(store):
    from kb.compare import compare_parks, figure_table_rows

    rows, columns = figure_table_rows(compare_parks(store, ["青山经济开发区", "白云高新区"]))
    assert columns == ["metric", "unit", "青山经济开发区", "白云高新区"]
    assert rows[0] == {"metric": "党员", "unit": "名", "青山经济开发区": "125", "白云高新区": "300"}
