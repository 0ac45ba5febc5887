"""Normalisation: script, folding, broken lines, boilerplate, repeats, captions, offsets."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from ingest import normalize as normalize_module
from ingest.marks import _CJK_PUNCT, _cjk_punctuation
from ingest.normalize import normalize

cjk = _cjk_punctuation      # ASCII , ; : ! ? in Chinese text as normalised

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
_cache: dict[str, tuple[str, object]] = {}


def sample(prefix: str):
    """(original text, Normalized) of a sample, computed once."""
    if prefix not in _cache:
        text = next(CORPUS.glob(f"{prefix}_*.txt")).read_text("utf-8")
        _cache[prefix] = (text, normalize(text))
    return _cache[prefix]


# --- broken lines -----------------------------------------------------------------

@pytest.mark.parametrize("prefix, joined", [
    ("000", ["服务效能", "楼宇党建为核心", "这就是我们企业", "通过单独组建"]),
    ("001", ["结合街道“大工委”", "确保商圈内流动党员学习教育", "提供就业岗位1.4万余个,成功拓宽",
             "广东壹号食品股份有限公司党支部通过"]),
    ("004", ["通过不断优化", "大多是生产、经营", "通过多屏互动"]),
])
def test_normalize_rejoins_words_split_by_page_breaks(prefix, joined):
    _, norm = sample(prefix)
    for phrase in joined:
        assert cjk(phrase) in norm.text


def test_normalize_keeps_headings_and_bylines_apart():
    _, norm = sample("000")
    lines = norm.text.split("\n")
    assert lines[:3] == ["汕头高新区筑牢楼宇党建“红色根基”", "▶ 本报特约通讯员 郭思宇", "百年风华映初心，笃行实干启新程。"]
    heading = lines.index("密织三级网格组织体系 筑牢楼宇党建“红色根基”")
    assert lines[heading + 1].startswith("在汕头高新区超声大厦")
    _, norm = sample("001")
    assert "建组织 夯实高质量发展硬地基" in norm.text.split("\n")


def test_normalize_heading_without_punctuation_is_not_joined():
    norm = normalize("某区党建工作纪实\n\n构建园区党建矩阵\n\n近年来,某区坚持党建引领,推动园区高质量发展。")
    assert norm.text.split("\n") == ["某区党建工作纪实", "构建园区党建矩阵", "近年来，某区坚持党建引领，推动园区高质量发展。"]


# --- repeats ----------------------------------------------------------------------

def test_normalize_repeated_lead_kept_once():
    _, norm = sample("000")
    lead = "汕头高新区锚定“党建强、发展强”奋斗目标，构建三级网格化组织体系"
    assert norm.text.count(lead) == 1
    assert "近年来，" + lead in norm.text


def test_normalize_verbatim_repeated_paragraph_kept_once():
    para = "某区坚持党建引领,推动园区企业高质量发展,成效显著。"
    norm = normalize(f"标题\n\n{para}\n\n中间一段文字,讲述其他工作。\n\n{para}\n\n结尾。")
    assert norm.text == cjk(f"标题\n{para}\n中间一段文字,讲述其他工作。\n结尾。")


# --- script -----------------------------------------------------------------------

@pytest.mark.parametrize("prefix, script", [
    ("000", "simplified"), ("001", "simplified"), ("002", "simplified"),
    ("003", "traditional"), ("004", "simplified"),
])
def test_normalize_detects_script(prefix, script):
    assert sample(prefix)[1].script == script


def test_normalize_mixed_script():
    trad = "\n".join(sample("003")[0].split("\n")[1:4])
    simp = "\n\n".join(sample("000")[0].split("\n\n")[6:9])
    assert normalize(trad + "\n\n" + simp).script == "mixed"


def test_normalize_converts_traditional_to_simplified():
    _, norm = sample("003")
    assert norm.text.split("\n")[0] == "高质量的党建，领航高品质的发展。"
    assert "深圳国际创新中心位于福田区深南大道1006号" in norm.text
    assert not set("黨樓區國創與發") & set(norm.text)


# --- folding, spaces, boilerplate -------------------------------------------------

def test_normalize_folds_full_width_digits_letters_and_percent():
    norm = normalize("党员１２５名，覆盖率９７．７％（全区）ＡＰＰ：“红色”。")
    assert norm.text == "党员125名，覆盖率97.7%(全区)APP：“红色”。"


def test_normalize_collapses_spaces_and_strips_indentation():
    norm = normalize("\u3000\u3000第一段\u3000\u3000内容  很多   空格。\t\r\n\n\n  第二段。 \n")
    assert norm.text == "第一段 内容 很多 空格。\n第二段。"


def test_normalize_removes_zero_width_characters():
    norm = normalize("党\u200b建\ufeff引领。")
    assert norm.text == "党建引领。"
    assert norm.offsets == [0, 2, 4, 5, 6]


def test_normalize_drops_boilerplate_lines():
    _, norm = sample("002")
    for junk in ("附件下载", "相关链接", "相关文章", "扫一扫在手机上查看当前页面"):
        assert junk not in norm.text
    assert norm.text.split("\n")[-1].startswith("党旗引领风帆劲")
    _, norm = sample("003")
    assert "请输入验证码" not in norm.text
    assert norm.text.split("\n")[-1] == "五组 杜吉旭"


def test_normalize_cuts_boilerplate_fragments():
    norm = normalize("某区党建\n\n发布时间：2023-07-10 【字体：大 中 小】 【打印】\n\n正文。\n\n责任编辑：某某\n\n打印本页 关闭窗口")
    assert norm.text == "某区党建\n发布时间：2023-07-10\n正文。"


# --- captions ---------------------------------------------------------------------

def captions_of(norm) -> list[str]:
    return [norm.text[s:e] for s, e in norm.captions]


def test_normalize_marks_captions_and_moves_them_out_of_split_paragraphs():
    _, norm = sample("000")
    caption = "在汕头高新区楼宇党建工作指导站，党员干部开展学习交流。"
    assert captions_of(norm) == [caption]
    lines = norm.text.split("\n")
    i = lines.index(caption)
    assert "通过单独组建" in lines[i - 1]


def test_normalize_captions_of_samples():
    assert captions_of(sample("001")[1]) == ["湛江新奥燃气有限公司党委组织开展义务种树活动。",
                                             "湛江经开区万达广场打造党建文化长廊。"]
    assert captions_of(sample("004")[1]) == [
        "2024年4月16日，清远高新区“两新”组织党委专职副书记曾晓明到广东世腾智能科技有限公司党支部调研党建工作。",
        "新安天玉党支部党员在各自岗位勇挑重担，攻坚克难，自主研发的信息化控制系统实现从订单到交付全过程可视化。",
        "容大生物生产车间",
        "聚石化学",
    ]
    assert sample("002")[1].captions == []
    assert sample("003")[1].captions == []


# --- offsets ----------------------------------------------------------------------

@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_normalize_offsets_point_at_the_same_characters(prefix):
    original, norm = sample(prefix)
    assert len(norm.offsets) == len(norm.text)
    for i, ch in enumerate(norm.text):
        if ch != "\n":
            src = original[norm.offsets[i]]
            assert ch in (src, src.translate(_CJK_PUNCT)), i


def test_normalize_offsets_of_traditional_text_point_at_the_source_characters():
    import opencc

    original, norm = sample("003")
    cc = opencc.OpenCC("t2s")
    pairs = [(original[o], ch) for o, ch in zip(norm.offsets, norm.text) if ch != "\n"]
    punct = _CJK_PUNCT
    assert all(cc.convert(src) == ch or src == ch or src.translate(punct) == ch for src, ch in pairs[:500])
    same = sum(cc.convert(src) == ch or src.translate(punct) == ch for src, ch in pairs)
    assert same == len(pairs)


def test_normalize_offsets_of_folded_characters():
    original = "\u3000\u3000党员１２５名（全区）"
    norm = normalize(original)
    assert norm.text == "党员125名(全区)"
    assert [original[o] for o in norm.offsets] == list("党员１２５名（全区）")


def test_normalize_offsets_survive_a_length_changing_conversion(monkeypatch):
    class Expanding:                     # stands in for an OpenCC phrase that changes length
        def convert(self, text: str) -> str:
            return text.replace("甲", "乙丙")

    monkeypatch.setattr(normalize_module, "_converter", lambda: Expanding())
    monkeypatch.setattr(normalize_module, "_has_traditional", lambda text, flags=None: True)
    original = "标题\n\n这是甲的段落。"
    norm = normalize(original)
    assert norm.text == "标题\n这是乙丙的段落。"
    assert [original[o] for o in norm.offsets] == list("标题\n这是甲甲的段落。")


def test_normalize_simplified_text_skips_opencc(monkeypatch):
    class Failing:
        def convert(self, text: str) -> str:
            raise AssertionError("OpenCC called on simplified text")

    original, _ = sample("000")
    assert not normalize_module._has_traditional(original)
    assert normalize_module._has_traditional("某区黨建")
    monkeypatch.setattr(normalize_module, "_converter", lambda: Failing())
    assert normalize(original).text == sample("000")[1].text


def test_normalize_empty_text():
    norm = normalize(" \n\n\u3000")
    assert (norm.text, norm.offsets, norm.captions) == ("", [], [])


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n", "\x0c"])
def test_normalize_line_endings(newline):
    original = newline.join(["标题", "", "第一段。", "", "第二段。", ""])
    norm = normalize(original)
    assert norm.text == "标题\n第一段。\n第二段。"
    assert [original[o] for o, ch in zip(norm.offsets, norm.text) if ch != "\n"] == list("标题第一段。第二段。")


_ALPHABET = list("党建引领发展黨國區樓宇，,。、“”：（）()１２Ａａ％ 　\t\n\n\n\u200b▶■附件下载相关链接12ab")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=80).map("".join))
def test_normalize_offsets_invariants(original):
    import opencc

    norm = normalize(original)
    assert len(norm.offsets) == len(norm.text)
    assert "\n\n" not in norm.text and norm.text == norm.text.strip()
    cc = opencc.OpenCC("t2s")
    for i, ch in enumerate(norm.text):
        src = original[norm.offsets[i]]
        if ch not in "\n ":
            assert ch == src or ch == cc.convert(src) or ch == src.translate(_CJK_PUNCT) or ch == normalize_module._FOLD_RE.sub(
                lambda m: chr(normalize_module._FOLD[ord(m.group())]), src), (i, ch, src)
    for start, end in norm.captions:
        assert 0 <= start < end <= len(norm.text)


def test_normalize_cutting_a_fragment_leaves_one_space():
    original = "标题\n\n发布时间：2023-07-10 【打印】 【关闭】  来源：某报\n\n正文。"
    norm = normalize(original)
    assert norm.text == "标题\n发布时间：2023-07-10 来源：某报\n正文。"
    assert "".join(original[o] for o in norm.offsets) == "标题\n发布时间：2023-07-10 来源：某报\n正文。"


def test_normalize_offsets_beyond_the_int_cache(monkeypatch):
    monkeypatch.setattr(normalize_module, "INT_CACHE_MAX", 8)
    monkeypatch.setattr(normalize_module, "_ints", [])
    original = "标题\n\n　　第一段内容很长很长。"
    norm = normalize(original)
    assert norm.text == "标题\n第一段内容很长很长。"
    assert norm.offsets == [0, 1, 2, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]


@pytest.mark.parametrize("heading, body", [
    ("一是坚持党建引领,推动非公企业党组织全面覆盖", "近年来,某区坚持党建引领。"),
    ("(一)坚持党建引领,推动非公企业党组织全面覆盖", "近年来,某区坚持党建引领。"),
    ("某区坚持党建引领,推动非公企业党组织全面覆盖和有效运行", "二是强化服务,某区坚持党建引领。"),
])
def test_normalize_enumerated_items_are_not_joined(heading, body):
    assert normalize(f"标题\n\n{heading}\n\n{body}").text == cjk(f"标题\n{heading}\n{body}")


def test_normalize_corner_quotes_become_mainland_quotes():
    norm = normalize("西安高新區「樓宇黨建綜合體」與『紅色家園』")
    assert norm.text == "西安高新区“楼宇党建综合体”与‘红色家园’"


# --- the numpy pre-checks and folding: the same as the regex they replace ----------

_FOLD_ALPHABET = sorted({chr(c) for c in normalize_module._FOLD} | set("党黨建\n\r ,，a1\U00020000"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_FOLD_ALPHABET), max_size=60).map("".join))
def test_normalize_fold_equals_the_fold_regex(text):
    fold = normalize_module._FOLD if "\n" in text or "\r" not in text else {**normalize_module._FOLD, 0x0D: 0x0A}
    expected = normalize_module._FOLD_RE.sub(lambda m: chr(fold[ord(m.group())]), text)
    assert normalize_module._fold(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("党员１２５名（全区）", "党员125名(全区)"),
    ("标题\r第一段\r", "标题\n第一段\n"),           # CR-only line ends are newlines
    ("标题\r\n第一段", "标题 \n第一段"),             # a CR before LF is a space
    ("「党建」\u3000引领", "“党建” 引领"),
    ("没有可折叠的字符", "没有可折叠的字符"),
    ("阿卜杜‧热合曼、阿卜杜・热合曼", "阿卜杜·热合曼、阿卜杜·热合曼"),   # middle dots of transliterated names
])
def test_normalize_fold_cases(text, expected):
    assert normalize_module._fold(text) == expected


def test_normalize_has_traditional_from_precomputed_flags():
    codes, flags = normalize_module._code_flags("某区黨建（１）")
    assert normalize_module._has_traditional("某区黨建（１）", flags)
    assert not normalize_module._has_traditional("某区党建（１）", normalize_module._code_flags("某区党建（１）")[1])
    assert not normalize_module._has_traditional("")
    assert list(codes) == [ord(c) for c in "某区黨建（１）"]


def test_normalize_long_lead_repeated_verbatim_kept_once():
    lead = "近年来,某区坚持把党建引领贯穿园区发展全过程,聚焦商务楼宇和产业链两大阵地,推动党的组织和工作从有形覆盖走向有效覆盖。"
    norm = normalize(f"标题\n\n{lead}\n\n党旗映园区,实干启新程。\n\n{lead}\n\n正文第一段。")
    assert norm.text == cjk(f"标题\n{lead}\n党旗映园区,实干启新程。\n正文第一段。")
