"""Organisation name boundaries: a company's brand (字号) the left edge cut
(rare characters, a brandless owner of industry words only), a place right
before the edge, a park's name before a place or a street, class words cut
(新就业|群体), a middle dot, an office kept by a body (X海关驻Y办事处), a
community named by a word and a class word, a date between a founder and
its founding verb. All names are invented.
"""
from __future__ import annotations

import pytest

from nlp.components.org_bounds import (brandless, class_lead_end, class_word_start, community_word_start, company_start,
                                       dot_start, park_before_place, park_word_start, stationed_start)
from nlp.entities import anchor_set
from nlp.pipeline import run


def org_names(text: str) -> list[str]:
    doc = run(text)
    return sorted(o["name"].replace("（", "(").replace("）", ")") for o in doc.user_data["dangjian"]["organizations"])


@pytest.mark.parametrize("text,expected", [
    ("外资企业奕锐电子有限公司今年3月成立党支部。", ["奕锐电子有限公司", "奕锐电子有限公司党支部"]),
    ("外资企业翀昊电子（惠州）有限公司今年成立党支部。", ["翀昊电子(惠州)有限公司", "翀昊电子(惠州)有限公司党支部"]),
    ("民营企业彧辰科技有限公司党支部书记介绍。", ["彧辰科技有限公司", "彧辰科技有限公司党支部"]),
    ("台资企业璟昶精密有限公司投产。", ["璟昶精密有限公司"]),
    ("链主企业珩赟新能源科技有限公司带动上下游。", ["珩赟新能源科技有限公司"]),
    ("联系璟昶精密有限公司开展活动。", ["璟昶精密有限公司"]),
    ("走访珩赟新能源科技有限公司，了解用工需求。", ["珩赟新能源科技有限公司"]),
    ("帮奕锐电子有限公司解决难题。", ["奕锐电子有限公司"]),
    ("与昶翀材料有限公司签约。", ["昶翀材料有限公司"]),
    ("昶翀光能（中国）有限公司党委与社区共建。", ["昶翀光能(中国)有限公司", "昶翀光能(中国)有限公司党委"]),
    ("由廊坊赟祎物流有限公司党支部书记兼任。", ["廊坊赟祎物流有限公司", "廊坊赟祎物流有限公司党支部"]),
    ("江西彧能新能源科技有限公司党委开展活动。", ["江西彧能新能源科技有限公司", "江西彧能新能源科技有限公司党委"]),
    ("在包头彧辰稀土材料（中国）有限公司，党员带头攻关。", ["包头彧辰稀土材料(中国)有限公司"]),
    ("厦门璟昶之家科技有限公司党支部书记介绍。", ["厦门璟昶之家科技有限公司", "厦门璟昶之家科技有限公司党支部"]),
    ("推动青禾科技有限公司、奕锐电子有限公司等企业入驻。", ["奕锐电子有限公司", "青禾科技有限公司"]),
    ("科技有限公司党支部书记介绍。", []),
    ("青禾公司党支部书记介绍。", ["青禾公司", "青禾公司党支部"]),
    ("经开区党工委成立新就业群体综合党委，下设快递党支部。", ["新就业群体综合党委", "经开区党工委"]),
    ("组建工程机械产业链党委。", ["工程机械产业链党委"]),
    ("翀云社区党委书记介绍。", ["翀云社区党委"]),
    ("中建·翀云中心楼宇党委书记介绍。", ["中建·翀云中心楼宇党委"]),
    ("南京市人民政府驻北京办事处党支部开展活动。", ["南京市人民政府驻北京办事处党支部"]),
    ("外资企业青梧电子(惠州)有限公司今年3月成立党支部。", ["青梧电子(惠州)有限公司", "青梧电子(惠州)有限公司党支部"]),
    ("民营企业青禾科技有限公司党支部书记介绍。", ["青禾科技有限公司", "青禾科技有限公司党支部"]),
    ("龙头企业云杉乳业有限公司带动农户。", ["云杉乳业有限公司"]),
    ("该公司青梧电子有限公司去年投产。", ["青梧电子有限公司"]),
    ("在高新区青梧电子有限公司，党员带头。", ["青梧电子有限公司"]),
    ("园区引导奕锐电子、翀昊科技等企业成立党组织。", ["奕锐电子", "翀昊科技"]),
    ("走访翀昊集团，了解用工需求。", ["翀昊集团"]),
    ("链上企业昶翀电子有限公司、赟祎科技有限公司成立联合党支部。", ["昶翀电子有限公司", "赟祎科技有限公司"]),
])
def test_organizations_name_boundaries(text, expected):
    assert org_names(text) == expected


