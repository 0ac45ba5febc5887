"""Bulk-indexing benchmark: documents/s into the cluster store beside the
embedded SQLite store, same records, same run.

    python bench/es_bulk.py [--mb 20] [--url http://127.0.0.1:9200] [--no-extract]

Records: each sample report of corpus/ is extracted once (`--no-extract`:
empty lists), then copied with a numbered closing line appended — a new text,
so a new doc_id, while every span stays valid — until the texts add up to
`--mb` MB of UTF-8. Without `--url` the cluster is the in-memory osmem-server
of the test suite (dev dependency) on a free loopback port. Both timings
include segmentation, park resolution, the write and the final refresh/commit.
"""
from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def base_records(extract: bool) -> list[dict]:
    from ingest.pipeline import build_document, extract_record
    from ingest.readers import read_path
    from kb.records import make_record

    out = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        for raw in read_path(path):
            doc = build_document(raw)
            out.append(extract_record(doc) if extract else make_record(doc, {}))
    return out


def build_records(megabytes: float, extract: bool) -> tuple[list[dict], int]:
    from ingest.document import doc_id_of

    bases = base_records(extract)
    target = int(megabytes * 1_000_000)
    records, total, n = [], 0, 0
    while total < target:
        rec = copy.deepcopy(bases[n % len(bases)])
        rec["text"] += f"\n（本文为基准语料第{n}份，编号{n:06d}。）"
        rec["original"] = rec["text"]
        rec["doc_id"] = doc_id_of(rec["text"])
        rec["source"]["path"] = f"bench/doc{n:06d}.txt"
        records.append(rec)
        total += len(rec["text"].encode("utf-8"))
        n += 1
    return records, total


def time_sqlite(records: list[dict]) -> tuple[float, int]:
    from kb.sqlite import SQLiteStore

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store = SQLiteStore(str(Path(tmp) / "store"))
        results = store.put_many(records)
        store.close()
        elapsed = time.perf_counter() - t0
    return elapsed, sum(r.status == "stored" for r in results)


def time_cluster(records: list[dict], url: str) -> tuple[float, int, str]:
    from kb.elastic import ElasticStore

    store = ElasticStore(url, prefix=f"djbench-{uuid.uuid4().hex[:8]}")
    try:
        t0 = time.perf_counter()
        results = store.put_many(records)
        elapsed = time.perf_counter() - t0
        assert store.count() == len(records), "cluster count differs from records written"
        return elapsed, sum(r.status == "stored" for r in results), f"{store.conn.flavor} {store.conn.version}"
    finally:
        store.drop()
        store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="MB of text to index (default 20)")
    ap.add_argument("--url", help="cluster URL (default: start osmem-server)")
    ap.add_argument("--no-extract", action="store_true", help="records with empty extraction lists")
    args = ap.parse_args()

    t0 = time.perf_counter()
    records, size = build_records(args.mb, not args.no_extract)
    items = sum(len(r[k]) for r in records for k in ("parks", "organizations", "people", "figures", "practices"))
    print(f"corpus: {len(records)} records, {size / 1e6:.1f} MB text, {items} extracted items "
          f"(built in {time.perf_counter() - t0:.1f} s)")

    server = None
    url = args.url
    if not url:
        from osmem_server import OsmemServer

        server = OsmemServer.start(freeze=False, japanese=False)
        url = server.url
    try:
        es_s, es_n, flavor = time_cluster(records, url)
    finally:
        if server is not None:
            server.close()
    sq_s, sq_n = time_sqlite(records)
    es_rate, sq_rate = es_n / es_s, sq_n / sq_s
    print(f"cluster ({flavor} at {url}): {es_n} docs in {es_s:.1f} s = {es_rate:.1f} docs/s, "
          f"{size / 1e6 / es_s:.2f} MB/s")
    print(f"sqlite  (embedded, tantivy):  {sq_n} docs in {sq_s:.1f} s = {sq_rate:.1f} docs/s, "
          f"{size / 1e6 / sq_s:.2f} MB/s")
    print(f"ratio cluster/sqlite: {es_rate / sq_rate:.2f}")


if __name__ == "__main__":
    main()
