"""Shared helpers for the parks, organizations and people components.

- `data_lines(name)`, `word_set(name)`: data files in nlp/data/ (comments
  dropped), loaded once.
- `anchor_set(extra)`: place names (provinces, cities, counties) and 中共, plus
  the document's park names: a name that reaches one on its left starts there.
- `left_edge(text, end, ...)`: where a name that ends at `end` starts, found by
  walking left over rjieba tokens of a short window until a stop word, a
  function word or punctuation; a place or park name at the left stops the walk
  after it (it is the name's head).
- `declared_aliases(text)`: (以下简称“X”) / （简称X） short names and the name
  they follow.
- `find_mentions(text, names)`: [start, end] spans of every mention.
"""
from __future__ import annotations

import re
from functools import cached_property, lru_cache
from importlib import resources
from typing import Iterable, Iterator

CJK = "\u4e00-\u9fff"
_CJK_CHAR = re.compile(f"[{CJK}]")
_QUOTES = "“”‘’\"'「」『』 \u3000"

# tags of rjieba/jieba that never belong inside a name
STOP_TAGS = {"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "d", "y", "e", "o", "zg", "x", "k"}


LEADING_FUNCTION_CHARS = "由在对向把将从经被让使为于"


def data_lines(name: str) -> Iterator[str]:
    text = resources.files("nlp").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.rstrip()
        if line.strip() and not line.lstrip().startswith("#"):
            yield line


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    words: set[str] = set()
    for line in data_lines(name):
        words.update(line.split())
    return frozenset(words)


@lru_cache(maxsize=None)
def keyed_words(name: str) -> dict[str, tuple[str, ...]]:
    """A data file of lines "key<TAB or space>word word …": {key: words}."""
    out: dict[str, tuple[str, ...]] = {}
    for line in data_lines(name):
        key, *words = line.split()
        out[key] = tuple(words)
    return out


@lru_cache(maxsize=None)
def tsv_rows(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.strip() for p in line.split("\t")) for line in data_lines(name))


# the quotes as one class: a regex deletes them several times faster than
# str.translate with a deletion table (a dict lookup per character)
_CLEAN_RE = re.compile("[" + re.escape(_QUOTES) + "]")


@lru_cache(maxsize=65536)
def clean(name: str) -> str:
    """The name without quotation marks and spaces (as the scorer compares)."""
    return _CLEAN_RE.sub("", name)


def is_cjk(ch: str) -> bool:
    return bool(_CJK_CHAR.match(ch))


@lru_cache(maxsize=1)
def place_anchors() -> frozenset[str]:
    """Province and city names (full and short) and county full names: a name
    that reaches one of these on its left starts there."""
    from nlp.regions import divisions

    out = set()
    for row in divisions().rows:
        if row.level in ("province", "city"):
            out.add(row.name)
            if len(row.short) >= 2:
                out.add(row.short)
        elif len(row.name) >= 3:
            out.add(row.name)
    out.update(("中共", "中国共产党"))
    return frozenset(out)


@lru_cache(maxsize=65536)
def _tag(window: str) -> tuple[tuple[str, str, int, int], ...]:
    """rjieba (word, tag, start, end) of a short window, cached per distinct
    window (the same owner windows recur within and across documents)."""
    out, pos = [], 0
    for word, tag in _segmenter().tag(window):
        end = pos + len(word)
        out.append((word, tag, pos, end))
        pos = end
    return tuple(out)


@lru_cache(maxsize=1)
def _segmenter():
    """`nlp.segment.get_segmenter()`, imported on first use (not at import)."""
    from nlp.segment import get_segmenter

    return get_segmenter()


def _ends_with_anchor(text: str, end: int, anchors: "AnchorSet", max_len: int = 12) -> str:
    """The longest anchor that ends at `end`."""
    if isinstance(anchors, AnchorSet):
        # only the lengths of the anchors that end with these two characters, longest first
        two = text[end - 2:end]
        limit = min(max_len, end)
        best = 0
        lengths = anchors.base_tail_lengths.get(two)
        if lengths is not None:
            base = anchors.base
            for n in lengths:
                if n <= limit and text[end - n:end] in base:
                    best = n
                    break
        lengths = anchors.extra_tail_lengths.get(two)
        if lengths is not None:
            extra = anchors.extra
            for n in lengths:
                if n <= best:
                    break
                if n <= limit and text[end - n:end] in extra:
                    best = n
                    break
        return text[end - best:end] if best else ""
    best = ""
    for n in range(2, min(max_len, end) + 1):
        s = text[end - n:end]
        if s in anchors:
            best = s
    return best


