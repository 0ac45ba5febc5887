"""The fast forms of the organizations/people scans give what the plain
regex or loop they replace gives (random strings over the characters that
matter, fixed seeds)."""
import random
import re

from nlp.components.org_rules import (FORMULA_QUOTE, _LIST_ITEMS, _alone_count, _lexicon, _list_ends, _list_items_start,
                                     _nesting, formula_spans, mentions)
from nlp.components.org_rules import _tail_forms, _tail_match_pairs
from nlp.components.people import _NAME_PAREN, _name_parens
from nlp.entities import find_mentions
from nlp.wordtrie import longest_first


def _strings(rnd: random.Random, alphabet: str, most: int, count: int):
    for _ in range(count):
        yield "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, most)))


def test_org_rules_mentions_match_find_mentions():
    rnd = random.Random(1)
    for text in _strings(rnd, "AB党委C", 30, 3000):
        names = list(_strings(rnd, "AB党委C", 4, rnd.randint(0, 4)))
        assert mentions(text, names) == find_mentions(text, names), (text, names)
    assert mentions("云杉公司和云杉", ["云杉", "云杉公司"]) == [[0, 4], [5, 7]]


def test_org_rules_alone_count_skips_longer_mentions():
    text = "云杉公司党委组织云杉员工，云杉党委"
    assert _alone_count(text, "云杉", ["云杉公司"]) == 2
    assert _alone_count(text, "云杉", ["云杉公司"], forbid_next="党") == 1
    assert _alone_count(text, "青禾", ["云杉公司"]) == 0


def test_org_rules_trie_matches_longest_first_alternation():
    words = sorted(_lexicon()["suffixes"], key=len, reverse=True)
    plain = re.compile("|".join(re.escape(w) for w in words))
    trie = re.compile(longest_first(words))
    rnd = random.Random(2)
    chars = sorted(set("".join(words))) + ["x"]
    for _ in range(3000):
        text = "".join(rnd.choice([rnd.choice(chars), rnd.choice(words), rnd.choice(words)[:2]])
                       for _ in range(rnd.randint(0, 10)))
        assert [(m.start(), m.group()) for m in trie.finditer(text)] == \
            [(m.start(), m.group()) for m in plain.finditer(text)], text


def test_organizations_list_ends_match_lookbehind_regex():
    plain = re.compile(r"(?<=[\u4e00-\u9fff])(等|(?=[0-9]+家))")
    rnd = random.Random(3)
    for text in _strings(rnd, "等家12a中、·\n", 14, 5000):
        assert _list_ends(text) == [(m.start(), m.end()) for m in plain.finditer(text)], text


def test_organizations_list_items_start_matches_regex_search():
    rnd = random.Random(4)
    for alphabet in ("中、·a", "中中中中、·", "中·、\n"):
        for body in _strings(rnd, alphabet, 30, 3000):
            text = body + "中"
            lo = rnd.randint(0, len(text) - 1)
            m = _LIST_ITEMS.search(text, lo, len(text))
            assert _list_items_start(text, lo, len(text)) == (m.start() if m else -1), (text, lo)


def test_organizations_nesting_finds_longer_covering_span():
    rnd = random.Random(5)
    for _ in range(2000):
        spans = [(s, s + rnd.randint(1, 4)) for s in (rnd.randint(0, 8) for _ in range(rnd.randint(1, 6)))]
        nested = _nesting(spans)
        for s, e in spans:
            naive = any(a <= s and e <= b and b - a > e - s for a, b in spans)
            assert nested(s, e) == naive, (spans, s, e)


def test_people_name_parens_match_finditer():
    rnd = random.Random(6)
    for alphabet in ("中(（)）a", "中中中(a)", "中中(中中)）（a"):
        for text in _strings(rnd, alphabet, 40, 3000):
            assert [(m.span(), m.groups()) for m in _name_parens(text)] == \
                [(m.span(), m.groups()) for m in _NAME_PAREN.finditer(text)], text


def test_org_rules_formula_spans_match_finditer():
    rnd = random.Random(6)
    for most, alphabet in ((120, "“”「」『』+＋中中中中\n"), (200, "“”+中中中中中中中中中中中中"), (60, "“”+\n中")):
        for text in _strings(rnd, alphabet, most, 3000):
            assert formula_spans(text) == [m.span() for m in FORMULA_QUOTE.finditer(text)], text
    assert formula_spans("“行业党委+站点党支部”和“楼宇党委”") == [(0, 12)]


def _plain_tail_match_pairs(a, b):
    for x in a:
        for y in b:
            for short, long_ in ((x, y), (y, x)):
                if len(long_) <= len(short):
                    continue
                longs = (long_, long_.replace("联合党", "党"))
                if any(len(f) >= 4 and lg.endswith(f) and len(lg) > len(f) for f in _tail_forms(short) for lg in longs):
                    return True
    return False


def test_org_rules_tail_match_pairs_match_plain_loops():
    rnd = random.Random(8)
    parts = ["联合", "党", "委", "园区", "商会", "X", "大厦"]

    def names():
        return {"".join(rnd.choice(parts) for _ in range(rnd.randint(0, 6))) for _ in range(rnd.randint(0, 3))}
    for _ in range(20000):
        a, b = names(), names()
        assert _tail_match_pairs(a, b) == _plain_tail_match_pairs(a, b), (a, b)
    assert _tail_match_pairs({"园区综合党委"}, {"某区X园区综合党委"}) is True
