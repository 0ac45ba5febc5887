"""Fixtures of the robustness tests: an API client over a fresh embedded store."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from robust_helpers import API_KEY, open_sqlite  # noqa: E402


@pytest.fixture
def api(tmp_path):
    """A TestClient over a fresh SQLite store (`client.store`), default upload limit (20 MB)."""
    from fastapi.testclient import TestClient

    from search_api.app import create_app
    from search_api.settings import Settings

    st = open_sqlite(tmp_path / "api-store")
    app = create_app(Settings(api_key=API_KEY, cache_seconds=0), store=st)
    with TestClient(app, raise_server_exceptions=False) as c:
        c.store = st
        yield c
    st.close()