def _tail_lengths(names: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """{last two characters: the lengths of the names (2+ characters) that end with them, longest first}."""
    out: dict[str, set[int]] = {}
    for n in names:
        if len(n) >= 2:
            out.setdefault(n[-2:], set()).add(len(n))
    return {k: tuple(sorted(v, reverse=True)) for k, v in out.items()}


class AnchorSet:
    """Place anchors plus a document's own names (its parks), with tables of
    their first and last two characters for a fast reject."""

    def __init__(self, base: frozenset[str], extra: Iterable[str] = (), base_set: "AnchorSet | None" = None):
        self.base = base
        self.extra = frozenset(e for e in extra if len(e) >= 2)
        if base_set is not None:   # the tables of the base names: shared, computed once (not per document)
            self.base_tails, self.base_heads, self.base_tail_lengths = (
                base_set.base_tails, base_set.base_heads, base_set.base_tail_lengths)

    # computed when a window is first looked at (`left_edge` answers most from
    # its table): the names' last two characters, first two, and their
    # lengths by the last two (longest first)
    base_tails = cached_property(lambda self: frozenset(n[-2:] for n in self.base))
    extra_tails = cached_property(lambda self: frozenset(e[-2:] for e in self.extra))
    base_heads = cached_property(lambda self: frozenset(n[:2] for n in self.base))
    extra_heads = cached_property(lambda self: frozenset(e[:2] for e in self.extra))
    base_tail_lengths = cached_property(lambda self: _tail_lengths(self.base))
    extra_tail_lengths = cached_property(lambda self: _tail_lengths(self.extra))

    def __contains__(self, name: object) -> bool:
        return name in self.base or name in self.extra

    # hashable by value, so that windows are cached across documents
    def __hash__(self) -> int:
        h = self.__dict__.get("_hash")
        if h is None:
            h = self._hash = hash((id(self.base), self.extra))
        return h

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AnchorSet) and self.base is other.base and self.extra == other.extra


@lru_cache(maxsize=1)
def place_anchor_set() -> AnchorSet:
    return AnchorSet(place_anchors())


def anchor_set(extra: Iterable[str] = ()) -> AnchorSet:
    """Place anchors plus `extra` names (the document's parks), built once per
    document and passed to `left_edge`."""
    base = place_anchor_set()
    extra = [e for e in extra if len(e) >= 2]
    if not extra:
        return base
    return AnchorSet(base.base, extra, base)


def doc_text(doc) -> str:
    """`doc.text`, computed once per Doc (spaCy rebuilds it from the tokens on
    every access)."""
    text = doc.user_data.get("text")
    if isinstance(text, str):
        return text
    text = doc.user_data.get("_text")
    if not isinstance(text, str):
        text = doc.text
        doc.user_data["_text"] = text
    return text


_COUNT_CHAR = re.compile(r"[0-9０-９个名家多些每几首批第]")
_SHORT_PAREN_END = re.compile(r"[(（][\u4e00-\u9fff]{2,4}[)）]$")
_QUOTED_WORD = re.compile(r"[“‘]([^”’]*)[”’]")


