"""The records (`Mention`, `Quote`), character classes and pure string helpers
of the practice rules, and `TextIndex`: what nlp/practice_finder.py looks up many
times in one text, computed once per text (the action-verb ends, clause starts
and quotes; with the verbs, in the same scan, the unquoted kind words and
programmes).

Speed: the word lists are tries (`alternation`), and each text is scanned once
per job: one scan finds the verbs, kind words and programmes, one per opening
mark the quotes; the rest are short searches near a quote or a match.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import NamedTuple

from nlp.wordtrie import longest_first_re as alternation  # noqa: F401 (the practice modules import it from here)

_QUOTE_BODY = r"([^“”「」]{1,80})[”」]"
_INNER_BODY = r"([^‘’『』“”「」]{1,40})[’』]"
QUOTE_RE = re.compile("[“「]" + _QUOTE_BODY)
INNER_QUOTE_RE = re.compile("[‘『]" + _INNER_BODY)       # ‘…’ inside “…”
# the same, one pattern per opening mark: re finds a pattern's one first character
# much faster than a class of them; the contents exclude the marks, so the matches
# of the four patterns never overlap and together are those of the two
QUOTE_RES = tuple((mark, re.compile(mark + body))
                  for marks, body in (("“「", _QUOTE_BODY), ("‘『", _INNER_BODY)) for mark in marks)
PUNCT = frozenset("，。；！？,;!?：:…（）()《》〈〉[]【】—–-\n\r\t ")
CLAUSE_END = frozenset("，。；！？,;!?：:\n")
QUOTE_CHARS = frozenset("“”「」‘’\"'")
NAME_EDGE = PUNCT | QUOTE_CHARS | {"的", "、"}     # a name does not reach across these
LIST_EDGE = NAME_EDGE - {"、"}
# what may follow a kind word (全: an adverb, “X”服务平台全年运转)
AFTER_OK = frozenset("的等和及与或后中时上为是在已将并也均还又全") | PUNCT | frozenset("0123456789、")
NUMERALS = {"一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
            "八": 8, "九": 9, "十": 10}
NUM_CHARS = "一二三四五六七八九十两百千万双"
_NUMERAL_SET = frozenset(NUM_CHARS)
MEASURES = "个名家座项条支批位次场件种台户人元"
COUNT_RE = re.compile(rf"[0-9{NUM_CHARS}几多若干]+[{MEASURES}]")      # use with match()
COUNT_FIRST = frozenset("0123456789" + NUM_CHARS + "几多若干")       # where a COUNT_RE match starts
# a count between a verb and its quote (召开一次“X”, 开辟120平方米的“X”): numeral, measure, 的;
# not a count of people (设立1名“X员”: a role)
GAP_MEASURES = "个家座项条支批次场件种台户处间"
COUNT_GAP_RE = re.compile(rf"[0-9.{NUM_CHARS}]+(?:平方米|[{GAP_MEASURES}])的?")
COUNT_GAP_LAST = frozenset(GAP_MEASURES + "米的")      # the character before the quote, for a cheap check
COUNT_GAP_MAX = 12
PAIR = rf"[{NUM_CHARS}][^{NUM_CHARS}{MEASURES}\s、的]"     # a numeral and one character
NOT_NUM = rf"[^{NUM_CHARS}{MEASURES}\s、的]"
# 两站两岗一屋一廊 (three pairs or more), 三心三力 (two pairs, one numeral)
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
    content = _clean(raw) if ("\n" in raw or "\r" in raw or "\t" in raw) else raw.strip()
    return content, len(content) > MAX_NAME or not content or bool(SPEECH_RE.search(content))


@lru_cache(maxsize=8192)
def structural(content: str) -> bool:
    """A formula name: A+B, 一X一Y, 两站两岗一屋一廊, 三心三力."""
    numeral = content[:1] in _NUMERAL_SET     # PAIRS_RE and ONE_QUOTED_RE start with one
    split = SPLIT_RE.search(content)
    if not numeral and not split and "、" not in content:
        return False                      # none of the shapes below can match
    if split:
        parts = [p for p in SPLIT_RE.split(content) if p]
        if len(parts) >= 2 and not content.endswith(("+", "＋")):
            return "+" in content or "＋" in content
    if numeral and (PAIRS_RE.match(content) or ONE_QUOTED_RE.match(content)):
        return True
    if "、" not in content:
        return False
    parts = content.split("、")           # 一企一支部、多企一总支、商圈一党委
    return len(parts) >= 2 and all("一" in p and len(p) <= 6 for p in parts) and \
        any(ONE_PAIR_RE.match(p) for p in parts)


@lru_cache(maxsize=8192)
def part_tuple(name: str) -> tuple[str, ...]:
    """`split_parts` as a tuple (shared: remembered)."""
    if "、" not in name and not SPLIT_RE.search(name):
        return ()                       # one part
    parts = [p for p in SPLIT_RE.split(name) if p]
    if len(parts) < 2:
        parts = [p for p in name.split("、") if p]
    return tuple(parts) if len(parts) >= 2 else ()


def split_parts(name: str) -> list[str]:
    """The components of a formula name: A+B+C, A—B—C, else A、B、C (none for one part)."""
    return list(part_tuple(name))


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




class Quote(NamedTuple):
    content: str                    # without marks, newlines removed
    start: int                      # position of the opening mark
    end: int                        # position after the closing mark
    speech: bool = False


_new_quote = partial(tuple.__new__, Quote)      # Quote((content, start, end, speech)) without the Python __new__


def find_quotes(text: str) -> list[Quote]:
    """Every “…” and ‘…’ (by start); long ones, sentences and questions are marked as speech."""
    out: list[Quote] = []
    append = out.append
    marks = 0
    for mark, pattern in QUOTE_RES:
        if marks and mark not in text:
            continue
        marks += 1
        for m in pattern.finditer(text):
            content, speech = quote_content(m.group(1))
            start, end = m.span()
            append(_new_quote((content, start, end, speech)))
    if marks > 1:
        out.sort(key=_start)           # the marks differ: no two quotes start together
    return out


def _start(q: Quote) -> int:
    return q.start


class Intervals:
    """Union of [start, end) spans; `covers(pos)`: pos lies strictly inside one."""

    def __init__(self, spans: list[tuple[int, int]], ordered: bool = False) -> None:
        """`ordered`: the spans come sorted already (quotes by start)."""
        starts: list[int] = []
        ends: list[int] = []
        last = None
        for s, e in (spans if ordered else sorted(spans)):
            if last is not None and s < last:
                if e > last:
                    ends[-1] = last = e
            else:
                starts.append(s)
                ends.append(e)
                last = e
        self.starts, self.ends = starts, ends

    @property
    def spans(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends))

    def covers(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.starts[i] < pos < self.ends[i]


def overlap_free(words, others) -> bool:
    """No occurrence of one of `words` can overlap one of `others` in any text
    (none holds another, no end of one begins another): then the matches of
    one pattern over both are those of a pattern over each."""
    for a in words:
        for b in others:
            if a in b or b in a or any(a.endswith(b[:k]) for k in range(1, len(b))) or \
                    any(b.endswith(a[:k]) for k in range(1, len(a))):
                return False
    return True


VerbTable = dict[str, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], bool]]


def prefix_free(words, others) -> bool:
    """No word of `words` begins one of `others` or the reverse: no two start at one position."""
    return not any(a.startswith(b) or b.startswith(a) for a in words for b in others)


def verb_table(verbs: tuple[str, ...], quote_verbs, others=()) -> VerbTable:
    """For `TextIndex`, a table over `verbs` and `others` (the words its scan also
    finds, `prefix_free` of the verbs): of each verb, its prefixes among the
    verbs (their lengths; those of the ones in `quote_verbs`: they may govern a
    quote); of each word, the offsets inside it where another word may start
    (its character there begins one) and whether it is one of `others`. The
    verbs ending after a position are those that start there: the longest and
    its prefixes."""
    words = [*verbs, *others]
    firsts = {w[0] for w in words}
    quote_verbs = frozenset(quote_verbs)
    table = {w: ((), (), tuple(k for k in range(1, len(w)) if w[k] in firsts), True) for w in others}
    for v in verbs:
        table[v] = (tuple(len(u) for u in verbs if v.startswith(u)),
                    tuple(len(u) for u in verbs if v.startswith(u) and u in quote_verbs),
                    tuple(k for k in range(1, len(v)) if v[k] in firsts), False)
    return table


class TextIndex:
    """One text's action verbs (the positions right after each), clause starts and quotes."""

    def __init__(self, text: str, verb_re: "re.Pattern[str]", verbs: VerbTable) -> None:
        """`verb_re`: the `alternation` of the words of `verbs` (a `verb_table`):
        the verbs, and the other words one scan finds with them (`others`: the
        matches a `finditer` of their own alternation would give)."""
        self.text = text
        ends: set[int] = set()
        quote_ends: set[int] = set()
        others: list[tuple[int, int, str]] = []
        add, add_quote = ends.add, quote_ends.add
        match = verb_re.match
        for m in verb_re.finditer(text):    # the longest word at each start, one after another;
            i = m.start()                   # the shorter verbs there are its prefixes
            word = m.group()
            lengths, quote_lengths, inner, other = verbs[word]
            if other:
                others.append((i, i + len(word), word))
            else:
                for n in lengths:
                    add(i + n)
                for n in quote_lengths:
                    add_quote(i + n)
            for k in inner:                 # a word starting inside this one (构建|建立, 推行|行动)
                m2 = match(text, i + k)
                if m2:
                    word = m2.group()
                    lengths, quote_lengths, _, other = verbs[word]
                    if other:
                        others.append((i + k, i + k + len(word), word))
                        continue
                    for n in lengths:
                        add(i + k + n)
                    for n in quote_lengths:
                        add_quote(i + k + n)
        if others:                          # those a finditer gives: the first of overlapping ones
            others.sort()
            kept, last = [], 0
            for found in others:
                if found[0] >= last:
                    kept.append(found)
                    last = found[1]
            others = kept
        self.others = others
        self.ends, self.quote_ends, self.end_list = ends, quote_ends, sorted(ends)
        self._reversed: str | None = None
        self._quotes: list[Quote] | None = None

    @property
    def quotes(self) -> list[Quote]:
        if self._quotes is None:
            self._quotes = find_quotes(self.text)
        return self._quotes

    @property
    def reversed(self) -> str:
        """The text backwards: a forward search of it finds the last match before a position."""
        if self._reversed is None:
            self._reversed = self.text[::-1]
        return self._reversed

    def clause_start(self, pos: int) -> int:
        """Start of the clause (after ，。；：！？ or a newline) that holds `pos`:
        the last clause end before `pos` is the first a search of the reversed text finds."""
        n = len(self.text)
        m = CLAUSE_END_RE.search(self._reversed or self.reversed, n - pos)
        return n - m.start() if m else 0

    def verb_in(self, start: int, end: int) -> bool:
        """A verb lies wholly inside text[start:end]."""
        end_list = self.end_list
        i = bisect_left(end_list, start + 2)
        return i < len(end_list) and end_list[i] <= end


