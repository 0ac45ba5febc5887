"""Search benchmark: a store of N distinct documents, queried through the Store,
against `grep -c` over the same texts on disk, in the same run.

    python bench/search.py [--docs 100000] [--small 10000] [--repeat 5]

The five sample reports are extracted once (`ingest.pipeline.process_file`);
document i is sample i % 5 with two sentences of the corpus appended (chosen
by i) and a numbered line, so every document has its own text and doc_id and
the extractions' spans stay valid. Each store is built by a subprocess that
streams the records into `store.put_many` in batches; its peak memory at
--small and --docs documents (heap and mapped files apart, and the kernel's
peak RSS) shows whether ingest memory grows with the corpus. Then 20 two-word
queries (five in traditional script) run through
`store.search(SearchQuery(q=...))` with snippets and facets, and `grep -F`
(first word, piped to `grep -c -F` second word: documents holding both) over
one file holding every text, one document per line.

Goals: search p95 ≤ 5 ms, ≥ 10× faster than grep, ingest memory flat.
"""
from __future__ import annotations

import argparse
import os
import pickle
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/ingest.py would shadow the ingest package: import from the repository root
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
QUERIES = [
    "楼宇 党建", "党员 服务", "非公 企业", "党群 服务中心", "园区 党委", "流动 党员", "网格 党支部",
    "红色 物业", "产业 发展", "志愿 服务", "两新 组织", "党组织 覆盖", "人才 服务", "商务 楼宇",
    "基层 治理",
    "樓宇 黨建", "黨員 服務", "園區 黨委", "非公 企業", "黨組織 覆蓋",      # traditional script
]


# -- building (runs in a child process) -------------------------------------------

def _sentences(records: list[dict]) -> list[str]:
    out: list[str] = []
    for r in records:
        out += [s.strip() + "。" for s in r["text"].replace("\n", "").split("。") if 8 <= len(s.strip()) <= 80]
    return out


def variants(records: list[dict], n: int):
    """Record i: sample i % 5, its text plus two corpus sentences and a numbered line."""
    from ingest.document import doc_id_of

    pool = _sentences(records)
    rng = random.Random(20261121)
    for i in range(n):
        base = records[i % len(records)]
        extra = f"\n{rng.choice(pool)}{rng.choice(pool)}\n（基准文档第{i}号，编号{i:06d}。）"
        text = base["text"] + extra
        rec = dict(base, text=text, original=base["original"] + extra, doc_id=doc_id_of(text))
        rec["source"] = dict(base["source"], path=f"bench/doc{i:06d}.txt",
                             title=f"{base['source'].get('title') or '报告'} {i}")
        yield rec


def build_child(store_dir: str, records_file: str, n: int, batch: int, texts_file: str | None) -> None:
    from kb.store import open_store

    with open(records_file, "rb") as fh:
        records = pickle.load(fh)
    store = open_store(store_dir)
    out = open(texts_file, "w", encoding="utf-8") if texts_file else None
    chunk: list[dict] = []
    stored = 0
    try:
        for rec in variants(records, n):
            chunk.append(rec)
            if out:
                out.write(rec["text"].replace("\n", " ") + "\n")
            if len(chunk) >= batch:
                stored += sum(r.status == "stored" for r in store.put_many(chunk))
                chunk = []
        if chunk:
            stored += sum(r.status == "stored" for r in store.put_many(chunk))
    finally:
        store.close()
        if out:
            out.close()
    if stored != n:
        sys.exit(f"stored {stored} of {n} documents")


def _rss(pid: int) -> dict[str, int]:
    """RssAnon and RssFile (KiB) of a running process, from /proc (Linux); {} elsewhere."""
    out: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key in ("RssAnon", "RssFile"):
                    out[key] = int(value.split()[0])
    except (OSError, ValueError):
        pass
    return out


def build(store_dir: Path, records_file: Path, n: int, batch: int, texts_file: Path | None
          ) -> tuple[float, dict[str, int]]:
    """Wall seconds and peak memory (KiB) of a child building an n-document store:
    "hwm" is the kernel's peak RSS (VmHWM, from wait4); "anon" (heap: Python,
    SQLite, tantivy's buffers) and "file" (mapped files: libraries and tantivy's
    segments, clean page cache) are the largest values sampled every 20 ms."""
    cmd = [sys.executable, __file__, "--child", str(store_dir), str(records_file), str(n), str(batch),
           str(texts_file or "")]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT)
    peak = {"anon": 0, "file": 0}
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        now = _rss(proc.pid)
        peak["anon"] = max(peak["anon"], now.get("RssAnon", 0))
        peak["file"] = max(peak["file"], now.get("RssFile", 0))
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if status != 0:
        raise SystemExit(f"building {n} documents failed (status {status})")
    return time.perf_counter() - t0, {**peak, "hwm": usage.ru_maxrss}


