"""Build a benchmark corpus of distinct documents from corpus/ (shared by the benchmarks).

Copy i of a sample rotates its body paragraphs by i and appends a numbered
line, so every copy normalises to a different text (different doc_id) while
keeping the genre's vocabulary and length."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sample_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]


def variant(text: str, i: int) -> str:
    paras = [p for p in text.split("\n") if p.strip()]
    head, body = paras[:1], paras[1:]
    k = i % max(1, len(body))
    body = body[k:] + body[:k]
    return "\n\n".join(head + body + [f"（本文为基准语料第{i}份，编号{i:06d}。）"]) + "\n"


def build(folder: Path, megabytes: float) -> tuple[int, int]:
    """Write variants into `folder` until `megabytes` MB of UTF-8 text; returns (files, bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = sample_texts()
    target = int(megabytes * 1_000_000)
    total = n = 0
    while total < target:
        data = variant(texts[n % len(texts)], n // len(texts)).encode("utf-8")
        (folder / f"doc{n:06d}.txt").write_bytes(data)
        total += len(data)
        n += 1
    return n, total


def iter_texts(folder: Path):
    for p in sorted(folder.glob("*.txt")):
        yield p.read_text(encoding="utf-8")
