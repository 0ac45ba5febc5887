"""Score extraction against gold records with the shared scorer
(../shared/eval/score.py by default: the one CI and the hidden set use)."""
from __future__ import annotations

import importlib.util
import json
import tempfile
from pathlib import Path
from typing import Any

LISTS = ("parks", "organizations", "people", "practices", "figures", "overall")


class ScorerNotFound(FileNotFoundError):
    """No score.py where it was asked for or expected."""


def scorer_candidates(gold_dir: Path) -> list[Path]:
    """Where the scorer is looked for: eval/score.py beside the gold folder,
    then the shared one next to this checkout (../shared/eval/score.py)."""
    return [Path(gold_dir).resolve().parent / "eval" / "score.py",
            Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"]


def load_scorer(path: Path | None, gold_dir: Path):
    if path:
        candidates = [Path(path)]
    else:
        candidates = scorer_candidates(gold_dir)
    found = next((c for c in candidates if c.is_file()), None)
    if found is None:
        raise ScorerNotFound("no scorer at " + " or ".join(str(c) for c in candidates) + ": pass --scorer PATH")
    spec = importlib.util.spec_from_file_location("dangjian_scorer", found)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(gold_dir: Path, corpus_dir: Path) -> list[dict[str, Any]]:
    from ingest.pipeline import process_file
    from kb.records import public_record

    records = []
    for gold in sorted(Path(gold_dir).glob("*.json")):
        matches = sorted(Path(corpus_dir).glob(gold.stem + ".*"))
        for f in matches[:1]:
            records.extend(public_record(r) for r in process_file(f))
    return records


def evaluate(gold_dir: Path, corpus_dir: Path, scorer: Path | None = None, verbose: bool = False) -> dict:
    module = load_scorer(scorer, gold_dir)
    records = predict(gold_dir, corpus_dir)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        pred = Path(fh.name)
    try:
        return module.score(Path(gold_dir), pred, verbose)
    finally:
        pred.unlink(missing_ok=True)


def format_table(result: dict) -> str:
    lines = [f"{'list':<14}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for key in LISTS:
        r = result[key]
        lines.append(f"{key:<14}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}"
                     f"{r['tp']:>6}{r['fp']:>6}{r['fn']:>6}")
    lines.append(f"figure metric accuracy: {result['figures']['metric_accuracy']:.3f}")
    if result.get("missing_documents"):
        lines.append("no prediction for: " + ", ".join(result["missing_documents"]))
    return "\n".join(lines)
