"""The scans of the `organizations` list, written for speed with the same
results as the plain regex or loop they stand for (tests/nlp/test_org_rules.py
checks each against it): mentions found once per name and document
(`Occurrences`, `mentions`, `_alone_count`), nested spans (`_nesting`), list
ends and list items found from their delimiters, quoted formulas found from
their plus signs.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterable

from nlp.entities import _char_positions


class Occurrences:
    """The start of every occurrence (overlapping ones too) of a name in one
    text, searched once per name: the same names are looked up by several
    rules of one document."""

    __slots__ = ("text", "_found")

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, list[int]] = {}

    def __call__(self, name: str) -> list[int]:
        found = self._found.get(name)
        if found is None:
            found, text = [], self.text
            i = text.find(name)
            while i >= 0:
                found.append(i)
                i = text.find(name, i + 1)
            self._found[name] = found
        return found


_LAST_TEXT: list[Occurrences | None] = [None]


def occurrences(text: str) -> Occurrences:
    """The `Occurrences` of `text`, kept for the document being processed
    (one slot, checked by identity: a new text gets a new table)."""
    occ = _LAST_TEXT[0]
    if occ is None or occ.text is not text:
        occ = _LAST_TEXT[0] = Occurrences(text)
    return occ


def mentions(text: str, names: Iterable[str]) -> list[list[int]]:
    """`find_mentions(text, names)`, without its scratch array of the text's
    length: spans of every mention, longest name first, not overlapping."""
    if type(names) is set and len(names) == 1:   # (an item's one name: no sorting)
        order = [n for n in names if n]
    else:
        order = sorted({n for n in names if n}, key=len, reverse=True)
    occ = occurrences(text)
    if len(order) == 1:  # one name: each occurrence that starts after the last one taken
        size, spans, free = len(order[0]), [], 0
        for start in occ(order[0]):
            if start >= free:
                spans.append([start, start + size])
                free = start + size
        return spans
    starts: list[int] = []
    ends: list[int] = []  # the spans taken so far, in order (ends ascend too)
    for name in order:
        size = len(name)
        for start in occ(name):
            end = start + size
            i = bisect.bisect_left(starts, end)  # spans[:i] start before `end`
            if not i or ends[i - 1] <= start:
                starts.insert(i, start)
                ends.insert(i, end)
    return [[s, e] for s, e in zip(starts, ends)]


def _alone_count(text: str, word: str, longer: list[str], forbid_next: str = "") -> int:
    """Occurrences of `word` outside mentions of the `longer` names."""
    found = occurrences(text)(word)
    if not found:
        return 0
    spans = mentions(text, [n for n in longer if word in n and n != word])
    starts = [s for s, _e in spans]
    count = 0
    for start in found:
        end = start + len(word)
        k = bisect.bisect_right(starts, start) - 1  # the only span that may hold it (spans do not overlap)
        inside = k >= 0 and end <= spans[k][1]
        if not inside and not (forbid_next and text[end:end + len(forbid_next)] == forbid_next):
            count += 1
    return count


# list items (A、B、C等): items may hold a middle dot between two proper parts (中X·Y中心)
_LIST_ITEM = r"[\u4e00-\u9fff](?:[\u4e00-\u9fff]|·(?=[\u4e00-\u9fff])){1,10}"
_LIST_ITEMS = re.compile(rf"(?:{_LIST_ITEM}、)*{_LIST_ITEM}$")


def _nesting(spans: list[tuple[int, int]]):
    """`nested(start, end)`: another of `spans` covers start–end and is longer
    (starts before it and ends at or after it, or starts with it and ends after)."""
    spans = sorted(spans)
    starts = [s for s, _e in spans]
    reach, top = [], -1  # reach[i]: the furthest end among spans[:i + 1]
    for _s, e in spans:
        top = max(top, e)
        reach.append(top)

    def nested(start: int, end: int) -> bool:
        lo = bisect.bisect_left(starts, start)
        if lo and reach[lo - 1] >= end:
            return True
        hi = bisect.bisect_right(starts, start)
        return hi > lo and spans[hi - 1][1] > end
    return nested


def _list_items_start(text: str, lo: int, end: int) -> int:
    """Where `_LIST_ITEMS.search(text, lo, end)` would start (-1: no match),
    for an `end` right after a Chinese character: the items are 、-separated
    runs of 2–11 Chinese characters (a middle dot only between two of them),
    so the leftmost start is found walking back over whole items."""
    best = -1
    while True:
        seg = end  # the item that ends at `end` starts at `seg`
        while seg > lo and ("\u4e00" <= text[seg - 1] <= "\u9fff" or text[seg - 1] == "·"):
            seg -= 1
        p = max(seg, end - 11)
        dot = text.rfind("·", p, end)  # a dot must stand before a character
        while dot >= 0:
            if dot == end - 1 or not "\u4e00" <= text[dot + 1] <= "\u9fff":
                p = dot + 1
                break
            dot = text.rfind("·", p, dot)
        if p < end and text[p] == "·":
            p += 1  # an item starts with a character
        if end - p < 2:
            return best
        best = p
        if p != seg or seg <= lo or text[seg - 1] != "、":
            return best
        end = seg - 1


def _list_ends(text: str) -> list[tuple[int, int]]:
    """(start, end) of each list end, in order: 等 (one character) or the
    empty span before N家, right after a Chinese character (str.find is
    several times faster than a regex scan here)."""
    out = []
    i = text.find("等", 1)
    while i >= 0:
        if "\u4e00" <= text[i - 1] <= "\u9fff":
            out.append((i, i + 1))
        i = text.find("等", i + 1)
    i = text.find("家", 1)
    while i >= 0:
        s = i
        while s and "0" <= text[s - 1] <= "9":
            s -= 1
        if s < i and s and "\u4e00" <= text[s - 1] <= "\u9fff":
            out.append((s, s))
        i = text.find("家", i + 1)
    out.sort()
    return out


# a quoted formula: “行业党委+驿站党支部+快递员党小组” (the parts of a practice)
FORMULA_QUOTE = re.compile(r"[“「『][^”」』\n]{0,40}?[+＋][^”」』\n]{0,40}?[”」』]")
_OPEN_QUOTE = re.compile("[“「『]")
_QUOTE_STOP = re.compile("[”」』\n]")


def formula_spans(text: str) -> list[tuple[int, int]]:
    """`[m.span() for m in FORMULA_QUOTE.finditer(text)]`, found from the plus
    signs. A match at an opening quote q ends right after the first quote stop
    (”」』 or a line break) after q, when that is a closing quote and a plus
    sign stands between them no more than 41 characters after q and before the
    stop: so only opening quotes up to 41 characters before a plus sign are
    tried (most texts hold a few plus signs)."""
    pluses = _char_positions(text, "+＋")
    out: list[tuple[int, int]] = []
    free = 0  # matches do not overlap: the next starts at or after the last end
    for k, p in enumerate(pluses):
        lo = max(free, p - 41, pluses[k - 1] if k else 0)  # opening quotes before the previous plus were tried
        for m in _OPEN_QUOTE.finditer(text, lo, p):
            q = m.start()
            if q < free:
                continue
            stop = _QUOTE_STOP.search(text, q + 1, q + 83)
            if stop is None or stop.group() == "\n":
                continue
            s = stop.start()
            a, b = max(q + 1, s - 41), min(s - 1, q + 41)  # where the plus sign may stand
            i = bisect.bisect_left(pluses, a)
            if i < len(pluses) and pluses[i] <= b:
                out.append((q, s + 1))
                free = s + 1
    return out
