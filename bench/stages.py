"""Where an ingest's CPU goes: seconds of CPU per MB of text for each stage,
measured in one process over a corpus folder.

    python bench/stages.py [--mb 2] [--reports DIR ...]

Stages: read (file → text), normalise (+ metadata, doc_id), Doc (rjieba
tokens into a spaCy Doc), one line per pipeline component, record (assembling
the stored record) and store (SQLite records + the tantivy index, its writer
threads included). CPU is `time.process_time()` (every thread of the process);
the pipeline and its lexicons are loaded before the clock starts.

The generated corpus (bench/corpus.py) varies the five samples, so its short
windows and names recur far more often than in real reports, and the
extractors' caches of such windows (rjieba tags of a window, a metric phrase
…) hit more than they would. `--reports` measures the same stages once over
every report file of the given folders instead (after the same warm-up on the
generated corpus), each report seen once: the regime of unseen reports.
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


def stage_costs(folder: Path | list[Path], store_dir: Path, warm: list[Path] | None = None
                ) -> tuple[int, dict[str, float]]:
    """(bytes of text, {stage: CPU seconds}) for every file of `folder` (or of
    each folder of a list), after processing the `warm` files (default: the
    first 20 files) untimed."""
    from ingest.pipeline import build_document
    from ingest.readers import read_path
    from kb.records import make_record
    from kb.store import open_store
    from nlp.pipeline import LIST_NAMES, build_nlp, new_doc

    nlp = build_nlp()
    folders = folder if isinstance(folder, list) else [folder]
    files = [f for d in folders for f in sorted(d.iterdir()) if f.is_file()]
    for f in files[:20] if warm is None else warm:          # warm: lexicons, one-off loads
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
    ap.add_argument("--reports", nargs="*", type=Path, default=[],
                    help="folders of real reports, each processed once (instead of a generated corpus)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.reports:
            build(Path(tmp) / "warm", 0.2)
            size, costs = stage_costs(args.reports, Path(tmp) / "store",
                                      warm=sorted((Path(tmp) / "warm").iterdir()))
            what = f"{size / 1e6:.2f} MB of distinct reports, each once"
        else:
            folder = Path(tmp) / "corpus"
            build(folder, args.mb)
            size, costs = stage_costs(folder, Path(tmp) / "store")
            what = f"{size / 1e6:.1f} MB of the generated corpus"
    print_costs(size, costs, what)
    return 0


def print_costs(size: int, costs: dict[str, float], what: str = "") -> None:
    mb = size / 1e6
    total = sum(costs.values())
    print(f"CPU per stage over {what or f'{mb:.1f} MB'} (s of CPU per MB, share of the total):")
    for name, sec in costs.items():
        print(f"  {name:<14} {sec / mb:6.3f} s/MB  {100 * sec / total:5.1f} %")
    print(f"  {'total':<14} {total / mb:6.3f} s/MB  = {mb / total:.2f} MB/s of CPU")


if __name__ == "__main__":
    sys.exit(main())
