"""Ingest benchmark: the whole `dangjian ingest` (read → normalise → extract →
store) against plain `jieba.cut` over the same text, in the same run.

    python bench/ingest.py [--mb 20] [--workers 1 2] [--stages 2]

Prints MB/s of each and the ratios; peak RSS of an ingest at half and full
size shows whether memory grows with corpus size; then where the CPU of one
worker goes, stage by stage, over a `--stages` MB corpus (bench/stages.py). Goals (issues 2 and 3):
ingest ≥ 3× jieba.cut with extraction on, one worker; --workers 2 ≥ 1.6× one.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build, iter_texts  # noqa: E402

BIN = Path(sys.executable).parent


def jieba_baseline(folder: Path) -> tuple[float, int]:
    import jieba

    tok = jieba.Tokenizer()
    tok.initialize()
    texts = list(iter_texts(folder))
    size = sum(len(t.encode("utf-8")) for t in texts)
    t0 = time.perf_counter()
    for t in texts:
        for _ in tok.cut(t):
            pass
    return time.perf_counter() - t0, size


def run_ingest(folder: Path, workers: int) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of a `dangjian ingest` subprocess into a fresh store."""
    with tempfile.TemporaryDirectory() as store:
        cmd = [str(BIN / "dangjian"), "ingest", str(folder), "--store", store,
               "--workers", str(workers), "--no-progress"]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, _, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        if proc.stderr:
            err = proc.stderr.read().decode("utf-8", "replace")
            if "failed 0" not in err:
                print(err[-2000:], file=sys.stderr)
        return elapsed, usage.ru_maxrss


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--stages", type=float, default=2.0, help="MB for the per-stage breakdown (0: none)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        full, half = Path(tmp) / "full", Path(tmp) / "half"
        files, size = build(full, args.mb)
        build(half, args.mb / 2)
        mb = size / 1e6
        print(f"corpus: {files} documents, {mb:.1f} MB")
        t_jieba, _ = jieba_baseline(full)
        print(f"jieba.cut            {mb / t_jieba:8.2f} MB/s  ({t_jieba:.1f} s)")
        speeds = {}
        for w in args.workers:
            t, rss = run_ingest(full, w)
            speeds[w] = mb / t
            print(f"ingest --workers {w:<3} {mb / t:8.2f} MB/s  ({t:.1f} s, peak RSS {rss / 1024:.0f} MiB)"
                  f"  = {t_jieba / t:.2f}x jieba.cut")
        if 1 in speeds and 2 in speeds:
            print(f"workers 2 / workers 1: {speeds[2] / speeds[1]:.2f}x")
        _, rss_half = run_ingest(half, 1)
        _, rss_full = run_ingest(full, 1)
        print(f"peak RSS, one worker: {rss_half / 1024:.0f} MiB at {mb / 2:.0f} MB, "
              f"{rss_full / 1024:.0f} MiB at {mb:.0f} MB (ratio {rss_full / rss_half:.2f})")
        print(f"goal for one worker at 3x jieba.cut: {1 / (3 * mb / t_jieba):.3f} s of CPU per MB")
    if args.stages > 0:
        sys.stdout.flush()
        subprocess.run([sys.executable, str(Path(__file__).resolve().parent / "stages.py"),
                        "--mb", str(args.stages)], stderr=subprocess.DEVNULL, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
