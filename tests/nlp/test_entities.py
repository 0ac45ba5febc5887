"""Parks, organizations and people: aliases, suffixes, kinds, roles, regions."""
from __future__ import annotations

import random

import pytest

from nlp.components.organizations import party_key
from nlp.components.parks import canonical, short_forms, strip_places
from nlp.entities import _ALIAS, _QUOTES, clean, declared_aliases, find_mentions, left_edge, subsequence, time_head_end
from nlp.pipeline import run
from nlp.regions import resolve


def lists(text: str, meta: dict | None = None):
    doc = run(text, meta or {})
    return doc.user_data["dangjian"]


# -- helpers -------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("广东湛江经济技术开发区(以下简称湛江经开区)紧紧围绕", [(11, "湛江经开区")]),
    ("某某光通信设备有限公司(以下简称“某某公司”)党支部", [(11, "某某公司")]),
    ("苏州工业园区（简称“园区”）持续", [(6, "园区")]),
    ("没有别称的句子。", []),
])
def test_entities_declared_aliases(text, expected):
    assert [(end, alias) for end, alias, _s, _e in declared_aliases(text)] == expected


@pytest.mark.parametrize("text,suffix,expected", [
    ("在武汉东湖高新区大厦", "大厦", "武汉东湖高新区"),
    ("成立杭州经开区就业服务专员小组,建立", "专员小组", "杭州经开区就业服务"),
    ("对标宁波市委“两新”工委工作部署", "工委", "宁波市委“两新”"),
    ("的广东华光智能科技有限公司党支部", "有限公司", "广东华光智能科技"),
    ("着力打造蒙山乳业、", "、", "蒙山乳业"),
])
def test_entities_left_edge(text, suffix, expected):
    end = text.find(suffix)
    start, _anchored = left_edge(text, end, anchors=["武汉东湖高新区", "杭州经开区"])
    assert text[start:end] == expected


def test_entities_declared_aliases_match_finditer():
    rnd = random.Random(4)
    parts = ["(", "（", ")", "）", "以下", "简称", "称", "为", "“", "”", "X", "中", " ", "：", "，", "下文"]
    for _ in range(5000):
        text = "".join(rnd.choice(parts) for _ in range(rnd.randint(0, 14)))
        assert declared_aliases(text) == [(m.start(), m.group(1).strip(), m.start(1), m.end(1))
                                          for m in _ALIAS.finditer(text)], text


def test_entities_clean_drops_quotes_and_spaces():
    assert clean("“两新” 组织\u3000党委") == "两新组织党委"
    rnd = random.Random(5)
    table = str.maketrans("", "", _QUOTES)
    for _ in range(2000):
        text = "".join(rnd.choice(_QUOTES + "中a]^-") for _ in range(rnd.randint(0, 10)))
        assert clean.__wrapped__(text) == text.translate(table), text


@pytest.mark.parametrize("text,start,expected", [
    ("2023年今年一季度云杉公司党委", 4, "云杉公司党委"),   # 年 after a numeral, then 今年, 一季度
    ("今年去年X公司", 0, "X公司"),
    ("年初日照市", 0, "日照市"),                           # a place name stops the stripping
    ("年会", 0, "年会"),                                  # a single 年 only after a numeral
])
def test_entities_time_head_end_strips_time_words(text, start, expected):
    assert text[time_head_end(text, start, len(text)):] == expected


def test_entities_find_mentions_longest_first():
    text = "嘉兴经开区党工委与嘉兴经开区管委会,经开区"
    assert find_mentions(text, ["嘉兴经开区", "经开区"]) == [[0, 5], [9, 14], [18, 21]]


def test_entities_subsequence_abbreviation():
    assert subsequence("国创中心", "国际创新中心")
    assert not subsequence("创国中心", "国际创新中心")


# -- parks -----------------------------------------------------------------------

