"""The fast helpers of nlp/practice_text.py, nlp/practice_finder.py and
nlp/components/practices.py against the plain forms they replace: each must
give exactly what the plain form gives, on random strings over the characters
that matter."""
from __future__ import annotations

import random
import re

import pytest

from nlp.components.practices import _clean_name, _Subjects
from nlp.practice_category import _cue_index
from nlp.practice_finder import PracticeFinder
from nlp.practice_lexicon import load_lexicon
from nlp.practice_text import (CLAUSE_END_RE, INNER_QUOTE_RE, QUOTE_RE, SPLIT_RE, Intervals, TextIndex, alternation,
                               each_start, find_quotes, overlap_free, part_tuple, prefix_free, quote_content,
                               structural, verb_table)


@pytest.fixture(scope="module")
def finder() -> PracticeFinder:
    return PracticeFinder(load_lexicon())


def _strings(rnd: random.Random, pieces: list[str], n: int, longest: int = 12):
    for _ in range(n):
        yield "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, longest)))


def _flat(words) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@pytest.mark.parametrize("words", [
    ["ab", "abc", "bcd", "c", "cde", "b", "bc"],
    ["aa", "aaa", "a"],
    list(load_lexicon().verbs),
    list(load_lexicon().kinds),
    list(_cue_index()[1]),
])
def test_practice_text_alternation_trie_matches_longest_first(words):
    trie, plain = alternation(words), _flat(words)
    rnd = random.Random(7)
    pieces = sorted(set("".join(words))) + ["x"] + words + [w[:2] for w in words] + [w[1:] for w in words]
    for text in _strings(rnd, pieces, 1500):
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)], text
        assert [m.span() for m in each_start(trie, text)] == [m.span() for m in each_start(plain, text)], text


def test_practice_text_verb_index_matches_naive_with_overlapping_verbs(finder):
    verbs = ("建立起", "构建起", "构建", "建立", "建构", "搭建", "落实", "实施", "实行")
    table = verb_table(verbs, verbs[:4])
    rnd = random.Random(3)
    pieces = list("构建立起搭落实施行的") + list(verbs)
    for text in _strings(rnd, pieces, 2000):
        ix = TextIndex(text, alternation(verbs), table)
        naive = {i + len(v) for v in verbs for i in range(len(text)) if text.startswith(v, i)}
        quote = {i + len(v) for v in verbs[:4] for i in range(len(text)) if text.startswith(v, i)}
        assert (ix.ends, ix.quote_ends, ix.end_list) == (naive, quote, sorted(naive)), text


def _plain_quotes(text: str) -> list[tuple[str, int, int, bool]]:
    found = [(m.group(1), m.start(), m.end()) for m in QUOTE_RE.finditer(text)]
    found += [(m.group(1), m.start(), m.end()) for m in INNER_QUOTE_RE.finditer(text)]
    return sorted(((*quote_content(raw), s, e) for raw, s, e in found), key=lambda q: q[2])


def test_practice_text_find_quotes_matches_the_two_patterns():
    rnd = random.Random(5)
    pieces = list("“”「」‘’『』甲乙，。\n") + ["如何", "党建"]
    for text in _strings(rnd, pieces, 3000, 30):
        assert [(q.content, q.speech, q.start, q.end) for q in find_quotes(text)] == _plain_quotes(text), text


def test_practice_text_intervals_ordered_matches_sorted():
    rnd = random.Random(11)
    for _ in range(500):
        spans = sorted((s, s + rnd.randint(1, 6)) for s in rnd.sample(range(40), rnd.randint(0, 8)))
        a, b = Intervals(spans, ordered=True), Intervals(list(reversed(spans)))
        assert (a.starts, a.ends) == (b.starts, b.ends)
        assert all(a.covers(p) == any(s < p < e for s, e in spans) for p in range(48)), spans


def test_practice_text_overlap_free():
    assert overlap_free(["机制", "体系"], ["三会一课", "主题党日"])
    assert not overlap_free(["行动"], ["推行"])          # 推行动
    assert not overlap_free(["党日"], ["主题党日"])        # one holds the other


def test_practice_finder_unquoted_scan_matches_two_scans(finder):
    assert finder._index_others         # the lexicons' words allow one scan with the verbs
    rnd = random.Random(13)
    words = [k.word for k in finder.unquoted_kinds] + list(finder.lex.programmes) + list(finder.lex.verbs)
    pieces = words + [w[:1] for w in words] + [w[1:] for w in words] + list("的、，")
    for text in _strings(rnd, pieces, 1500):
        kinds, programmes = finder.unquoted_scan(text)
        assert [(s, e) for s, e, _ in kinds] == [m.span() for m in finder.unquoted_re.finditer(text)], text
        assert [(s, e) for s, e, _ in programmes] == [m.span() for m in finder.programme_re.finditer(text)], text
        verbs_only = TextIndex(text, finder.verb_re, finder.verb_table)
        assert (finder.ix.ends, finder.ix.quote_ends) == (verbs_only.ends, verbs_only.quote_ends), text


