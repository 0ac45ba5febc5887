"""Park helpers that replace slower equivalents (in nlp/park_names.py and
nlp/park_scan.py, reached through nlp/components/parks.py): each is
checked against the straightforward form it stands for."""
from __future__ import annotations

import random
import re

import pytest

from nlp.components import parks
from nlp.entities import subsequence
from nlp.wordtrie import longest_first


def test_parks_suffix_pattern_finds_the_longest_suffix():
    lex = parks._lexicon()
    text = "南宁高新技术产业开发区和经济开发区、软件园三期，青梧科技园区"
    assert [(m.start(), m.end(), m.group()) for m in lex["pattern"].finditer(text)] == [
        (2, 11, "高新技术产业开发区"), (12, 17, "经济开发区"), (18, 21, "软件园"), (26, 30, "科技园区")]


def test_parks_longest_first_trie_is_the_sorted_alternation():
    words = list(parks._lexicon()["suffixes"])
    trie = re.compile(longest_first(words))
    alternation = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    pieces = words + ["区", "园", "新", "开", "高", "技", "CB", "D", "南宁", "的"]
    rnd = random.Random(7)
    for _ in range(2000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 12)))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in alternation.finditer(text)], text
    assert longest_first(["开发区", "经济开发区", "区", "园区", "园"]) == "(?:区|园区?|开发区|经济开发区)"


@pytest.mark.parametrize("text,spans", [
    ("某某区", [(0, 3)]),
    ("甲乙丙丁戊区", [(1, 6)]),
    ("区区", [(0, 2)]),
    ("在甲区区委", [(0, 4)]),
    ("（乙区）丙区", [(1, 3), (4, 6)]),
    ("没有", []),
])
def test_parks_district_matches(text, spans):
    assert [m.span() for m in parks._district_matches(text)] == spans


def test_parks_district_matches_are_the_pattern_matches():
    pattern = re.compile(r"[\u4e00-\u9fff]{1,4}区")
    rnd = random.Random(3)
    for _ in range(20000):
        text = "".join(rnd.choice("区区甲乙丙，a1（") for _ in range(rnd.randrange(0, 16)))
        assert [m.span() for m in parks._district_matches(text)] == [m.span() for m in pattern.finditer(text)], text


def test_parks_abbreviations():
    assert parks._abbreviations("青梧科技创新中心（青创中心）与青梧中心", "青梧科技创新中心") == ["青创中心", "青梧中心"]
    assert parks._abbreviations("青梧科技创新中心", "青梧科技创新中心") == []


def test_parks_abbreviations_are_the_pattern_matches():
    def by_pattern(text, core):
        pat = re.escape(core[0]) + r"[\u4e00-\u9fff]{1,3}" + re.escape(core[-2:])
        return [m.group() for m in re.finditer(pat, text)
                if len(m.group()) < len(core) and subsequence(m.group(), core)]

    rnd = random.Random(5)
    for _ in range(20000):
        core = "".join(rnd.choice("青梧创新中心") for _ in range(rnd.randrange(5, 8)))
        text = "".join(rnd.choice("青梧创新中心a，") for _ in range(rnd.randrange(0, 20)))
        assert parks._abbreviations(text, core) == by_pattern(text, core), (text, core)


def test_parks_bare_spans_skip_taken_classes_and_longer_words():
    text = "国家高新区是一类，该高新区党工委，首批高新区，高新区区域"
    assert parks._bare_spans(text, "高新区", [(9, 12)]) == []
    assert parks._bare_spans("该高新区与本高新区", "高新区", []) == [[1, 4], [6, 9]]


def test_parks_best_name_ties_by_code_point():
    assert parks._best_name({"南宁经开区", "南宁经济开发区", "广西南宁经济开发区"}) == "南宁经济开发区"
    assert parks._best_name({"乙甲开发区", "甲乙开发区"}) == "乙甲开发区"


def test_parks_two_generic_prefixes():
    generic = parks._lexicon()["generic"]
    assert parks._two_generic("全国国家级", generic, parks._generic_lengths())
    assert not parks._two_generic("国家级青梧", generic, parks._generic_lengths())


@pytest.mark.parametrize("text", ["青梧高新区甲乙软件园", "高新技术产业开发区甲乙软件园", "南宁新区甲乙开发区", "经济开发区园区"])
def test_parks_inner_park_from_the_document_matches(text):
    lex = parks._lexicon()
    bounds = [m.span() for m in lex["pattern"].finditer(text)]
    starts = [s for s, _e in bounds]
    for j in range(len(bounds)):
        for start in range(bounds[j][0] + 1):
            assert parks._after_inner_park_in(text, start, j, bounds, starts, lex) == \
                parks._after_inner_park(text, start, bounds[j][0], lex), (text, start, j)