@pytest.mark.parametrize("name,expected", [
    ("广东湛江经济技术开发区", "湛江经济技术开发区"),
    ("汕头市高新区", "汕头高新区"),
    ("合肥高新技术产业开发区", "合肥高新技术产业开发区"),
])
def test_parks_strip_places(name, expected):
    assert strip_places(name) == expected


@pytest.mark.parametrize("a,b", [
    ("武汉经济技术开发区", "武汉经开区"),
    ("武汉经开区", "武汉开发区"),
    ("成都高新技术产业开发区", "成都高新区"),
    ("江苏苏州工业园区", "苏州工业园"),
])
def test_parks_short_forms_share_a_key(a, b):
    assert canonical(a) == canonical(b)
    assert b in short_forms(a) or a in short_forms(b)


def test_parks_other_city_is_another_park():
    assert canonical("武汉高新区") != canonical("成都高新区")
    assert canonical("武汉高新区") != canonical("武汉经开区")


@pytest.mark.parametrize("text,expected", [
    ("南昌高新区持续推进楼宇党建。南昌高新区党工委牵头,高新区各企业参与,立足高新区实际。",
     [("南昌高新区", ["高新区"], "江西省", "南昌市")]),
    ("广西南宁经济技术开发区(以下简称南宁经开区)推进党建。南宁经开区企业众多。",
     [("南宁经济技术开发区", ["广西南宁经济技术开发区", "南宁经开区"], "广西壮族自治区", "南宁市")]),
    ("合肥市党建工作会议在园区召开。作为全市首个国家高新区,这里企业密集。", []),
    ("位于昆明的滇池科技产业园是昆明市重点园区,滇池科技产业园企业党建活跃。",
     [("滇池科技产业园", [], "云南省", "昆明市")]),
])
def test_parks_found_by_suffix(text, expected):
    parks = lists(text)["parks"]
    assert [(p["name"], p["aliases"], p["province"], p["city"]) for p in parks] == expected


def test_parks_district_named_twice():
    parks = lists("1990年建区的海淀区,楼宇密集。在海淀区,党建成为生产力。在海淀,楼宇众多。")["parks"]
    assert [(p["name"], p["aliases"], p["city"]) for p in parks] == [("海淀区", ["海淀"], "北京市")]


def test_parks_generic_mentions_are_not_parks():
    text = "着力构建商圈党建体系,抓好商圈党组织建设,产业园区一线党旗飘扬。"
    assert lists(text)["parks"] == []


# -- regions ---------------------------------------------------------------------

@pytest.mark.parametrize("name,text,expected", [
    ("汕头高新区", "", ("广东省", "汕头市")),
    ("广东湛江经济技术开发区", "", ("广东省", "湛江市")),
    ("福田区", "深圳市福田区", ("广东省", "深圳市")),
    ("南山智园", "深圳的南山智园", ("广东省", "深圳市")),
    ("天河智谷科技产业园", "作为清远市科技创新的主战场,清远市", ("广东省", "清远市")),
    ("浦东新区", "", ("上海市", "上海市")),
])
def test_regions_resolve(name, text, expected):
    assert resolve(name, text) == expected


# -- organizations -----------------------------------------------------------------

@pytest.mark.parametrize("name,expected", [
    ("中共新安有机硅有限公司支部委员会", "新安有机硅有限公司党支部"),
    ("某某有限公司总支部委员会", "某某有限公司党总支"),
    ("某某有限公司党支部", "某某有限公司党支部"),
])
def test_organizations_party_key(name, expected):
    assert party_key(name) == expected


def orgs_of(text: str) -> list[tuple[str, str]]:
    return [(o["name"], o["kind"]) for o in lists(text)["organizations"]]