LISTED_BEFORE_RE = re.compile(r"(?:[^、，。；：:\s“”「」]{1,8}、)+[^、，。；：:\s“”「」]{1,8}$")


def listed_before(text: str, start: int, content: str) -> tuple[str, ...]:
    """The parts of a numbered name (“三化”) listed right before its quote, each
    ending with its character after the numeral (组织化、数字化、规范化“三化”), else ()."""
    if len(content) != 2 or text[start - 1:start] != content[1] or content[0] not in NUMERALS:
        return ()
    m = LISTED_BEFORE_RE.search(text, max(start - 40, 0), start)
    if not m:
        return ()
    items = m.group().split("、")
    items[0] = items[0][-len(items[1]):]
    if len(items) != NUMERALS[content[0]] or not all(len(x) >= 2 and x.endswith(content[1]) for x in items):
        return ()
    return tuple(items)


# a count of the sessions or sites of a device right after its quote (开设“X”52期，): numeral,
# 余/多, a measure word of events or sites (not of people: 评选“X”30名 counts a title's holders)
COUNT_AFTER_RE = re.compile(rf"[0-9.{NUM_CHARS}]+[余多]?[期场次个家座项处间堂节](?:次)?(?=[，。；,;、]|$)")


def bare_after(text: str, end: int, campaign_verbs: tuple[str, ...]) -> bool:
    """What may follow a quote no kind word follows for a verb before to make it a
    practice: the end, punctuation, 、 or 等, a campaign verb (推广“X”创建), or a
    count of its sessions or sites and a clause end (开设“X”52期，开展“X”42场，)."""
    nxt = text[end:end + 1]
    if not nxt or nxt in PUNCT or nxt in "、等":
        return True
    if nxt in COUNT_FIRST and COUNT_AFTER_RE.match(text, end):
        return True
    return any(text.startswith(v, end) and text[end + len(v):end + len(v) + 1] in PUNCT for v in campaign_verbs)


