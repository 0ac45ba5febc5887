"""Hostile search strings through both stores and the API; write endpoints without
or with a wrong key; upload file names that try to leave the data folder."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from robust_helpers import API_KEY, open_sqlite

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kb"))
from kb_cases import make_store, record_a, record_b, record_c  # noqa: E402

MARK = "qzxv"          # in no document: a query holding it as a word must find nothing

# FTS5 / tantivy / Lucene query-string syntax, quotes, SQL, control characters, odd Unicode.
# Each holds MARK, so however its operators were read, a match means the syntax leaked.
HOSTILE = [
    f'{MARK} OR 党建', f'{MARK} OR *', f'"{MARK}" OR "党员"', f'{MARK}) OR (党员', f'{MARK} NOT 园区',
    f'{MARK} NEAR(党建 园区)', f'{MARK}*', f'^{MARK}', f'text:{MARK} OR text:党建', f'{{text}}: {MARK} OR 党员',
    f'"{MARK}', f'{MARK}"', f'""{MARK}""', f"'{MARK}' OR '1'='1", f"{MARK}'; DROP TABLE documents; --",
    f'{MARK} || 党建', f'+{MARK} -党建', f'{MARK}~2 党员~', f'/{MARK}.*/ OR /.*/', f'doc_id:* {MARK}',
    f'*:* AND {MARK}', f'_exists_:title {MARK}', f'title:(党建 OR 党员) AND {MARK}', f'year:[2000 TO 2100] {MARK}',
    f'{MARK}^100 党员^0', f'{{!lucene}}{MARK}', f'{MARK} AND NOT 党员', f'{MARK} \\ / \\" \\\\', f'{MARK} % _ %%',
    f'{MARK}\x00党建', f'{MARK}\x1b[31m党员', f'{MARK}\u202e建党', f'{MARK}\u200b党\u200d建', f'{MARK}\ufeff',
    f'{MARK} ＯＲ 党建', f'{MARK} 𠀀😀 党员', f'{MARK}\t\n\r党建', f'{MARK} ' + "(" * 200 + "党建" + ")" * 200,
    f'{MARK} ' + "党建 OR " * 60, f'{MARK} ' + '"' * 99,
]
# Not holding MARK: must simply not fail (any result is fine)
ODD = ["", " ", "*", "\"", "\"\"", "(", ")", "-", "OR", "AND NOT", "NEAR", ":", "*:*", "\\", "\x00", "\x7f",
       "\u0301", "🙂", "党" * 5000, "党建 " * 2000, "a" * 10000, "\ud800", "党\udfff建"]


@pytest.fixture(scope="module", params=["sqlite", "opensearch"])
def store(request, tmp_path_factory):
    st = make_store(request.param, tmp_path_factory.mktemp(f"hostile-{request.param}"))
    assert [r.status for r in st.put_many([record_a(), record_b(), record_c()])] == ["stored"] * 3
    if hasattr(st, "refresh"):
        st.refresh()
    yield st
    st.close()


def _search(store, q: str, **filters):
    from kb.store import SearchQuery, StoreError

    try:
        return store.search(SearchQuery(q=q, **filters))
    except StoreError as exc:                  # a refusal with a reason is the store's 4xx
        assert str(exc), q
        return None


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_store_operators_are_words_not_syntax(store, q):
    page = _search(store, q)
    assert page is None or (page.total == 0 and page.items == []), (q, [h.doc_id for h in page.items])


@pytest.mark.parametrize("q", ODD, ids=range(len(ODD)))
def test_hostile_store_odd_queries_answer(store, q):
    page = _search(store, q)
    if page is not None:
        assert page.total >= len(page.items)
        for hit in page.items:
            assert hit.doc_id in {record_a()["doc_id"], record_b()["doc_id"], record_c()["doc_id"]}


@pytest.mark.parametrize("q", ["党建 OR 丙州", "park:丙州经济开发区 党建", "党建) OR (丙州", "* OR 园区", "党"])
def test_hostile_store_filters_cannot_be_escaped(store, q):
    """A filter holds whatever the query says: nothing of another park, year or outlet."""
    a_park = record_a()["parks"][0]["name"]
    page = _search(store, q, park=a_park)
    assert page is not None
    for hit in page.items:
        assert hit.parks and all("丙州" not in p for p in hit.parks), (q, hit.parks)
        assert hit.doc_id != record_c()["doc_id"]


# -- the API ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from search_api.app import create_app
    from search_api.settings import Settings

    st = open_sqlite(tmp_path_factory.mktemp("hostile-api") / "store")
    st.put_many([record_a(), record_b(), record_c()])
    with TestClient(create_app(Settings(api_key=API_KEY, cache_seconds=0), store=st),
                    raise_server_exceptions=False) as c:
        c.store = st
        yield c
    st.close()


@pytest.mark.parametrize("q", HOSTILE + ODD, ids=range(len(HOSTILE) + len(ODD)))
def test_hostile_api_search_never_5xx(client, q):
    for path in ("/search", "/practices", "/parks"):
        try:
            r = client.get(path, params={"q": q})
        except UnicodeEncodeError:             # a lone surrogate cannot even be sent
            return
        assert r.status_code < 500, (path, q, r.status_code, r.text[:300])
        if r.status_code >= 400:
            assert r.json()["detail"], (path, q)
        elif path == "/search" and MARK in q:
            assert r.json()["total"] == 0 and r.json()["items"] == [], (q, r.text[:300])


def test_hostile_api_raw_bad_percent_encoding_never_5xx(client):
    for raw in ("/search?q=%ED%A0%80", "/search?q=%FF%FE", "/search?q=%00", "/search?q=%", "/search?q=%zz",
                "/search?q=" + "%E5%85%9A" * 400, "/search?year=二〇二三", "/search?year=99999999999999999999",
                "/search?limit=-1", "/search?offset=99999999999", "/search?park=%00&q=*"):
        r = client.get(raw)
        assert r.status_code < 500, (raw, r.status_code, r.text[:300])


def test_hostile_api_search_filter_cannot_be_escaped(client):
    r = client.get("/search", params={"q": "党建 OR 丙州", "park": record_a()["parks"][0]["name"]})
    assert r.status_code == 200
    assert record_c()["doc_id"] not in {i["doc_id"] for i in r.json()["items"]}


# -- write endpoints without the key ------------------------------------------------------------

REPORT = "示范园区党建报告\n示范园区党工委建立楼宇党支部3个，发展党员20名。".encode("utf-8")
BAD_AUTH = [{}, {"X-API-Key": ""}, {"X-API-Key": "wrong"}, {"X-API-Key": API_KEY.upper()},
            {"X-API-Key": API_KEY + " "}, {"X-API-Key": API_KEY[:-1]}, {"Authorization": "Bearer wrong"},
            {"Authorization": f"Basic {API_KEY}"}, {"Authorization": API_KEY}, {"X-Api-Key": "x" * 10000}]


@pytest.fixture
def empty_client(tmp_path):
    from fastapi.testclient import TestClient

    from search_api.app import create_app
    from search_api.settings import Settings

    st = open_sqlite(tmp_path / "data")
    with TestClient(create_app(Settings(api_key=API_KEY), store=st), raise_server_exceptions=False) as c:
        c.store, c.data = st, tmp_path / "data"
        yield c
    st.close()


@pytest.mark.parametrize("headers", BAD_AUTH, ids=range(len(BAD_AUTH)))
def test_hostile_writes_without_the_key_401_nothing_stored(empty_client, headers):
    c = empty_client
    r1 = c.post("/documents", files={"file": ("a.txt", REPORT)}, headers=headers)
    r2 = c.post("/ingest", files=[("files", ("a.txt", REPORT))], headers=headers)
    r3 = c.post(f"/documents?api_key={API_KEY}", files={"file": ("a.txt", REPORT)}, headers=headers)
    assert [r1.status_code, r2.status_code, r3.status_code] == [401, 401, 401]
    assert all("API key" in r.json()["detail"] for r in (r1, r2, r3))
    time.sleep(0.05)
    assert c.store.count() == 0


# -- upload file names ----------------------------------------------------------------------------

NAMES = ["../../etc/passwd.txt", "/etc/passwd.txt", "..\\..\\windows\\win.ini.txt", "C:\\evil\\a.txt",
         "a\x00b.txt", "..", "../", ".txt", "./../../../../../../tmp/escape.txt", "%2e%2e%2fescape.txt",
         "\u202etxt.exe", "~/.bashrc.txt", "报告/../../越界.txt", "a" * 5000 + ".txt", "CON.txt", "\n\r.txt"]


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_hostile_upload_names_stay_labels(empty_client, tmp_path, name):
    c = empty_client
    etc_before = os.stat("/etc/passwd").st_mtime_ns
    outside_before = set(tmp_path.parent.rglob("*escape*")) | set(Path("/tmp").glob("escape*"))
    body = REPORT + name.encode("utf-8", "replace")[:40]         # one distinct document per name
    try:
        r = c.post("/documents", files={"file": (name, body, "text/plain")}, headers={"X-API-Key": API_KEY})
    except (UnicodeEncodeError, ValueError):                       # the client refuses the header itself
        return
    assert r.status_code < 500, r.text
    assert os.stat("/etc/passwd").st_mtime_ns == etc_before
    assert set(tmp_path.parent.rglob("*escape*")) | set(Path("/tmp").glob("escape*")) == outside_before
    files_in_data = {p.name for p in c.data.rglob("*") if p.is_file()}
    assert not any(n.endswith(".txt") for n in files_in_data), files_in_data     # uploads are never written as files
    if r.status_code == 201:
        shown = r.json()["filename"]
        assert "/" not in shown and "\\" not in shown and "\x00" not in shown and len(shown) <= 120, shown
        (rec,) = list(c.store.iter_records())
        assert rec["source"]["path"] == shown
    else:
        assert r.status_code in (413, 422) and r.json()["detail"], r.text