@pytest.mark.parametrize("text,expected", [
    ("南昌高新区企业华光通信设备有限公司(以下简称“华光公司”)党支部负责人李明表示,华光公司发展良好。",
     [("华光通信设备有限公司", "company"), ("华光通信设备有限公司党支部", "party_org")]),
    ("南昌高新区党工委牵头,管委会配合,南昌高新区“两新”组织党委具体负责。",
     [("南昌高新区党工委", "party_org"), ("管委会", "government"), ("南昌高新区“两新”组织党委", "party_org")]),
    ("在南昌高新区金融大厦,党员活动多。与桃花街道及下属社区结对共建。",
     [("南昌高新区金融大厦", "building"), ("桃花街道", "government")]),
    ("南昌市青年企业家联合会党支部书记王强表示。",
     [("南昌市青年企业家联合会", "association"), ("南昌市青年企业家联合会党支部", "party_org")]),
])
def test_organizations_kinds(text, expected):
    assert orgs_of(text) == expected


def test_organizations_company_short_name_alias():
    text = ("南昌高新区的江西华瑞有机硅有限公司成立党支部。华瑞有机硅有限公司党支部组织委员杜刚说,"
            "华瑞做强党建。华瑞党支部获评先进。")
    orgs = {o["name"]: o for o in lists(text)["organizations"]}
    assert orgs["江西华瑞有机硅有限公司"]["aliases"] == ["华瑞有机硅有限公司", "华瑞"]
    assert "华瑞党支部" in orgs["华瑞有机硅有限公司党支部"]["aliases"]


def test_organizations_listed_companies():
    text = "南昌高新区着力打造龙腾乳业、华泰新材、佳宝美等示范点。"
    assert orgs_of(text) == [("龙腾乳业", "company"), ("华泰新材", "company"), ("佳宝美", "company")]


# -- people ------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("“党建做实了就是生产力。”南昌高新区党工委副书记、管委会主任周明贤给出答案。",
     [("周明贤", ["党工委副书记", "管委会主任"])]),
    ("南昌高新区非公有制企业党建指导员武大鹏介绍说,目前指导员常态化驻楼。",
     [("武大鹏", ["党建指导员"])]),
    ("华光公司党员陈立凭借过硬技术荣获奖章。党员干部开展学习。", [("陈立", ["党员"])]),
    ("企业党支部书记由公司项目总监陈岳明担任。", [("陈岳明", ["项目总监"])]),
])
def test_people_roles(text, expected):
    assert [(p["name"], p["roles"]) for p in lists(text)["people"]] == expected


def test_people_organization_is_the_org_before_the_role():
    text = "南昌市青年企业家联合会党支部书记王强表示,项目效果好。"
    people = lists(text)["people"]
    assert [(p["name"], p["organization"]) for p in people] == [("王强", "南昌市青年企业家联合会党支部")]


def test_people_byline_author_left_out():
    text = "南昌高新区党建指导员李华介绍说,工作扎实。"
    people = lists(text, {"authors": ["李华"]})["people"]
    assert people == []


def test_people_mentions_cover_every_occurrence():
    text = "党支部书记段明介绍说,段明认为党建重要。"
    assert lists(text)["people"][0]["mentions"] == [[5, 7], [11, 13]]


def test_people_name_before_role_in_parentheses():
    people = lists("会上,张明(华光公司党支部书记)作了发言。")["people"]
    assert [(p["name"], p["roles"]) for p in people] == [("张明", ["党支部书记"])]


def test_people_name_not_glued_to_speech_verb():
    people = lists("党支部书记郑明说,公司将党建与业务深度融合。")["people"]
    assert [p["name"] for p in people] == ["郑明"]


def test_organizations_list_of_classes_is_not_companies():
    text = "南昌高新区推动制造业、服务业等企业党建工作。"
    assert orgs_of(text) == []


def test_organizations_street_party_committee():
    text = "黄岛街道党工委指导辖区海之韵社区建立楼宇党支部。"
    assert orgs_of(text) == [("黄岛街道党工委", "party_org"), ("海之韵社区", "other")]


def test_organizations_mentions_cover_alias_then_suffix():
    text = "南昌高新区企业华光通信设备有限公司(以下简称“华光公司”)党支部负责人李明表示。"
    orgs = {o["name"]: o for o in lists(text)["organizations"]}
    party = orgs["华光通信设备有限公司党支部"]
    assert [text[s:e] for s, e in party["mentions"]] == ["党支部"]


