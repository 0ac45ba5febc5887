"""Held-out extraction check: six hand-written reports from cities outside the
sample corpus (two in traditional script), annotated by hand against
../shared/schema/EXTRACTION.md. Scores `dangjian extract` on them with the
shared scorer and fails when any list drops below tests/data/heldout/floor.json."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.evaluate import evaluate, format_table

HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"
GOLD = HELDOUT / "gold"
CORPUS = HELDOUT / "corpus"
FLOOR = json.loads((HELDOUT / "floor.json").read_text(encoding="utf-8"))
LISTS = ("parks", "organizations", "people", "practices", "figures", "overall")
QUOTES = str.maketrans("「」『』", "“”‘’")


def _gold() -> list[tuple[Path, dict]]:
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(GOLD.glob("*.json"))]


def test_heldout_gold_has_one_corpus_file_each():
    stems = sorted(p.stem for p, _ in _gold())
    assert stems == sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert len(stems) == 6
    for path, gold in _gold():
        assert gold["source"]["path"] == f"tests/data/heldout/corpus/{path.stem}.txt"


@pytest.mark.parametrize("gold_path", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem)
def test_heldout_gold_spans_point_at_their_text(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = (CORPUS / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    if gold["source"]["script"] == "traditional":
        import opencc

        raw = opencc.OpenCC("t2s").convert(raw).translate(QUOTES)
    for key in ("figures", "practices"):
        for item in gold[key]:
            start, end = item["span"]
            assert raw[start:end] == item["text"], (key, item["text"])


def test_heldout_extraction_meets_floor(shared_dir, capsys):
    result = evaluate(GOLD, CORPUS, shared_dir / "eval" / "score.py")
    with capsys.disabled():
        print("\nheld-out set (tests/data/heldout):\n" + format_table(result))
    assert result["missing_documents"] == []
    below = {k: (result[k]["f1"], FLOOR[k]) for k in LISTS if result[k]["f1"] < FLOOR[k]}
    if result["figures"]["metric_accuracy"] < FLOOR["figure_metric_accuracy"]:
        below["figure_metric_accuracy"] = (result["figures"]["metric_accuracy"], FLOOR["figure_metric_accuracy"])
    assert below == {}, f"below floor (got, floor): {below}"
