"""Cluster-only behaviour: distribution detection, alias swap, unreachable clusters,
bulk failures and re-runs, the server-side bigram mode."""
from __future__ import annotations

import re
import time

import pytest

import es_server
from kb_cases import make_store, record_a, record_b, record_c
from es_server import make_es_store
from kb.elastic_bulk import BulkOptions, BulkWriteError, write_actions
from kb.elastic_conn import connect, detect, distribution, split_credentials
from kb.store import SearchQuery, StoreError, StoreUnavailable, open_store
from synthetic import make_records

A, B, C = "a000000000000001", "b000000000000002", "c000000000000003"
DEAD = "http://127.0.0.1:1"


@pytest.fixture
def es():
    s = make_es_store()
    yield s
    s.close()


def test_elastic_detects_distribution_from_root_answer(es):
    info = detect(es_server.url())
    if es_server.real_cluster_url() is None:          # osmem answers as OpenSearch
        import opensearchpy

        assert distribution(info) == "opensearch"
        assert es.conn.flavor == "opensearch" and isinstance(es.client, opensearchpy.OpenSearch)
    else:
        assert es.conn.flavor == distribution(info)
    assert distribution({"version": {"number": "9.1.0", "build_flavor": "default"},
                         "tagline": "You Know, for Search"}) == "elasticsearch"
    assert distribution({"version": {"number": "2.19.0", "distribution": "opensearch"}}) == "opensearch"


def test_elastic_url_credentials_are_split_and_hidden():
    assert split_credentials("https://user:pw@es.example:9243/") == ("https://es.example:9243", ("user", "pw"))
    assert split_credentials("http://127.0.0.1:9200") == ("http://127.0.0.1:9200", None)


def test_elastic_open_store_routes_urls(es):
    s = open_store(es_server.url(), prefix=es.prefix)
    try:
        assert type(s).__name__ == "ElasticStore" and s.count() == 0
    finally:
        s.close()


def test_elastic_unreachable_url_is_one_clear_error():
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as err:
        open_store(DEAD)
    assert time.monotonic() - started < 5
    message = str(err.value)
    assert message.startswith(f"cannot reach the cluster at {DEAD}: ")
    assert "refused" in message.lower() and "DANGJIAN_STORE" in message
    assert "urllib3" not in message and "Traceback" not in message
    assert err.value.__cause__ is None and err.value.__suppress_context__


def test_elastic_not_a_cluster_is_one_clear_error(es):
    with pytest.raises(StoreUnavailable, match=r"GET / with HTTP 404|not an Elasticsearch/OpenSearch"):
        open_store(es_server.url() + "/no-such-path")


def test_elastic_copy_to_unreachable_leaves_local_store_untouched(tmp_path):
    from kb.copy import copy_store

    local = make_store("sqlite", tmp_path)
    try:
        local.put_many([record_a(), record_b()])
        with pytest.raises(StoreUnavailable):
            copy_store(local, open_store(DEAD))
        assert local.count() == 2 and {h.doc_id for h in local.search(SearchQuery(q="党员")).items} == {A, B}
    finally:
        local.close()


def test_elastic_cli_unreachable_prints_message_not_traceback():
    from click.testing import CliRunner

    from kb.cli import main

    result = CliRunner().invoke(main, ["search", "党建", "--store", DEAD])
    assert result.exit_code != 0
    assert f"cannot reach the cluster at {DEAD}" in result.output
    assert "Traceback" not in result.output


def test_elastic_rejected_mapping_is_store_error(es):
    with pytest.raises(StoreError, match=r"refused creating index .*mapping"):
        make_es_store(prefix=es.prefix + "-bad", shards=0)


