"""Zone types of other provinces' reports, found by their suffixes: 产业集聚区
(Henan's county zones) and other 集聚区, 工业集中区, and 科技园区 / 软件园区 /
创业园区 named in full (not cut after 园)."""
from __future__ import annotations

import pytest

from nlp.pipeline import run


def parks_of(text: str) -> list[tuple[str, list[str]]]:
    return [(p["name"], p["aliases"]) for p in run(text).user_data["dangjian"]["parks"]]


@pytest.mark.parametrize("text,expected", [
    ("近日，南宁市产业集聚区党工委召开楼宇党建推进会。", [("南宁市产业集聚区", [])]),
    ("南宁现代服务业集聚区联合党委有党员420名。",
     [("南宁现代服务业集聚区", ["现代服务业集聚区"])]),
    ("南宁市工业集中区党委书记王小平介绍。", [("南宁市工业集中区", [])]),
    ("青梧国家农业科技园区党工委成立。", [("青梧国家农业科技园区", [])]),
    ("青梧软件园区党委、青梧创业园区党支部召开联席会。",
     [("青梧软件园区", []), ("青梧创业园区", [])]),
])
def test_park_zone_types_named_by_suffix(text, expected):
    assert parks_of(text) == expected


def test_park_zone_types_anchored_suffix_needs_a_place():
    # 集聚区 alone needs a place name (or a known park) before it
    assert parks_of("青梧现代服务业集聚区联合党委有党员420名。") == []
