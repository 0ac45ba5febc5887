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
def _lexicon_hints() -> tuple[dict[str, str], dict[str, int]]:
    """The category of each programme that has one, and of each kind word with a
    category hint its position in `_cue_index`'s order (once, not per call)."""
    lex = load_lexicon()
    order = _cue_index()[2]
    programme = {name: category for name, category in lex.programmes.items() if category}
    hints = {word: order.index(k.category) for word, k in lex.kinds.items() if k.category in order}
    return programme, hints


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
    pattern, cats, order = _cue_index()
    programme, hints = _lexicon_hints()
    if name in programme:
        return programme[name]
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
    hint = hints.get(kind)
    if hint is not None:
        scores[hint] += HINT_WEIGHT
    best = max(scores)
    return order[scores.index(best)] if best > 0 else DEFAULT     # a tie: the first in file order
