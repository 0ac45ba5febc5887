"""Batch ingest into the embedded store: idempotency, replacement, bad files,
the JSON report, worker pools and a batch killed with SIGKILL then rerun."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.store import SearchQuery

BIN = Path(sys.executable).parent


def _ingest(*args):
    return CliRunner().invoke(main, ["ingest", "--no-progress", *map(str, args)])


def _count(store) -> int:
    from kb.store import open_store

    st = open_store(str(store))
    try:
        return st.count()
    finally:
        st.close()


def test_batch_ingest_corpus_then_again_stores_nothing_new(tmp_path, corpus_files):
    store = tmp_path / "store"
    first = _ingest(corpus_files[0].parent, "--store", store)
    assert first.exit_code == 0, first.output
    report = json.loads((store / "ingest-report.json").read_text(encoding="utf-8"))
    assert report["counts"] == {"stored": 5, "replaced": 0, "duplicate": 0, "failed": 0}
    second = _ingest(corpus_files[0].parent, "--store", store, "--json")
    assert second.exit_code == 0
    assert json.loads(second.output[second.output.index("{"):])["counts"]["duplicate"] == 5
    assert _count(store) == 5


def test_batch_repost_with_other_whitespace_is_duplicate(tmp_path, corpus_files):
    store, src = tmp_path / "store", tmp_path / "src"
    src.mkdir()
    text = corpus_files[1].read_text(encoding="utf-8")
    (src / "a.txt").write_text(text, encoding="utf-8")
    (src / "b.txt").write_text("\n\n" + text.replace("\n", "\n\n  ") + "\n\n", encoding="utf-8")
    result = _ingest(src, "--store", store, "--json")
    counts = json.loads(result.output[result.output.index("{"):])["counts"]
    assert counts == {"stored": 1, "replaced": 0, "duplicate": 1, "failed": 0}
    assert _count(store) == 1


def test_batch_changed_file_at_same_path_replaces_old_version(tmp_path, corpus_files):
    store, src = tmp_path / "store", tmp_path / "src"
    src.mkdir()
    f = src / "report.txt"
    f.write_text(corpus_files[4].read_text(encoding="utf-8"), encoding="utf-8")
    assert _ingest(f, "--store", store).exit_code == 0
    f.write_text(corpus_files[4].read_text(encoding="utf-8") + "\n补充：新增党员5名。\n", encoding="utf-8")
    result = _ingest(f, "--store", store, "--json")
    assert json.loads(result.output[result.output.index("{"):])["counts"]["replaced"] == 1
    assert _count(store) == 1


def test_batch_goes_on_past_bad_files_and_exits_nonzero(tmp_path, corpus_files):
    store, src = tmp_path / "store", tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_bytes(corpus_files[0].read_bytes())
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (src / "later.txt").write_bytes(corpus_files[2].read_bytes())
    result = _ingest(src, "--store", store, "--json")
    assert result.exit_code == 1
    report = json.loads(result.output[result.output.index("{"):])
    assert report["counts"] == {"stored": 2, "replaced": 0, "duplicate": 0, "failed": 2}
    failed = {Path(r["path"]).name: r["reason"] for r in report["results"] if r["status"] == "failed"}
    assert set(failed) == {"empty.txt", "binary.txt"}
    assert all(failed.values())
    assert _count(store) == 2


def test_batch_two_workers_store_the_same_documents(tmp_path, corpus_files):
    one, two = tmp_path / "one", tmp_path / "two"
    assert _ingest(corpus_files[0].parent, "--store", one).exit_code == 0
    assert _ingest(corpus_files[0].parent, "--store", two, "--workers", "2").exit_code == 0
    from kb.store import open_store

    a, b = open_store(str(one)), open_store(str(two))
    try:
        assert set(a.known_paths().values()) == set(b.known_paths().values())
        for table in ("documents", "parks", "organizations", "people", "figures", "practices", "park_names"):
            sql = f"SELECT * FROM {table} ORDER BY 1, 2, 3"
            assert [tuple(r) for r in a._conn().execute(sql)] == [tuple(r) for r in b._conn().execute(sql)]
        for q in ("党建", "流动党员", "楼宇党建"):               # the workers' analysis indexes the same
            page_a, page_b = a.search(SearchQuery(q=q)), b.search(SearchQuery(q=q))
            assert page_a.total > 0
            assert [(h.doc_id, h.score) for h in page_a.items] == [(h.doc_id, h.score) for h in page_b.items]
            assert a.search_figures(q).items == b.search_figures(q).items
    finally:
        a.close()
        b.close()


def test_batch_worker_sends_what_the_store_prepared(monkeypatch, corpus_files):
    from kb import batch
    from kb.sqlite import SQLiteStore
    from kb.sqlite_write import Prepared, prepare_for_store

    assert batch.store_preparer(object()) is None                   # a store without one gets records
    assert batch.store_preparer(SQLiteStore.__new__(SQLiteStore)) is prepare_for_store
    batch._init_worker(frozenset())
    monkeypatch.setattr(batch, "_prepare", prepare_for_store)
    [(kind, prepared)] = batch.process_one(str(corpus_files[0]))
    assert kind == "record" and isinstance(prepared, Prepared) and prepared.analysis
    assert prepared.path == str(corpus_files[0])
    malformed = {"doc_id": "x1", "source": {"path": "bad.txt"}, "figures": [{"value": "many"}]}
    assert batch._prepared(malformed) is malformed          # refused: the store reports it, as any record


@pytest.mark.slow
def test_batch_killed_half_way_then_rerun_finishes(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from corpus import build

    src, store = tmp_path / "src", tmp_path / "store"
    files, _ = build(src, 2.0)            # ~200 distinct documents
    cmd = [str(BIN / "dangjian"), "ingest", str(src), "--store", str(store), "--batch-size", "4", "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = store / "kb.sqlite3"
    deadline = time.time() + 120
    while time.time() < deadline:                 # poll the table directly: opening the store is slower
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
                if conn.execute("SELECT count(*) FROM documents").fetchone()[0] >= 8:
                    break
        except sqlite3.Error:
            pass
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_before = _count(store)
    assert 0 < stored_before < files
    rerun = subprocess.run(cmd, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert _count(store) == files
    report = json.loads((store / "ingest-report.json").read_text(encoding="utf-8"))
    assert report["counts"]["duplicate"] == stored_before
    assert report["counts"]["stored"] == files - stored_before


def test_batch_ordered_keeps_order_and_bounds_work_in_flight():
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from kb.batch import _ordered

    lock, state = threading.Lock(), {"submitted": 0, "consumed": 0, "max_ahead": 0}

    def work(chunk):
        with lock:
            state["submitted"] += len(chunk)
            state["max_ahead"] = max(state["max_ahead"], state["submitted"] - state["consumed"])
        return [x * 2 for x in chunk]

    out = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for r in _ordered(pool, work, list(range(100)), ahead=3, chunk=4):
            out.append(r)
            with lock:
                state["consumed"] += 1
    assert out == [x * 2 for x in range(100)]
    assert state["max_ahead"] <= 4 * 4          # ahead chunks in flight, plus the one being consumed


def test_batch_batches_shrink_to_what_is_left_near_the_end(monkeypatch, corpus_files):
    from kb import batch
    from kb.store import PutResult

    class Recording:                       # a store that only counts what each put_many got
        sizes: list[int] = []

        def known_paths(self):
            return {}

        def put_many(self, records):
            self.sizes.append(len(records))
            return [PutResult(r["doc_id"], r["source"]["path"], "stored") for r in records]

    monkeypatch.setattr(batch, "TAIL_BATCH", 1)
    store = Recording()
    report = batch.ingest(store, corpus_files, batch_size=3)
    assert store.sizes == [3, 1, 1]                     # files left after each: 2, 1, 0
    assert report.counts["stored"] == 5