def test_elastic_reindex_swaps_aliases_in_one_call(es):
    es.put_many([record_a(), record_b(), record_c()])
    before = {k: es._concrete(k) for k in ("documents", "figures", "entities")}
    calls = []
    real = es.client.indices.update_aliases

    def spy(*args, **kwargs):
        calls.append(kwargs["body"]["actions"])
        return real(*args, **kwargs)

    es.client.indices.update_aliases = spy
    page_before = es.search(SearchQuery(q="党员"))
    assert es.reindex() == 3
    after = {k: es._concrete(k) for k in before}
    assert len(calls) == 1 and len(calls[0]) == 2 * 7            # remove + add for all seven aliases
    for kind, name in after.items():
        assert name != before[kind]
        assert re.fullmatch(rf"{es.prefix}-{kind}-v1-\d{{20}}", name)
        assert not es.client.indices.exists(index=before[kind])
    page_after = es.search(SearchQuery(q="党员"))
    assert {h.doc_id for h in page_after.items} == {h.doc_id for h in page_before.items} == {A, B}
    assert page_after.facets == page_before.facets


def test_elastic_write_block_reports_failed_records_and_rerun_completes(es):
    records = make_records(12, seed=11)
    es.batch_size = 5

    def stream():
        for n, rec in enumerate(records):
            if n == 7:          # batch 2 is being built: the cluster starts refusing writes
                es.client.indices.put_settings(index=f"{es.prefix}-*", body={"index.blocks.write": True})
            yield rec

    with pytest.raises(BulkWriteError) as err:
        es.put_many(stream())
    statuses = [r.status for r in err.value.results]
    assert statuses == ["stored"] * 5 + ["failed"] * 7
    assert [r.doc_id for r in err.value.failed] == [r["doc_id"] for r in records[5:]]
    assert all("cluster_block_exception" in r.reason for r in err.value.failed)
    assert "7 of 12 records were not stored" in str(err.value) and records[5]["source"]["path"] in str(err.value)
    es.client.indices.put_settings(index=f"{es.prefix}-*", body={"index.blocks.write": False})
    es.refresh()
    assert es.count() == 5 and not es.has(records[5]["doc_id"])
    again = es.put_many(records)
    assert [r.status for r in again] == ["duplicate"] * 5 + ["stored"] * 7
    assert es.count() == 12


def test_elastic_partly_written_record_is_taken_back(es):
    assert es.put(record_a()).status == "stored"
    docs = es.alias("documents")
    es.client.indices.put_settings(index=docs, body={"index.blocks.write": True})   # rows pass, entries fail
    with pytest.raises(BulkWriteError) as err:
        es.put_many([record_b(), record_c()])
    assert [(r.doc_id, r.status) for r in err.value.results] == [(B, "failed"), (C, "failed")]
    es.client.indices.put_settings(index=docs, body={"index.blocks.write": False})
    assert es.count() == 1 and [r["doc_id"] for r in es.figures()] == [A, A, A]
    assert es.practices(category="brand") == [] and es.search_figures("企业").total == 0
    parks = es.parks()
    assert [(p["id"], p["aliases"], p["doc_count"]) for p in parks] == [("甲城高新技术产业开发区", ["甲城高新区"], 1)]
    assert [r.status for r in es.put_many([record_b(), record_c()])] == ["stored", "stored"]
    assert {p["id"]: p["doc_count"] for p in es.parks()} == {"甲城高新技术产业开发区": 2, "丙州经济开发区": 1}


@pytest.mark.skipif(es_server.real_cluster_url() is not None, reason="stops its own osmem server")
def test_elastic_server_stopped_midway_names_unsent_records_and_rerun_completes():
    server = es_server.start_server()
    records = make_records(12, seed=12)
    try:
        store = make_es_store(server.url, batch_size=5, max_retries=0, initial_backoff=0.01, max_backoff=0.02)

        def stream():
            for n, rec in enumerate(records):
                if n == 7:
                    server.close()
                yield rec

        started = time.monotonic()
        with pytest.raises(BulkWriteError) as err:
            store.put_many(stream())
        assert time.monotonic() - started < 10
        assert [r.status for r in err.value.results] == ["stored"] * 5 + ["failed"] * 7
        assert all(r.reason.startswith(f"not sent: the cluster at {server.url} stopped answering")
                   for r in err.value.failed)
        assert isinstance(err.value, StoreUnavailable)
    finally:
        server.close()
    server = es_server.start_server()              # the cluster is back (empty: it was in memory)
    try:
        store = make_es_store(server.url)
        assert [r.status for r in store.put_many(records)] == ["stored"] * 12
        assert store.count() == 12
    finally:
        server.close()


