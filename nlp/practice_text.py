"""The records (`Mention`, `Quote`), character classes and pure string helpers
of the practice rules, and `TextIndex`: what nlp/practice_finder.py looks up many
times in one text, computed once per text (the action-verb ends, clause starts
and quotes).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

QUOTE_RE = re.compile(r"[“「]([^“”「」]{1,80})[”」]")
INNER_QUOTE_RE = re.compile(r"[‘『]([^‘’『』“”「」]{1,40})[’』]")     # ‘…’ inside “…”
PUNCT = frozenset("，。；！？,;!?：:…（）()《》〈〉[]【】—–-\n\r\t ")
CLAUSE_END = frozenset("，。；！？,;!?：:\n")
QUOTE_CHARS = frozenset("“”「」‘’\"'")
NAME_EDGE = PUNCT | QUOTE_CHARS | {"的", "、"}     # a name does not reach across these
LIST_EDGE = NAME_EDGE - {"、"}
AFTER_OK = frozenset("的等和及与或后中时上为是在已将并也均还又") | PUNCT | frozenset("0123456789、")
NUMERALS = {"一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
            "八": 8, "九": 9, "十": 10}
NUM_CHARS = "一二三四五六七八九十两百千万双"
_NUMERAL_SET = frozenset(NUM_CHARS)
MEASURES = "个名家座项条支批位次场件种台户人元"
COUNT_RE = re.compile(rf"[0-9{NUM_CHARS}几多若干]+[{MEASURES}]")      # use with match()
PAIR = rf"[{NUM_CHARS}][^{NUM_CHARS}{MEASURES}\s、的]"     # a numeral and one character
NOT_NUM = rf"[^{NUM_CHARS}{MEASURES}\s、的]"
# 三区三室一吧一廊 (three pairs or more), 五优五味 (two pairs, one numeral)
PAIRS_RE = re.compile(rf"^{PAIR}(?:、?{PAIR}){{2,}}$|^([{NUM_CHARS}]){NOT_NUM}、?\1{NOT_NUM}$")
ONE_RE = r"(?:一[^一的和与及、，。；,;\s“”0-9]{1,3})"
ONE_SLOGAN_RE = re.compile(rf"{ONE_RE}{{2}}(?:、{ONE_RE}{{2}})+")
ONE_QUOTED_RE = re.compile(rf"^{ONE_RE}(?:、?{ONE_RE})+$")
ONE_PAIR_RE = re.compile(rf"^{ONE_RE}{{2}}$")
CHAIN_GAP_RE = re.compile(r"(?:[、和与及]|以及)?[^\s，。；！？,;!?：:“”「」的]{0,7}")
CHAIN_GAP_MAX = 9                   # the longest text CHAIN_GAP_RE matches: 以及 + 7
SPLIT_RE = re.compile(r"[+＋—–―－-]+")
INTERROGATIVE = ("如何", "怎样", "怎么", "为什么", "什么", "吗")
MAX_NAME = 30
CLOSING = ("”", "」")

WINDOW_STOP = PUNCT | QUOTE_CHARS | {"、", "的", "等"}       # a kind phrase after a quote stops here
WINDOW_STOP_RE = re.compile("[" + re.escape("".join(sorted(WINDOW_STOP))) + "]")
LONG_STOP_RE = re.compile("[" + re.escape("".join(sorted(PUNCT | QUOTE_CHARS))) + "]")
STRUCTURE_RE = re.compile("为(?:架构|框架|结构|骨架)")
SENTENCE_BREAK_RE = re.compile(r"[。！？!?；;\n]")
LEVEL_RE = re.compile(rf"[{NUM_CHARS}]级")
SPEECH_RE = re.compile("[，。；！？,;!?：:]|" + "|".join(INTERROGATIVE))
CLAUSE_END_RE = re.compile("[" + re.escape("".join(sorted(CLAUSE_END))) + "]")
_CONTROL_RE = re.compile(r"[\r\n\t]+")


def alternation(words) -> "re.Pattern[str]":
    """One pattern of literal branches, longest first (re scans for their first characters)."""
    words = sorted(words, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words) if words else r"(?!x)x")


def each_start(pattern: "re.Pattern[str]", text: str):
    """The match of an `alternation` at every position where one starts (overlapping),
    like ``finditer`` of ``(?=(…))`` but skipping to the branches' first characters."""
    search = pattern.search
    m = search(text)
    while m:
        yield m
        m = search(text, m.start() + 1)


def one_slogans(text: str):
    """``ONE_SLOGAN_RE.finditer(text)``, trying only starts 4–8 characters before a
    、一 (where the first 一X一Y of a slogan ends): the same matches, without
    trying the pattern at every 一."""
    match, find = ONE_SLOGAN_RE.match, text.find
    pos = 0
    j = find("、一")
    while j >= 0:
        for p in range(max(pos, j - 8), j - 3):
            m = match(text, p)
            if m:
                yield m
                pos = m.end()
                break
        j = find("、一", max(pos, j + 1))
    return


def _clean(text: str) -> str:
    return _CONTROL_RE.sub("", text).strip()


