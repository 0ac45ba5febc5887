"""Faults during ingest: SIGKILL at several points of a 2,000-document batch,
two ingests of overlapping folders at once, the cluster going away mid-load,
a full disk and a read-only data folder."""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from robust_helpers import BIN, ingest_cli, open_sqlite
from fault_corpus import write_reports

DANGJIAN = str(BIN / "dangjian")


def _db_count(store: Path) -> int:
    """Committed documents, read straight from SQLite (no store open, no index work)."""
    db = store / "kb.sqlite3"
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def _figure_key(f: dict) -> tuple:
    return tuple(sorted((k, str(Decimal(str(v))) if k == "value" and v is not None else json.dumps(v, ensure_ascii=False))
                        for k, v in f.items()))


def _check_complete(store_dir: Path, files: list[Path]) -> None:
    """Every distinct text of `files` stored exactly once (under the path of one of the
    files holding it), its figures those `dangjian extract` gives, the index complete."""
    from kb.store import SearchQuery

    extracted: dict[str, dict] = {}
    paths: dict[str, set[str]] = {}
    out = subprocess.run([DANGJIAN, "extract", *map(str, files)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.splitlines()
    assert len(lines) == len(files)
    for line in lines:
        rec = json.loads(line)
        extracted[rec["doc_id"]] = rec
        paths.setdefault(rec["doc_id"], set()).add(rec["source"]["path"])
    st = open_sqlite(store_dir)
    try:
        records = list(st.iter_records())
        assert st.count() == len(records) == len(extracted)
        assert {r["doc_id"] for r in records} == set(extracted)
        for r in records:
            want = extracted[r["doc_id"]]
            assert r["source"]["path"] in paths[r["doc_id"]]
            assert r["figures"], r["source"]["path"]
            assert [_figure_key(f) for f in r["figures"]] == [_figure_key(f) for f in want["figures"]]
            assert len(r["practices"]) == len(want["practices"])
        assert st.search(SearchQuery(q="党支部", limit=1)).total == len(extracted)      # indexed once each
    finally:
        st.close()
    conn = sqlite3.connect(store_dir / "kb.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


# -- SIGKILL -----------------------------------------------------------------------------

@pytest.mark.slow
def test_faults_sigkill_at_three_points_then_rerun_every_document_once(tmp_path):
    src, store = tmp_path / "src", tmp_path / "store"
    files = write_reports(src, 2000)
    cmd = [DANGJIAN, "ingest", str(src), "--store", str(store), "--no-progress", "--batch-size", "16"]
    counts = []
    for target in (300, 900, 1500):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 90
        while _db_count(store) < target and proc.poll() is None and time.time() < deadline:
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        counts.append(_db_count(store))
    assert counts[0] >= 300 and counts == sorted(counts) and counts[-1] < 2000, counts
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    report = json.loads((store / "ingest-report.json").read_text(encoding="utf-8"))
    assert report["counts"] == {"stored": 2000 - counts[-1], "replaced": 0, "duplicate": counts[-1], "failed": 0}
    _check_complete(store, files)


# -- two ingests at once -------------------------------------------------------------------

def test_faults_two_overlapping_ingests_at_once_no_duplicates_no_lock_errors(tmp_path):
    root, store = tmp_path / "src", tmp_path / "store"
    only_a = write_reports(root / "a", 40, start=0)
    shared = write_reports(root / "shared", 60, start=40)
    only_b = write_reports(root / "b", 40, start=100)
    copies = write_reports(root / "b-copies", 20, start=40)          # same texts as shared/, other paths
    cmds = [[DANGJIAN, "ingest", str(root / "a"), str(root / "shared"), "--store", str(store),
             "--no-progress", "--batch-size", "8", "--report", str(tmp_path / "ra.json")],
            [DANGJIAN, "ingest", str(root / "shared"), str(root / "b"), str(root / "b-copies"), "--store", str(store),
             "--no-progress", "--batch-size", "8", "--workers", "2", "--report", str(tmp_path / "rb.json")]]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in cmds]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outs):
        assert p.returncode == 0, err[-2000:]
        assert "locked" not in err and "Traceback" not in err, err[-2000:]
    ra, rb = (json.loads((tmp_path / n).read_text(encoding="utf-8")) for n in ("ra.json", "rb.json"))
    assert ra["counts"]["failed"] == rb["counts"]["failed"] == 0
    assert ra["counts"]["stored"] + rb["counts"]["stored"] == 140       # each distinct text stored once
    # the shared files were seen by both, the copies are duplicates of shared texts (which
    # path of a text is kept depends on who wrote it first)
    assert ra["counts"]["duplicate"] + rb["counts"]["duplicate"] == 60 + 20
    _check_complete(store, only_a + shared + only_b + copies)


# -- the cluster goes away mid-load --------------------------------------------------------

def test_faults_cluster_stopped_mid_ingest_reports_failures_and_rerun_completes(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kb"))
    import es_server

    if es_server.real_cluster_url():
        pytest.skip("stops its own osmem server")
    from kb.batch import ingest

    src = tmp_path / "src"
    files = write_reports(src, 30)
    server = es_server.start_server()
    try:
        store = es_server.make_es_store(server.url, batch_size=100, max_retries=0,
                                        initial_backoff=0.01, max_backoff=0.02)
        put_many, calls = store.put_many, []

        def put_many_then_stop(records):           # batches are written on a writer thread:
            calls.append(len(records))              # stop the cluster right before the third one
            if len(calls) == 3:
                server.close()
            return put_many(records)

        store.put_many = put_many_then_stop
        report = ingest(store, [src], batch_size=5)
        statuses = [r.status for r in report.results]
        assert statuses == ["stored"] * 10 + ["failed"] * 20, [(r.status, r.reason[:200]) for r in report.results][:3]
        failed = report.failed
        assert {r.path for r in failed} == {str(f) for f in files[10:]}
        assert all("stopped answering" in r.reason or "not sent" in r.reason for r in failed), failed[0].reason
    finally:
        server.close()
    server = es_server.start_server()                  # back (empty again: osmem is in memory)
    try:
        store = es_server.make_es_store(server.url)
        again = ingest(store, [src], batch_size=5)
        assert again.counts == {"stored": 30, "replaced": 0, "duplicate": 0, "failed": 0}
        store.refresh()
        assert store.count() == 30
        store.close()
    finally:
        server.close()


# -- a full disk, a read-only folder ---------------------------------------------------------

@pytest.fixture
def tmpfs(tmp_path):
    """mount(size) a tmpfs on a fresh folder (root only); remount(opts); unmounted at the end."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    mounted = []

    def mount(size: str) -> Path:
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)],
                           capture_output=True, text=True)
        if r.returncode:
            pytest.skip(f"cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN): {r.stderr.strip()}")
        mounted.append(mnt)
        return mnt

    def remount(opts: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{opts}", str(mnt)], check=True)

    yield mount, remount
    if mounted:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_faults_disk_full_clear_error_nothing_half_written_rerun_completes(tmp_path, tmpfs):
    mount, remount = tmpfs
    files = write_reports(tmp_path / "src", 200)
    store = mount("1m") / "store"
    cmd = [DANGJIAN, "ingest", str(tmp_path / "src"), "--store", str(store), "--no-progress", "--batch-size", "8"]
    full = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert full.returncode == 1
    assert "Traceback" not in full.stderr, full.stderr[-2000:]
    assert full.stderr.startswith("Error: "), full.stderr[-2000:]
    # SQLite or the full-text index meets the full disk first, depending on timing
    assert re.search(r"disk is full|No space left|StorageFull", full.stderr), full.stderr[-2000:]
    remount("size=64m")                                # space freed
    committed = _db_count(store)
    assert 0 < committed < 200
    _check_complete(store, _stored_files(store, files))       # each committed one complete
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert again.returncode == 0, again.stderr[-2000:]
    _check_complete(store, files)


def _stored_files(store: Path, files: list[Path]) -> list[Path]:
    conn = sqlite3.connect(f"file:{store / 'kb.sqlite3'}?mode=ro", uri=True)
    try:
        paths = {r[0] for r in conn.execute("SELECT path FROM documents")}
    finally:
        conn.close()
    return [f for f in files if str(f) in paths]


def test_faults_read_only_store_folder_clear_error_store_untouched(tmp_path, tmpfs):
    mount, remount = tmpfs
    files = write_reports(tmp_path / "src", 6)
    store = mount("16m") / "store"
    first = subprocess.run([DANGJIAN, "ingest", str(files[0]), "--store", str(store), "--no-progress"],
                           capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    before = {p.name: p.stat().st_size for p in store.rglob("*") if p.is_file() and not p.name.endswith("-shm")}
    remount("ro")
    for target in (store, store.parent / "new-store"):
        r = subprocess.run([DANGJIAN, "ingest", str(tmp_path / "src"), "--store", str(target), "--no-progress"],
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 1, r.stderr
        assert "Traceback" not in r.stderr, r.stderr[-3000:]
        low = r.stderr.lower()
        assert r.stderr.startswith("Error: ") and ("read-only" in low or "writable" in low), r.stderr
    after = {p.name: p.stat().st_size for p in store.rglob("*") if p.is_file() and not p.name.endswith("-shm")}
    assert after == before
    remount("rw")
    _check_complete(store, files[:1])
