"""The second to eleventh held-out sets (tests/data/heldout2 … heldout11): eight
reports each, written for measuring. Prints each score table and holds every
list's F1 (and the figure metric accuracy) at the floors in the set's floor.json."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.evaluate import evaluate, format_table

DATA = Path(__file__).resolve().parent / "data"
LISTS = ("parks", "organizations", "people", "practices", "figures", "overall")


@pytest.mark.parametrize("name", ["heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8",
                                  "heldout9", "heldout10", "heldout11"])
def test_heldout_set_f1_stays_above_floor(shared_dir, name):
    folder = DATA / name
    result = evaluate(folder / "gold", folder / "corpus", shared_dir / "eval" / "score.py")
    print("\n" + format_table(result))
    assert not result.get("missing_documents"), result.get("missing_documents")
    floors = json.loads((folder / "floor.json").read_text(encoding="utf-8"))
    for key in LISTS:
        assert result[key]["f1"] >= floors.get(key, 0.0), f"{name} {key} F1 {result[key]['f1']:.3f} < floor {floors[key]}"
    metric = result["figures"]["metric_accuracy"]
    assert metric >= floors.get("figure_metric_accuracy", 0.0), f"{name} figure metric accuracy {metric:.3f}"
