"""Third held-out set (tests/data/heldout3): eight reports written for measuring,
never for tuning. Prints the score table and holds each list's F1 at the floor
the lead sets in floor.json."""
from __future__ import annotations

import json
from pathlib import Path

from kb.evaluate import evaluate, format_table

HELDOUT3 = Path(__file__).resolve().parent / "data" / "heldout3"
LISTS = ("parks", "organizations", "people", "practices", "figures", "overall")


def test_heldout3_f1_stays_above_floor(shared_dir):
    result = evaluate(HELDOUT3 / "gold", HELDOUT3 / "corpus", shared_dir / "eval" / "score.py")
    print("\n" + format_table(result))
    assert not result.get("missing_documents"), result.get("missing_documents")
    floors = json.loads((HELDOUT3 / "floor.json").read_text(encoding="utf-8"))
    for key in LISTS:
        assert result[key]["f1"] >= floors.get(key, 0.0), f"{key} F1 {result[key]['f1']:.3f} < floor {floors[key]}"
