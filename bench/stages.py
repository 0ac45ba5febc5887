"""Where an ingest's CPU goes: seconds of CPU per MB of text for each stage,
measured in one process over a corpus folder.

    python bench/stages.py [--mb 2]

Stages: read (file → text), normalise (+ metadata, doc_id), Doc (rjieba
tokens into a spaCy Doc), one line per pipeline component, record (assembling
the stored record) and store (SQLite records + the tantivy index, its writer
threads included). CPU is `time.process_time()` (every thread of the process);
the corpus is processed once untimed first, so lexicons and the pipeline are
loaded before the clock starts.
"""
from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# this folder holds an `ingest.py` that would shadow the `ingest` package
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))


def build(folder: Path, megabytes: float) -> tuple[int, int]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("dj_bench_corpus", HERE / "corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    return corpus.build(folder, megabytes)


def stage_costs(folder: Path, store_dir: Path) -> tuple[int, dict[str, float]]:
    """(bytes of text, {stage: CPU seconds}) for every file of `folder`."""
    from ingest.pipeline import build_document
    from ingest.readers import read_path
    from kb.records import make_record
    from kb.store import open_store
    from nlp.pipeline import LIST_NAMES, build_nlp, new_doc

    nlp = build_nlp()
    files = sorted(folder.iterdir())
    for f in files[:20]:                                   # warm: lexicons, caches of patterns
        for raw in read_path(f):
            d = build_document(raw)
            doc = new_doc(d.text, {})
            for _, proc in nlp.pipeline:
                doc = proc(doc)
    costs: dict[str, float] = {}

    def timed(name: str, fn, *args):
        t0 = time.process_time()
        out = fn(*args)
        costs[name] = costs.get(name, 0.0) + time.process_time() - t0
        return out

    size, records = 0, []
    gc.collect()
    for f in files:
        for raw in timed("read", lambda p: list(read_path(p)), f):
            size += len(raw.text.encode("utf-8"))
            d = timed("normalise", build_document, raw)
            meta = {"title": d.title, "authors": list(d.authors), "captions": list(d.captions),
                    "outlet": d.outlet}
            doc = timed("Doc", new_doc, d.text, meta)
            for name, proc in nlp.pipeline:
                doc = timed(name, proc, doc)
            lists = {name: doc.user_data["dangjian"][name] for name in LIST_NAMES}
            records.append(timed("record", make_record, d, lists))
    store = open_store(str(store_dir))
    try:
        t0 = time.process_time()
        for i in range(0, len(records), 256):
            store.put_many(records[i:i + 256])
    finally:
        store.close()
    costs["store"] = time.process_time() - t0
    return size, costs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        build(folder, args.mb)
        size, costs = stage_costs(folder, Path(tmp) / "store")
    print_costs(size, costs)
    return 0


def print_costs(size: int, costs: dict[str, float]) -> None:
    mb = size / 1e6
    total = sum(costs.values())
    print(f"CPU per stage over {mb:.1f} MB (s of CPU per MB, share of the total):")
    for name, sec in costs.items():
        print(f"  {name:<14} {sec / mb:6.3f} s/MB  {100 * sec / total:5.1f} %")
    print(f"  {'total':<14} {total / mb:6.3f} s/MB  = {mb / total:.2f} MB/s of CPU")


if __name__ == "__main__":
    sys.exit(main())
