"""The organisational structure of a park, read from its practices' text."""
from __future__ import annotations

from kb.compare import structure_of


def test_compare_structure_units_ordered_by_count_then_name():
    practices = [
        {"name": "三级网格", "text": "构建“园区—片区—楼宇”三级网格，楼宇设站点", "components": []},
        {"name": "片区联建", "text": "片区与楼宇联建，网格员进站点", "components": []},
    ]
    units = structure_of(practices)["units"]
    counts = [u["count"] for u in units]
    assert counts == sorted(counts, reverse=True)
    for a, b in zip(units, units[1:]):
        if a["count"] == b["count"]:
            assert a["unit"] < b["unit"]     # ties never depend on set order (PYTHONHASHSEED)
