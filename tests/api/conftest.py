"""API fixtures: one temporary store (SQLite, or the in-memory stand-in while kb.sqlite
is missing) filled once per session with synthetic records and the five sample reports."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from api_fixtures import API_KEY, new_store, synthetic_records  # noqa: E402,F401


@pytest.fixture(scope="session")
def synthetic():
    return synthetic_records()


@pytest.fixture(scope="session")
def store(tmp_path_factory, synthetic, sample_records):
    st = new_store(tmp_path_factory.mktemp("api-store") / "store")
    st.put_many(synthetic)
    st.put_many(sample_records)
    yield st
    st.close()


@pytest.fixture(scope="session")
def app(store):
    from search_api.app import create_app
    from search_api.settings import Settings

    return create_app(Settings(api_key=API_KEY, max_upload_bytes=200_000), store=store)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def write_client(tmp_path):
    """A client over a fresh, empty store that tests may write to."""
    from fastapi.testclient import TestClient

    from search_api.app import create_app
    from search_api.settings import Settings

    st = new_store(tmp_path / "store")
    app = create_app(Settings(api_key=API_KEY, max_upload_bytes=200_000), store=st)
    with TestClient(app, raise_server_exceptions=False) as c:
        c.store = st
        yield c
    st.close()
