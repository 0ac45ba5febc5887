"""Index writes give back the pages of mapped segment files (RssFile) without
changing what is stored or found."""
from __future__ import annotations

import os
import sys
import time

import pytest

from kb import index as kb_index
from kb.index import FullTextIndex
from kb.query import parse_query

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and madvise")


def _kernel_has_pageout() -> bool:
    """MADV_PAGEOUT exists from Linux 5.4: probe it on one anonymous page."""
    import ctypes
    import mmap

    buf = mmap.mmap(-1, mmap.PAGESIZE)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        ref = ctypes.c_char.from_buffer(buf)
        ok = libc.madvise(ctypes.addressof(ref), mmap.PAGESIZE, kb_index.MADV_PAGEOUT) == 0
        del ref                      # the buffer export must end before close()
        return ok
    finally:
        buf.close()


def _entry(i: int) -> dict:
    return {"id": f"d{i:04d}", "doc_id": f"d{i:04d}", "kind": "doc", "title": f"园区党建 {i}",
            "body": f"楼宇党建工作覆盖非公企业，第{i}号。", "year": 2024, "date": 20240101}


def _hits(index: FullTextIndex, q: str) -> tuple[int, list]:
    total, rows, _ = index.search(parse_query(q), limit=50)
    return total, rows


@linux_only
def test_index_pageout_releases_mapped_pages_and_keeps_results(tmp_path):
    index = FullTextIndex(str(tmp_path / "index"), heap_size=15_000_000, trim_interval=0)
    for start in (0, 40, 80):
        assert index.apply([], [_entry(i) for i in range(start, start + 40)])
    before = _hits(index, "楼宇 党建")
    assert before[0] == 120
    released = kb_index._pageout_mapped(os.path.realpath(index.path) + os.sep)
    if not _kernel_has_pageout():
        assert released == 0
        pytest.skip("kernel without MADV_PAGEOUT (Linux < 5.4): nothing to release")
    assert released > 0
    assert _hits(index, "楼宇 党建") == before
    index.close()


@linux_only
def test_index_write_pages_out_while_writers_work(tmp_path, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(kb_index, "_pageout_mapped", lambda prefix: calls.append(prefix) or 0)
    release = FullTextIndex._release

    def slow_release(writers):          # a write long enough for the trimmer to run
        time.sleep(0.1)
        release(writers)

    monkeypatch.setattr(FullTextIndex, "_release", staticmethod(slow_release))
    index = FullTextIndex(str(tmp_path / "index"), heap_size=15_000_000, trim_interval=0.01)
    assert index.apply([], [_entry(1)])
    assert calls and set(calls) == {os.path.realpath(index.path) + os.sep}
    n = len(calls)
    time.sleep(0.05)
    assert len(calls) == n                  # nothing runs between writes
    assert _hits(index, "楼宇 党建")[0] == 1
    index.close()
