"""The number parser: numerals, units and qualifiers resolved exactly."""
from __future__ import annotations

from decimal import Decimal

import pytest

from nlp.numbers import NumeralError, find_quantities, json_number, parse_chinese, parse_numeral

# phrase, value, unit, qualifier, span of the quantity in the phrase
QUANTITY_TESTS = [
    ("建立基层党组织51个", 51, "个", "exact", (7, 10)),
    ("累计转入流动党员125名", 125, "名", "exact", (8, 12)),
    ("全区共有各类市场主体13470家", 13470, "家", "exact", (10, 16)),
    ("市场主体13,470家", 13470, "家", "exact", (4, 11)),
    ("覆盖率达到97.7%", 97.7, "%", "exact", (5, 10)),
    ("覆盖率达到97.7％", 97.7, "%", "exact", (5, 10)),
    ("应建尽建率100%", 100, "%", "exact", (5, 9)),
    ("年均服务超1.2万人次", 12000, "人次", "more_than", (4, 11)),
    ("服务群众超万人次", 10000, "人次", "more_than", (4, 8)),
    ("提供就业岗位1.4万余个", 14000, "个", "at_least", (6, 12)),
    ("在孵企业累计获得投融资总金额超2亿元", 200000000, "元", "more_than", (14, 18)),
    ("投入安全费用2000万元", 20000000, "元", "exact", (6, 12)),
    ("极限降本1080万元", 10800000, "元", "exact", (4, 10)),
    ("累计认捐认种资金6万余元", 60000, "元", "at_least", (8, 12)),
    ("户均增收约5.8万元/年", 58000, "元", "approx", (4, 10)),
    ("解决安全隐患8万起", 80000, "起", "exact", (6, 9)),
    ("开展义诊讲座20余场", 20, "场", "at_least", (6, 10)),
    ("便民利民服务100余次", 100, "次", "at_least", (6, 11)),
    ("各类活动260多场次", 260, "场次", "at_least", (4, 10)),
    ("完成10多个省市级科技项目", 10, "个", "at_least", (2, 6)),
    ("1.5万多名职工", 15000, "名", "at_least", (0, 6)),
    ("共有党员350多万名", 3500000, "名", "at_least", (4, 10)),
    ("全市共投入5000余万元", 50000000, "元", "at_least", (5, 12)),
    ("提升西裤生产效率25%以上", 25, "%", "at_least", (8, 13)),
    ("30万家企业中90%以上是非公企业", 300000, "家", "exact", (0, 4)),
    ("实用新型、外观专利近20项", 20, "项", "approx", (9, 13)),
    ("非公经济体量已超过总量的60%", 60, "%", "exact", (12, 15)),
    ("非公经济体量超过60%", 60, "%", "more_than", (6, 11)),
    ("不到10%的企业", 10, "%", "less_than", (0, 5)),
    ("不足5家", 5, "家", "less_than", (0, 4)),
    ("最多30人", 30, "人", "up_to", (0, 5)),
    ("至多3次", 3, "次", "up_to", (0, 4)),
    ("至少20家", 20, "家", "at_least", (0, 5)),
    ("逾千名党员", 1000, "名", "more_than", (0, 3)),
    ("近千名党员", 1000, "名", "approx", (0, 3)),
    ("上万人次参与", 10000, "人次", "at_least", (0, 4)),
    ("参与人数50人左右", 50, "人", "approx", (4, 9)),
    ("“两个核心商圈”", 2, "个", "exact", (1, 3)),
    ("“两座重点楼宇”", 2, "座", "exact", (1, 3)),
    ("三个支部书记", 3, "个", "exact", (0, 2)),
    ("现代服务业四类企业", 4, "类", "exact", (5, 7)),
    ("每季度开展一次", 1, "次", "exact", (5, 7)),
    ("三十余家企业", 30, "家", "at_least", (0, 4)),
    ("十二个党支部", 12, "个", "exact", (0, 3)),
    ("一百零五名党员", 105, "名", "exact", (0, 5)),
    ("两千五百人", 2500, "人", "exact", (0, 5)),
    ("一千五百名", 1500, "名", "exact", (0, 5)),
    ("三万五千名", 35000, "名", "exact", (0, 5)),
    ("两万多名职工", 20000, "名", "at_least", (0, 4)),
    ("四成企业", 40, "%", "exact", (0, 2)),
    ("近三成企业", 30, "%", "approx", (0, 3)),
    ("九成以上职工", 90, "%", "at_least", (0, 4)),
    ("“国字号”科技品牌81家(项)", 81, "家", "exact", (9, 12)),
    ("占地1039平方米", 1039, "平方米", "exact", (2, 9)),
    ("380余平米的空间", 380, "平方米", "at_least", (0, 6)),
    ("办公面积超380万平方米", 3800000, "平方米", "more_than", (4, 12)),
    ("党员志愿者800人次", 800, "人次", "exact", (5, 10)),
    ("投融资对接活动14场次", 14, "场次", "exact", (7, 11)),
    ("认种树苗102棵", 102, "棵", "exact", (4, 8)),
    ("党员先锋队389支", 389, "支", "exact", (5, 9)),
    ("由8栋商务楼宇组成", 8, "栋", "exact", (1, 3)),
    ("投放2台终端", 2, "台", "exact", (2, 4)),
    ("帮扶就业110户", 110, "户", "exact", (4, 8)),
    ("开展3轮全覆盖走访摸排", 3, "轮", "exact", (2, 4)),
    ("发放安全宣传资料2万份", 20000, "份", "exact", (8, 11)),
    ("同比增长15.3%", 15.3, "%", "exact", (4, 9)),
    ("提高2.5个百分点", 2.5, "个百分点", "exact", (2, 9)),
    ("增长3倍", 300, "%", "exact", (2, 4)),   # a growth multiple is a share (see SHARE_TESTS)
    ("是去年的3倍", 3, "倍", "exact", (4, 6)),
    ("营收3.6亿元", 360000000, "元", "exact", (2, 7)),
    ("新增市场主体1.2万户", 12000, "户", "exact", (6, 11)),
    ("签约3家企业", 3, "家", "exact", (2, 4)),
    ("最近3家", 3, "家", "exact", (2, 4)),
    ("5 名党员", 5, "名", "exact", (0, 3)),
    ("百分之九十的企业", 90, "%", "exact", (0, 5)),
    ("党员比例达百分之12.5", 12.5, "%", "exact", (5, 12)),
    ("覆盖率达到百分之百", 100, "%", "exact", (5, 9)),
]


