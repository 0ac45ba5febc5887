"""Regexes for word lists that find, at each place, the longest listed word.

The plain way is the alternation of the words sorted longest first; the
pattern here matches the same text but is written as a trie (开(?:发区)? …),
so at each start the regex engine tries one branch per character instead of
every word in turn. Every lexicon of suffixes, roles, kind words and verbs is
compiled through here.
"""
from __future__ import annotations

import re

NEVER = r"(?!x)x"          # the pattern of an empty list: matches nothing


def longest_first(words) -> str:
    """The pattern source for any of `words`, the longest at each place."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}                    # a word ends here
    return _branch(trie) if trie else NEVER


def longest_first_re(words) -> "re.Pattern[str]":
    return re.compile(longest_first(words))


def _branch(node: dict[str, dict]) -> str:
    """The pattern of a trie node; its children start with distinct characters,
    so at most one branch applies and the greedy ``?`` keeps the longest word."""
    alts = [re.escape(ch) + _branch(sub) for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    if "" not in node:
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    # a word ends here: a longer one first, then this one
    return alts[0] + "?" if len(alts) == 1 and len(alts[0]) == 1 else "(?:" + "|".join(alts) + ")?"
