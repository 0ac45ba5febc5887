"""Practices: the error classes fixed after the fourth held-out set (invented
examples of the genre): quoted devices set up or run by a verb (召开/开通/试点/
定为/开辟, also after a count), placement after 把, frame words (思路), campaigns
(创建“X”党组织), working-method verbs after a quoted manner (“一对一”联系), new
kind words (功能区, 通道, 标准), a numbered name after its listed parts, the parts
of a formula kept as practices of their own, and the contexts that stay out."""
from __future__ import annotations

import pytest

from nlp.components.practices import extract_practices
from nlp.practice_finder import PracticeFinder
from nlp.practice_text import listed_before
from nlp.practice_lexicon import load_lexicon


@pytest.fixture(scope="module")
def finder() -> PracticeFinder:
    return PracticeFinder(load_lexicon())


def names(finder, text):
    return [(it["name"], it["aliases"], it["kind"]) for it in extract_practices(finder, text)]


FOUND_CASES = [
    # a verb that sets up or runs a device, the quote bare after it (or after a count)
    ("每栋楼每月召开一次“邻里议事会”，协调企业诉求。", [("邻里议事会", [], "")]),
    ("每季度召开一次的“邻里议事会”，是大厦的特色。", [("邻里议事会", [], "")]),
    ("园区为企业开通“红色专线”，", [("红色专线", [], "")]),
    ("在科技园试点“红色管家”，", [("红色管家", [], "")]),
    ("还把每年5月定为“园区党建开放月”，", [("园区党建开放月", [], "")]),
    # a measured room is no metaphor, even with a praise ending
    ("在1号楼开辟80平方米的“党建会客厅”，供企业洽谈。", [("党建会客厅", [], "")]),
    # new kind words after a quote
    ("中心配备“初心书屋”“青年议事厅”等功能区，", [("初心书屋", [], "功能区"), ("青年议事厅", [], "功能区")]),
    ("为骑手开通“优先接单、优先体检”绿色通道，",
     [("优先接单、优先体检", ["优先接单、优先体检绿色通道"], "通道")]),
    ("按照“有阵地、有队伍、有活动”三有标准，在楼宇建站。",
     [("有阵地、有队伍、有活动", ["有阵地、有队伍、有活动三有标准"], "标准")]),
    # a kind word followed by an adverb (全天候, 全年)
    ("在中心，“红色动力”创业服务平台全年运转。", [("红色动力", ["红色动力创业服务平台"], "平台")]),
    # 把“X”设在…: a device put in place (a speech verb before a clause break does not block it)
    ("负责人说，支部把“党员攻关岗”设在车间一线，", [("党员攻关岗", [], "")]),
    # a frame word after a quoted list
    ("按照“龙头带动、支部联建、党员领跑”思路，组建联合党委。", [("龙头带动、支部联建、党员领跑", [], "")]),
    # a campaign to reach a named grade
    ("园区将以创建“五星”党组织为抓手，", [("五星", [], "")]),
    # a working-method verb after a quoted manner, even a stop word
    ("党员导师“一对一”联系初创企业。", [("一对一", ["一对一联系"], "联系")]),
    # a numbered name right after its listed parts
    ("坚持以数字化、网格化、标准化“三化”推进园区党建，", [("三化", ["数字化、网格化、标准化"], "")]),
    # the part of a formula named again is a practice of its own
    ("构建“园区党委+楼宇支部+楼宇管家”服务链条。下一步推行“楼宇管家”制度，",
     [("园区党委+楼宇支部+楼宇管家", [], ""), ("楼宇管家", ["楼宇管家制度"], "制度")]),
]


@pytest.mark.parametrize("text,expected", FOUND_CASES)
def test_practice_classes4_found(finder, text, expected):
    assert names(finder, text) == expected


NOT_FOUND_CASES = [
    "该企业被认定为“创新示范园区”。",               # a title conferred
    "园区被确定为“党建引领发展试验园”。",           # a title conferred
    "努力打造“城市会客厅”，",                       # praise: no count, no kind
    "把“红色资源”变成发展资源，",                   # 把 without a placement verb
    "召开“两新”组织党建工作推进会，",                 # a target group, a meeting
    "街道牵头成立“楼宇发展联盟”，",                 # an organisation
    "浙商会党委被评为“四强”党组织。",               # an award, not a campaign
    "坚持“抓党建、强链条、促发展”，",               # a working slogan
    "党员“一对一”指导企业。",                       # a stop word before a verb that is no method
    "明确“红色”联系人，",                           # a method verb made a noun
    "坚持以党建引领、服务提升“三化”推进，",         # two parts listed for a numbered name of three
]


@pytest.mark.parametrize("text", NOT_FOUND_CASES)
def test_practice_classes4_not_found(finder, text):
    assert names(finder, text) == []


LISTED_CASES = [
    ("坚持以数字化、网格化、标准化“三化”", "三化", ("数字化", "网格化", "标准化")),
    ("推动强组织、强队伍“两强”", "两强", ()),                       # the parts must end with 强, not start
    ("抓好数字化、网格化“三化”", "三化", ()),                       # two parts for three
    ("抓好数字化、网格化、标准化“三化工程”", "三化工程", ()),         # not numeral + one character
]


@pytest.mark.parametrize("text,content,expected", LISTED_CASES)
def test_practice_classes4_listed_before(text, content, expected):
    start = text.index("“")
    if content != text[start + 1:text.index("”")]:
        text = text + "”"
        start = text.index("“")
    assert listed_before(text, start, content) == expected
