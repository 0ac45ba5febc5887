"""Error classes of the organizations list found on the fourth held-out set,
each fixed by a general rule (names below are invented): named teams and
service sites, committees named by a park's class word, “两新” inside a body's
name, district committees, associations with 企业 inside, class owners and
lists of kinds of business, buildings listed as 楼宇, portal-link footers,
departments named only in a person's title."""
from __future__ import annotations

import pytest

from nlp.components.org_refs import generic_owner, in_role
from nlp.components.org_rules import _lexicon
from nlp.pipeline import run


def orgs(text: str) -> list[tuple[str, list[str], str]]:
    return [(o["name"], o["aliases"], o["kind"]) for o in run(text, {}).user_data["dangjian"]["organizations"]]


@pytest.mark.parametrize("text,expected", [
    # a quoted name before a team suffix (a description allowed between): kind other, the quote as name
    ("云岭高新区党工委组建“松涛益行”志愿服务队，为企业提供代办服务。",
     [("云岭高新区党工委", [], "party_org"), ("松涛益行", ["松涛益行志愿服务队"], "other")]),
    ("云岭高新区在商务楼宇组建“青禾护航”公益法律服务团，提供法律咨询。",
     [("青禾护航", ["青禾护航公益法律服务团"], "other")]),
    # a quoted name that ends with a team suffix
    ("云岭高新区依托骨干党员组成“代码帮帮团”，为企业开展网络安全体检。", [("代码帮帮团", [], "other")]),
    # a quoted name before 党群服务站 / 职工服务站: a service site
    ("云岭高新区在金桂大厦8楼建成“云岭红·白领之家”党群服务站，面积200平方米。",
     [("金桂大厦", [], "building"), ("云岭红·白领之家", ["云岭红·白领之家党群服务站"], "service_site")]),
    # a practice kind after the quote keeps it a practice; an unnamed team is none
    ("云岭高新区推出“党员专家服务团”项目，服务企业80家。", []),
    ("云岭高新区组建党员志愿服务队，开展志愿服务。", []),
])
def test_organizations_named_teams_and_sites(text, expected):
    assert orgs(text) == expected


@pytest.mark.parametrize("text,expected", [
    # the park named last in the paragraph, its name ending as the class word asks
    ("云岭高新区推进党建。金桂产业园入驻企业130家，园区党委推行“党员先锋岗”。",
     [("金桂产业园党委", [], "party_org")]),
    # 分别: every park listed
    ("云岭高新区在金桂产业园、银杏数字产业园分别成立园区党委，推进党建全覆盖。",
     [("金桂产业园党委", [], "party_org"), ("银杏数字产业园党委", [], "party_org")]),
    # a district committee (城关|区委 completes 城关区) and a 商圈's committee
    ("兰州金桂商圈楼宇林立。2022年，城关区委在金桂商圈成立商圈党委。",
     [("城关区委", [], "party_org"), ("金桂商圈党委", [], "party_org")]),
    # 在<building>，楼宇党委: the building's committee, 楼宇 kept
    ("云岭高新区推进楼宇党建。在金桂国际大厦，楼宇党委吸纳企业党组织17个。",
     [("金桂国际大厦", [], "building"), ("金桂国际大厦楼宇党委", [], "party_org")]),
    # “两新” quoted inside a park body's name
    ("兰州云岭经开区(以下简称云岭经开区)“两新”工委以“三联三促”工作法推进党建。",
     [("“两新”工委", ["兰州云岭经开区两新工委", "云岭经开区两新工委"], "party_org")]),
])
def test_organizations_committees_named_by_class_words(text, expected):
    assert orgs(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 企业 inside an association's name that starts at a place
    ("云岭高新区引导社会组织参与治理，甘肃云岭企业服务协会党支部组织会员企业开展活动。",
     [("甘肃云岭企业服务协会", [], "association"), ("甘肃云岭企业服务协会党支部", [], "party_org")]),
    # one kind of business in a list makes every item a kind (软件 is a word: 跨境电商 no company)
    ("云岭高新区楼宇党委吸纳软件、跨境电商等企业党组织17个。", [("云岭高新区楼宇党委", [], "party_org")]),
    # class owners: the tail of a generic word, branch kinds, generic words before 公司
    ("云岭高新区在新就业群体中建立新就业群体党支部9个。", []),
    ("云岭高新区在建设工地成立临时党支部、功能型党支部15个。", []),
    ("云岭高新区楼长、物业公司党支部书记周海燕每天都到楼层走访。", []),
    # a founded association counted after its name is a class (组建X联盟3个)
    ("云岭高新区目前已组建产业链党建联盟3个，吸纳成员单位87家。", []),
    # a portal-link footer line names no organisation
    ("云岭高新区推进党建。\n相关链接：甘肃省人民政府 兰州市人民政府", []),
    # a department named only in a person's title (a rank before it)
    ("党建指导员、城关区委社会工作部四级主任科员胡振宇负责联系4栋楼宇。城关区委推进党建。",
     [("城关区委", [], "party_org")]),
    # named buildings listed before 等N栋重点商务楼宇
    ("云岭高新区依托银杏国际中心、金桂大厦等12栋重点商务楼宇建立楼宇党组织。",
     [("银杏国际中心", [], "building"), ("金桂大厦", [], "building")]),
])
def test_organizations_class_owners_lists_and_footers(text, expected):
    assert orgs(text) == expected


@pytest.mark.parametrize("text,start,end,expected", [
    ("建立新就业群体党支部", 5, 7, True),     # 群体 ends 新就业群体
    ("物业公司党支部", 0, 4, True),
    ("科技有限公司党支部", 0, 6, False),     # a legal form: a real name cut short
    ("汽车产业链党委", 0, 5, False),        # a sector body names itself
    ("青禾公司党支部", 0, 4, False),
])
def test_org_refs_generic_owner(text, start, end, expected):
    assert generic_owner(text, start, end) is expected


@pytest.mark.parametrize("text,pos,expected", [
    ("社会工作部四级主任科员胡振宇", 5, True),
    ("组织部部长胡振宇", 3, True),
    ("组织部相关负责人表示", 3, False),
    ("组织部统计", 3, False),
])
def test_org_refs_in_role(text, pos, expected):
    assert in_role(text, pos, _lexicon()["titles"]) is expected
