"""GET /parks, /parks/{id}, /practices, /practices/{id}."""
from __future__ import annotations


def test_parks_lists_synthetic_parks(client):
    body = client.get("/parks", params={"q": "白云"}).json()
    assert body["total"] == 1
    assert body["items"][0]["name"] == "白云高新区"
    assert body["items"][0]["documents"] == 2


def test_parks_profile_by_alias(client, synthetic):
    r = client.get("/parks/青山开发区")
    assert r.status_code == 200
    p = r.json()
    assert p["name"] == "青山经济开发区"
    assert p["aliases"] == ["青山开发区"]
    assert p["region"] == "湖北省青山市"
    assert [d["doc_id"] for d in p["document_list"]] == [synthetic[0]["doc_id"]]
    assert [o["name"] for o in p["organizations"]] == ["青山开发区党群服务中心"]
    assert [x["name"] for x in p["people"]] == ["李明"]
    assert sorted(x["name"] for x in p["practices"]) == ["三级网格化党建体系", "红色管家"]
    groups = {g["metric"]: [f["value"] for f in g["items"]] for g in p["figures"]}
    assert groups == {"党员": [125], "党组织": [12], "党组织覆盖率": [97.7]}


def test_parks_unknown_is_404(client):
    r = client.get("/parks/不存在园区")
    assert r.status_code == 404
    assert "unknown park" in r.json()["detail"]


def test_practices_filter_by_park_and_category(client):
    body = client.get("/practices", params={"park": "白云高新区", "category": "service"}).json()
    assert sorted(p["name"] for p in body["items"]) == ["红色管家", "红色驿站"]
    assert body["total"] == 2


def test_practices_detail_lists_similar_in_other_parks(client):
    items = client.get("/practices", params={"park": "青山经济开发区", "category": "service"}).json()["items"]
    r = client.get(f"/practices/{items[0]['id']}")
    assert r.status_code == 200
    detail = r.json()
    assert detail["name"] == "红色管家"
    assert detail["similar"], "the other park's 红色管家 should be similar"
    top = detail["similar"][0]
    assert (top["name"], top["park"]) == ("红色管家", "白云高新区")
    assert 0 < top["score"] <= 1
    assert all(s["park"] != "青山经济开发区" for s in detail["similar"])


def test_practices_unknown_id_is_404(client):
    assert client.get("/practices/nope-1-2").status_code == 404