@lru_cache(maxsize=65536)
def _hard_stop(word: str, tag: str, stop_words: frozenset[str]) -> bool:
    """A token a name never extends over: punctuation, function words, the
    frequent verbs of `orgs_stop_words.txt`."""
    if word in stop_words or (not is_cjk(word[0]) and not word.isalnum()):
        return True
    if tag in ("p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "y", "e", "o", "x", "k"):
        return True
    if tag == "m" and _COUNT_CHAR.search(word):
        return True
    return len(word) == 1 and (tag in STOP_TAGS or (tag == "f" and word in "内里"))


@lru_cache(maxsize=65536)
def _soft_stop(word: str, tag: str) -> bool:
    """A token that ends a name found without an anchor: common verbs and
    adverbs, four-character idioms."""
    if len(word) >= 2 and word in word_set("orgs_common_verbs.txt"):
        return True
    return tag in ("l", "i") and len(word) >= 4


def _chain_left(text: str, cur: int, lo: int, anchor_set: set[str]) -> int:
    """Extend an anchor leftwards over more anchors (province before city, 中共)."""
    while True:
        more = _ends_with_anchor(text, cur, anchor_set)
        if not more or cur - len(more) < lo:
            return cur
        cur -= len(more)


def left_edge(text: str, end: int, *, max_chars: int = 18, anchors: "AnchorSet | Iterable[str]" = (),
              stop_words: frozenset[str] | None = None, strict_gap: bool = False) -> tuple[int, bool]:
    """Start of the name that ends at `end`, and whether it starts at an anchor
    (a place or park name, 中共). Only a window of `max_chars` is tagged.

    First choice: the nearest anchor in the window when nothing between it and
    `end` is a hard stop (云岭经开区人才服务专员小组). Otherwise walk left over
    the tokens until a hard or soft stop or an anchor."""
    if stop_words is None:
        stop_words = _orgs_stop_words()
    anchors = anchors if isinstance(anchors, AnchorSet) else anchor_set(anchors)
    return _left_edge(text, end, max_chars, anchors, stop_words, strict_gap)


def _left_edge(text: str, end: int, max_chars: int, anchors: "AnchorSet", stop_words: frozenset[str],
               strict_gap: bool) -> tuple[int, bool]:
    """`left_edge` with every argument given (positional: the loops that call
    it for each suffix skip the keyword handling)."""
    lo = end - max_chars if end > max_chars else 0
    m = _LAST_BOUNDARY.match(text, lo, end)  # the last boundary character of the window
    if m is not None:
        lo = m.end()
    if lo >= end:
        return end, False
    window = text[lo:end]
    # `_left_edge_window(window, anchors, stop_words, strict_gap)`, looked up by
    # the anchors' contents (no Python-level hash or equality on each call)
    key = (window, anchors.base, anchors.extra, stop_words, strict_gap)
    found = _WINDOW_EDGES.get(key)
    if found is None:
        found = _left_edge_window.__wrapped__(window, anchors, stop_words, strict_gap)
        if len(_WINDOW_EDGES) >= 65536:
            _WINDOW_EDGES.clear()
        _WINDOW_EDGES[key] = found
    return lo + found[0], found[1]


# the answers of `_left_edge_window` by (window, anchors' base and extra names,
# stop words, strict_gap): the same pure function of the window as its own cache
_WINDOW_EDGES: dict[tuple, tuple[int, bool]] = {}
# the whole window up to its last boundary character (greedy, so the last one)
_LAST_BOUNDARY = re.compile(f"(?s:.*)[^{CJK}A-Za-z0-9“”‘’（）()·]")


@lru_cache(maxsize=1)
def _orgs_stop_words() -> frozenset[str]:
    return word_set("orgs_stop_words.txt")


@lru_cache(maxsize=65536)
def _left_edge_window(text: str, anchors: "AnchorSet", stop_words: frozenset[str],
                      strict_gap: bool) -> tuple[int, bool]:
    """`left_edge` within one window that starts at a boundary: a pure
    function of the window, cached (the same windows recur: 、X有限公司党支部)."""
    end = len(text)
    tokens = _tag(text)
    # 1. the nearest anchor with no hard stop between it and `end`: an anchor
    # ends at `end` or where a token starts (one that ends inside a token is
    # skipped), so only those ends are tried, nearest first (the tokens cover
    # the window: the ends are `end` and the starts of tokens[i] for i < n)
    base_tails, extra_tails = anchors.base_tails, anchors.extra_tails
    i, p = len(tokens), end
    while p > 1:
        two = text[p - 2:p]
        if two in base_tails or two in extra_tails:
            head = _ends_with_anchor(text, p, anchors)
            if head:   # (it ends at p and starts in the window: p - len(head) >= 0)
                for w, tg, _s, _e in tokens[i:]:   # the gap: the tokens from p on
                    if w not in "“”‘’" and (_hard_stop(w, tg, stop_words) or strict_gap and _soft_stop(w, tg)):
                        break
                else:
                    if _quotes_short(text[p:end]):
                        return _chain_left(text, p - len(head), 0, anchors), True
                break
        i -= 1
        p = tokens[i][2]
    # 2. token walk
    cur = end
    i = len(tokens) - 1
    while i >= 0 and cur > 0:
        word, tag, ws, we = tokens[i]
        if we > cur:
            i -= 1
            continue
        if word == "”" or word == "’":
            j = text.rfind("“" if word == "”" else "‘", 0, cur)
            if j < 0 or cur - j > 7:
                break
            cur = j
            while i >= 0 and tokens[i][2] >= cur:
                i -= 1
            continue
        if word in ("(", ")", "（", "）"):
            m = _SHORT_PAREN_END.search(text[:cur])
            if word in (")", "）") and m:
                cur = m.start()
                while i >= 0 and tokens[i][2] >= cur:
                    i -= 1
                continue
            break
        if _stop(word, tag, stop_words):
            break
        cur = ws
        i -= 1
    # a leading preposition glued to the name by the segmenter (由区…, 在园区…)
    while end - cur > 3 and text[cur] in LEADING_FUNCTION_CHARS:
        cur += 1
    # a name that starts with a place or park name is anchored even when the
    # segmenter glued the anchor to the next word (X区|委 → X区委…); every
    # such name starts with one of the heads
    head2 = text[cur:cur + 2]
    if end - cur < 4 or head2 not in anchors.base_heads and head2 not in anchors.extra_heads:
        return cur, False
    base, extra = anchors.base, anchors.extra
    for n in range(min(12, end - cur - 2), 1, -1):
        s = text[cur:cur + n]
        if s in base or s in extra:
            return cur, True
    return cur, False


@lru_cache(maxsize=65536)
def _stop(word: str, tag: str, stop_words: frozenset[str]) -> bool:
    """`_hard_stop(word, tag, stop_words) or _soft_stop(word, tag)`: the
    token ends a name found by the token walk."""
    return _hard_stop(word, tag, stop_words) or _soft_stop(word, tag)


def _quotes_short(s: str) -> bool:
    """Quotation marks inside a name only around a short word (“两新”)."""
    return (all(len(q) <= 4 for q in _QUOTED_WORD.findall(s))
            and s.count("“") == s.count("”") and s.count("‘") == s.count("’"))


_ALIAS = re.compile(r"[(（]\s*(?:以下|下文|下)?\s*(?:简称|简称为|称)\s*[:：]?\s*[“\"「]?([^”\"」)）,，、]{2,12})[”\"」]?\s*[)）]")


def declared_aliases(text: str) -> list[tuple[int, str, int, int]]:
    """(end of the full name, alias, alias start, alias end) for each
    （以下简称“X”） in `text`; the full name ends where the parenthesis opens."""
    out = []
    if "称" not in text:
        return out  # every declaration holds 称
    free = 0  # as `_ALIAS.finditer`: a match opens with a parenthesis, and the next starts after it
    for q in _char_positions(text, "(（"):
        if q >= free:
            m = _ALIAS.match(text, q)
            if m is not None:
                out.append((m.start(), m.group(1).strip(), m.start(1), m.end(1)))
                free = m.end()
    return out


def _char_positions(text: str, chars: str) -> list[int]:
    """Where any of `chars` stands in `text`, in order (str.find: a regex scan
    of a whole text for a single character is many times slower)."""
    out: list[int] = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


def find_mentions(text: str, names: Iterable[str], taken: list[tuple[int, int]] | None = None) -> list[list[int]]:
    """Spans of every mention of any of `names`, longest name first, not
    overlapping each other (nor the `taken` spans)."""
    spans: list[list[int]] = []
    occupied = bytearray(len(text) + 1)  # 1 where a span already lies
    for s, e in taken or ():
        occupied[max(0, s):max(0, e)] = b"\x01" * (max(0, e) - max(0, s))
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if occupied.find(1, start, end) < 0:
                spans.append([start, end])
                occupied[start:end] = b"\x01" * (end - start)
            start = text.find(name, start + 1)
    return sorted(spans)


@lru_cache(maxsize=65536)
def name_like(words: str, use_tags: bool = True) -> bool:
    """No common verb or adverb among the rjieba tokens of `words` (a name
    found without a place anchor: 银杏湾商圈 yes, 着力构建商圈 no)."""
    verbs = word_set("orgs_common_verbs.txt")
    stops = word_set("orgs_stop_words.txt")
    if words in verbs:
        return False
    for word, tag, _s, _e in _tag(words):
        if word in verbs or word in stops:
            return False
        if use_tags and tag in STOP_TAGS and (len(word) == 1 or tag in ("p", "c", "u", "uj", "r", "x")):
            return False
    return True


def subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


_NUMERAL_BEFORE = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千]$")


