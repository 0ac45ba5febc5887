"""Park rules of the heldout4 round (error classes, never single items):
counts and building names are no parks, a park named only as another park's
locative prefix is not listed, a county district between the city and a
park's own name only locates it, the other items of a list of zones, and
zones named without a park suffix (a declared short name after a park's name,
a place-led name whose short form heads a zone's body)."""
from __future__ import annotations

import pytest

from nlp.components import parks
from nlp.park_scan import _extend_to_longer, _list_items
from nlp.pipeline import run


def parks_of(text: str) -> list[tuple[str, list[str]]]:
    return [(p["name"], p["aliases"]) for p in run(text).user_data["dangjian"]["parks"]]


@pytest.mark.parametrize("text,expected", [
    # a count of zones before the suffix is a description, not a name
    ("南宁高新区党工委表示，楼宇党建串起一片商务区。青梧商务区企业众多。",
     [("南宁高新区", []), ("青梧商务区", [])]),
    ("南宁高新区两大产业园发展迅速，青梧产业园和甲乙产业园。",
     [("南宁高新区", []), ("青梧产业园", []), ("甲乙产业园", [])]),
    ("南宁高新区3个产业园和多个科技园。", [("南宁高新区", [])]),
    # a suffix right before 大厦/广场 … is inside a building's name
    ("南宁高新区在青梧数字港大厦设立党群服务站。", [("南宁高新区", [])]),
    ("南宁高新区党工委在青梧科技园广场开会。", [("南宁高新区", [])]),
])
def test_park_classes4_counts_and_buildings_are_no_parks(text, expected):
    assert parks_of(text) == expected


def test_park_classes4_locative_prefix_alone_is_not_listed():
    text = "南宁新区青梧科技开发区党工委成立。南宁新区青梧科技开发区企业众多。"
    assert parks_of(text) == [("青梧科技开发区", [])]
    # named on its own once: listed
    named_alone = text + "南宁新区发展迅速。"
    assert [n for n, _ in parks_of(named_alone)] == ["南宁新区", "青梧科技开发区"]


def test_park_classes4_county_district_only_locates_the_park():
    text = "走进南宁市青秀区青梧商圈，青梧商圈党委成立。南宁青梧商圈企业众多。"
    assert parks_of(text) == [("南宁青梧商圈",
                               ["南宁市青秀区青梧商圈", "青秀区青梧商圈", "青梧商圈"])]
    assert parks._best_name({"青秀区青梧商圈", "南宁青梧商圈"}) == "南宁青梧商圈"
    assert "青梧商圈" in parks.short_forms("南宁市青秀区青梧商圈")
    assert parks.short_forms("青秀区科技园") == frozenset({"青秀区科技园"})  # no own name left


@pytest.mark.parametrize("text,expected", [
    # the suffix repeated: X商圈、Y商圈 (Y need not look like a name: 丁戊和)
    ("南宁高新区党工委召开会议。青梧路商圈党委成立，"
     "南宁高新区在青梧路商圈、丁戊和商圈等区域建站。",
     [("南宁高新区", []), ("青梧路商圈", []), ("丁戊和商圈", [])]),
    ("南宁高新区在青梧商务区、甲乙商务区党委成立。",
     [("南宁高新区", []), ("青梧商务区", []), ("甲乙商务区", [])]),
    # a list closed by 等区域: an item ending in a zone's last character
    ("南宁高新区在青梧商务区、甲乙会展城等区域建站。",
     [("南宁高新区", []), ("青梧商务区", []), ("甲乙会展城", [])]),
    ("南宁高新区在青梧商务区、着力打造城等区域建站。", [("南宁高新区", []), ("青梧商务区", [])]),
    # the longer name where the text reads it (渤青梧科技园, never 青梧科技园 too)
    ("南宁高新区在甲丙科技园、渤青梧科技园等园区建站。同时在渤青梧科技园试点。",
     [("渤青梧科技园", []), ("南宁高新区", []), ("甲丙科技园", [])]),
])
def test_park_classes4_list_items(text, expected):
    assert parks_of(text) == expected


def test_park_classes4_list_items_helper():
    lex = parks._lexicon()
    text = "在甲乙商圈、丙丁商圈、戊己庚商圈等区域"
    assert _list_items(text, [("甲乙商圈", 1, 5)], lex) == [("丙丁商圈", 6, 10),
                                                          ("戊己庚商圈", 11, 16)]
    assert _list_items("在甲乙商圈、核心商圈", [("甲乙商圈", 1, 5)], lex) == []  # generic
    out = [("甲丙科技园", 0, 5), ("渤青梧科技园", 6, 12), ("青梧科技园", 15, 20)]
    _extend_to_longer("甲丙科技园、渤青梧科技园。在渤青梧科技园", out)
    assert out == [("甲丙科技园", 0, 5), ("渤青梧科技园", 6, 12), ("渤青梧科技园", 14, 20)]


@pytest.mark.parametrize("text,expected", [
    # a declared short name of a zone's head after a park's name
    ("走进南宁高新区产业技术研发园（以下简称研发园），研发园党工委成立。",
     [("南宁高新区产业技术研发园", ["研发园"])]),
    # a company's declared short name is no zone
    ("南宁高新区青梧大厦（以下简称青梧大厦）党委成立。", [("南宁高新区", [])]),
    # a place-led name whose short form heads a zone's body
    ("南宁智能医疗谷入驻企业1100余家，医疗谷党工委推行制度。", [("南宁智能医疗谷", [])]),
    ("青梧医疗谷入驻企业100家，医疗谷党工委推行制度。", []),  # no place name before it
])
def test_park_classes4_sub_zones(text, expected):
    assert parks_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a place after a park's name whose clause counts its buildings: a cluster
    ("南宁高新区党工委召开会议。在南宁高新区青梧金融中心，14栋商务楼宇集聚企业。青梧金融中心楼宇联合党委成立。",
     [("南宁高新区", []), ("南宁高新区青梧金融中心", ["青梧金融中心"])]),
    ("南宁高新区党工委召开会议。在南宁高新区青梧大厦，一栋楼宇集聚企业。", [("南宁高新区", [])]),
    ("南宁高新区党工委召开会议。在南宁高新区青梧金融中心，14个企业集聚。", [("南宁高新区", [])]),
])
def test_park_classes4_building_clusters(text, expected):
    assert parks_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a name that opens a clause, split by the tokenizer into odd pieces (鹭鸶 + 湾)
    ("南宁高新区推动，鹭鸶湾商圈建站。", [("鹭鸶湾商圈", 8, 13)]),
    # common words, counts and classes still are no names
    ("南宁高新区推动，周边商圈建站。", []),
    ("南宁高新区推动，各大商圈建站。", []),
    ("南宁高新区推动，城市商圈建站。", []),
    ("南宁高新区推动，这些商圈建站。", []),
])
def test_park_classes4_clause_opening_names(text, expected):
    from nlp.park_scan import candidates

    assert candidates(text)[1:] == expected