# -- measuring ---------------------------------------------------------------------

def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))]


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def time_store(store_dir: Path, repeat: int) -> tuple[list[float], dict[str, int]]:
    from kb.store import SearchQuery, open_store

    store = open_store(str(store_dir))
    times, totals = [], {}
    try:
        for q in QUERIES:                          # warm: first use of each query (caches, mmap)
            page = store.search(SearchQuery(q=q))
            totals[q] = page.total
            assert not page.items or page.items[0].snippets, f"no snippet for {q!r}"
            assert page.facets, f"no facets for {q!r}"
        for _ in range(repeat):
            for q in QUERIES:
                t0 = time.perf_counter()
                store.search(SearchQuery(q=q))
                times.append(time.perf_counter() - t0)
    finally:
        store.close()
    return times, totals


def time_grep(texts: Path, repeat: int) -> tuple[list[float], dict[str, int]]:
    import opencc

    t2s = opencc.OpenCC("t2s")
    times, counts = [], {}
    for q in QUERIES:
        a, b = t2s.convert(q).split()
        cmd = f"LC_ALL=C grep -F -- {a} {texts} | LC_ALL=C grep -c -F -- {b}"
        runs = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            out = subprocess.run(cmd, shell=True, capture_output=True, text=True)
            runs.append(time.perf_counter() - t0)
        counts[q] = int(out.stdout.strip() or 0)
        times.append(statistics.median(runs))
    return times, counts


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        store_dir, records_file, n, batch, texts = sys.argv[2:7]
        build_child(store_dir, records_file, int(n), int(batch), texts or None)
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000, help="documents in the measured store")
    ap.add_argument("--small", type=int, default=None, help="size of the memory comparison store (default docs/10)")
    ap.add_argument("--batch", type=int, default=1000, help="records per put_many call")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs of each query")
    ap.add_argument("--keep", type=Path, help="build the stores here and keep them")
    args = ap.parse_args()
    small = args.small or max(1, args.docs // 10)
    from ingest.pipeline import process_file

    tmp = Path(tempfile.mkdtemp(prefix="bench-search-", dir=args.keep))
    try:
        records = [r for f in sorted((ROOT / "corpus").glob("*.txt")) for r in process_file(f)]
        records_file = tmp / "records.pickle"
        records_file.write_bytes(pickle.dumps(records))
        texts = tmp / "texts.txt"
        t_small, rss_small = build(tmp / "small", records_file, small, args.batch, None)
        shutil.rmtree(tmp / "small")
        t_full, rss_full = build(tmp / "store", records_file, args.docs, args.batch, texts)
        print(f"store: {args.docs} documents, {du(tmp / 'store') / 1e6:.0f} MB on disk "
              f"(texts alone {texts.stat().st_size / 1e6:.0f} MB); built in {t_full:.0f} s "
              f"({args.docs / t_full:.0f} docs/s)")
        print(f"ingest peak memory, MiB at {small} / {args.docs} docs (ratio); anon = heap, file = mapped "
              "files (libraries, index segments: page cache), sampled every 20 ms; hwm = kernel's peak RSS:")
        print("  " + ", ".join(f"{key} {rss_small[key] / 1024:.0f} / {rss_full[key] / 1024:.0f} "
                               f"({rss_full[key] / max(1, rss_small[key]):.2f})" for key in ("anon", "file", "hwm")))
        s_times, totals = time_store(tmp / "store", args.repeat)
        g_times, counts = time_grep(texts, max(1, min(3, args.repeat)))
        p50, p95 = pct(s_times, 50) * 1000, pct(s_times, 95) * 1000
        g50 = statistics.median(g_times) * 1000
        print(f"store.search, {len(QUERIES)} queries x {args.repeat}: p50 {p50:.2f} ms, p95 {p95:.2f} ms, "
              f"max {max(s_times) * 1000:.2f} ms")
        print(f"grep -c over the same texts: median {g50:.0f} ms per query, min {min(g_times) * 1000:.0f} ms")
        print(f"grep median / store p95: {g50 / p95:.0f}x  (goals: p95 <= 5 ms, >= 10x)")
        print("query: store total / grep count")
        print("  " + ", ".join(f"{q} {totals[q]}/{counts[q]}" for q in QUERIES))
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
