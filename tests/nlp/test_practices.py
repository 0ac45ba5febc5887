"""Practices: table-driven tests of the rules in nlp/practice_finder.py, the
merging in nlp/components/practices.py and the category lexicon."""
from __future__ import annotations

import pytest

from nlp.components.practices import extract_practices, merge_mentions
from nlp.practice_category import categorize
from nlp.practice_finder import Mention, PracticeFinder
from nlp.practice_lexicon import PracticeLexiconError, load_lexicon


@pytest.fixture(scope="module")
def finder() -> PracticeFinder:
    return PracticeFinder(load_lexicon())


def names(finder, text):
    return [(it["name"], it["aliases"], it["kind"]) for it in extract_practices(finder, text)]


# (text, [(name, aliases, kind), ...]) — exact results
NAME_CASES = [
    # a quoted slogan followed by its kind: the name is the quoted part
    ("园区持续打造“五力聚能”内生式非公党建品牌。",
     [("五力聚能", ["五力聚能内生式非公党建品牌"], "品牌")]),
    ("汕头市青年博士联合会党支部打造的“青博义诊”特色惠民项目，",
     [("青博义诊", ["青博义诊特色惠民项目"], "项目")]),
    # the quote is a descriptor in “X”的…: the whole phrase is the name
    ("通过建立“服务式”的党员管理体系，", [("服务式党员管理体系", ["服务式"], "体系")]),
    ("打造“15分钟”便民便企服务圈。", [("15分钟便民便企服务圈", ["15分钟"], "服务圈")]),
    # a quote that ends with its kind, governed by an action verb
    ("大力实施“党员培优工程”，", [("党员培优工程", [], "工程")]),
    ("推行“邻里共享日”，设立服务站", [("邻里共享日", [], "")]),
    # unquoted mechanisms after an action verb keep the kind word
    ("公司依托党支部搭建党员传帮带机制，", [("党员传帮带机制", [], "机制")]),
    ("全面推行专人代办、上门服务机制，", [("专人代办、上门服务机制", [], "机制")]),
    ("构建纵向到底、横向到边的组织一体化运行体系，", [("组织一体化运行体系", [], "体系")]),
    ("建立健全党企联席会、党员议事会、民主恳谈会等制度，",
     [("党企联席会", [], "制度"), ("党员议事会", [], "制度"), ("民主恳谈会", [], "制度")]),
    # runs of quotes share the kind after the last one
    ("推出午间“微党课”“微电影”“微论坛”活动。",
     [("微党课", [], "党课"), ("微电影", [], "活动"), ("微论坛", [], "活动")]),
    ("组织开展“南粤春暖”“百日千万招聘专项行动”等主题招聘会22场",
     [("南粤春暖", [], "招聘会"), ("百日千万招聘专项行动", [], "专项行动")]),
    # formulas: A+B, 一X一Y, numeral pairs
    ("实现“人工代办+自助快办”双向互补，", [("人工代办+自助快办", [], "")]),
    ("坚持“一支部、一特色、一品牌”探索实践，", [("一支部、一特色、一品牌", [], "")]),
    ("以“三区三室一吧一廊”构建功能区，", [("三区三室一吧一廊", [], "")]),
    # a practice quoted inside a speech
    ("郑经理说:“我们推行‘党建积分+绩效考核’双挂钩机制,积分和评优挂钩。”",
     [("党建积分+绩效考核", ["党建积分+绩效考核双挂钩机制"], "机制")]),
    ("按照“一楼一支部、多楼一总支、片区一党委”思路,", [("一楼一支部、多楼一总支、片区一党委", [], "")]),
    # 等 + a noun that is not a kind: only the quote that is a practice by itself
    ("通过“党建微讲堂”“青年议事厅”等阵地，", [("党建微讲堂", [], "讲堂")]),
    # national programmes, quoted or not
    ("指导企业规范落实“三会一课”、主题党日等组织生活，",
     [("三会一课", [], ""), ("主题党日", [], "")]),
    ("推动党组织班子与企业董事会、经理层“双向进入、交叉任职”，",
     [("双向进入、交叉任职", [], "")]),
    # an emphasis word inside a named phrase
    ("逐步构建园区“红色”矩阵，", [("园区红色矩阵", [], "矩阵")]),
    # a quoted working method and the verb it names (third held-out set)
    ("每月至少开展一次“扫楼”走访。", [("扫楼", ["扫楼走访"], "走访")]),
    ("公司设立“红骑手”党员先锋岗。", [("红骑手", ["红骑手党员先锋岗"], "先锋岗")]),
    ("建成“小哥驿家”五十六个。", [("小哥驿家", [], "驿家")]),
]


