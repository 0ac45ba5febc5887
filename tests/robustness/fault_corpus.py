"""Many small distinct reports built from the sample corpus (tests may use sample text):
the title of sample i % 5, one of its long paragraphs, and a numbered line with figures."""
from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def small_reports(n: int) -> list[str]:
    samples = []
    for path in sorted(CORPUS.glob("*.txt")):
        paras = [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        samples.append((paras[0], [p for p in paras[1:] if len(p) >= 60]))
    out = []
    for i in range(n):
        title, longs = samples[i % len(samples)]
        body = longs[(i // len(samples)) % len(longs)]
        out.append(f"{title}\n{body}\n该园区第{i}批新建楼宇党支部{i % 50 + 2}个，新发展党员{i + 10}名。\n")
    return out


def write_reports(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i, text in enumerate(small_reports(start + n)[start:], start):
        f = folder / f"report{i:05d}.txt"
        f.write_text(text, encoding="utf-8")
        files.append(f)
    return files
