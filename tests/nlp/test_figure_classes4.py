"""Figure error classes fixed on the fourth held-out round: growth by doubling
(翻一番), changes measured in time (由7天缩短至3天), results measured in hours or
days, measure words that start a noun (三轮车), ranges (2至3名), and the metric
cut: verbs after the noun counted, organising verbs before it, 的 + noun after a
place, a copula into a quoted role, list kinds after 等, periods and modal words
inside the phrase, shares of a named whole."""
from __future__ import annotations

import pytest

from nlp.components.figures import find_figures


def figs(text: str) -> list[tuple]:
    return [(f["value"], f["unit"], f["qualifier"], f["change_from"], f["metric"]) for f in find_figures(text)]


# ------------------------------------------------------------- which numbers are figures

FIGURES = [
    # 翻N番: a growth of (2^N - 1) x 100 %, the verb read as 增长
    ("今年上半年完成产值4.6亿元，较去年同期翻了一番。",
     [(460000000, "元", "exact", None, "上半年完成产值"),
      (100, "%", "exact", None, "上半年完成产值较去年同期增长")]),
    ("企业营业收入较上年翻两番。", [(300, "%", "exact", None, "企业营业收入增长")]),
    # a change verb beyond 增至: 缩短至, 压缩至 …, both numbers in days
    ("企业诉求平均办结时间由7天缩短至3天。", [(3, "天", "exact", 7, "企业诉求平均办结时间")]),
    ("审批用时由10个工作日压缩到5个工作日。", [(5, "个", "exact", 10, "审批用时")]),
    # results measured in time: opening and duty hours, a time after 时间/时限, a record in days
    ("驿站24小时开放，配备饮水机。", [(24, "小时", "exact", None, "开放")]),
    ("服务站每天开放12小时。", [(12, "小时", "exact", None, "服务站开放")]),
    ("每周安排党员志愿者值守不少于20小时。", [(20, "小时", "at_least", None, "党员志愿者值守")]),
    ("平均通关时间压缩至1.5小时以内。", [(1.5, "小时", "up_to", None, "平均通关时间")]),
    ("企业连续1000天安全生产零事故。", [(1000, "天", "exact", None, "安全生产零事故")]),
    # a frequency of one 期/场 after 每 + period; 一成 is 10 %
    ("每季度举办一期主题培训。", [(1, "期", "exact", None, "主题培训")]),
    ("吸引毕业生来区就业4300多人，同比增长一成以上。",
     [(4300, "人", "at_least", None, "毕业生来区就业"), (10, "%", "at_least", None, "毕业生来区就业同比增长")]),
    # 至少 before a short verb still qualifies the number
    ("每季度至少开展一次上门指导。", [(1, "次", "at_least", None, "上门指导")]),
    ("每周至少巡楼两次。", [(2, "次", "at_least", None, "巡楼")]),
    # a range: the upper bound, up_to, the lower bound out of the metric
    ("每栋楼配备网格员2至3名，负责日常巡查。", [(3, "名", "up_to", None, "网格员")]),
    ("每名党员联系5-8家企业，开展走访。", [(8, "家", "up_to", None, "企业")]),
]


@pytest.mark.parametrize("text,expected", FIGURES)
def test_figure_classes4_figures(text, expected):
    assert figs(text) == expected


NOT_FIGURES = [
    "快递员把三轮车停在驿站门口，进门取暖。",   # the measure word starts a noun
    "党员连续奋战45天，完成设备安装。",          # a framing duration
    "举办为期3天的培训，提升党务能力。",          # a framing duration
    "培训安排在下午，持续3天。",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_figure_classes4_not_figures(text):
    assert find_figures(text) == []


# ------------------------------------------------------------- metrics

METRICS = [
    # a verb or adverb after the noun counted ends it
    ("推动6家企业单独组建党支部。", "企业"),
    ("从机关选派14名党建指导员驻点服务。", "党建指导员"),
    ("已为1600多名新就业群体办理工会会员证。", "新就业群体"),
    ("为41家重点企业各配备1名党建指导员。", "重点企业"),
    ("组织30场投融资对接会，服务企业。", "投融资对接会"),   # a one-character suffix: a noun
    # an organising verb before the noun: the noun
    ("今年以来组建攻关组二十一个。", "攻关组"),
    ("各站点共开展活动260场次。", "活动"),
    ("下设党支部7个。", "党支部"),
    # a place or a bare verb before the number, 的 + noun after it
    ("园区还在2号楼1层开辟120平方米的“楼宇会客厅”。", "楼宇会客厅"),
    ("建立每季度召开一次的“楼事会”，商议楼宇事务。", "楼事会"),
    ("腾出一间120平方米的“红色驿站”格外显眼。", "红色驿站"),
    # a copula into a quoted role, also after a list
    ("在每栋楼宇选聘1名党员担任“红色楼长”。", "红色楼长"),
    ("招募420名骑手、快递员担任“流动网格员”。", "流动网格员"),
    ("以机械、汽车两条主导产业链为主轴，打造集群。", "主导产业链"),   # 以…为: no copula
    ("对接的3家投资机构为公司带来了首轮融资。", "投资机构"),          # 为 = for
    # 由 + agent + verbs after the measure word
    ("征集技术需求45项，其中21项已由链上企业党员团队揭榜攻关。", "揭榜攻关"),
    # an award after the noun counted names it (as 其中12名被评为优秀党员)
    ("已有15名企业党组织书记被评为市级优秀党务工作者。", "市级优秀党务工作者"),
    ("7家企业党组织被授予“五星级党组织”称号。", "五星级党组织"),
    # a bare organising verb: the thing counted by the figure before in the sentence
    ("每半年举办一期党组织书记轮训班，今年已举办2期。", "党组织书记轮训班"),
    # lists: the list before 等, the kind words after 等
    ("累计上报安全隐患、环境问题等3400多条。", "上报安全隐患、环境问题"),
    ("吸纳设计、制造、封测等环节企业党组织54个。", "企业党组织"),
    # periods, time adverbials, modal words, per-unit words inside the phrase
    ("诉求办理情况每周通报一次。", "诉求办理情况通报"),
    ("驿站今年以来服务新就业群体超过8.5万人次。", "驿站服务新就业群体"),
    ("产能可提升一倍以上。", "产能提升"),
    ("对符合条件的博士给予生活补贴每人2.4万元。", "生活补贴"),
    ("二十余名年轻白领参加微党课。", "白领"),
    # a share of a named whole: the noun after 的
    ("党员承担了公司近一半的核心研发项目。", "党员承担核心研发项目"),
    ("其中党员牵头的研发项目贡献了新增专利的72%。", "研发项目贡献新增专利"),
]


@pytest.mark.parametrize("text,metric", METRICS)
def test_figure_classes4_metric(text, metric):
    found = find_figures(text)
    assert found, text
    # the figure the sentence is about: the one after 其中 or 今年, else the first
    figure = found[-1] if "其中" in text or "今年已" in text else found[0]
    assert figure["metric"] == metric