@pytest.mark.parametrize("text,expected", NAME_CASES)
def test_practices_names(finder, text, expected):
    assert names(finder, text) == expected


# quoted praise, goal slogans, target groups, counts, awards, speech, generic phrases
STOP_CASES = [
    "努力打造特色楼宇党建“高新样本”，让“红色”力量涌动产业前沿。",
    "汕头高新区锚定“党建强、发展强”奋斗目标，",
    "在“两个核心商圈”和“两座重点楼宇”中交出答卷。",
    "育优“红领头雁”，锻造“红领先锋”，",
    "作为科技创新的“主战场”和经济转型升级的“火车头”，",
    "公司获评“广东省乡村振兴突出贡献爱心企业”称号，",
    "立足赋能基层治理、助力“百千万工程”，",
    "他表示“很开心第一次参加这样的活动”。",
    "协助企业完善党建制度、规范阵地建设，",
    "构建闭环式、全方位、常态化的服务治理体系，",
    "形成“关键岗位有党员、技术攻坚靠党员、创新突破看党员”的鲜明工作格局。",
    "共谋“转型路”的良好格局。",
    "鼓励辖区内的“口袋党员”“隐形党员”主动亮明身份，",
    "实施两个工程，打造活动阵地。",
    "在“阵地+活动”上对图放线，",
    "建立“发现需求—提供服务—听取反馈—改进服务”的路径，",
]


@pytest.mark.parametrize("text", STOP_CASES)
def test_practices_stoplist(finder, text):
    assert extract_practices(finder, text) == []


def test_practices_components_split(finder):
    items = extract_practices(finder, "创新搭建“党委统筹+楼宇站点+人员下沉”三级网格化党建体系，")
    assert [(it["name"], it["components"]) for it in items] == [
        ("党委统筹+楼宇站点+人员下沉", ["党委统筹", "楼宇站点", "人员下沉"])]
    items = extract_practices(finder, "纵向构建“街道党工委—社区党委—商圈、商务楼宇党组织”三级组织架构，")
    assert items[0]["components"] == ["街道党工委", "社区党委", "商圈、商务楼宇党组织"]


def test_practices_numbered_name_takes_listed_parts(finder):
    text = ("持续打造“五力聚能”内生式非公党建品牌，着力建构“政治引领力、发展支撑力、先锋原动力、"
            "党建牵引力、园区凝聚力”非公党建内生机制，")
    items = extract_practices(finder, text)
    assert [(it["name"], it["components"]) for it in items] == [
        ("五力聚能", ["政治引领力", "发展支撑力", "先锋原动力", "党建牵引力", "园区凝聚力"])]


def test_practices_numbered_name_takes_formula_as_alias(finder):
    items = extract_practices(finder, "推行“党建链+产业链+人才链”“三链融合”机制,搭建平台。")
    assert [(it["name"], it["aliases"], it["components"]) for it in items] == [
        ("三链融合", ["党建链+产业链+人才链"], ["党建链", "产业链", "人才链"])]


def test_practices_structure_is_an_alias_of_the_practice_before(finder):
    items = extract_practices(finder, "园区推出“先锋链”行动,以“链主党组织+配套企业党组织”为架构,成立联盟。")
    assert [(it["name"], it["aliases"]) for it in items] == [
        ("先锋链", ["先锋链行动", "链主党组织+配套企业党组织"])]


