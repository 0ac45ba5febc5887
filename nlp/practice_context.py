"""The words around a quote that make it a practice (a part of
nlp/practice_finder.py, rule 1): an action verb governing it (推行“X”, 召开一次“X”,
支部组织的“X”), a licence after it (把“X”设在…, “A、B”思路, 创建“X”党组织), a count of
the sites a verb set up (设立“X”5个), and the pairing formulas whose name opens
with a count (推行“一名党员带一个班组”).

`QuoteContext` is a part of `PracticeFinder`: it reads the finder's per-text
index `ix`, its lexicon `lex` and its licence patterns (`licence_re`,
`licence_firsts`, `licence_words`).
"""
from __future__ import annotations

import re

from nlp.practice_text import (COUNT_AFTER_RE, COUNT_GAP_LAST, COUNT_GAP_MAX, COUNT_GAP_RE, NAME_EDGE, NUM_CHARS,
                               object_between, part_tuple, relative_verb)

PAIR_MEASURES = "个名位家户条项支间"
# 一名党员带一个班组, 一个支部联系一家企业: one of a kind paired with one of another
PAIRING_RE = re.compile(rf"^一[{PAIR_MEASURES}][\u4e00-\u9fff]{{1,5}}一[{PAIR_MEASURES}][\u4e00-\u9fff]{{1,6}}$")


def pairing(content: str) -> bool:
    """A pairing formula: a quote opening with a count that pairs one of a kind with
    one of another (一名党员带一个班组); a count, yet a name."""
    return content[:1] == "一" and PAIRING_RE.match(content) is not None


def sited(text: str, end: int) -> bool:
    """A count of sites or sessions right after a quote, then a clause end (设立“X”5个，)."""
    nxt = text[end:end + 1]
    return bool(nxt) and (nxt.isdigit() or nxt in NUM_CHARS) and COUNT_AFTER_RE.match(text, end) is not None


class QuoteContext:
    """Rule 1's reading of the words around a quote, a part of `PracticeFinder`."""

    def governed(self, text: str, start: int) -> bool:
        """An action verb at most 2 characters before the quote, in the same clause,
        or before a count between (召开一次“X”, 开辟120平方米的“X”)."""
        quote_ends = self.ix.quote_ends
        if start in quote_ends:
            return True
        if text[start - 1:start] == "的" and relative_verb(text, start - 1, quote_ends, self.lex):
            return True                         # 支部组织的“X”, 园区开展的“X”
        for p in (start - 1, start - 2):
            if p < 0 or text[p] in NAME_EDGE:
                return self._counted(text, start)
            if p in quote_ends:
                return True
        return self._counted(text, start) or object_between(text, start, quote_ends)

    def _counted(self, text: str, start: int) -> bool:
        """A verb, then a count (一次, 120平方米的), then the quote at `start`."""
        if text[start - 1:start] not in COUNT_GAP_LAST:
            return False
        quote_ends = self.ix.quote_ends
        for p in range(start - 3, max(start - COUNT_GAP_MAX, 0) - 1, -1):
            if p in quote_ends and COUNT_GAP_RE.fullmatch(text, p, start):
                return True
        return False

    def set_up(self, text: str, start: int, end: int) -> bool:
        """A verb set up the quote and a count of its sites follows (设立“X加油站”5个):
        a device, even where its name ends like a metaphor."""
        return sited(text, end) and self.governed(text, start)

    def licensed(self, text: str, q, content: str) -> bool:
        """A quote no kind follows that the words around make a practice: 把“X”设在…
        (a placement verb), “A、B、C”思路 (a frame word after a list), 创建“X”党组织
        (a campaign verb before, a party body after)."""
        m = self.licence_re.match(text, q.end) if text[q.end:q.end + 1] in self.licence_firsts else None
        if m is None:
            return False
        what = self.licence_words[m.group()]
        if what == "placement":
            return len(content) >= 3 and text[q.start - 1:q.start] == "把"
        if what == "frame":
            return bool(part_tuple(content))
        # 创建“X”党组织, or the campaign verb after the body: 开展“X”党组织创建
        return any(text.startswith(v, q.start - len(v)) or text.startswith(v, m.end())
                   for v in self.lex.campaign_verbs)
