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

CATEGORIES = ("organization", "industry", "service", "governance", "talent", "education", "platform", "brand")
DEFAULT = "organization"
HINT_WEIGHT = 10        # a kind with a category hint (品牌 → brand) decides


@lru_cache(maxsize=1)
def _cue_index() -> tuple["re.Pattern[str]", dict[str, tuple[str, ...]], tuple[str, ...]]:
    """One pattern over all cue words, each cue's categories, the categories in file order."""
    cats: dict[str, tuple[str, ...]] = {}
    for category, words in load_cues():
        for w in words:
            cats[w] = cats.get(w, ()) + (category,)
    pattern = re.compile("(?=(" + "|".join(re.escape(w) for w in sorted(cats, key=len, reverse=True)) + "))")
    return pattern, cats, tuple(dict.fromkeys(category for category, _ in load_cues()))


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
    scores = dict.fromkeys(CATEGORIES, 0)
    for text, weight in ((name, 3), (clause, 1)):
        for cue in set(pattern.findall(text)):
            for category in cats[cue]:
                scores[category] += weight
    if hint in scores:
        scores[hint] += HINT_WEIGHT
    best = max(order, key=lambda c: scores[c]) if order else DEFAULT   # max keeps the first of a tie
    return best if scores.get(best, 0) > 0 else DEFAULT