@lru_cache(maxsize=1)
def _time_heads() -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    words = sorted(word_set("time_heads.txt"), key=lambda w: (-len(w), w))
    return tuple(words), frozenset(w for w in words if len(w) == 1), frozenset(w[0] for w in words)


@lru_cache(maxsize=1)
def _time_head_re() -> re.Pattern:
    """Any time word, tried in the order of `_time_heads` (longest first)."""
    return re.compile("|".join(re.escape(w) for w in _time_heads()[0]))


def time_head_end(text: str, start: int, end: int) -> int:
    """Where a name in text[start:end] starts once leading time expressions
    (nlp/data/time_heads.txt: 今年, 一季度, 前三季度, 2023年 …) are left out.
    A single 年/月/日 counts only right after a numeral; a place name at the
    head stops the stripping (日照 …)."""
    words, single, first_chars = _time_heads()
    if start >= end or text[start] not in first_chars:
        return start                   # no time word starts here (the common case)
    from nlp.regions import divisions

    cur = start
    head = _time_head_re()   # the first of `words` that starts at cur and ends by `end`
    while cur < end:
        if divisions().leading(text[cur:end]):
            break
        m = head.match(text, cur, end)
        if m is None:
            break
        w = m.group()   # a single character needs a numeral before it (no other word starts here then)
        if w in single and not _NUMERAL_BEFORE.search(text[max(0, cur - 1):cur]):
            break
        cur += len(w)
    return cur