@pytest.mark.parametrize("text,expected", [
    ("作为粤东首个国家高新区,南昌高新区发展迅速。南昌高新区企业多。", []),
    ("南昌高新区企业多。立足高新区实际,高新区党建强。", ["高新区"]),
])
def test_parks_bare_suffix_alias_only_when_referring_back(text, expected):
    parks = lists(text)["parks"]
    assert parks[0]["name"] == "南昌高新区"
    assert [a for a in parks[0]["aliases"] if a == "高新区"] == expected


def test_organizations_bare_party_org_belongs_to_company_named_before():
    text = "南昌华光网络科技有限公司深耕科创领域,打造科创党建样板。企业党支部书记由公司项目总监陈岳明担任。"
    assert orgs_of(text) == [("南昌华光网络科技有限公司", "company"), ("南昌华光网络科技有限公司党支部", "party_org")]


def test_organizations_bare_party_org_without_company_is_dropped():
    text = "一个党支部就是一座战斗堡垒。将党支部建在生产一线。"
    assert orgs_of(text) == []


def test_parks_district_needs_three_mentions_beside_a_zone():
    text = "海淀区的中关村软件园党建活跃。中关村软件园企业多,海淀区支持。"
    assert [p["name"] for p in lists(text)["parks"]] == ["中关村软件园"]


def test_parks_title_form_and_declared_alias_are_one_park():
    text = "厦门火炬高新区：党建引领\n厦门火炬高技术产业开发区（以下简称“火炬高新区”）推动党建。火炬高新区企业多。"
    parks = lists(text)["parks"]
    assert [(p["name"], p["aliases"]) for p in parks] == [
        ("厦门火炬高技术产业开发区", ["火炬高技术产业开发区", "厦门火炬高新区", "火炬高新区"])]


# -- general rules from the held-out set (invented names) ----------------------------

def _names(items):
    return {it["name"] for it in items} | {a for it in items for a in it.get("aliases", [])}


@pytest.mark.parametrize("text,expected", [
    ("云岭市青梧科教创新区集聚了高校。青梧科教创新区还建成平台。", "青梧科教创新区"),
    ("在云岭光谷金融港,楼宇林立。云岭光谷金融港党群服务中心开放。", "云岭光谷金融港"),
    ("在丝路软件城、青梧路商务带等重点区域建成综合体。丝路软件城企业多。", "青梧路商务带"),
])
def test_parks_new_suffix_families(text, expected):
    assert expected in _names(lists(text)["parks"])


@pytest.mark.parametrize("text,absent", [
    ("以高质量党建引领世界一流高科技园区建设。云岭高新区党工委表示。", "世界一流高科技园"),
    ("云岭高新区青梧软件园成立综合党委。云岭高新区推进工作。", "云岭高新区青梧软件园"),
])
def test_parks_goal_phrase_and_park_prefixed_by_park_are_not_names(text, absent):
    names = _names(lists(text)["parks"])
    assert absent not in names


def test_parks_park_prefixed_by_park_is_split():
    names = _names(lists("云岭高新区青梧软件园成立综合党委。云岭高新区推进工作。")["parks"])
    assert {"青梧软件园", "云岭高新区"} <= names


@pytest.mark.parametrize("text,name,kind", [
    ("校企合作对接云岭大学、青梧理工大学等高校。", "云岭大学", "other"),
    ("经国务院批准设立。云岭经开区党工委表示。", "国务院", "government"),
    ("在云岭高新区,中和街道党工委打造服务站。", "中和街道党工委", "party_org"),
    ("企业入驻明珠广场和港湾广场。云岭经开区党工委牵头。", "明珠广场", "building"),
    ("在东方之门所在的云岭中心商圈,党建活跃。", "东方之门", "building"),
])
def test_organizations_new_kinds(text, name, kind):
    orgs = lists(text)["organizations"]
    assert any(o["name"] == name and o["kind"] == kind for o in orgs), orgs


