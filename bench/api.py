"""Load test of the search API over a 10k-document SQLite store.

    sample corpus → extracted records → replicated to N documents (same-length
    city prefixes swapped so spans stay valid, a serial number appended so every
    doc_id differs) → SQLite store → uvicorn on loopback → wrk (or a Python
    asyncio+httpx load generator) on /search and /compare → req/s, p50/p95/p99

    .venv/bin/python bench/api.py [--docs 10000] [--seconds 15] [--connections 8] [--workers 1]
                                  [--access-log] [--only search|compare]

Besides req/s and latency it prints the server's CPU time per request (all its
processes, from /proc): on a shared machine req/s moves with the neighbours' load,
CPU per request much less.

Goal on 2 cores: /search ≥ 300 req/s with p99 ≤ 100 ms.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PREFIX_CHARS = "东西南北中青白金银锦云岚松柏枫桂兰梅竹溪河湖海江山川原林田泉石星辰曙晨阳明嘉安宁康泰丰华盛兴隆"
QUERIES = ["党建", "党员", "楼宇", "商圈", "网格", "非公企业", "党群服务中心", "红色", "人才", "产业",
           "党支部", "服务", "黨建", "樓宇党建", "流动党员", "组织体系", "党建引领", "企业 党委"]

WRK_SCRIPT = r"""
local paths = {}
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  io.write(string.format('JSON {"requests": %d, "duration_us": %d, "errors": %d, "status_errors": %d, ' ..
    '"p50": %.3f, "p95": %.3f, "p99": %.3f, "max": %.3f}\n',
    summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
"""


# -- corpus --------------------------------------------------------------------------

def base_records() -> list[dict]:
    from ingest.pipeline import process_file

    return [r for f in sorted((ROOT / "corpus").glob("*.txt")) for r in process_file(f)]


def _prefixes(record: dict) -> list[str]:
    """The two-character city prefixes of the record's park names (swapped to make new parks)."""
    out = []
    for park in record.get("parks", []):
        p = park.get("name", "")[:2]
        if len(p) == 2 and p not in out:
            out.append(p)
    return out


def replicate(records: list[dict], n: int, group_size: int = 5):
    """n records: the base ones with city prefixes swapped per group and a serial appended."""
    from ingest.document import doc_id_of

    rng = random.Random(7)
    combos = [a + b for a in PREFIX_CHARS for b in PREFIX_CHARS if a != b]
    rng.shuffle(combos)
    for i in range(n):
        base = records[i % len(records)]
        group = i // (len(records) * group_size)
        blob = json.dumps(base, ensure_ascii=False)
        new = [combos[(group * 7 + j) % len(combos)] for j in range(len(_prefixes(base)))]
        for prefix, swapped in zip(_prefixes(base), new):
            blob = blob.replace(prefix, swapped)
        rec = json.loads(blob)
        for park in rec.get("parks", []):       # generic aliases (开发区 …) would merge every replica's park
            park["aliases"] = [a for a in park.get("aliases", []) if any(x in a for x in new)]
        rec["text"] = rec["text"] + f"\n（编号{i:05d}）"
        rec["original"] = rec["text"]
        rec["doc_id"] = doc_id_of(rec["text"])
        src = rec["source"]
        src["published"] = f"{2018 + i % 7}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        src["outlet"] = src.get("outlet") or f"报刊{i % 9}"
        src["path"] = f"bench/{i:05d}.txt"
        yield rec


def build_store(location: str, n: int) -> None:
    from kb.store import open_store

    store = open_store(location)
    try:
        if store.count() >= n:
            print(f"store {location}: {store.count()} documents (reused)", flush=True)
            return
        t0 = time.perf_counter()
        records = base_records()
        print(f"extracted {len(records)} sample records in {time.perf_counter() - t0:.1f}s", flush=True)
        t0 = time.perf_counter()
        batch = []
        for rec in replicate(records, n):
            batch.append(rec)
            if len(batch) == 500:
                store.put_many(batch)
                batch = []
                print(f"  {store.count()} documents, {time.perf_counter() - t0:.0f}s", flush=True)
        if batch:
            store.put_many(batch)
        print(f"stored {store.count()} documents in {time.perf_counter() - t0:.1f}s")
    finally:
        store.close()


# -- server ----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(location: str, port: int, workers: int, cache_seconds: float,
                 access_log: bool = False) -> subprocess.Popen:
    env = dict(os.environ, DANGJIAN_STORE=location, DANGJIAN_CACHE_SECONDS=str(cache_seconds))
    cmd = [sys.executable, "-m", "uvicorn", "search_api.app:app_from_env", "--factory", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers)]
    cmd += ["--log-level", "info"] if access_log else ["--log-level", "warning", "--no-access-log"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL if access_log else None)
    import httpx

    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server did not answer /healthz within 60 s")


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process `pid` and its live
    descendants (uvicorn's worker processes): the shared machine's other load
    does not change it, unlike req/s."""
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += cpu.get(p, 0.0)
        todo += children.get(p, [])
    return total


# -- load ------------------------------------------------------------------------------

def search_paths(parks: list[str]) -> list[str]:
    rng = random.Random(1)
    paths = []
    for q in QUERIES:
        paths.append(f"/search?q={quote(q)}")
        paths.append(f"/search?q={quote(q)}&offset=10")
        paths.append(f"/search?q={quote(q)}&park={quote(rng.choice(parks))}")
        paths.append(f"/search?q={quote(q)}&year={2018 + rng.randrange(7)}")
    return paths


def compare_paths(parks: list[str]) -> list[str]:
    rng = random.Random(2)
    return [f"/compare?park={quote(a)}&park={quote(b)}" for a, b in (rng.sample(parks, 2) for _ in range(60))]


def run_wrk(base: str, paths: list[str], seconds: int, connections: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        script, listing = Path(tmp) / "bench.lua", Path(tmp) / "paths.txt"
        script.write_text(WRK_SCRIPT)
        listing.write_text("\n".join(paths) + "\n")
        out = subprocess.run(["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "5s",
                              "-s", str(script), base, "--", str(listing)],
                             capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("JSON "))
    r = json.loads(line[5:])
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    return r


async def _py_load(base: str, paths: list[str], seconds: int, connections: int) -> dict:
    import httpx

    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    rng = random.Random(3)

    async def worker(client):
        nonlocal errors
        while time.perf_counter() < stop:
            t = time.perf_counter()
            try:
                r = await client.get(rng.choice(paths))
                if r.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append((time.perf_counter() - t) * 1000)

    limits = httpx.Limits(max_connections=connections)
    t0 = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:
        await asyncio.gather(*(worker(client) for _ in range(connections)))
    elapsed = time.perf_counter() - t0
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] if latencies else 0.0

    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "errors": 0, "status_errors": errors,
            "p50": pct(50), "p95": pct(95), "p99": pct(99), "max": latencies[-1] if latencies else 0.0}


def load(base: str, paths: list[str], seconds: int, connections: int) -> dict:
    if shutil.which("wrk"):
        return {"tool": "wrk", **run_wrk(base, paths, seconds, connections)}
    return {"tool": "python-httpx", **asyncio.run(_py_load(base, paths, seconds, connections))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--store", default=str(Path(tempfile.gettempdir()) / "dangjian-bench-api-store"))
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    ap.add_argument("--cache-seconds", type=float, default=0,
                    help="DANGJIAN_CACHE_SECONDS of the server (0: every request hits the store)")
    ap.add_argument("--access-log", action="store_true",
                    help="log every request as `dangjian serve` does (to /dev/null); default: access log off")
    ap.add_argument("--only", choices=("search", "compare"), help="load one endpoint only")
    args = ap.parse_args()

    build_store(args.store, args.docs)
    port = free_port()
    server = start_server(args.store, port, args.workers, args.cache_seconds, args.access_log)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        parks = [p["id"] for p in httpx.get(f"{base}/parks?limit=1000", timeout=30).json()["items"]]
        for name, paths in (("search", search_paths(parks)), ("compare", compare_paths(parks))):
            if args.only and name != args.only:
                continue
            for p in paths:                           # warm lazy loads (and the cache, when on)
                httpx.get(base + p, timeout=30)
            cpu0 = server_cpu(server.pid)
            r = load(base, paths, args.seconds, args.connections)
            cpu_ms = (server_cpu(server.pid) - cpu0) / max(1, r["requests"]) * 1000
            print(f"{name:8s} {r['rps']:8.1f} req/s  server CPU {cpu_ms:5.2f} ms/req  "
                  f"p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  p99 {r['p99']:6.1f} ms  max {r['max']:7.1f} ms  "
                  f"requests {r['requests']}  "
                  f"errors {r['errors'] + r['status_errors']}  ({r['tool']}, {args.connections} connections, "
                  f"{args.workers} worker(s), cache {args.cache_seconds:g}s, "
                  f"access log {'on' if args.access_log else 'off'}, {args.docs} docs, {len(parks)} parks)",
                  flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
