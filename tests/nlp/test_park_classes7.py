"""Park rules of the heldout7/heldout8 round (error classes, never single
items): a declaration with 下称, a building's floor, a company's name or a
bank's branch after a park suffix, words that are no name before a park named
elsewhere, a locative before a park's name, zone types (科创谷, 科创小镇,
台商投资区), a bracketed city in a park's name, zones repeated before their own
body, and no short name made of a bare suffix."""
from __future__ import annotations

import pytest

from nlp.components import parks
from nlp.park_names import _best_name, bracket_place, bracketed_place_end
from nlp.park_scan import _body_named, _company_after, _cut_to_known, candidates
from nlp.pipeline import run


def parks_of(text: str) -> list[tuple[str, list[str]]]:
    return [(p["name"], p["aliases"]) for p in run(text).user_data["dangjian"]["parks"]]


@pytest.mark.parametrize("text,expected", [
    # 下称 declares a short name as 以下简称 does: one park, no 下称 in an alias
    ("青梧经开区现有楼宇20栋，集中分布在甲乙科创商务区（下称科创商务区），入驻企业900家。"
     "科创商务区成立楼宇联合党委。",
     [("甲乙科创商务区", ["科创商务区"]), ("青梧经开区", [])]),
    # a floor after the suffix: the name is a building's
    ("中午，甲乙数字港18楼的党群服务站里坐满了人。青梧高新区党工委表示。", [("青梧高新区", [])]),
    ("甲乙科技园三层设有党群服务站。青梧高新区党工委表示。", [("青梧高新区", [])]),
    # words that are no name before a park named elsewhere
    ("记者从青梧高新区获悉，一场由青梧高新区产业链党委组织的党课正在进行。", [("青梧高新区", [])]),
    # a company's name going on after the suffix, a bank's branch
    ("青梧高新区孵化器众多。青梧智谷企业管理有限公司（以下简称智谷公司）作为运营方。",
     [("青梧高新区", [])]),
    ("青梧高新区产业链党委联合青梧农村商业银行高新区支行推出信贷产品。", [("青梧高新区", [])]),
    # a locative before the name is not part of it
    ("青梧高新区是重要的材料基地，区内甲乙新材料产业园（以下简称甲乙产业园）集聚企业430家。",
     [("甲乙新材料产业园", ["甲乙产业园"]), ("青梧高新区", [])]),
])
def test_park_classes7_no_park_or_a_shorter_name(text, expected):
    assert parks_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("青梧高新区在甲乙产业园、丙丁科创小镇分别组建产业链党委。",
     [("青梧高新区", []), ("甲乙产业园", []), ("丙丁科创小镇", [])]),
    ("青梧高新区党工委以甲乙科创谷（以下简称科创谷）为试点。在科创谷孵化大楼成立联合党委。",
     [("甲乙科创谷", ["科创谷"]), ("青梧高新区", [])]),
    ("青梧台商投资区（以下简称台商区）党工委成立。台商区现有台资企业300家，台商区党群服务中心开放。",
     [("青梧台商投资区", ["台商区"])]),
])
def test_park_classes7_zone_types(text, expected):
    assert parks_of(text) == expected


def test_park_classes7_bracketed_city_is_part_of_the_name():
    text = ("云南甲乙国际机场空港经济区(昆明)(以下简称昆明空港经济区)规划面积50平方公里。"
            "昆明空港经济区物流园党委成立。")
    items = run(text).user_data["dangjian"]["parks"]
    assert [(p["name"], p["aliases"], p["province"], p["city"]) for p in items] == [
        ("云南甲乙国际机场空港经济区(昆明)", ["昆明空港经济区", "空港经济区"], "云南省", "昆明市"),
        ("昆明空港经济区物流园", ["空港经济区物流园"], "云南省", "昆明市")]
    assert bracket_place("云南甲乙空港经济区（昆明）") == "昆明"
    assert bracket_place("青梧高新区（新城区）") == ""       # a county district: another name, not a place
    assert bracketed_place_end("X空港经济区(昆明)(以下", 6) == 10
    assert bracketed_place_end("X空港经济区(青梧)", 6) == 6
    # the leading province stays in the name the bracket locates
    assert _best_name({"云南甲乙空港经济区(昆明)", "甲乙空港经济区(昆明)"}) == "云南甲乙空港经济区(昆明)"


@pytest.mark.parametrize("text,expected", [
    ("青梧高新区党工委在软件外包产业园成立软件外包产业园党委。",
     [("软件外包产业园", []), ("青梧高新区", [])]),
    # repeated but generic, a verb or a count: no zone
    ("青梧高新区成立产业园党委，产业园党委书记说。成立产业园党委后。", [("青梧高新区", [])]),
    ("青梧高新区推动数字产业园党委建设，数字产业园党委召开会议。", [("青梧高新区", [])]),
    ("青梧高新区两个产业园党委成立，两个产业园党委书记到任。", [("青梧高新区", [])]),
    # named once before its body: no repetition, no zone
    ("青梧高新区党工委成立软件外包产业园党委。", [("青梧高新区", [])]),
])
def test_park_classes7_zone_repeated_before_its_own_body(text, expected):
    assert parks_of(text) == expected


def test_park_classes7_helpers():
    lex = parks._lexicon()
    text = "在乐活商圈成立乐活商圈党委"
    bounds = [m.span() for m in lex["pattern"].finditer(text)]
    assert _body_named(text, [], bounds, lex) == [("乐活商圈", 7, 11)]
    assert _body_named(text, [("乐活商圈", 7, 11)], bounds, lex) == []   # the scan found it
    assert _company_after("甲乙智谷企业管理有限公司", 4, lex)
    assert not _company_after("甲乙高新区联合丙丁集团", 5, lex)       # a verb opens the run
    assert not _company_after("甲乙高新区浙江丙丁有限公司", 5, lex)   # a place opens another company
    out = [("青梧高新区", 0, 5), ("一场由青梧高新区", 10, 18)]
    _cut_to_known("青梧高新区获悉。一场由青梧高新区", out)
    assert out == [("青梧高新区", 0, 5), ("青梧高新区", 13, 18)]
    out = [("青梧新区", 0, 4), ("大连青梧新区", 10, 16)]
    _cut_to_known("青梧新区获悉。同在大连青梧新区", out)
    assert out == [("青梧新区", 0, 4), ("大连青梧新区", 10, 16)]   # a place before the name stays
    assert candidates("青梧数字港18楼") == []


def test_park_classes7_bare_suffix_has_no_own_name():
    # 高新技术产业开发区 is a suffix, not 高新技术 + 产业开发区: no alias 高新技术
    text = "青梧高新技术产业开发区（以下简称青梧高新区）现有高新技术企业57家。"
    assert parks_of(text) == [("青梧高新技术产业开发区", ["青梧高新区"])]


def test_park_classes7_verb_opening_a_clause_is_no_name():
    # an unknown word that the tagger takes for a verb opens no park name
    # (，赋能片区经济发展), while an unknown name does (，青梧片区)
    from nlp.pipeline import run

    def names(text):
        return [p["name"] for p in run(text).user_data["dangjian"]["parks"]]

    assert names("南宁高新区推进楼宇党建，赋能片区经济发展。") == ["南宁高新区"]
    assert "青梧片区" in names("南宁高新区推进楼宇党建，青梧片区建成党群服务站。")
