"""Figure and practice error classes fixed after the fifth held-out set (invented
examples of the genre): thresholds (不足3名的) are no figures; a range written
with its unit twice (1万元至3万元) gives its upper bound; a bare event verb as a
metric takes the quoted event of the sentence; a bare space noun measured in
平方米 takes the quoted venue built in it; a target's time frame (力争到…年底) and a
copula (是) leave the metric; venues named in quotes (夜校, 之家,
工作室), dash-joined flows (“A—B—C”流程), campaigns (推广“X”创建), a verb before
a short object (推行A企业“X”), and the contexts that stay out (“X之家”服务站,
“党建+X”深度融合)."""
from __future__ import annotations

import pytest

from nlp.components.figures import find_figures
from nlp.components.practices import extract_practices
from nlp.practice_finder import PracticeFinder
from nlp.practice_lexicon import load_lexicon


def figs(text: str) -> list[tuple]:
    return [(f["value"], f["unit"], f["qualifier"], f["metric"]) for f in find_figures(text)]


FIGURES = [
    # a threshold describing a class of things is no count
    ("对员工不足50人的企业，选派指导员6名。", [(6, "名", "exact", "选派指导员")]),
    ("对党员人数少于3名的楼宇，实行联建。", []),
    # a range with its unit written twice: the upper bound, up_to, from the lower one on
    ("每年给予2万元至5万元的运行经费补贴。", [(50000, "元", "up_to", "运行经费补贴")]),
    ("每个项目资助10万元到20万元。", [(200000, "元", "up_to", "每个项目资助")]),
    # 由A至B stays a change, not a range
    ("营收由1万元至3万元。", [(10000, "元", "exact", "至"), (30000, "元", "exact", "至")]),
    # a bare event verb: the quoted event the sentence introduced
    ("园区推出“青柠议事会”，每月召开一次。", [(1, "次", "exact", "青柠议事会")]),
    ("中心开设“星火学堂”，今年已举办15期。", [(15, "期", "exact", "星火学堂")]),
    ("开设“晨光夜课”，全年计划开课30期。", [(30, "期", "exact", "晨光夜课")]),
    # 每半年举办一期X，今年已举办2期: the figure before still names it
    ("开设“晨光夜课”，每半年举办一期轮训班，今年已举办2期。",
     [(1, "期", "exact", "轮训班"), (2, "期", "exact", "轮训班")]),
    # a bare space noun in 平方米: the venue the next clause builds
    ("在大楼3楼腾出260平方米空间，建起“青年之家”，设有阅览室。",
     [(260, "平方米", "exact", "青年之家面积")]),
    ("腾出200平方米场地用于办公。", [(200, "平方米", "exact", "场地")]),
    # a target's time frame (力争到…年底, 年底前) is no part of the metric
    ("力争到2027年底楼宇党组织覆盖率达到95%以上。", [(95, "%", "at_least", "楼宇党组织覆盖率")]),
    ("力争明年底前新建站点12个。", [(12, "个", "exact", "新建站点")]),
    ("年末党员总数达120名。", [(120, "名", "exact", "党员总数")]),
    # a copula before the noun counted
    ("支部现有党员35名，其中有21名是技术骨干。", [(35, "名", "exact", "党员"), (21, "名", "exact", "技术骨干")]),
]


@pytest.mark.parametrize("text, expected", FIGURES)
def test_figure_practice_classes5_figures(text, expected):
    assert figs(text) == expected


SPEAKER = [
    # 我 inside a quote: the speaker named after it (from the people list)
    ("“我每周来两次，帮书记理思路。”李文海说。", [(2, "次", "exact", "李文海来")]),
    ("“我每周来两次。”他说。", [(2, "次", "exact", "我来")]),
    ("“我们每周来两次。”李文海说。", [(2, "次", "exact", "我们来")]),
]


@pytest.mark.parametrize("text, expected", SPEAKER)
def test_figure_practice_classes5_speaker(text, expected):
    got = [(f["value"], f["unit"], f["qualifier"], f["metric"])
           for f in find_figures(text, {"people": [{"name": "李文海"}]})]
    assert got == expected


@pytest.fixture(scope="module")
def finder() -> PracticeFinder:
    return PracticeFinder(load_lexicon())


def names(finder, text):
    return [(it["name"], it["aliases"], it["kind"], it["components"]) for it in extract_practices(finder, text)]


PRACTICES = [
    # venues named in quotes
    ("下班后常去听“云帆夜校”第3课。", [("云帆夜校", [], "夜校", [])]),
    ("在5楼建起“港湾青年之家”，设有阅览室。", [("港湾青年之家", [], "之家", [])]),
    ("公司设立“党员攻关工作室”3个。", [("党员攻关工作室", [], "工作室", [])]),
    # a dash-joined flow: its steps are its components
    ("形成“接单登记—分级处置—按期回访”闭环流程。",
     [("接单登记—分级处置—按期回访", ["接单登记—分级处置—按期回访闭环流程"], "流程",
       ["接单登记", "分级处置", "按期回访"])]),
    # a campaign verb after a governed quote; a verb before a short object
    ("推广“先锋店铺”创建，带动商户亮身份。", [("先锋店铺", [], "", [])]),
    ("推行园区企业“错峰共享”，调剂人手。", [("错峰共享", [], "", [])]),
    # the kind word after a formula wins over the one ending it
    ("推行“党员岗+攻关工作室”模式。", [("党员岗+攻关工作室", ["党员岗+攻关工作室模式"], "模式", ["党员岗", "攻关工作室"])]),
]

OUT = [
    "大厦16楼的“云帆之家”党群服务站面积约300平方米。",     # a site: an organization
    "园区推动“党建+制造”深度融合。",                          # a fusion goal: a topic
    "开展“五星店铺”创建活动。",                              # a grade to reach, not the device
    "推行，园区企业“错峰共享”。",                            # no verb right before the object
]


@pytest.mark.parametrize("text, expected", PRACTICES)
def test_figure_practice_classes5_practices_found(finder, text, expected):
    assert names(finder, text) == expected


@pytest.mark.parametrize("text", OUT)
def test_figure_practice_classes5_practices_out(finder, text):
    assert names(finder, text) == []
