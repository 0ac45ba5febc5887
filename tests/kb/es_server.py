"""The cluster the Elasticsearch/OpenSearch tests run against.

Without configuration: one in-memory OpenSearch-compatible server
(`osmem-server`, a dev dependency) per test process, started on first use on
a free loopback port; it exits with the process. With
``DANGJIAN_TEST_ES_URL=http://host:9200`` the same tests run against that
real cluster (the official `elasticsearch` client when it is Elasticsearch).
Every store gets a unique index prefix and drops its indices when closed.
"""
from __future__ import annotations

import os
import threading
import uuid

import pytest

ENV = "DANGJIAN_TEST_ES_URL"
_lock = threading.Lock()
_server = None


def real_cluster_url() -> str | None:
    return os.environ.get(ENV) or None


def start_server():
    """A fresh osmem server (caller closes it)."""
    try:
        from osmem_server import OsmemServer
    except ImportError:
        pytest.skip("osmem-server is not installed (pip install -e '.[dev]') and DANGJIAN_TEST_ES_URL is unset")
    return OsmemServer.start(freeze=False, japanese=False)


def url() -> str:
    """The URL of the test cluster, starting the in-memory server once."""
    global _server
    real = real_cluster_url()
    if real:
        return real
    with _lock:
        if _server is None or _server.process.poll() is not None:
            _server = start_server()
        return _server.url


def unique_prefix() -> str:
    return f"djt-{uuid.uuid4().hex[:12]}"


def make_es_store(location: str | None = None, **options):
    """An `ElasticStore` on its own prefix that deletes its indices on close()."""
    from kb.elastic import ElasticStore

    class TestStore(ElasticStore):
        def close(self) -> None:
            try:
                self.drop()
            except Exception:
                pass
            super().close()

    options.setdefault("prefix", unique_prefix())
    options.setdefault("batch_size", 100)
    return TestStore(location or url(), **options)