@pytest.mark.parametrize("core,expected", [
    ("", True), ("(某地)", True), ("电子(某地)", True), ("新能源科技", True), ("稀土材料(中国)", True),
    ("青禾科技", False), ("彧辰", False),
])
def test_org_refs_brandless(core, expected):
    assert brandless(core) is expected


@pytest.mark.parametrize("text,start,core_end,expected", [
    ("外资企业彧锐电子有限公司", 6, 8, (4, False, True)),     # rare characters, a class word before
    ("依托璟川光能(中国)有限公司", 6, 10, (2, False, True)),   # brandless owner, a verb before
    ("在包头翀磁材料(中国)有限公司", 3, 11, (1, True, False)),  # a place right before the edge
    ("帮彧锐电子有限公司", 3, 5, (1, False, True)),            # a verb lumped with rare characters
    ("依托科技有限公司", 2, 4, (2, False, False)),             # nothing to take
    ("厦门翀图之家科技有限公司", 6, 8, (0, True, True)),       # back to a place
])
def test_org_refs_company_start(text, start, core_end, expected):
    assert company_start(text, start, core_end) == expected


@pytest.mark.parametrize("text,start,end,expected", [
    ("经开区党工委成立新就业群体综合党委", 11, 15, 8),
    ("组建工程机械产业链党委", 2, 9, 2),   # 建工 is a class word of two characters: kept out
])
def test_org_refs_class_word_start(text, start, end, expected):
    assert class_word_start(text, start, end) == expected


def test_org_refs_park_before_place_and_street():
    assert park_before_place("某某经开区浙江翀辰精密有限公司", 0, 11, ("某某经开区",)) == 5
    assert park_before_place("某某经开区翀辰精密有限公司", 0, 9, ("某某经开区",)) == 0
    assert park_word_start("在高新区翀云街道", 1, 6, {}) == 4
    assert park_word_start("在高新区街道", 1, 4, {}) == 1


@pytest.mark.parametrize("text,start,expected", [
    ("。中建·翀云中心楼宇党委", 4, 1),
    ("走访中建·翀云中心", 5, 2),       # a verb before the brand stays out
    ("一个很长的名字·翀云中心", 8, 5),   # the left edge stops at 的
    ("。·翀云中心", 2, 2),              # nothing before the dot
])
def test_org_refs_dot_start(text, start, expected):
    assert dot_start(text, start) == expected


@pytest.mark.parametrize("text,expected", [
    ("联合南京海关驻综保区办事处党支部", (2, True)),
    ("。南京市人民政府驻北京办事处", (1, True)),
    ("党员驻企指导员", (3, False)),   # no body before 驻
])
def test_org_refs_stationed_start(text, expected):
    assert stationed_start(text, text.index("驻") + 1, anchor_set([])) == expected


@pytest.mark.parametrize("text,start,name,expected", [
    ("。翀望园区社区是。由翀望园区社区党委", 12, "园区社区党委", 10),
    ("由翀望园区社区党委", 3, "园区社区党委", 3),        # named once: no
    ("。还在园区社区。还在园区社区", 11, "园区社区", 11),  # a function word is no name
])
def test_org_refs_community_word_start(text, start, name, expected):
    assert community_word_start(text, start, name) == expected


@pytest.mark.parametrize("owner,expected", [
    ("外资企业青梧电子(某地)", 4),
    ("该公司青梧电子", 3),
    ("高新区青梧电子", 3),
    ("青禾企业管理", 0),       # 企业管理 is a line of business: the name is whole
    ("外资企业电子", 0),        # nothing but industry words after the class word
    ("青梧电子", 0),
])
def test_org_refs_class_lead_end(owner, expected):
    assert class_lead_end("，" + owner + "有限公司", 1, 1 + len(owner)) == 1 + expected


@pytest.mark.parametrize("text, expected", [
    ("近日，青梧快递有限公司南宁分公司成立党支部，党员12名。",
     [("青梧快递有限公司南宁分公司", "company"), ("青梧快递有限公司南宁分公司党支部", "party_org")]),
    ("青梧保险股份有限公司邕宁支公司开展志愿服务。", [("青梧保险股份有限公司邕宁支公司", "company")]),
    ("青梧快递有限公司在南宁设立分公司。", [("青梧快递有限公司", "company")]),   # no place: no branch name
])
def test_org_boundaries_branch_is_one_company(text, expected):
    from ingest.pipeline import process_bytes

    record = process_bytes(("园区党建\n\n南宁高新区，" + text).encode(), "x.txt")[0]
    assert [(o["name"], o["kind"]) for o in record["organizations"]] == expected