def test_practices_mentions_merge_into_aliases(finder):
    text = ("构建三级网格化组织体系、“一业一策”产业赋能机制。\n"
            "创新搭建“党委统筹+楼宇站点+人员下沉”三级网格化党建体系。\n"
            "创新推行“一业一策、分类赋能”精准党建模式。")
    items = extract_practices(finder, text)
    assert [(it["name"], it["aliases"]) for it in items] == [
        ("党委统筹+楼宇站点+人员下沉", ["三级网格化组织体系", "党委统筹+楼宇站点+人员下沉三级网格化党建体系"]),
        ("一业一策、分类赋能", ["一业一策", "一业一策产业赋能机制", "一业一策、分类赋能精准党建模式"]),
    ]
    assert [text[s:e] for s, e in items[1]["mentions"]] == ["“一业一策”产业赋能机制", "“一业一策、分类赋能”精准党建模式"]


def test_practices_text_and_span(finder):
    text = "今年，开发区实施党建强企22项“联合行动”，组建服务团。"
    (item,) = extract_practices(finder, text)
    assert item["name"] == "联合行动"
    assert item["text"] == "“联合行动”"            # the count 22项 stays outside the span
    assert text[item["span"][0]:item["span"][1]] == item["text"]
    (item,) = extract_practices(finder, "为此，园区健全流动党员管理服务制度，")
    assert (item["text"], item["span"]) == ("健全流动党员管理服务制度", [5, 17])


def test_practices_subject_nearest_before(finder):
    text = "甲园区介绍。\n乙公司党支部搭建党员传帮带机制。"
    lists = {"parks": [{"name": "甲园区", "mentions": [[0, 3]]}],
             "organizations": [{"name": "乙公司党支部", "mentions": [[7, 13]]}]}
    (item,) = extract_practices(finder, text, lists)
    assert item["subject"] == "乙公司党支部"
    (item,) = extract_practices(finder, "园区建立双向培养机制。", {"parks": [{"name": "甲园区"}]})
    assert item["subject"] == "甲园区"


@pytest.mark.parametrize("name,kind,clause,category", [
    ("党员传帮带机制", "机制", "依托党支部搭建党员传帮带机制", "talent"),
    ("企业家大讲堂", "讲堂", "举办“企业家大讲堂”", "education"),
    ("党企联席会", "制度", "建立健全党企联席会等制度", "governance"),
    ("暖蜂驿站", "驿站", "建立新业态暖蜂驿站", "platform"),
    ("青博义诊", "项目", "打造的“青博义诊”特色惠民项目", "service"),
    ("车间党建+技能攻坚", "模式", "创新推行“车间党建+技能攻坚”模式", "industry"),
    ("五心引领", "品牌", "等10个特色品牌", "brand"),
    ("三级网格化党建体系", "体系", "构建三级网格化党建体系", "organization"),
])
def test_practice_category_lexicon(name, kind, clause, category):
    assert categorize(name, kind, clause) == category


def test_practices_merge_by_component():
    whole = Mention("我为群众办实事、我为企业解难题", 0, 20, components=["我为群众办实事", "我为企业解难题"])
    part = Mention("我为群众办实事", 30, 37)
    assert merge_mentions([whole, part]) == [[whole, part]]


def test_practices_component_in_pipeline():
    from nlp.pipeline import run

    doc = run("开发区大力实施“党员培优工程”，举办“企业家大讲堂”。")
    assert [it["name"] for it in doc.user_data["dangjian"]["practices"]] == ["党员培优工程", "企业家大讲堂"]


def test_practice_lexicon_rejects_bad_flags(monkeypatch):
    import nlp.practice_lexicon as lexicon

    monkeypatch.setattr(lexicon, "data_lines", lambda name: iter([(3, "模式 qz")]))
    with pytest.raises(PracticeLexiconError, match=r"practice_kinds.txt:3: .*q a u i"):
        lexicon._load_kinds()


def test_practice_category_of_programme():
    assert categorize("双向进入、交叉任职", "", "") == "governance"


def test_practices_verb_index_and_clause_start_match_naive(finder):
    text = "建立健全“红色引擎”机制，推进“三化”建设；打造党建品牌。\n开展活动"
    finder.index(text)
    lex = finder.lex
    naive_ends = {i + len(v) for v in lex.verbs for i in range(len(text)) if text.startswith(v, i)}
    assert finder._ends == naive_ends
    for pos in range(len(text) + 1):
        naive = max((i + 1 for i in range(pos) if text[i] in "，。；！？,;!?：:\n"), default=0)
        assert finder.clause_start(pos) == naive, pos