OBJECT_GAP_MAX = 4


def object_between(text: str, start: int, verb_ends) -> bool:
    """An action verb, a short object, then the quote at ``start`` (推行链上企业“X”):
    3 to `OBJECT_GAP_MAX` characters between, none a name edge (punctuation, 的, 、)."""
    for p in range(start - 3, max(start - OBJECT_GAP_MAX, 0) - 1, -1):
        if text[p] in NAME_EDGE:
            return False
        if p in verb_ends:
            return not any(ch in NAME_EDGE for ch in text[p:start])
    return False


def goal_slogan(m: Mention) -> bool:
    """党建强、发展强 / 关键岗位有党员、技术攻坚靠党员: parallel clauses with one ending
    (applied where no kind word names the phrase a practice)."""
    parts = [p for p in m.name.split("、") if p]
    return len(parts) >= 2 and len({p[-1] for p in parts}) == 1


def saying(content: str, lex) -> bool:
    """A clause in quotes (“每一条产线上都有X”): a saying, not a name."""
    return any(w in content for w in lex.sayings)


def kind_follows(rest: str, lex) -> bool:
    """The text after a kind word starts a word that may follow it (“X”品牌建设, “X”方式兜底);
    ``rest`` may hold only the first character when the window was cut before a verb."""
    head = rest[:2]
    return bool(head) and any(w.startswith(head) for w in lex.kind_follow)