@lru_cache(maxsize=8192)
def quote_content(raw: str) -> tuple[str, bool]:
    """(content, speech) of the text inside a quote: long ones, sentences and questions are speech."""
    content = _clean(raw)
    return content, len(content) > MAX_NAME or not content or bool(SPEECH_RE.search(content))


@lru_cache(maxsize=8192)
def structural(content: str) -> bool:
    """A formula name: A+B, 一X一Y, 三区三室一吧一廊, 五优五味."""
    if content[:1] not in _NUMERAL_SET and "、" not in content and not SPLIT_RE.search(content):
        return False                      # none of the shapes below can match
    parts = [p for p in SPLIT_RE.split(content) if p]
    if len(parts) >= 2 and not content.endswith(("+", "＋")):
        return "+" in content or "＋" in content
    if PAIRS_RE.match(content) or ONE_QUOTED_RE.match(content):
        return True
    parts = content.split("、")           # 一楼一支部、多楼一总支、片区一党委
    return len(parts) >= 2 and all("一" in p and len(p) <= 6 for p in parts) and \
        any(ONE_PAIR_RE.match(p) for p in parts)


@lru_cache(maxsize=8192)
def _parts(name: str) -> tuple[str, ...]:
    parts = [p for p in SPLIT_RE.split(name) if p]
    if len(parts) < 2:
        parts = [p for p in name.split("、") if p]
    return tuple(parts) if len(parts) >= 2 else ()


def split_parts(name: str) -> list[str]:
    """The components of a formula name: A+B+C, A—B—C, else A、B、C (none for one part)."""
    return list(_parts(name))


@dataclass(slots=True)
class Mention:
    name: str
    start: int                      # span of the mention (quote + kind phrase, or the name)
    end: int
    kind: str = ""
    aliases: list[str] = field(default_factory=list)
    quoted: bool = False
    components: list[str] = field(default_factory=list)
    tail: str = ""                  # the kind phrase after a quote, for merging only
    cover: tuple[int, int] = (0, 0)  # the kind phrase span, no unquoted name inside it
    quote_end: int = 0              # after the closing quote mark, for quoted mentions




@dataclass(slots=True)
class Quote:
    content: str                    # without marks, newlines removed
    start: int                      # position of the opening mark
    end: int                        # position after the closing mark
    speech: bool = False


def find_quotes(text: str) -> list[Quote]:
    """Every “…” and ‘…’ (by start); long ones, sentences and questions are marked as speech."""
    out = []
    append = out.append
    for m in QUOTE_RE.finditer(text):
        content, speech = quote_content(m.group(1))
        start, end = m.span()
        append(Quote(content, start, end, speech))
    if "‘" in text or "『" in text:
        for m in INNER_QUOTE_RE.finditer(text):
            content, speech = quote_content(m.group(1))
            append(Quote(content, m.start(), m.end(), speech))
        out.sort(key=_start)           # the marks differ: no two quotes start together
    return out


def _start(q: Quote) -> int:
    return q.start


class Intervals:
    """Union of [start, end) spans; `covers(pos)`: pos lies strictly inside one."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.spans = [(s, e) for s, e in merged]
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covers(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.starts[i] < pos < self.ends[i]


class TextIndex:
    """One text's action verbs (the positions right after each), clause starts and quotes."""

    def __init__(self, text: str, verb_re: "re.Pattern[str]",
                 prefix_ends: dict[str, tuple[tuple[int, bool], ...]]) -> None:
        self.text = text
        ends, quote_ends = set(), set()
        add, add_quote = ends.add, quote_ends.add
        search = verb_re.search
        m = search(text)
        while m:                        # every position where a verb starts; the longest one
            i = m.start()               # matched, and the shorter ones are its prefixes
            for n, quote in prefix_ends[m.group()]:
                add(i + n)
                if quote:
                    add_quote(i + n)
            m = search(text, i + 1)
        self.ends, self.quote_ends, self.end_list = ends, quote_ends, sorted(ends)
        self._reversed: str | None = None
        self._quotes: list[Quote] | None = None

    @property
    def quotes(self) -> list[Quote]:
        if self._quotes is None:
            self._quotes = find_quotes(self.text)
        return self._quotes

    def clause_start(self, pos: int) -> int:
        """Start of the clause (after ，。；：！？ or a newline) that holds `pos`:
        the last clause end before `pos` is the first a search of the reversed text finds."""
        if self._reversed is None:
            self._reversed = self.text[::-1]
        n = len(self.text)
        m = CLAUSE_END_RE.search(self._reversed, n - pos)
        return n - m.start() if m else 0

    def verb_in(self, start: int, end: int) -> bool:
        """A verb lies wholly inside text[start:end]."""
        end_list = self.end_list
        i = bisect_left(end_list, start + 2)
        return i < len(end_list) and end_list[i] <= end

    def verb_end_before(self, pos: int) -> int | None:
        """The last verb end at or before `pos`."""
        i = bisect_right(self.end_list, pos) - 1
        return self.end_list[i] if i >= 0 else None
