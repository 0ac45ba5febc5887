"""The figures component: which numbers are figures, and what each one says."""
from __future__ import annotations

import pytest

from nlp.components.figures import FiguresComponent, find_figures


def one(text: str, **lists) -> dict:
    figs = find_figures(text, lists or None)
    assert len(figs) == 1, figs
    return figs[0]


def values(text: str, **lists) -> list[tuple]:
    return [(f["value"], f["unit"]) for f in find_figures(text, lists or None)]


# ------------------------------------------------------------- what is not a figure

NOT_FIGURES = [
    "今年是中国共产党成立103周年,也是党委成立3周年。",
    "3年来,党委坚持围绕发展抓党建。",
    "九牧王党委副书记带领党员项目攻关组,仅用了4个月时间完成建设任务。",
    "艺达公司党员技术攻关小组历经8个多月努力,攻克各类难题。",
    "打造“15分钟”便民便企服务圈。",
    "在每月第二周四的主题党日时间,增加特色环节。",
    "很开心第一次参加这样的活动。",
    "开发区首批纺织鞋服产业链党建联盟成立。",
    "深圳国际创新中心位于深南大道1006号。",
    "2022年7月1日,示范基地揭牌。",
    "一个个楼宇党建指导站挂牌成立,一名名党建指导员驻楼服务。",
    "聚集了一批创新能力强的企业,一起在这里找寻答案,与队友们一同走进。",
    "一个党支部就是一座战斗堡垒,一名党员就是一面旗帜。",
    "把各方资源拧成“一股绳”,交出了一份满意答卷。",
    "推行“一支部、一特色、一品牌”,构建“一中心多站点”的服务格局。",
    "破解党建业务“两张皮”问题。",
    "健全资源、需求、服务“三张清单”,制定服务目录。",
    "今年实施“十场党员党务干部培训、百堂党课进邻里进网格、千场微宣讲进企业进车间”的党员教育培训“十百千”计划。",
    "完善“1个龙头企业党组织+1名双选聘党务干部+若干个非公企业”党建架构。",
    "深入学习党的二十届三中全会精神,推进五位一体总体布局。",
    "资源从四面八方汇聚而来。",
    "推动二期项目建设,实现二次创业。",
    "聆听《党的十九大精神解读》等午间微党课。",
    "推进网格化管理,进一步提升一体化、一站式服务水平。",
    "党员平均年龄35岁。",
    "荣获5G应用大赛一等奖,推行7S管理法。",
    "党群服务中心全天开放,实施“四个一批”工程。",
    "建成超亿元的项目,打造三期工程。",
    "支委会由三成员组成,确保一成不变。",
    "开展1对1帮扶,举办三对三篮球赛,推行1对N结对。",
    "下午三点五十分,党员在三门峡路的一点一滴中成长。",
    "全区2023对非公企业开展专项整治,与12345对接诉求。",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_figures_exclusions(text):
    assert find_figures(text) == []


def test_figures_service_hours_count_after_duration_word():
    f = one("党员志愿服务时长累计超5000小时。")
    assert (f["value"], f["unit"], f["qualifier"], f["cumulative"]) == (5000, "小时", "more_than", True)


def test_figures_byline_is_not_a_figure():
    assert find_figures("我想,这就是答案。\n五组 杜吉旭\n") == []


def test_figures_practice_name_from_practices_list():
    text = "打造“三区三室”阵地,实施“双百行动”,建设三个党群服务站。"
    practices = [{"name": "三个党群服务站", "span": [26, 33]}]
    assert values(text) == [(3, "个")]
    assert find_figures(text, {"practices": practices}) == []


# ------------------------------------------------------------- what is

def test_figures_quoted_count_is_a_figure():
    f = one("在两大商圈“两个核心商圈”中交出了一份满意答卷。")
    assert (f["value"], f["unit"], f["metric"]) == (2, "个", "核心商圈")


def test_figures_frequency_counts_once():
    f = one("每季度开展一次“邻里共享日”便民服务活动。")
    assert (f["value"], f["unit"], f["period"]) == (1, "次", "每季度")
    assert f["metric"] == "邻里共享日便民服务活动"


def test_figures_money_and_qualifiers():
    got = find_figures("截至目前,在孵企业累计获得投融资总金额超2亿元;户均增收约5.8万元/年。")
    assert [(f["value"], f["unit"], f["qualifier"]) for f in got] == [
        (200000000, "元", "more_than"), (58000, "元", "approx")]
    assert got[1]["period"] == "每年"


def test_figures_two_measure_words_take_the_first():
    f = one("开发区涌现出国家级工程研究中心等“国字号”科技品牌81家(项),成效明显。")
    assert (f["value"], f["unit"], f["metric"]) == (81, "家", "国字号科技品牌")


# ------------------------------------------------------------- metric

@pytest.mark.parametrize("text,metric", [
    ("汕头高新区安排专项工作组开展3轮全覆盖走访摸排。", "全覆盖走访摸排"),
    ("通过多元化模式,建立基层党组织51个。", "基层党组织"),
    ("纺织鞋服产业链党建联盟成立,18家企业加入联盟。", "企业"),
    ("目前,非公企业党组织覆盖率达到97.7%。", "非公企业党组织覆盖率"),
    ("开展产业交流、民生服务、基层治理等各类活动16场。", "各类活动"),
    ("聘任116名党员骨干为政策联络员。", "政策联络员"),
    ("党总支抽调8名骨干党员组成安装先锋队。", "骨干党员"),
    ("全区856名党员进入企业中层以上管理岗位。", "党员"),
    ("实施党建强企22项“联合行动”。", "联合行动"),
    ("带动220家非公企业“党建入章”。", "非公企业"),
    ("占非公党员总数的78.1%。", "占非公党员总数"),
    ("30万家企业中90%以上是非公企业。", "企业"),
    ("在孵化企业拥有高层次人才47人。", "高层次人才"),
    ("党员参与研究取得的发明专利有2项。", "发明专利"),
    ("完成10多个省市级科技项目的研发工作。", "省市级科技项目"),
    ("全区现有4个党建片区联合支部、136个非公企业党组织。", "党建片区联合支部"),
    ("县(市、区、旗)委2779个。", "县委"),
    ("本市849幢商务楼宇、20个左右的现代服务聚集区。", "商务楼宇"),
])
def test_figures_metric(text, metric):
    assert find_figures(text)[0]["metric"] == metric


# the metric never ends in the verb or qualifier that leads to the number
@pytest.mark.parametrize("text,metric", [
    ("其中35岁以下的占比达82.5%。", "占比"),
    ("党员中本科以上学历占比达96%。", "本科以上学历占比"),
    ("其中流动党员约占三成。", "流动党员占比"),
    ("一线员工占到百分之四十。", "一线员工占比"),
    ("像这样的园区综合党委已有11个。", "综合党委"),
    ("全区非公企业共发展党员218名。", "非公企业发展党员"),
    ("新员工转正率提高到95%。", "新员工转正率"),
    ("党组织应建尽建率持续稳定在100%。", "党组织应建尽建率"),
    ("基层党组织现已发展至56个。", "基层党组织"),
    ("党员提出的合理化建议被采纳280条。", "合理化建议"),
    ("每月至少走访一次。", "走访"),
    ("楼宇“微讲堂”已开讲52期。", "楼宇微讲堂开讲"),
    ("合作金额一点二亿元。", "合作金额"),
    ("规上企业党组织覆盖率达到百分之九十一点四。", "规上企业党组织覆盖率"),
])
def test_figures_metric_drops_trailing_verbs(text, metric):
    assert one(text)["metric"] == metric


@pytest.mark.parametrize("text,metric", [
    ("同时择优遴选25名综合素质过硬的党建指导员。", "党建指导员"),
    ("选派30名经验丰富的党务工作者。", "党务工作者"),
    ("3家企业的党组织获得表彰。", "企业"),
])
def test_figures_metric_after_a_descriptive_predicate_is_the_noun(text, metric):
    assert one(text)["metric"] == metric


def test_figures_metric_after_a_noun_phrase_that_ran_into_the_next_number():
    figs = find_figures("已累计为286家企业对接融资超30亿元。")
    assert [(f["value"], f["unit"], f["qualifier"], f["metric"]) for f in figs] == [
        (286, "家", "exact", "企业"), (3000000000, "元", "more_than", "对接融资")]


def test_figures_second_count_of_the_same_thing_shares_its_metric():
    figs = find_figures("发放贷款120笔共计3.2亿元。")
    assert [(f["value"], f["unit"], f["metric"]) for f in figs] == [
        (120, "笔", "发放贷款"), (320000000, "元", "发放贷款")]


@pytest.mark.parametrize("text,expected", [
    ("提供政务、法律、金融等20余种服务。", [(20, "种", "服务")]),
    ("建成党建文化长廊200米,捐赠大米500公斤。", [(200, "米", "党建文化长廊"), (500, "公斤", "捐赠大米")]),
    ("推动种植示范3种植物,做好笔记2笔记录。", []),
])
def test_figures_more_measure_words(text, expected):
    assert [(f["value"], f["unit"], f["metric"]) for f in find_figures(text)] == expected


def test_figures_metric_stops_at_you_between_two_counts():
    figs = find_figures("楼内38家企业中有党员152名。")
    assert [(f["value"], f["metric"]) for f in figs] == [(38, "企业"), (152, "党员")]


@pytest.mark.parametrize("text,expected", [
    ("开设摄影、心理咨询等课程40余门。", [(40, "门", "at_least", "课程")]),
    ("两年来共结对86对,惠及群众8600余人次。", [(86, "对", "exact", "结对"), (8600, "人次", "at_least", "惠及群众")]),
    ("累计服务企业1300余家次。", [(1300, "家次", "at_least", "服务企业")]),
    ("园区与12家企业对接,推动30对接项目落地。", [(12, "家", "exact", "企业")]),
    ("三门峡市的企业代表在8号门口集合,共有党员20名。", [(20, "名", "exact", "党员")]),
    ("结对共建20对党组织,结成15对“师徒”。", [(20, "对", "exact", "党组织"), (15, "对", "exact", "师徒")]),
    ("全区2023对非公企业开展专项整治,拨打12345对接诉求。", []),
])
def test_figures_measure_words_men_dui_and_compounds(text, expected):
    assert [(f["value"], f["unit"], f["qualifier"], f["metric"]) for f in find_figures(text)] == expected


def test_figures_bare_hundred_is_a_count_unless_it_describes_something():
    figs = find_figures("近百家企业参与活动,超百人的企业有30家,过亿元项目12个。")
    assert [(f["value"], f["unit"], f["qualifier"]) for f in figs] == [
        (100, "家", "approx"), (30, "家", "exact"), (12, "个", "exact")]
    f = one("党员人数从十年前的不足百人增加到现在的一千余人。")
    assert (f["value"], f["change_from"], f["metric"]) == (1000, 100, "党员人数")


@pytest.mark.parametrize("text,metric", [
    ("近三年累计投入党建经费达2600万元。", "投入党建经费"),
    ("两年来共结对86对。", "结对"),
    ("两新组织党员较2020年增长了两成。", "两新组织党员增长"),
])
def test_figures_metric_drops_years_and_durations(text, metric):
    assert one(text)["metric"] == metric


@pytest.mark.parametrize("text,expected", [
    ("党员先锋岗、党员责任区分别达到580个和320个。", [(580, "党员先锋岗"), (320, "党员责任区")]),
    ("全区党员先锋岗、示范岗和责任区分别有120个、80个、56个,成效明显。",
     [(120, "党员先锋岗"), (80, "示范岗"), (56, "责任区")]),
])
def test_figures_respectively_pairs_list_items_with_figures(text, expected):
    assert [(f["value"], f["metric"]) for f in find_figures(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("联盟企业去年实现产值三千二百亿元,同比增长百分之九点六。",
     [(320000000000, "元", "联盟企业产值"), (9.6, "%", "联盟企业产值同比增长")]),
    ("党员人数达到1.2万名,较上年增加了1500名。", [(12000, "名", "党员人数"), (1500, "名", "党员人数较上年增加")]),
    ("服务白领超过8万人次,比上年增长23%。", [(80000, "人次", "服务白领"), (23, "%", "服务白领比上年增长")]),
    ("营业收入同比增长15%,比去年同期增加3亿元。",
     [(15, "%", "营业收入同比增长"), (300000000, "元", "营业收入比去年同期增加")]),
])
def test_figures_change_names_the_figure_before(text, expected):
    assert [(f["value"], f["unit"], f["metric"]) for f in find_figures(text)] == expected


def test_figures_percent_after_share_names_the_share():
    figs = find_figures("30万家企业中90%以上是非公企业。")
    assert [(f["value"], f["unit"], f["qualifier"], f["metric"]) for f in figs] == [
        (300000, "家", "exact", "企业"), (90, "%", "at_least", "非公企业占比")]


# ------------------------------------------------------------- cumulative, change, period

def test_figures_cumulative_opens_a_list_of_clauses():
    text = ("据统计,该项目已累计组织800人次党员志愿者下沉服务,开展义诊讲座20余场,服务群众超万人次。"
            "全年开展活动14场次。")
    figs = find_figures(text)
    assert [(f["value"], f["cumulative"]) for f in figs] == [(800, True), (20, True), (10000, True), (14, False)]
    assert figs[1]["qualifier"] == "at_least" and figs[2]["qualifier"] == "more_than"


def test_figures_cumulative_stops_at_semicolon_and_skips_rates():
    text = "累计转入流动党员125名,实现党组织覆盖率100%;在孵企业拥有人才47人。"
    assert [(f["value"], f["cumulative"]) for f in find_figures(text)] == [(125, True), (100, False), (47, False)]


def test_figures_change_from():
    text = "党委下辖基层党组织由接转时的41个已发展到现在的56个;党员人数由接转时的328名增加到现在的427名。"
    figs = find_figures(text)
    assert [(f["value"], f["unit"], f["change_from"]) for f in figs] == [(56, "个", 41), (427, "名", 328)]
    assert figs[0]["metric"] == "党委下辖基层党组织"
    assert figs[1]["metric"] == "党员人数"


def test_figures_change_from_across_years_and_decreases():
    figs = find_figures("入驻企业从2020年的15家增至2023年的40家,空置率由12%下降到5%。")
    assert [(f["value"], f["unit"], f["change_from"]) for f in figs] == [(40, "家", 15), (5, "%", 12)]


@pytest.mark.parametrize("text,period", [
    ("截至目前,已累计落地社企共建项目20项。", "截至目前"),
    ("目前,全区共有各类市场主体13470家,规上工业企业131家。", "目前"),
    ("今年以来,已开展各类活动260多场次。", "今年以来"),
    ("2023年,党支部共开展结对活动20余次。", "2023年"),
    ("年均服务超1.2万人次。", "年均"),
    ("全区现有4个党建片区联合支部。", "现有"),
    ("开展安全宣传12次。", None),
    ("截至今年6月,共有党员2000名。", "截至今年6月"),
    ("截至去年底,共有党员200名。", "截至去年底"),
])
def test_figures_period(text, period):
    assert find_figures(text)[0]["period"] == period


# ------------------------------------------------------------- subject, text, span

def test_figures_subject_nearest_mention_else_main_park():
    text = "高新区成立联盟。\n奥星公司已累计通过39项认定。党支部获评示范点2个。\n全区建立基层党组织51个。"
    lists = {
        "parks": [{"name": "汕头高新区", "aliases": ["高新区"]}],
        "organizations": [{"name": "奥星光通信设备有限公司", "aliases": ["奥星公司"], "mentions": [[9, 13]]}],
    }
    figs = find_figures(text, lists)
    assert [f["subject"] for f in figs] == ["奥星光通信设备有限公司", "奥星光通信设备有限公司", "汕头高新区"]
    assert [f["subject"] for f in find_figures(text)] == ["", "", ""]


def test_figures_text_and_span_index_the_text():
    text = "为精准摸清底数,汕头高新区开展3轮全覆盖走访摸排,全面摸清现状。"
    f = one(text)
    assert f["text"] == "汕头高新区开展3轮全覆盖走访摸排"
    assert text[f["span"][0]:f["span"][1]] == f["text"]


def test_figures_values_are_json_numbers():
    figs = find_figures("超1.2万人次,占比98.6%。")
    assert [type(f["value"]) for f in figs] == [int, float]


# ------------------------------------------------------------- component

def test_figures_component_match_is_pure_then_set_annotations():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    text = "规范化建成4个楼宇党建工作指导站。"
    doc = Doc(Vocab(), words=list(text), spaces=[False] * len(text))
    doc.user_data["dangjian"] = {"parks": [{"name": "汕头高新区"}]}
    comp = FiguresComponent(None)
    comp.initialize()
    items = comp.match(doc)
    assert "figures" not in doc.user_data["dangjian"]
    assert [(i["value"], i["unit"], i["metric"], i["subject"]) for i in items] == [(4, "个", "楼宇党建工作指导站", "汕头高新区")]
    comp(doc)
    assert doc.user_data["dangjian"]["figures"] == items


# ------------------------------------------------------------- text layout (speed paths)

def test_figures_layout_last_break_matches_naive_scan():
    from nlp.components.figures import SEMI_BREAKS, SENTENCE_BREAKS, _Layout
    from nlp.figure_metric import CLAUSE_BREAKS

    text = "截至目前，园区共有党组织56个；党员120名。\n新增30名！其中（省、市）级5个\n\n末尾"
    layout = _Layout(text)
    for chars in (CLAUSE_BREAKS, SEMI_BREAKS, SENTENCE_BREAKS):
        for pos in range(len(text) + 1):
            naive = max((i + 1 for i in range(pos) if text[i] in chars), default=0)
            assert layout._last(chars, pos) == naive, (chars, pos)


def test_figures_period_last_in_sentence_before_number():
    figs = find_figures("截至2023年底，园区共有党组织56个。今年新增党员30名，其中流动党员占三成。")
    assert [(f["value"], f["unit"], f["period"]) for f in figs] == [
        (56, "个", "截至2023年底"), (30, "名", "今年"), (30, "%", "今年")]


def test_figures_same_context_twice_gives_own_spans():
    # the second text repeats the first one's contexts (cached) at other offsets
    first = find_figures("截至目前，累计服务企业120家次。")
    second = find_figures("新闻。截至目前，累计服务企业120家次。")
    assert [(f["value"], f["unit"], f["cumulative"], f["span"]) for f in first] == [(120, "家次", True, [5, 16])]
    assert [(f["value"], f["unit"], f["cumulative"], f["span"]) for f in second] == [(120, "家次", True, [8, 19])]


# metric classes found on the third held-out set
@pytest.mark.parametrize("text,metric", [
    ("开发区非公企业党组织覆盖率较2021年提高了14个百分点。", "非公企业党组织覆盖率提高"),
    ("全区两新组织党组织比2021年增加了137个。", "两新组织党组织增加"),
    ("党员班组生产效率比普通班组高出15%左右。", "党员班组生产效率高出"),
    ("其中9项已完成攻关。", "完成攻关"),
    ("其中十二名被评为区级优秀共产党员。", "区级优秀共产党员"),
    ("组建由党员技术骨干领衔的攻关小组23个。", "攻关小组"),
    ("服务白领比上年增长23%。", "服务白领增长"),
])
def test_figures_metric_comparison_bases_and_discourse_heads(text, metric):
    assert one(text)["metric"] == metric
