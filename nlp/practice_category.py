"""Category of a practice (organization, industry, service, governance, talent,
education, platform, brand) from cue words in nlp/data/practice_category.txt.

A cue in the name counts 3, in the clause 1; the kind word's category hint
(practice_kinds.txt) decides;
the highest total wins, ties go to the category listed first in the data file.
"""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.practice_lexicon import PracticeLexiconError, data_lines, load_lexicon
from nlp.practice_text import alternation

CATEGORIES = ("organization", "industry", "service", "governance", "talent", "education", "platform", "brand")
DEFAULT = "organization"
HINT_WEIGHT = 10        # a kind with a category hint (品牌 → brand) decides


@lru_cache(maxsize=1)
def _cue_index() -> tuple["re.Pattern[str]", dict[str, tuple[int, ...]], tuple[str, ...]]:
    """One pattern over all cue words (longest first), the categories in file order,
    and each cue's categories as positions in that order."""
    order = tuple(dict.fromkeys(category for category, _ in load_cues()))
    cats: dict[str, tuple[int, ...]] = {}
    for category, words in load_cues():
        for w in words:
            cats[w] = cats.get(w, ()) + (order.index(category),)
    return alternation(cats), cats, order


@lru_cache(maxsize=1)
def load_cues() -> tuple[tuple[str, tuple[str, ...]], ...]:
    cues = []
    for number, line in data_lines("practice_category.txt"):
        parts = line.split()
        if parts[0] not in CATEGORIES:
            raise PracticeLexiconError(
                f"nlp/data/practice_category.txt:{number}: category must be one of {', '.join(CATEGORIES)}")
        cues.append((parts[0], tuple(parts[1:])))
    return tuple(cues)


@lru_cache(maxsize=8192)
def categorize(name: str, kind: str = "", clause: str = "") -> str:
    """The category of a practice named ``name`` (pure; cached)."""
    lex = load_lexicon()
    if name in lex.programmes and lex.programmes[name]:
        return lex.programmes[name]
    kinds = lex.kinds
    hint = kinds[kind].category if kind in kinds else ""
    pattern, cats, order = _cue_index()
    if not order:
        return DEFAULT
    search = pattern.search
    scores = [0] * len(order)
    for text, weight in ((name, 3), (clause, 1)):
        cues = set()                    # the longest cue at each position, each cue once
        m = search(text)
        while m:
            cues.add(m.group())
            m = search(text, m.start() + 1)
        for cue in cues:
            for i in cats[cue]:
                scores[i] += weight
    if hint in order:
        scores[order.index(hint)] += HINT_WEIGHT
    best = max(scores)
    return order[scores.index(best)] if best > 0 else DEFAULT     # a tie: the first in file order
