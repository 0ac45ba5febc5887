"""Park and people rules of the heldout9/heldout10 round (error classes, never
single items): zone kinds 总部经济区 and 工业城, a road's name leading a zone's, a
商圈 declared with （以下简称…）, a person's word in no zone's name, a name
listed first with buildings before 等…楼宇; transliterated names without a
Chinese surname, a middle-dot name ended by an adverb, a given name glued to the
next verb or read as an adverb, and narrators telling in the first person plural."""
from __future__ import annotations

import pytest

from nlp.components.people import _first_person, _translit_name
from nlp.pipeline import run


def parks_of(text: str) -> list[tuple[str, list[str]]]:
    return [(p["name"], p["aliases"]) for p in run(text).user_data["dangjian"]["parks"]]


def people_of(text: str, authors: list[str] | None = None) -> list[tuple[str, list[str]]]:
    doc = run(text, {"authors": authors or []})
    return [(p["name"], p["roles"]) for p in doc.user_data["dangjian"]["people"]]


@pytest.mark.parametrize("text,expected", [
    # two 商圈 with declared short names, one after 的, one after 和
    ("青梧高新区党工委指导甲乙街道，在辖区的丙丁数字商圈（以下简称丙丁商圈）和戊己路会展商圈（简称会展商圈）"
     "推行党建工作法。丙丁商圈成立联合党委。",
     [("丙丁数字商圈", ["丙丁商圈"]), ("戊己路会展商圈", ["会展商圈"]), ("青梧高新区", [])]),
    # a road's name that the tokens read as a verb leads the zone's; 总部经济区 is a zone kind
    ("青梧高新区在甲乙产业园和建设大道总部经济区推进党建。建设大道总部经济区有商务楼宇19栋。",
     [("建设大道总部经济区", []), ("青梧高新区", []), ("甲乙产业园", [])]),
    # 工业城 is a zone kind
    ("二是搭建服务平台。在青梧生态工业城建成党群服务中心。", [("青梧生态工业城", [])]),
    # a person's word (网格员) in a 、-list of working steps is no zone's name
    ("青梧高新区推行“党员亮身份、网格员包片区、联席会解难题”工作机制。", [("青梧高新区", [])]),
    # listed first with a building before 等重点楼宇: a building, in every mention
    ("在黄石路金融港、青梧商务大厦等重点楼宇建立楼宇党委2个。青梧经开区党工委表示。"
     "在黄石路金融港，党群服务站面积620平方米。", [("青梧经开区", [])]),
    # a zone named last, after a building: still a park
    ("在青梧高新区超越大厦和甲乙新一代信息产业园等商务楼宇，党建指导站挂牌成立。",
     [("青梧高新区", []), ("甲乙新一代信息产业园", [])]),
])
def test_parks_classes9_zones(text, expected):
    assert parks_of(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("公司党支部书记、技术总监乌力吉图告诉记者，今年组建了攻关队。", [("乌力吉图", ["党支部书记", "总监"])]),
    ("在园区工作了11年的运维工程师巴图苏和说，园区变化很大。", [("巴图苏和", ["工程师"])]),
    ("外卖骑手扎西东珠正给电动车充电。", [("扎西东珠", ["外卖骑手"])]),
    ("青梧公司党委副书记古丽娜尔·买买提正带着女党员们检查生产线。", [("古丽娜尔·买买提", ["党委副书记"])]),
    # Chinese names made of the same characters stay as they were
    ("青梧公司党委书记马丽娜说，今年企业发展很快。", [("马丽娜", ["党委书记"])]),
    ("青梧公司党委书记金德才说，今年企业发展很快。", [("金德才", ["党委书记"])]),
    # a given name read as an adverb before a verb; a given name's last character glued to the verb
    ("由链主企业青梧重型装备股份有限公司党委书记、董事长柯立新兼任产业链党委书记。",
     [("柯立新", ["党委书记", "董事长"])]),
    ("党支部书记、生产部经理邵志坚带我们走进车间，墙上挂着标语。", [("邵志坚", ["党支部书记", "经理"])]),
])
def test_people_classes9_names(text, expected):
    assert people_of(text) == expected


@pytest.mark.parametrize("window,expected", [
    ("乌力吉图告", "乌力吉图"),
    ("巴图苏和说，", "巴图苏和"),
    ("扎西东珠正给", "扎西东珠"),
    ("多达三百家", ""),       # a common word, then a numeral: no name
    ("本人表示，", ""),       # a dictionary word
    ("阿拉", ""),            # too short
])
def test_people_translit_name(window, expected):
    assert _translit_name(window) == expected


NARRATED = ("近期，我们实训小组走进青梧高新区。高新区党工委委员林秀川告诉我们，这里企业多。"
            "党支部书记柯建华带我们走进车间。走出园区时，我们最大的感受是党建有温度。\n\n三组 唐语桐")
INTERVIEW = ("记者：怎样做？\n答：我们推行链长制。我们还在链上企业推行党员示范岗。"
             "我们将把产业链党建拓展到更多园区。\n\n青梧日报记者 唐语桐")


def test_people_first_person_plural_narrators():
    assert _first_person(NARRATED) is True
    assert _first_person(INTERVIEW) is False
    assert people_of(NARRATED, ["唐语桐"]) == [
        ("林秀川", ["党工委委员"]), ("柯建华", ["党支部书记"]), ("唐语桐", ["作者"])]
    assert people_of(INTERVIEW, ["唐语桐"]) == []
