"""Store fixtures: every contract test runs once per backend in `kb_cases.BACKENDS`
(read at collection time through `pytest_generate_tests`, so a backend
appended to that list at import time is enough)."""
from __future__ import annotations

import pytest

import kb_cases
from kb_cases import BACKENDS, make_store, record_a, record_b, record_c  # noqa: F401 (re-exported)


def pytest_generate_tests(metafunc):
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", kb_cases.BACKENDS)


@pytest.fixture
def store(backend, tmp_path):
    s = make_store(backend, tmp_path)
    yield s
    s.close()


@pytest.fixture
def records() -> dict[str, dict]:
    return {"a": record_a(), "b": record_b(), "c": record_c()}


@pytest.fixture
def filled(store, records):
    """The store holding records a, b and c."""
    results = store.put_many([records["a"], records["b"], records["c"]])
    assert [r.status for r in results] == ["stored", "stored", "stored"]
    return store
