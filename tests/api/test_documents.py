"""GET /documents/{id}: text, items and annotations."""
from __future__ import annotations


def test_documents_returns_text_items_and_spans(client, synthetic):
    rec = synthetic[0]
    r = client.get(f"/documents/{rec['doc_id']}")
    assert r.status_code == 200
    body = r.json()
    assert body["text"] == rec["text"]
    assert body["source"]["title"] == "青山开发区党建工作报告"
    assert [f["value"] for f in body["figures"]] == [125, 12, 97.7]
    s, e = body["figures"][0]["span"]
    assert body["text"][s:e] == "现有党员125名"
    assert body["practices"][0]["name"] == "三级网格化党建体系"


def test_documents_annotations_cover_items_without_crossing(client, synthetic):
    rec = synthetic[0]
    anns = client.get(f"/documents/{rec['doc_id']}").json()["annotations"]
    labels = {(a["label"], a["text"]) for a in anns}
    assert ("PARK", "青山经济开发区") in labels
    assert ("PARK", "青山开发区") in labels
    assert ("FIGURE", "现有党员125名") in labels
    assert ("PERSON", "李明") in labels
    assert ("ORG", "青山开发区党群服务中心") in labels
    assert ("PRACTICE", "构建“园区党委—片区党支部—楼宇党小组”三级网格化党建体系") in labels
    for a in anns:
        assert rec["text"][a["start"]:a["end"]] == a["text"]
    inner = [a for a in anns if a["label"] != "PRACTICE"]
    for x, y in zip(inner, inner[1:]):
        assert x["end"] <= y["start"]


def test_documents_missing_is_404_json(client):
    r = client.get("/documents/0000000000000000")
    assert r.status_code == 404
    assert r.json() == {"detail": "no document '0000000000000000': find ids with GET /search"}


def test_documents_sample_reports_are_served(client, sample_records):
    for rec in sample_records:
        body = client.get(f"/documents/{rec['doc_id']}").json()
        assert body["text"] == rec["text"]
        for a in body["annotations"]:
            assert body["text"][a["start"]:a["end"]] == a["text"]


def test_documents_browser_link_redirects_to_page(client, synthetic):
    doc = synthetic[0]["doc_id"]
    r = client.get(f"/documents/{doc}", headers={"Accept": "text/html,application/xhtml+xml"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/?doc={doc}"


def test_documents_page_and_static_served(client):
    r = client.get("/")
    assert r.status_code == 200 and "党建知识库" in r.text
    assert client.get("/static/app.js").status_code == 200
    assert "Noto Sans CJK SC" in client.get("/static/style.css").text


def test_documents_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) == {"/healthz", "/search", "/documents/{doc_id}", "/documents", "/parks", "/parks/{park_id}",
                          "/practices", "/practices/{practice_id}", "/compare", "/figures", "/ingest",
                          "/ingest/{job_id}"}