@pytest.mark.parametrize("text,absent", [
    ("聚集了光电子信息、生命健康等领域企业超过1万家。", "光电子信息"),
    ("公司党委副书记林若说,近两年公司党员提出建议被采纳。", "近两年公司"),
    ("按照“一楼一支部、多楼一总支、片区一党委”思路推进。", "片区一党委"),
    ("云岭高新区软件行业协会党委联合会员企业开展志愿服务。", "云岭高新区软件行业协会党委联合会"),
    ("把分散在各楼层的党员组织起来,形成“大厦党委—楼层党支部”架构。", "楼层"),
])
def test_organizations_counts_times_and_phrases_are_not_names(text, absent):
    assert absent not in _names(lists(text)["organizations"])


@pytest.mark.parametrize("text,full,short", [
    ("云岭国际大厦联合党委书记林若川说,大厦党委采取多种方式。", "云岭国际大厦联合党委", "大厦党委"),
    ("青梧区临江商会现有会员。临江商会党委发挥作用。商会党委书记林若川说。", "临江商会党委", "商会党委"),
    ("云岭高新区软件行业协会成立党委。云岭高新区软件行业协会党委联合会员企业。协会党委书记林若川说。",
     "云岭高新区软件行业协会党委", "协会党委"),
])
def test_organizations_short_back_reference_is_an_alias(text, full, short):
    orgs = lists(text)["organizations"]
    item = next(o for o in orgs if full in [o["name"], *o["aliases"]])
    assert short in [item["name"], *item["aliases"]]
    assert not any(o["name"] == short for o in orgs if o is not item)


@pytest.mark.parametrize("text,name", [
    ("苏杭工业园区(以下简称园区)党工委表示。园区“两新”工委联合园区科技创新委员会推出行动。",
     "苏杭工业园区科技创新委员会"),
    ("苏杭工业园区(以下简称园区)党工委表示。园区“两新”工委联合园区科技创新委员会推出行动。",
     "苏杭工业园区两新工委"),
])
def test_organizations_park_reference_bodies(text, name):
    assert name in _names(lists(text)["organizations"])


@pytest.mark.parametrize("text,name,roles", [
    ("青禾新能源党委书记、董事长助理林若川介绍,公司党委下设支部。", "林若川", ["党委书记", "董事长助理"]),
    ("”3月28日,在青梧产业园,园区党委书记柯建华翻开工作台账说道。", "柯建华", ["党委书记"]),
])
def test_people_role_chains_and_split_names(text, name, roles):
    people = {p["name"]: p for p in lists(text)["people"]}
    assert name in people, people
    assert all(any(r in got for got in people[name]["roles"]) for r in roles)


# -- park classes found on the third held-out set ---------------------------------

def test_parks_rank_word_inside_the_name_is_one_park():
    items = lists("江城国家高新技术产业开发区党工委召开会议。江城高新区现有企业。江城高新区党建工作持续推进。")["parks"]
    assert [(p["name"], p["aliases"]) for p in items] == [("江城国家高新技术产业开发区", ["江城高新区"])]


def test_parks_district_in_parentheses_is_the_same_park():
    text = "江城高新区（滨湖区）党工委推进楼宇党建。滨湖区有楼宇四十栋。滨湖区楼宇党组织全覆盖。江城高新区将继续推进。"
    items = lists(text)["parks"]
    assert len(items) == 1 and items[0]["name"] == "江城高新区" and "滨湖区" in items[0]["aliases"]


@pytest.mark.parametrize("text,expected", [
    ("老牌工业园区和新兴科创园都在推进党建。", []),
    ("着力打造金融商务区楼宇集群。", []),
    ("松岭科技创新城党委成立。", ["松岭科技创新城"]),
    ("在中欧产业合作园建立联合党委。", ["中欧产业合作园"]),
])
def test_parks_descriptive_prefixes_and_new_suffixes(text, expected):
    assert [p["name"] for p in lists(text)["parks"]] == expected


