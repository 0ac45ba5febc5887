"""Where a figure sits in its text, and the speed paths of the number scanner:
each fast form must find exactly what the plain form finds."""
from __future__ import annotations

import re

import pytest

from nlp.components.figures import load_rules
from nlp.figure_text import Layout, Periods, Quotes, period_pattern, positions
from nlp.numbers import (CN_CHARS, NUMERAL_RE, PERCENT_TENTHS, _fraction_matches, _numeral_groups, _share_rules,
                         data_text, find_quantities, load_lexicon)

TEXTS = [
    "截至2023年底，园区共有党组织56个；党员1,200名。\n今年以来新增30名！其中（省、市）级5个",
    "近三年来，年均服务超1.2万人次，上半年完成一季度目标的三分之一，2024年，较去年增长一倍。",
    "每季度开展一次活动，截止目前已有超过半数企业参与；现有“三张清单”和《两个一百年》学习计划。",
    "第十二点五个百分点，一点二亿元，二〇二三年，٣个，十万八千里，100多万元，两千五百名党员。",
    "",
]


def test_figure_text_positions_are_sorted_offsets():
    text = "甲，乙。丙，丁\n"
    assert positions(text, "，。\n") == [1, 3, 5, 7]
    assert positions(text, "；") == []


@pytest.mark.parametrize("text", TEXTS)
def test_figure_text_layout_starts_match_naive_scan(text):
    from nlp.components.figures import SEMI_BREAKS, SENTENCE_BREAKS
    from nlp.figure_metric import CLAUSE_BREAKS

    layout = Layout(text)
    for pos in range(len(text) + 1):
        for chars, got in ((CLAUSE_BREAKS, layout._last(CLAUSE_BREAKS, pos)),
                           (SEMI_BREAKS, layout.semi_start(pos)), (SENTENCE_BREAKS, layout.sentence_start(pos))):
            assert got == max((i + 1 for i in range(pos) if text[i] in chars), default=0), (chars, pos)
        assert layout.line_bounds(pos)[0] == text.rfind("\n", 0, pos) + 1


def _plain_period_re() -> re.Pattern:
    periods = [ln.strip() for ln in data_text("figures_periods.txt").splitlines()
               if ln.strip() and not ln.lstrip().startswith("#")]
    chars = sorted({ch for p in periods for ch in p if "\u4e00" <= ch <= "\u9fff"})
    return re.compile("(?=[0-9" + "".join(chars) + "])(?:" + "|".join(f"(?:{p})" for p in periods) + ")")


@pytest.mark.parametrize("text", TEXTS)
def test_figure_text_period_pattern_finds_what_the_plain_pattern_finds(text):
    fast, plain = load_rules().period_re, _plain_period_re()
    assert fast.pattern != plain.pattern   # the data's phrases were rewritten with a literal first
    for start in range(0, len(text) + 1, 3):
        assert ([(m.span(), m.group()) for m in fast.finditer(text, start)]
                == [(m.span(), m.group()) for m in plain.finditer(text, start)])


@pytest.mark.parametrize("pattern,texts", [
    (r"\d{1,2}月", ["12月", "1月", "123月", "月"]),
    (r"(?:今年|去年|\d{4}年)(?:以来|全年)", ["今年以来", "2023年全年", "203年全年"]),
    (r"近(?:[一二三]|\d+)年(?:来)?", ["近三年来", "近10年", "近年"]),
    (r"[一二]{2,}季度", ["一二季度", "一季度"]),
])
def test_figure_text_period_pattern_rewrites_each_form(pattern, texts):
    fast = period_pattern([pattern])
    assert not fast.pattern.startswith("(?=")   # rewritten, not the lookahead fallback
    for text in texts:
        assert (fast.fullmatch(text) is None) == (re.fullmatch(pattern, text) is None), text


def test_figure_text_period_pattern_falls_back_on_unknown_forms():
    fast = period_pattern([r"(?:今|去)?年"])        # a quantified group: kept as written
    assert fast.pattern.startswith("(?=")
    assert [m.group() for m in fast.finditer("今年和年")] == ["今年", "年"]


