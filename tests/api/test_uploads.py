"""POST /documents and POST /ingest: key, size limit, format errors, background jobs."""
from __future__ import annotations

import time

from api_fixtures import API_KEY

REPORT = "示范园区党建报告\n示范园区党工委建立楼宇党支部3个，发展党员20名。".encode("utf-8")


def test_uploads_without_key_401_and_nothing_stored(write_client):
    r = write_client.post("/documents", files={"file": ("a.txt", REPORT, "text/plain")})
    assert r.status_code == 401
    assert "X-API-Key" in r.json()["detail"]
    r = write_client.post("/documents", files={"file": ("a.txt", REPORT)}, headers={"X-API-Key": "wrong"})
    assert r.status_code == 401
    assert write_client.store.count() == 0


def test_uploads_refused_when_no_key_configured(store):
    from fastapi.testclient import TestClient

    from search_api.app import create_app
    from search_api.settings import Settings

    before = store.count()
    with TestClient(create_app(Settings(api_key=""), store=store)) as c:
        r = c.post("/documents", files={"file": ("a.txt", REPORT)}, headers={"X-API-Key": "anything"})
    assert r.status_code == 403
    assert "DANGJIAN_API_KEY" in r.json()["detail"]
    assert store.count() == before


def test_uploads_store_one_report(write_client):
    r = write_client.post("/documents", files={"file": ("../../etc/报告.txt", REPORT)},
                          headers={"X-API-Key": API_KEY})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["filename"] == "报告.txt"
    (result,) = body["documents"]
    assert result["status"] == "stored"
    assert write_client.store.count() == 1
    doc = write_client.get(f"/documents/{result['doc_ids'][0]}").json()
    assert "楼宇党支部" in doc["text"]


def test_uploads_bearer_token_accepted(write_client):
    r = write_client.post("/documents", files={"file": ("b.txt", REPORT)},
                          headers={"Authorization": f"Bearer {API_KEY}"})
    assert r.status_code == 201


def test_uploads_too_large_413(write_client):
    big = b"x" * 300_000
    r = write_client.post("/documents", files={"file": ("big.txt", big)}, headers={"X-API-Key": API_KEY})
    assert r.status_code == 413
    assert "limit" in r.json()["detail"]
    assert write_client.store.count() == 0


def test_uploads_unsupported_format_422(write_client):
    r = write_client.post("/documents", files={"file": ("photo.exe", b"MZ\x90\x00binary")},
                          headers={"X-API-Key": API_KEY})
    assert r.status_code == 422
    assert r.json()["detail"].startswith("photo.exe: ")
    assert write_client.store.count() == 0


def test_uploads_not_multipart_422(write_client):
    r = write_client.post("/documents", content=REPORT, headers={"X-API-Key": API_KEY, "Content-Type": "text/plain"})
    assert r.status_code == 422
    assert "multipart/form-data" in r.json()["detail"]


def test_uploads_sanitize_filename():
    from search_api.uploads import sanitize_filename

    assert sanitize_filename("../../etc/passwd") == "passwd"
    assert sanitize_filename("C:\\temp\\a<b>.txt") == "a_b_.txt"
    assert sanitize_filename("..") == "upload.txt"
    assert sanitize_filename("a\x00\n.txt") == "a.txt"
    assert len(sanitize_filename("长" * 300 + ".docx")) == 115


def test_uploads_ingest_job_reports_per_file(write_client):
    other = "另一园区党建报告\n该园区建立党组织5个。".encode("utf-8")
    files = [("files", ("a.txt", REPORT)), ("files", ("b.txt", other)), ("files", ("c.exe", b"\x00\x01"))]
    r = write_client.post("/ingest", files=files, headers={"X-API-Key": API_KEY})
    assert r.status_code == 202, r.text
    job_id = r.json()["id"]
    deadline = time.time() + 60
    while True:
        job = write_client.get(f"/ingest/{job_id}").json()
        if job["status"] in ("done", "failed") or time.time() > deadline:
            break
        time.sleep(0.1)
    assert job["status"] == "done"
    assert job["total"] == job["processed"] == 3
    assert [f["status"] for f in job["files"]] == ["stored", "stored", "failed"]
    assert job["files"][2]["reason"]
    assert write_client.store.count() == 2


def test_uploads_ingest_unknown_job_404(write_client):
    assert write_client.get("/ingest/nope").status_code == 404


def test_uploads_ingest_needs_key(write_client):
    r = write_client.post("/ingest", files=[("files", ("a.txt", REPORT))])
    assert r.status_code == 401
    assert write_client.store.count() == 0
