"""Fixtures of the robustness tests: fresh embedded stores, an API client over
one, the `dangjian` CLI in-process and as a subprocess."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

API_KEY = "robust-key-456"
BIN = Path(sys.executable).parent


def open_sqlite(location):
    from kb.sqlite import SQLiteStore

    return SQLiteStore(str(location), index_heap=15_000_000)


def ingest_cli(*args):
    """`dangjian ingest --no-progress --json ARGS` in-process: (exit code, report dict, output)."""
    from click.testing import CliRunner

    from kb.cli import main

    result = CliRunner().invoke(main, ["ingest", "--no-progress", "--json", *map(str, args)])
    out = result.output
    report = json.loads(out[out.index("{"):out.rindex("}") + 1]) if "{" in out else None
    return result.exit_code, report, out


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