def test_figure_text_periods_last_phrase_in_sentence():
    text = "截至目前，今年新增5家。去年新增3家"
    periods = Periods(text, load_rules().period_re)
    assert periods.before(0, text.index("5")) == "今年"
    assert periods.before(text.index("去"), text.index("3")) == "去年"
    assert periods.before(text.index("去"), text.index("去")) is None   # 今年 is in the sentence before


def test_figure_text_quotes_around_tell_names_from_idioms():
    rules = load_rules()
    text = "实施“三张清单”制度，破解“两张皮”问题，“党建+服务”有5个"
    quotes = Quotes(text, rules.kinds_re, rules.kinds_end_re)
    a = text.index("三")
    assert quotes.around(a, a + 2) == (a, a + 4, True)            # a practice kind ends the quote
    b = text.index("两")
    assert quotes.around(b, b + 2) == (b, b + 3, False)
    assert quotes.around(text.index("5"), text.index("5") + 2) is None


def _plain_scan_re() -> re.Pattern:
    lex = load_lexicon()
    units = "|".join(re.escape(u) for u in sorted(lex.units, key=len, reverse=True))
    return re.compile(rf"(?=[\d{CN_CHARS}])(?:{NUMERAL_RE.pattern})(?=[余多]?[万亿]?\s?(?:{units}|{PERCENT_TENTHS}))")


@pytest.mark.parametrize("text", TEXTS + ["1,000个", "3.5万名", "十二点五亿元", "２个", "٣٤名", "一两个", "5G基站3个"])
def test_numbers_scan_finds_what_numeral_re_finds(text):
    plain = [(m.span(), m.group("ar", "mul", "cn")) for m in _plain_scan_re().finditer(text)]
    assert [(m.span(), _numeral_groups(m)) for m in load_lexicon().scan_re.finditer(text)] == plain


@pytest.mark.parametrize("text", TEXTS + ["三分之一", "百分之九十", "2.5分之1和一半", "十二点五分之三", "٣分之一", "半数的一半"])
def test_numbers_fraction_matches_what_finditer_finds(text):
    fraction, _, _, halves = _share_rules()
    assert ([(m.span(), m.groupdict()) for m in _fraction_matches(text, fraction, halves)]
            == [(m.span(), m.groupdict()) for m in fraction.finditer(text)])


def test_numbers_find_quantities_shares_in_order():
    got = [(q.number, q.unit, q.span) for q in find_quantities("超过三分之一的企业，近一半党员，增长2倍")]
    assert got == [(33.33, "%", (0, 6)), (50, "%", (10, 13)), (200, "%", (18, 20))]


def _plain_excluded(before, numeral, after, tail, rules):
    """`_excluded_context` as first written: one closure call per rule."""
    tail4 = tail[:4]

    def hit(rule) -> bool:
        b, n, a, t = rule
        return ((n is None or n.search(numeral) is not None) and (a is None or a.search(after) is not None)
                and (b is None or b.search(before) is not None) and (t is None or t.search(tail4) is not None))

    if any(hit(r) for r in rules.keep):
        return False
    if ((rules.drop_number is not None and rules.drop_number.search(numeral))
            or (rules.drop_after is not None and rules.drop_after.search(after))
            or (rules.drop_before is not None and rules.drop_before.search(before))):
        return True
    if any(hit(r) for r in rules.drop):
        return True
    return not numeral[:1].isdigit() and tail.startswith(rules.name_kinds)


def test_figures_excluded_context_decides_as_the_plain_rules(corpus_files):
    from nlp.components.figures import _excluded_context

    rules = load_rules()
    texts = TEXTS + ["每月一次", "学时12个小时", "前3名", "2023对", "万的", "三期工程", "一号楼", "三个一", "三张清单"]
    texts += [p.read_text(encoding="utf-8") for p in corpus_files]
    seen = 0
    for text in texts:
        for q in find_quantities(text):
            ns, us, qe = q.num_start, q.unit_start, q.end
            ctx = (text[max(0, ns - 16):ns], q.numeral, text[us:us + 12], text[qe:qe + rules.tail_len])
            assert _excluded_context(*ctx, rules) == _plain_excluded(*ctx, rules), ctx
            seen += _plain_excluded(*ctx, rules)
    assert seen >= 10   # the drop rules were exercised
