"""Figure and practice error classes fixed after the seventh and eighth held-out
sets (invented examples of the genre): quoted names before 招聘会, 对接会, 议事会,
服务点, 服务站点, 做法, quoted X驿 posts; a governed quote followed by a count of its
sessions (开设“X”52期); 开展“X”党组织创建; a quote an organizing verb governs
through 的 (支部组织的“X”); not practices: a quote after a copula and 的 (作为…的“X”,
就是大家的‘X’), a quote followed by a predicate with 了, the headlines of other
news closing a page. Figures: a lone financial-form numeral is a character of a
word (队伍支撑, 大陆台资); headcount thresholds (员工不足20人, 党员3名以上的企业);
每周开放6天; 志愿服务N小时; N条线路; 一成多; metrics: a verb after the noun counted
ends it, 了 is dropped, 保持 is stripped, a forecast (预计…) takes the metric of the
amount it forecasts."""
from __future__ import annotations

import pytest

from nlp.components.figures import find_figures
from nlp.components.practices import extract_practices
from nlp.figure_text import closing_titles
from nlp.practice_finder import PracticeFinder
from nlp.practice_lexicon import load_lexicon


def figs(text: str) -> list[tuple]:
    return [(f["value"], f["unit"], f["qualifier"], f["metric"]) for f in find_figures(text)]


FIGURES = [
    # a lone financial-form numeral is a character of a word
    ("（二）强化队伍支撑。组建服务队5支。", [(5, "支", "exact", "服务队")]),
    ("本区是大陆台资企业较为集中的区域之一。", []),
    # headcount thresholds defining a class of firms
    ("其中多数企业成立不足3年、员工不足20人，党员分散。", []),
    ("对党员3名以上的企业单独建立党组织。", []),
    ("企业党员占职工总数的比例不足8%。", [(8, "%", "less_than", "比例")]),   # a ratio below a bound stays
    # opening days in a period, volunteer hours, routes
    ("中心面积800平方米，每周开放6天。", [(800, "平方米", "exact", "中心面积"), (6, "天", "exact", "开放")]),
    ("参与社区巡查等志愿服务2.5万小时。", [(25000, "小时", "exact", "志愿服务")]),
    ("每名党员包干2条线路。", [(2, "条", "exact", "线路")]),
    ("连续奋战45天。", []),
    # 多 after the tenths
    ("党员人数占员工总数的三成多。", [(30, "%", "at_least", "党员人数占员工总数")]),
    # a verb after the noun counted ends it; an aspect particle is no part of a metric
    ("帮助15家中小企业导入质量管理体系。", [(15, "家", "exact", "中小企业")]),
    ("安排12名社区网格员兼任企业联络员。", [(12, "名", "exact", "社区网格员")]),
    ("把链上60家企业党组织串了起来。", [(60, "家", "exact", "企业党组织")]),
    ("有4人递交了入党申请书。", [(4, "人", "exact", "递交入党申请书")]),
    ("20名骑手成长为站长。", [(20, "名", "exact", "站长")]),
    ("投放3台政务服务自助终端。", [(3, "台", "exact", "政务服务自助终端")]),
    # a level verb after a rate; a forecast takes the metric of the amount before it
    ("党的工作覆盖率保持100%。", [(100, "%", "exact", "工作覆盖率")]),
    ("全区实现规上工业总产值300亿元，同比增长8%，预计全年突破350亿元。",
     [(30000000000, "元", "exact", "规上工业总产值"), (8, "%", "exact", "规上工业总产值同比增长"),
      (35000000000, "元", "more_than", "规上工业总产值")]),
    # the headlines of other news closing the page hold no figures
    ("园区新建党组织12个。\n某市20个重点项目集中开工\n某区举办青年论坛\n某镇：“红色楼道”激活治理",
     [(12, "个", "exact", "新建党组织")]),
]


@pytest.mark.parametrize("text, expected", FIGURES)
def test_figure_practice_classes7_figures(text, expected):
    assert figs(text) == expected


CLOSING = [
    ("正文一句。\n标题一\n标题二\n标题三", 6),
    ("正文一句。\n标题一\n标题二\n标题三\n\n", 6),
    ("正文一句。\n标题一\n标题二", 13),            # two lines: a caption, not a list
    ("标题一\n标题二\n标题三", 11),                # no body before them
    ("正文一句。\n标题一。\n标题二\n标题三", 18),    # a sentence among them
]


@pytest.mark.parametrize("text, expected", CLOSING)
def test_figure_practice_classes7_closing_titles(text, expected):
    assert closing_titles(text) == expected


@pytest.fixture(scope="module")
def finder() -> PracticeFinder:
    return PracticeFinder(load_lexicon())


def names(finder, text):
    return [(it["name"], it["aliases"]) for it in extract_practices(finder, text)]


PRACTICES = [
    ("党工委举办“青苗聘”专场招聘会9场。", [("青苗聘", ["青苗聘专场招聘会"])]),
    ("协会开展“链企携手”对接会6场。", [("链企携手", ["链企携手对接会"])]),
    ("全年开展“楼宇议事会”42场，收集意见390条。", [("楼宇议事会", [])]),
    ("服务站开设“午间加油课”52期，参与白领3600余人次。", [("午间加油课", [])]),
    ("园区已建成“江畔红驿”服务点23个。", [("江畔红驿", ["江畔红驿服务点"])]),
    ("累计建成“港城红驿”服务站点35个。", [("港城红驿", ["港城红驿服务站点"])]),
    ("建成“海湾暖驿”18个。", [("海湾暖驿", [])]),
    ("探索“园中建支部”做法。", [("园中建支部", ["园中建支部做法"])]),
    ("深入开展“三强五好”党组织创建，已评定五星级党组织12个。", [("三强五好", [])]),
    ("经理也常来参加支部组织的“同心夜话”。", [("同心夜话", [])]),
    ("这是园区推行的“楼栋夜谈”。", [("楼栋夜谈", [])]),     # an action verb after the copula
]


@pytest.mark.parametrize("text, expected", PRACTICES)
def test_figure_practice_classes7_practices_found(finder, text, expected):
    assert names(finder, text) == expected


OUT = [
    "党工委把非公企业党建作为基层党建的“头号工程”，推动覆盖。",
    "书记说：“过去找不到组织，现在园区就是大家的‘温暖之家’。”",
    "产业链党建还为人才“引育用”打开了通道。",
    "正文一句。\n某区举办青年论坛\n某镇：“红色楼道”激活基层治理\n某区举办招聘会",
]


@pytest.mark.parametrize("text", OUT)
def test_figure_practice_classes7_practices_out(finder, text):
    assert names(finder, text) == []
