"""Two processes ingesting into one store at once: nothing lost, nothing locked out."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from kb.sqlite import SQLiteStore
from kb.store import SearchQuery

WRITER = textwrap.dedent("""
    import sys
    from kb.sqlite import SQLiteStore

    location, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = SQLiteStore(location, index_heap=15_000_000, batch_size=20, busy_timeout=2.0)
    records = []
    for i in range(n):
        text = f"第{i}号楼宇开展{tag}党建活动，服务企业{i}家。"
        records.append({"doc_id": f"{tag}{i:05d}", "source": {"path": f"{tag}/{i}.txt", "title": f"{tag}{i}",
                        "outlet": tag, "published": "2024-01-02"}, "text": text, "original": text,
                        "captions": [], "parks": [{"name": "共享高新区", "aliases": [f"{tag}园"],
                        "province": "广东省", "city": ""}], "organizations": [], "people": [],
                        "figures": [{"metric": "服务企业", "value": i, "unit": "家", "span": [0, 4]}],
                        "practices": []})
    results = store.put_many(records)
    store.close()
    bad = [r for r in results if r.status != "stored"]
    print(len(results), len(bad))
    sys.exit(1 if bad else 0)
""")


def test_sqlite_two_writer_processes(tmp_path):
    location = str(tmp_path / "store")
    SQLiteStore(location, index_heap=15_000_000).close()        # schema exists before the race
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, location, tag, "200"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for tag in ("alpha", "beta")]
    outputs = [p.communicate(timeout=180) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err[-2000:]
        assert "locked" not in err
        assert out.split() == ["200", "0"]
    store = SQLiteStore(location, index_heap=15_000_000)
    try:
        assert store.count() == 400
        page = store.search(SearchQuery(q="党建", limit=1))
        assert page.total == 400
        assert page.facets["outlet"] == {"alpha": 200, "beta": 200}
        assert [(p["id"], p["doc_count"]) for p in store.parks()] == [("共享高新区", 400)]
        assert sorted(store.park("alpha园")["aliases"]) == ["alpha园", "beta园"]
        assert len(list(store.figures(park="beta园"))) == 400
    finally:
        store.close()


def test_sqlite_open_reader_sees_other_writer(tmp_path):
    from kb_cases import record_a

    location = str(tmp_path / "store")
    reader = SQLiteStore(location, index_heap=15_000_000)
    writer = SQLiteStore(location, index_heap=15_000_000)
    try:
        assert reader.search(SearchQuery(q="楼宇党建")).total == 0
        writer.put(record_a())
        assert [h.doc_id for h in reader.search(SearchQuery(q="楼宇党建")).items] == ["a000000000000001"]
        assert reader.search(SearchQuery()).facets["year"] == {"2023": 1}
    finally:
        writer.close()
        reader.close()
