"""GET /search, /healthz and the JSON error envelope."""
from __future__ import annotations


def test_healthz_reports_documents(client, store):
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"
    assert r.json()["documents"] == store.count()


def test_search_documents_highlighted_with_facets(client, synthetic):
    r = client.get("/search", params={"q": "党员", "park": "白云高新区"})
    assert r.status_code == 200
    body = r.json()
    assert body["kind"] == "document"
    assert body["total"] == 2
    assert {h["doc_id"] for h in body["items"]} == {synthetic[1]["doc_id"], synthetic[2]["doc_id"]}
    assert body["facets"]["park"]["白云高新区"] == 2
    hit = body["items"][0]
    assert hit["type"] == "document"
    snippet = hit["snippets"][0]
    assert "<mark>党员</mark>" in snippet["html"]
    s, e = snippet["highlights"][0]
    text = synthetic[1]["text"] if hit["doc_id"] == synthetic[1]["doc_id"] else synthetic[2]["text"]
    assert text[s:e] == "党员"


def test_search_pagination_total_is_stable(client):
    first = client.get("/search", params={"q": "党员", "limit": 1}).json()
    second = client.get("/search", params={"q": "党员", "limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] >= 3
    assert len(first["items"]) == len(second["items"]) == 1
    assert first["items"][0]["doc_id"] != second["items"][0]["doc_id"]


def test_search_traditional_query_finds_simplified_text(client, synthetic):
    r = client.get("/search", params={"q": "驛站"})
    assert r.status_code == 200
    assert synthetic[1]["doc_id"] in {h["doc_id"] for h in r.json()["items"]}


def test_search_practices_kind(client):
    body = client.get("/search", params={"q": "红色管家", "kind": "practice"}).json()
    assert body["kind"] == "practice"
    assert {(p["name"], p["park"]) for p in body["items"]} >= {("红色管家", "青山经济开发区"), ("红色管家", "白云高新区")}
    assert all(p["type"] == "practice" and p["id"] for p in body["items"])


def test_search_figures_kind(client):
    body = client.get("/search", params={"q": "服务企业", "kind": "figure"}).json()
    values = [(f["metric"], f["value"], f["unit"]) for f in body["items"]]
    assert ("服务企业", 12000, "家") in values


def test_search_bad_parameters_are_json_422(client):
    r = client.get("/search", params={"limit": 0})
    assert r.status_code == 422
    assert r.json()["detail"].startswith("invalid request: limit")
    r = client.get("/search", params={"kind": "people"})
    assert r.status_code == 422


def test_search_store_error_is_503_json(app, client):
    from kb.store import StoreUnavailable
    from search_api.deps import get_store

    class Broken:
        location = "broken"

        def count(self):
            return 0

        def search(self, query):
            raise StoreUnavailable("index folder is gone: run `dangjian reindex`")

    app.dependency_overrides[get_store] = lambda: Broken()
    try:
        r = client.get("/search", params={"q": "x"})
    finally:
        app.dependency_overrides.clear()
    assert r.status_code == 503
    assert r.json() == {"detail": "the store failed: index folder is gone: run `dangjian reindex`"}


def test_search_unexpected_error_is_500_without_traceback(app, client):
    from search_api.deps import get_store

    class Buggy:
        location = "buggy"

        def count(self):
            return 0

        def search(self, query):
            raise KeyError("secret internals")

    app.dependency_overrides[get_store] = lambda: Buggy()
    try:
        r = client.get("/search")
    finally:
        app.dependency_overrides.clear()
    assert r.status_code == 500
    assert r.json() == {"detail": "internal error (KeyError); the server log has details"}
    assert "Traceback" not in r.text and "secret" not in r.text


def test_search_cache_serves_repeats_until_a_write(store):
    from search_api.cache import ResponseCache

    cache, calls, version = ResponseCache(ttl=60), [], [1]
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert cache.get_or_compute("k", lambda: version[0], compute) == 1
    assert cache.get_or_compute("k", lambda: version[0], compute) == 1
    version[0] = 2                                   # the store changed: recompute
    assert cache.get_or_compute("k", lambda: version[0], compute) == 2
    cache.clear()
    assert cache.get_or_compute("k", lambda: version[0], compute) == 3
    assert ResponseCache(ttl=0).get_or_compute("k", lambda: 1, compute) == 4


def test_search_document_body_is_the_response_model(client):
    """/search builds its document body from plain data: it must equal SearchOut's own serialisation."""
    from search_api.models import SearchOut

    r = client.get("/search", params={"q": "党员 服务", "limit": 5})
    assert r.status_code == 200
    out = SearchOut.model_validate_json(r.content)
    assert out.items and out.items[0].snippets
    assert out.model_dump_json().encode() == r.content


def test_search_cache_sees_a_report_replaced_by_another_process(write_client, tmp_path):
    """Another store on the same folder (another process: `dangjian ingest`) replaces
    a report: the count stays the same, the cached answer must not."""
    from api_fixtures import new_store

    from kb.batch import ingest
    from search_api.cache import store_version

    assert store_version(write_client.store) == write_client.store.generation
    report = tmp_path / "report.txt"
    report.write_text("园区党委推行“红色楼宇”工作法，服务企业三十家。\n", encoding="utf-8")
    other = new_store(tmp_path / "store")
    try:
        ingest(other, [report])
        assert write_client.get("/search", params={"q": "红色楼宇"}).json()["total"] == 1
        assert write_client.get("/search", params={"q": "蓝色港湾"}).json()["total"] == 0
        report.write_text("园区党委推行“蓝色港湾”工作法，服务企业三十家。\n", encoding="utf-8")
        ingest(other, [report])
    finally:
        other.close()
    assert write_client.store.count() == 1
    assert write_client.get("/search", params={"q": "蓝色港湾"}).json()["total"] == 1
    assert write_client.get("/search", params={"q": "红色楼宇"}).json()["total"] == 0