@pytest.mark.parametrize("phrase,value,unit,qualifier,span", QUANTITY_TESTS)
def test_numbers_quantity_table(phrase, value, unit, qualifier, span):
    q = next(iter(find_quantities(phrase)))
    assert (q.number, q.unit, q.qualifier, q.span) == (value, unit, qualifier, span)
    assert type(q.number) is type(value)


# phrases with no quantity at all: no unit, or a word that only looks numeric
NO_QUANTITY = [
    "2023年", "7月10日", "16:02", "成立103周年", "3年来", "党员平均年龄35岁", "深南大道1006号",
    "5G基站", "7S管理法", "十九大", "万企帮万村", "服务暖心惠万家", "百千万工程", "“五一劳动奖章”",
    "十四五规划", "一是以需求推动", "三级网格", "“五力聚能”", "打造“15分钟”便民服务圈",
    "十几个", "数十家", "若干个非公企业",
]


@pytest.mark.parametrize("phrase", NO_QUANTITY)
def test_numbers_no_quantity(phrase):
    assert list(find_quantities(phrase)) == []


@pytest.mark.parametrize("numeral,value", [
    ("13470", Decimal(13470)), ("13,470", Decimal(13470)), ("97.7", Decimal("97.7")),
    ("1.2万", Decimal(12000)), ("2亿", Decimal(200000000)), ("2000万", Decimal(20000000)),
    ("3千万", Decimal(30000000)), ("十", Decimal(10)), ("十二", Decimal(12)), ("二十", Decimal(20)),
    ("三十五", Decimal(35)), ("两百", Decimal(200)), ("一百零五", Decimal(105)),
    ("一千五", Decimal(1500)), ("三万五", Decimal(35000)), ("十万", Decimal(100000)),
    ("二十万", Decimal(200000)), ("一亿二千万", Decimal(120000000)), ("壹佰贰拾", Decimal(120)),
    ("两", Decimal(2)), ("〇", Decimal(0)),
])
def test_numbers_parse_numeral(numeral, value):
    assert parse_numeral(numeral) == value


