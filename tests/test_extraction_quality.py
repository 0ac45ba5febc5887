"""Extraction quality gate: score the sample corpus against ../shared/gold with
../shared/eval/score.py and fail when any list drops below the recorded floor."""
from __future__ import annotations

import json
from pathlib import Path

from kb.evaluate import evaluate, format_table

FLOOR = json.loads((Path(__file__).parent / "extraction_floor.json").read_text(encoding="utf-8"))


def test_extraction_quality_meets_floor(shared_dir, capsys):
    result = evaluate(shared_dir / "gold", Path(__file__).resolve().parent.parent / "corpus",
                      shared_dir / "eval" / "score.py")
    with capsys.disabled():
        print("\n" + format_table(result))
    assert result["missing_documents"] == []
    below = {k: (result[k]["f1"], FLOOR[k]) for k in ("parks", "organizations", "people", "practices",
                                                     "figures", "overall") if result[k]["f1"] < FLOOR[k]}
    if result["figures"]["metric_accuracy"] < FLOOR["figure_metric_accuracy"]:
        below["figure_metric_accuracy"] = (result["figures"]["metric_accuracy"], FLOOR["figure_metric_accuracy"])
    assert below == {}, f"below floor (got, floor): {below}"
