"""kb.query: query text is text, snippets point into the stored text."""
from __future__ import annotations

import pytest

from kb.query import bigram_tokens, build_snippets, normalize_query, parse_query, sentence_at


def test_query_normalize_folds_width_script_case_and_controls():
    assert normalize_query("ＡＢＣ黨建\x00服務") == "abc党建 服务"
    assert normalize_query(None) == ""


@pytest.mark.parametrize("q, clauses", [
    ('NEAR(楼宇 "党建")', ["near", "楼宇", "党建"]),
    ("a:b AND -c^2~", ["a", "b", "and", "c", "2"]),
    ("*)[", []),
    ("党建 党建", ["党建"]),
])
def test_query_parse_splits_on_operators(q, clauses):
    assert [c.text for c in parse_query(q).clauses] == clauses


def test_query_parse_bounds_long_queries():
    pq = parse_query(" ".join(f"词{i}" for i in range(500)))
    assert len(pq.clauses) == 16


def test_query_bigram_tokens():
    assert bigram_tokens("5G基站建设，党") == ["5g", "基站", "站建", "建设", "党"]


def test_query_snippet_offsets_and_highlights():
    text = "前言。" * 40 + "某园区推进楼宇党建工作。" + "后记。" * 40
    snippets = build_snippets(text, parse_query("楼宇 党建"), size=30)
    first = snippets[0]
    assert text[first.start:first.start + len(first.text)] == first.text
    assert [text[s:e] for s, e in first.highlights] == ["楼宇党建"]
    assert build_snippets(text, parse_query("没有"), size=10)[0].highlights == []


def test_query_sentence_at():
    text = "第一句。截至目前，累计转入流动党员125名，覆盖率达97.7%。最后一句"
    s = text.index("累计")
    assert sentence_at(text, s, s + 12) == "截至目前，累计转入流动党员125名，覆盖率达97.7%。"
    assert sentence_at(text, len(text) - 2, len(text)) == "最后一句"


def test_query_segment_terms_hold_every_dictionary_word_inside_longer_words():
    from kb.query import segment_terms

    terms = segment_terms("建成党群服务中心，5G基站")
    assert {"党群服务中心", "服务中心", "服务", "中心", "5g", "基站"} <= set(terms)
    assert "，" not in terms


@pytest.mark.parametrize("q, words", [
    ("党群 服务中心", ["", "服务中心"]),          # two-character words are one bigram already
    ("党组织 覆盖", ["党组织", ""]),
    ("黨組織", ["党组织"]),
    ("高质量发展", [""]),                        # two words: a bigram phrase keeps them in a row
    ("5g基站", [""]),
])
def test_query_clause_word_only_for_dictionary_words(q, words):
    assert [c.word for c in parse_query(q).clauses] == words