def test_practice_text_index_finds_other_words_with_the_verbs():
    verbs, others = ("推行", "实行", "构建", "建立"), ("行动", "架构", "机制", "体系")
    assert prefix_free(verbs, others) and not prefix_free(verbs, ["建立健全"])
    index_re = alternation([*verbs, *others])
    table = verb_table(verbs, verbs, others)
    plain = _flat(others)
    rnd = random.Random(31)
    for text in _strings(rnd, list("推行动实构建立架机制体系") + list(verbs + others), 2000):
        ix = TextIndex(text, index_re, table)
        assert ix.others == [(m.start(), m.end(), m.group()) for m in plain.finditer(text)], text
        assert ix.ends == {i + len(v) for v in verbs for i in range(len(text)) if text.startswith(v, i)}, text


def test_practice_finder_content_facts_match_plain_checks(finder):
    lex = finder.lex
    rnd = random.Random(17)
    pieces = list(lex.stop_suffix) + list(lex.stop_exact)[:20] + list("一三五+、—甲乙22项") + ["工程", "党建"]
    for content in _strings(rnd, pieces, 2000, 5):
        if not content:
            continue
        assert finder.stop_suffix(content) == content.endswith(lex.stop_suffix), content
        assert finder.content(content).count == bool(re.match(r"[0-9一二三四五六七八九十两百千万双几多若干]+"
                                                               r"[个名家座项条支批位次场件种台户人元]", content))


def _plain_structural(content: str) -> bool:
    from nlp.practice_text import ONE_PAIR_RE, ONE_QUOTED_RE, PAIRS_RE
    parts = [p for p in SPLIT_RE.split(content) if p]
    if len(parts) >= 2 and not content.endswith(("+", "＋")):
        return "+" in content or "＋" in content
    if PAIRS_RE.match(content) or ONE_QUOTED_RE.match(content):
        return True
    parts = content.split("、")
    return len(parts) >= 2 and all("一" in p and len(p) <= 6 for p in parts) and \
        any(ONE_PAIR_RE.match(p) for p in parts)


def _plain_parts(name: str) -> tuple[str, ...]:
    parts = [p for p in SPLIT_RE.split(name) if p]
    if len(parts) < 2:
        parts = [p for p in name.split("、") if p]
    return tuple(parts) if len(parts) >= 2 else ()


def test_practice_text_structural_and_parts_match_plain_forms():
    rnd = random.Random(19)
    for content in _strings(rnd, list("一二三五区室楼支部、+＋—-甲"), 4000, 10):
        if content:
            assert structural.__wrapped__(content) == _plain_structural(content), content
        assert part_tuple.__wrapped__(content) == _plain_parts(content), content


def test_practices_clean_name_matches_translate():
    table = str.maketrans("", "", " \u3000\t\r\n“”「」")
    rnd = random.Random(23)
    for name in _strings(rnd, list(" \u3000\t\r\n“”「」甲乙"), 2000):
        assert _clean_name.__wrapped__(name) == name.translate(table), name


def test_practices_sentence_start_matches_search_back():
    rnd = random.Random(29)
    for text in _strings(rnd, list("甲乙。，；\n！?：") + ["甲" * 120], 300, 14):
        rev = text[::-1]
        subjects = _Subjects({}, text, rev)
        for start in range(0, len(text) + 1, 3):
            m = CLAUSE_END_RE.search(rev, len(text) - start)
            clause_start = len(text) - m.start() if m else 0
            lo = max(0, start - 300)
            plain = max(text.rfind(mark, lo, start) for mark in "。！？!?\n") + 1
            assert subjects.sentence_start(start, clause_start) == plain, (text, start)



def _chains(text, quotes):
    """Runs of quotes, the plain way: “A”“B”, “A”和“B”, “A”、X党委“B”."""
    from nlp.practice_text import CHAIN_GAP_MAX, CHAIN_GAP_RE

    chains, last, prev_end = [], [], -CHAIN_GAP_MAX - 1
    for q in quotes:
        if q.speech:
            continue
        if prev_end <= q.start <= prev_end + CHAIN_GAP_MAX:
            gap = text[prev_end:q.start]
            if gap == "" or (gap[0] in "、和与及以" and "\n" not in gap and CHAIN_GAP_RE.fullmatch(gap)):
                last.append(q)
                prev_end = q.end
                continue
        last = [q]
        chains.append(last)
        prev_end = q.end
    return chains


def test_practice_finder_find_groups_quotes_as_chains(finder):
    """find() groups the runs of quotes inline; its quoted mentions are those of
    the plain grouping `_chains` (on texts without numbered names, structures
    or slogans, which the later steps change)."""
    rnd = random.Random(37)
    pieces = ["“微党课”", "“微电影”", "“南粤春暖”", "“党员培优工程”", "“一楼一支部”", "和", "以及", "等", "活动",
              "，", "推出", "开展", "机制", "\n", "“他说：好”", "甲"]
    for text in _strings(rnd, pieces, 800, 10):
        quotes = finder.index(text).quotes
        runs = []
        for chain in _chains(text, quotes):
            runs += finder._single_quote(text, chain[0]) if len(chain) == 1 else finder.quote_mentions(text, chain)
        found = [m for m in finder.find(text) if m.quoted]
        assert [(m.name, m.start, m.end, m.kind, m.aliases) for m in found] == \
            sorted(((m.name, m.start, m.end, m.kind, m.aliases) for m in runs if m.quoted), key=lambda m: m[1]), text