def test_parks_inner_park_after_a_place_name():
    items = lists("清晨，江城市新区利民开发区的企业开工。利民开发区党委成立。")["parks"]
    assert "利民开发区" in [p["name"] for p in items]
    assert all(not p["name"].startswith("江城市新区利") for p in items)


@pytest.mark.parametrize("text,expected", [
    ("其中，瑶岭片区党群服务站投用。", ["瑶岭片区"]),
    ("设立党员先锋岗、党员示范区。", []),
])
def test_parks_anchored_suffix_after_a_clause_break(text, expected):
    assert [p["name"] for p in lists(text)["parks"]] == expected


@pytest.mark.parametrize("text", [
    "构建“行业党委+站点党支部+骑手党小组”组织体系。",     # the parts of a practice
    "商会现在联合党支部开展活动。",                         # an adverb is no owner
])
def test_organizations_not_from_formulas_adverbs_or_common_words(text):
    assert lists(text)["organizations"] == []


def test_organizations_listed_common_words_are_no_companies():
    items = lists("区内快递、外卖、青岚物流等企业集中。")["organizations"]
    assert [(o["name"], o["kind"]) for o in items] == [("青岚物流", "company")]


def test_organizations_group_party_committee_is_the_group_companys():
    text = ("在软件园，青岚数智科技集团股份有限公司作为链主企业，牵头成立信息技术产业链党建联盟，"
            "吸纳上下游企业党组织42个。集团党委书记张明介绍了经验。")
    names = {o["name"] for o in lists(text)["organizations"]}
    assert "青岚数智科技集团股份有限公司党委" in names


@pytest.mark.parametrize("text,expected", [
    ("街道还牵头成立“楼宇企业发展联盟”，吸纳成员企业86家。", [("楼宇企业发展联盟", "association")]),
    ("梳理出10条产业链,成立产业链党建联盟。", [("产业链党建联盟", "association")]),
    ("园区还成立“青岚人才党建联盟”，吸纳企业。", [("青岚人才党建联盟", "association")]),
    ("成立各类文体联盟。", []),
    ("成立党建联盟。", []),
])
def test_organizations_founded_associations(text, expected):
    assert [(o["name"], o["kind"]) for o in lists(text)["organizations"]] == expected


def test_organizations_two_parks_keep_two_party_working_committees():
    text = ("江城经济技术开发区（以下简称江城开发区）与江城高新技术产业开发区（以下简称江城高新区）比学赶超。"
            "开发区党工委推行楼宇党建。开发区党工委书记李明介绍经验。"
            "高新区党工委推行链式党建。高新区党工委委员王强说。江城开发区企业增加。")
    bodies = sorted(o["name"] for o in lists(text)["organizations"] if o["name"].endswith("党工委"))
    assert len(bodies) == 2, bodies
    assert any("高新区" in n for n in bodies) and any(n.endswith("开发区党工委") and "高新" not in n for n in bodies)


@pytest.mark.parametrize("text,expected", [
    ("刚送完一单的骑手李建国把电动车停在门口。", [("李建国", ["骑手"])]),
    ("公司党支部书记、首席执行官邓晓东说：“好。”", [("邓晓东", ["党支部书记", "首席执行官"])]),
    ("骑手们把车停好。", []),
])
def test_people_new_employment_and_executive_roles(text, expected):
    assert [(p["name"], p["roles"]) for p in lists(text)["people"]] == expected


@pytest.mark.parametrize("text,expected", [
    ("航空港区依托江城综合保税区党群服务站，联合海关开展服务。", "江城综合保税区党群服务站"),
    ("其中，瑶岭片区党群服务站面积300平方米。", "瑶岭片区党群服务站"),
])
def test_organizations_party_service_stations(text, expected):
    assert expected in [o["name"] for o in lists(text)["organizations"] if o["kind"] == "service_site"]
