"""nlp/wordtrie.py: one regex for a word list, the longest word at each place."""
import re

from nlp.wordtrie import longest_first, longest_first_re


def test_wordtrie_pattern_is_a_trie_of_the_words():
    assert longest_first(["开发区", "经济开发区", "区", "园区", "园"]) == "(?:区|园区?|开发区|经济开发区)"
    assert longest_first(["党委", "党总支", "党支部"]) == "党(?:委|总支|支部)"


def test_wordtrie_finds_what_the_longest_first_alternation_finds():
    words = ["党支部", "联合党支部", "党委", "党工委", "工委", "支部"]
    plain = re.compile("|".join(sorted(words, key=len, reverse=True)))
    text = "园区联合党支部和党工委、机关党委，支部书记，工委委员"
    assert [m.span() for m in longest_first_re(words).finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.group() for m in longest_first_re(words).finditer(text)] == [
        "联合党支部", "党工委", "党委", "支部", "工委"]


def test_wordtrie_empty_list_matches_nothing():
    assert longest_first_re([]).search("任何文本") is None
    assert longest_first_re([]).search("") is None
