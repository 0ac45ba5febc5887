"""Figure and practice error classes fixed after the ninth and tenth held-out
sets (invented examples of the genre). Figures: the rows of a figures table
(`指标：数值` lines) are figures named by their label, also on short lines, and
the bracketed change after a row takes the row's metric; a page header's counter
is no row; 24小时免费开放 is opening hours; a one-numeral 元 run on into a name
(三元X园) is a place; two neighbouring digits (五六场) are a range, its upper bound;
a threshold after a share's noun (约15%的X每月活动不足一次) defines the class;
metrics: a one-character verb after the noun counted ends it (党员|当…, 骑手|来…),
target and budget verbs before it are stripped (力争明年…, 安排…). Practices: a
quote a verb set up and counted in sites (设立“X加油站”5个), a pairing formula
opening with a count (推行“一名党员带一个班组”), 开展“X”建设, “X”金融产品; not
practices: a quote describing a problem (“X难X”的问题), an unquoted phrase of a
sub-heading line (打造X服务圈 above its paragraph)."""
from __future__ import annotations

import pytest

from nlp.components.figures import find_figures
from nlp.components.practices import extract_practices
from nlp.figure_text import row_label
from nlp.numbers import find_quantities
from nlp.practice_context import pairing
from nlp.practice_finder import PracticeFinder
from nlp.practice_lexicon import load_lexicon


def figs(text: str) -> list[tuple]:
    return [(f["value"], f["unit"], f["qualifier"], f["metric"]) for f in find_figures(text)]


FIGURES = [
    # the rows of a figures table: short rows too, the label names the figure
    ("主要指标如下：\n党建指导员：45名\n党的工作覆盖率：100%\n“红帆先锋”示范党组织：12个",
     [(45, "名", "exact", "党建指导员"), (100, "%", "exact", "党的工作覆盖率"),
      (12, "个", "exact", "“红帆先锋”示范党组织")]),
    # a bracketed change after a row takes the row's metric
    ("企业党组织覆盖率：92.5%（同比提高1.5个百分点）",
     [(92.5, "%", "exact", "企业党组织覆盖率"), (1.5, "个百分点", "exact", "企业党组织覆盖率同比提高")]),
    # a page header's counter and a byline are no rows
    ("浏览次数：1375次\n二组 某某", []),
    # opening hours with a manner word between
    ("驿站面积80平方米，24小时免费开放。", [(80, "平方米", "exact", "驿站面积"), (24, "小时", "exact", "免费")]),
    # a one-numeral 元 run on into a name is a place; money stays
    ("在科创园和三元数字园里走访企业。", []),
    ("每单奖励五元。", [(5, "元", "exact", "每单奖励")]),
    # two neighbouring digits: a range, its upper bound
    ("每年组织两三次培训。", [(3, "次", "up_to", "培训")]),
    ("三五成群。", []),
    # a threshold after a share's noun defines the class
    ("约百分之二十的联合党支部每月活动不足一次。", [(20, "%", "approx", "联合党支部每月活动不足一次")]),
    ("联合党支部每月活动不少于一次。", [(1, "次", "at_least", "联合党支部活动")]),
    # a one-character verb after the noun counted ends it
    ("每个班组至少有1名党员当先锋。", [(1, "名", "at_least", "党员")]),
    ("每天有200多名骑手来驿站歇脚。", [(200, "名", "at_least", "骑手")]),
    # target and budget verbs before the metric are stripped
    ("力争明年两新组织党组织覆盖率达到90%以上。", [(90, "%", "at_least", "两新组织党组织覆盖率")]),
    ("每年安排专项资金500万元。", [(5000000, "元", "exact", "专项资金")]),
]


@pytest.mark.parametrize("text, expected", FIGURES)
def test_figure_practice_classes9_figures(text, expected):
    assert figs(text) == expected


ROWS = [
    ("党建指导员：72名", 6, "党建指导员"),
    ("  联合党支部:54个", 8, "联合党支部"),
    ("浏览次数：1375次", 5, ""),          # a page header's counter
    ("作者：某某 某某：3名", 10, ""),      # a space: no label
    ("主要指标如下：12个", 7, "主要指标如下"),
    ("：5个", 1, ""),
]


@pytest.mark.parametrize("text, pos, expected", ROWS)
def test_figure_practice_classes9_row_label(text, pos, expected):
    assert row_label(text, 0, pos) == expected


RANGES = [("五六场", 6, "up_to"), ("两三个", 3, "up_to"), ("八九家", 9, "up_to")]


@pytest.mark.parametrize("text, value, qualifier", RANGES)
def test_figure_practice_classes9_numbers_range(text, value, qualifier):
    (q,) = find_quantities(text)
    assert (q.value, q.qualifier, q.start, q.end) == (value, qualifier, 0, 3)


@pytest.fixture(scope="module")
def finder() -> PracticeFinder:
    return PracticeFinder(load_lexicon())


def names(finder, text):
    return [(it["name"], it["aliases"]) for it in extract_practices(finder, text)]


PRACTICES = [
    ("园区在楼宇周边设立“小哥加油站”8个，每天开放10小时。", [("小哥加油站", [])]),
    ("公司党支部推行“一名党员带一个班组”，成效明显。", [("一名党员带一个班组", [])]),
    ("商会开展“同富工坊”建设，带动周边就业。", [("同富工坊", [])]),
    ("银行推出“园企贷”金融产品，缓解融资难题。", [("园企贷", ["园企贷金融产品"])]),
]


@pytest.mark.parametrize("text, expected", PRACTICES)
def test_figure_practice_classes9_practices_found(finder, text, expected):
    assert names(finder, text) == expected


OUT = [
    "骑手们说，这里就是他们的“红色加油站”。",     # a metaphor, no count of sites
    "园区共有“一名党员”5个。",                      # a count, no pairing
    "过去“有组织难活动”的问题比较突出。",            # a problem, not a practice
    "服务下沉一线 打造暖心服务圈\n园区设立党群服务中心，推动发展。",   # a sub-heading's phrase
]

HEADED = [
    ("打造暖心服务圈\n园区打造暖心服务圈，推动发展。", [("暖心服务圈", [])]),   # the body names it too
    ("园区建立联席会议机制", [("联席会议机制", [])]),                          # one line, no paragraph after
]


@pytest.mark.parametrize("text, expected", HEADED)
def test_figure_practice_classes9_practices_heading_body(finder, text, expected):
    assert names(finder, text) == expected


@pytest.mark.parametrize("text", OUT)
def test_figure_practice_classes9_practices_out(finder, text):
    assert names(finder, text) == []


@pytest.mark.parametrize("content, expected", [
    ("一名党员带一个课题组", True), ("一个支部联系一家企业", True), ("一名党员", False), ("一企一策", False)])
def test_figure_practice_classes9_pairing(content, expected):
    assert pairing(content) is expected


@pytest.mark.parametrize("text, names", [
    # a leading verb after the kind word: the brand is its subject
    ("青梧高新区以“青梧先锋”党建品牌引领企业转型升级。", ["青梧先锋"]),
    ("“青梧红”模式助力企业发展。", ["青梧红"]),
    ("青梧高新区以“青梧先锋”党建品牌为引领。", ["青梧先锋"]),
])
def test_figure_practice_classes9_kind_word_before_a_leading_verb(text, names):
    from nlp.pipeline import run

    assert [p["name"] for p in run(text).user_data["dangjian"]["practices"]] == names
