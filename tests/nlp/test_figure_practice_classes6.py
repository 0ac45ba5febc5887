"""Figure and practice error classes fixed after the sixth held-out set (invented
examples of the genre): a quoted device opening a sub-heading (某区：“X”促Y); a
quote before 评定/认领/措施, or before a kind word that a noun or verb follows
(“X”品牌建设, “X”方式兜底); a count inside a practice name (“X十条”措施) is no
figure; a clause in quotes (都有) and the two states of a change (从“A”到“B”) are
no names; 单 counts orders (5万单); a per-body count (每个支部领办一个课题)
counts; a class defined by an amount (税收超千万元楼宇) is no figure; 去年底
leaves the metric whole; 分别 with no list before it pairs with the figures before;
来自…的 describes the noun counted."""
from __future__ import annotations

import pytest

from nlp.components.figures import find_figures
from nlp.components.practices import extract_practices
from nlp.practice_finder import PracticeFinder
from nlp.practice_lexicon import load_lexicon


def figs(text: str) -> list[tuple]:
    return [(f["value"], f["unit"], f["qualifier"], f["metric"]) for f in find_figures(text)]


FIGURES = [
    # 单 after a number counts orders; 单 starting a word does not
    ("日均处理快递包裹超过3万单。", [(30000, "单", "more_than", "日均处理快递包裹")]),
    ("全年办结1200单业务。", [(1200, "单", "exact", "业务")]),
    ("小区共有3个单元。", [(3, "个", "exact", "单元")]),
    # a per-body count written 一
    ("每个党支部领办一个技改课题。", [(1, "个", "exact", "技改课题")]),
    # an amount defining a class of buildings is no figure; the count of them is
    ("力争新增税收超亿元楼宇3栋。", [(3, "栋", "exact", "新增税收超亿元楼宇")]),
    # a count inside a practice name is no figure
    ("推出“护骑八条”关爱措施。", []),
    # 较去年底: the comparison leaves no stray character in the metric
    ("全区商户党组织较去年底增加了17个。", [(17, "个", "exact", "商户党组织增加")]),
    # 分别 with no list before it in its clause: the figures just before, unit by unit
    ("目前全区有商会党组织40个，党员900余名，较去年底分别增加了6个和85名。",
     [(40, "个", "exact", "商会党组织"), (900, "名", "at_least", "党员"),
      (6, "个", "exact", "商会党组织"), (85, "名", "exact", "党员")]),
    ("联盟和党员分别增加了6家和85名。", [(6, "家", "exact", "联盟"), (85, "名", "exact", "党员")]),
    # where the things counted come from describes them (来自…的)
    ("30多名来自不同园区的青年党员参加了培训。", [(30, "名", "at_least", "青年党员")]),
]


@pytest.mark.parametrize("text, expected", FIGURES)
def test_figure_practice_classes6_figures(text, expected):
    assert figs(text) == expected


@pytest.fixture(scope="module")
def finder() -> PracticeFinder:
    return PracticeFinder(load_lexicon())


def names(finder, text):
    return [(it["name"], it["kind"]) for it in extract_practices(finder, text)]


PRACTICES = [
    ("前言。\n青禾新区：“驻楼帮跑”进园区\n正文。", [("驻楼帮跑", "")]),
    ("商圈党委推行“诚信店铺”星级评定。", [("诚信店铺", "评定")]),
    ("支部开展“党员认岗”认领，服务商户。", [("党员认岗", "认领")]),
    ("部门推出“护骑八条”关爱措施。", [("护骑八条", "措施")]),
    ("深化“云岭同心”党建品牌建设。", [("云岭同心", "品牌")]),
    ("对党员不足3名的企业，采取“片区联建”方式兜底覆盖。", [("片区联建", "方式")]),
]


@pytest.mark.parametrize("text, expected", PRACTICES)
def test_figure_practice_classes6_practices_found(finder, text, expected):
    assert names(finder, text) == expected


OUT = [
    "这里“每一个车间里都有党员先锋岗”。",
    "推动楼宇党建从“一楼一点”到“连片成群”转变。",
    "青禾新区：“链”上发力\n正文。",                    # the title line holds slogans
    "前言。\n青禾新区：“链”上发力\n正文。",            # a one-character quote is no device
]


@pytest.mark.parametrize("text", OUT)
def test_figure_practice_classes6_practices_out(finder, text):
    assert names(finder, text) == []
