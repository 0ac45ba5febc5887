"""bench/stages.py: the per-stage CPU breakdown printed by the ingest benchmark."""
import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _stages():
    spec = importlib.util.spec_from_file_location("dj_bench_stages", BENCH / "stages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_bench_stages_cover_every_stage_and_all_text(tmp_path, capsys):
    stages = _stages()
    files, size = stages.build(tmp_path / "c", 0.05)
    measured, costs = stages.stage_costs(tmp_path / "c", tmp_path / "s")
    assert measured == size
    assert list(costs) == ["read", "normalise", "Doc", "parks", "organizations", "people",
                           "practices", "figures", "record", "store"]
    assert all(c >= 0 for c in costs.values())
    stages.print_costs(measured, costs)
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "CPU per stage over 0.1 MB (s of CPU per MB, share of the total):"
    assert out.splitlines()[-1].startswith("  total ")