@pytest.mark.skipif(es_server.real_cluster_url() is not None, reason="stops its own osmem server")
def test_elastic_copy_stops_when_destination_goes_away(tmp_path):
    from kb.copy import copy_store

    local = make_store("sqlite", tmp_path)
    server = es_server.start_server()
    try:
        local.put_many(make_records(12, seed=13))
        dst = make_es_store(server.url, max_retries=0)
        with pytest.raises(StoreUnavailable, match=r"^copy stopped after 10 records read, 5 written: "):
            copy_store(local, dst, batch_size=5, progress=lambda n: server.close())
        assert local.count() == 12
    finally:
        server.close()
        local.close()


def test_elastic_bulk_retries_connection_errors_with_capped_backoff():
    conn = connect(es_server.url(), max_retries=0)
    if conn.flavor == "opensearch":                  # the same client library, pointed at a closed port
        import opensearchpy

        conn.client = opensearchpy.OpenSearch(hosts=[DEAD], max_retries=0)
    else:
        import elasticsearch

        conn.client = elasticsearch.Elasticsearch(DEAD, max_retries=0)
    slept: list[float] = []
    opts = BulkOptions(max_retries=4, initial_backoff=0.5, max_backoff=2.0, sleep=slept.append)
    failures = write_actions(conn, [{"_index": "x", "_id": str(i), "_source": {"n": i}} for i in range(3)], opts)
    assert sorted(failures) == [0, 1, 2]
    assert slept == [0.5, 1.0, 2.0, 2.0]
    assert all("cluster did not answer" in r and "gave up after 4 retries" in r for r in failures.values())


def test_elastic_server_side_bigrams_find_the_same_documents(es):
    server_mode = make_es_store(bigrams="server")
    try:
        for s in (es, server_mode):
            s.put_many([record_a(), record_b(), record_c()])
        for q in ("楼宇党建", "党员", "黨建", "红色驿站", "志愿者 楼宇", "服务"):
            assert ({h.doc_id for h in server_mode.search(SearchQuery(q=q)).items}
                    == {h.doc_id for h in es.search(SearchQuery(q=q)).items}), q
        reopened = make_es_store(prefix=server_mode.prefix)       # the mode is read back from the index
        assert reopened.bigrams == "server"
    finally:
        server_mode.close()


def test_elastic_invalid_prefix_is_rejected():
    with pytest.raises(StoreError, match="prefix"):
        make_es_store(prefix="Bad Prefix*")


@pytest.mark.real_cluster
@pytest.mark.skipif(es_server.real_cluster_url() is None, reason="needs DANGJIAN_TEST_ES_URL (a real cluster)")
def test_elastic_real_cluster_uses_the_official_client_of_its_distribution(es):
    """Elasticsearch gets `elasticsearch.Elasticsearch` (compat headers and all), OpenSearch `opensearch-py`."""
    import elasticsearch
    import opensearchpy

    expected = {"elasticsearch": elasticsearch.Elasticsearch, "opensearch": opensearchpy.OpenSearch}
    assert isinstance(es.client, expected[distribution(detect(es_server.url()))])
    es.put_many([record_a(), record_b(), record_c()])
    assert es.reindex() == 3
    assert {h.doc_id for h in es.search(SearchQuery(q="党员")).items} == {A, B}