@pytest.mark.parametrize("bad", ["百千万", "五一", "一一", "万一", "千万", "十四五", "三五", "一十十"])
def test_numbers_parse_numeral_rejects_non_numerals(bad):
    with pytest.raises(NumeralError):
        parse_numeral(bad)


def test_numbers_bare_multiplier_needs_permission():
    with pytest.raises(NumeralError):
        parse_chinese("万")
    assert parse_chinese("万", bare=True) == 10000
    assert parse_chinese("千", bare=True) == 1000


# decimals written in words: X点Y, with 万/亿 after the fraction and inside 百分之
CHINESE_DECIMAL_TESTS = [
    ("同比增长了百分之十二点五", 12.5, "%", "exact", (5, 12)),
    ("覆盖率达到百分之九十一点四", 91.4, "%", "exact", (5, 13)),
    ("占比超过百分之六十点五", 60.5, "%", "more_than", (2, 11)),
    ("百分之九十五以上", 95, "%", "at_least", (0, 8)),
    ("合作金额一点二亿元", 120000000, "元", "exact", (4, 9)),
    ("投入资金三点五万元", 35000, "元", "exact", (4, 9)),
    ("服务职工二十点五万人次", 205000, "人次", "exact", (4, 11)),
    ("融资需求零点八亿元", 80000000, "元", "exact", (4, 9)),
    ("提高零点五个百分点", 0.5, "个百分点", "exact", (2, 9)),
    ("约七点五成", 75, "%", "approx", (0, 5)),
]


@pytest.mark.parametrize("phrase,value,unit,qualifier,span", CHINESE_DECIMAL_TESTS)
def test_numbers_chinese_decimals(phrase, value, unit, qualifier, span):
    got = list(find_quantities(phrase))
    assert len(got) == 1, got
    q = got[0]
    assert (q.number, q.unit, q.qualifier, q.span) == (value, unit, qualifier, span)
    assert type(q.number) is type(value)


@pytest.mark.parametrize("numeral,value", [
    ("十二点五", Decimal("12.5")), ("零点五", Decimal("0.5")), ("九十一点四", Decimal("91.4")),
    ("一点二亿", Decimal(120000000)), ("三点零五万", Decimal(30500)), ("一百点二五", Decimal("100.25")),
])
def test_numbers_parse_chinese_decimal(numeral, value):
    assert parse_numeral(numeral) == value


@pytest.mark.parametrize("bad", ["十二点", "点五", "十二点十"])
def test_numbers_parse_chinese_decimal_rejects_malformed(bad):
    with pytest.raises(NumeralError):
        parse_chinese(bad)


@pytest.mark.parametrize("phrase,expected", [
    ("下午三点五十分", []), ("打造“一点两线”格局", []), ("一点一滴", []), ("重点五家企业", [(5, "家")]),
])
def test_numbers_point_that_is_not_a_decimal(phrase, expected):
    assert [(q.number, q.unit) for q in find_quantities(phrase)] == expected