HEADING_MAX = 30            # a sub-heading line is short and holds no full stop


def heading_quote(text: str, start: int, end: int) -> bool:
    """A quote opening a sub-heading right after its place (某某区：“X”促协同): the section's device
    (the title, the first line, is left out: its quotes are slogans)."""
    if text[start - 1:start] not in ("：", ":"):
        return False
    ls = text.rfind("\n", 0, start) + 1
    if ls == 0:
        return False
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    head = text[ls:start - 1]
    return 2 <= len(head) <= 12 and le - ls <= HEADING_MAX and not any(c in PUNCT or c in "。" for c in head) \
        and "。" not in text[ls:le]


def change_state(text: str, start: int, end: int) -> bool:
    """从“A”到“B”, 由“A”向“B”: two states of a change, not names."""
    before = text[start - 1:start]
    if before in ("从", "由"):
        return text[end:end + 1] in ("到", "向")
    if before in ("到", "向") and text[start - 2:start - 1] in CLOSING:
        opened = max(text.rfind("“", 0, start - 2), text.rfind("「", 0, start - 2))
        return opened > 0 and text[opened - 1] in ("从", "由")
    return False


def relative_verb(text: str, end: int, quote_ends, lex) -> bool:
    """An action verb (one of ``quote_ends``) or a [relative] verb such as 组织, not in a
    party body's name (党组织), ends at `end`, before the 的 of a quote (支部组织的“X”)."""
    if end in quote_ends:
        return True
    return any(text.startswith(v, end - len(v)) for v in lex.relative_verbs) \
        and not any(text.startswith(b, end - len(b)) for b in lex.campaign_bodies)


def predicate_noun(text: str, start: int, ix: "TextIndex", lex) -> bool:
    """A copula (是, 作为, 成为 …) earlier in the clause of a quote that follows 的,
    with no action verb between (把X作为基层党建的“一号工程”, 就是大家的‘红色之家’:
    praise; not 是园区打造的“X”)."""
    cs = ix.clause_start(start)
    for w in lex.copulas:
        i = text.rfind(w, cs, start - 1)
        while i >= 0:
            if not any(k >= 0 and i >= k and text.startswith(n, i - k)    # 但是: a conjunction
                       for n in lex.not_copulas for k in (n.find(w),)):
                return not ix.verb_in(i + len(w), start)
            i = text.rfind(w, cs, i)
    return False