# measure words 门 and 对, and X次 compounds that stay whole
MEASURE_WORD_TESTS = [
    ("职场沟通等课程40余门", 40, "门", "at_least", (7, 11)),
    ("开设党课二十门", 20, "门", "exact", (4, 7)),
    ("两年来共结对86对", 86, "对", "exact", (6, 9)),
    ("结成帮扶对子36对,开展活动", 36, "对", "exact", (6, 9)),
    ("结成32对帮扶对子", 32, "对", "exact", (2, 5)),
    ("累计服务企业1300余家次", 1300, "家次", "at_least", (6, 13)),
    ("走访企业3200家次", 3200, "家次", "exact", (4, 10)),
    ("调度车辆120台次", 120, "台次", "exact", (4, 9)),
    ("办理事项五百余件次", 500, "件次", "at_least", (4, 9)),
    ("开展巡查60余个次", 60, "个次", "at_least", (4, 9)),
    ("服务群众8600余人次", 8600, "人次", "at_least", (4, 11)),
    ("开展活动186场次", 186, "场次", "exact", (4, 9)),
]


@pytest.mark.parametrize("phrase,value,unit,qualifier,span", MEASURE_WORD_TESTS)
def test_numbers_measure_words_and_compound_units(phrase, value, unit, qualifier, span):
    q = next(iter(find_quantities(phrase)))
    assert (q.number, q.unit, q.qualifier, q.span) == (value, unit, qualifier, span)


@pytest.mark.parametrize("phrase,unit", [
    ("获得3个名次", "个"), ("评出5家次要企业", "家"), ("排名前3名次", "名"),
])
def test_numbers_compound_needs_a_measure_word_that_takes_it(phrase, unit):
    assert next(iter(find_quantities(phrase))).unit == unit


def test_numbers_json_number_int_or_float():
    assert json_number(Decimal("1.2") * 10000) == 12000
    assert type(json_number(Decimal("1.2") * 10000)) is int
    assert json_number(Decimal("97.7")) == 97.7
    assert type(json_number(Decimal("97.7"))) is float


def test_numbers_per_year():
    q = next(iter(find_quantities("户均增收约5.8万元/年")))
    assert q.per == "年"


def test_numbers_several_in_order():
    got = [(q.number, q.unit) for q in find_quantities("设立党员先锋队389支、党员示范岗382个、党员责任区1107个")]
    assert got == [(389, "支"), (382, "个"), (1107, "个")]


def test_numbers_context_cache_keeps_absolute_spans():
    # same numeral and context at text start, in the middle and at the end
    assert [(q.number, q.unit, q.span, q.unit_start) for q in find_quantities("56个")] == [(56, "个", (0, 3), 2)]
    got = [(q.number, q.unit, q.qualifier, q.span) for q in find_quantities("党员120名以上，另有党员120名左右")]
    assert got == [(120, "名", "at_least", (2, 8)), (120, "名", "approx", (13, 19))]


SHARE_TESTS = [
    ("党员占员工总数的三分之一", 33.33, "%", "exact", (8, 12)),
    ("外商投资企业约占四分之一", 25, "%", "approx", (6, 12)),
    ("三分之二以上的员工", 66.67, "%", "at_least", (0, 6)),
    ("千分之五的差错率", 0.5, "%", "exact", (0, 4)),
    ("科技型企业占比超过一半", 50, "%", "more_than", (7, 11)),
    ("半数以上企业", 50, "%", "at_least", (0, 4)),
    ("党员人数增长近一倍", 100, "%", "approx", (6, 9)),
    ("产能可提升一倍以上", 100, "%", "at_least", (5, 9)),
    ("产值增长2.5倍", 250, "%", "exact", (4, 8)),
    ("百分之九十的企业", 90, "%", "exact", (0, 5)),
]


@pytest.mark.parametrize("phrase,value,unit,qualifier,span", SHARE_TESTS)
def test_numbers_shares_in_words(phrase, value, unit, qualifier, span):
    found = list(find_quantities(phrase))
    assert len(found) == 1, found
    q = found[0]
    assert (q.value, q.unit, q.qualifier, (q.start, q.end)) == (Decimal(str(value)), unit, qualifier, span)


def test_numbers_a_ratio_multiple_stays_a_multiple():
    (q,) = find_quantities("产值是去年的3倍")
    assert (q.value, q.unit) == (Decimal(3), "倍")


def test_numbers_share_larger_than_whole_is_no_share():
    assert list(find_quantities("五分之七")) == []
