"""Rules that find practice mentions in a normalised text (used by
nlp/components/practices.py). Lexicons: nlp/practice_lexicon.py.

1. quoted phrases “X”, kept when a kind phrase follows (“X”特色惠民项目), the
   quote ends with a kind word (“X工程”), an action verb governs it (推行“X”),
   it has the shape of a formula (A+B, 一X一Y, 三区三室), or it sits in a run of
   quotes with one of these (“A”“B”等…活动);
2. unquoted names ending with a kind word after an action verb (建立 X 机制,
   健全 A、B、C等制度);
3. national programmes the park runs (三会一课, 主题党日), and unquoted
   一X一Y、一Z一W slogans;
4. numbered names whose parts are listed beside them (“五力” ← 5 parts ending 力)
   take those parts as components.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.practice_lexicon import PracticeLexicon

QUOTE_RE = re.compile(r"[“「]([^“”「」]{1,80})[”」]")
INNER_QUOTE_RE = re.compile(r"[‘『]([^‘’『』“”「」]{1,40})[’』]")     # ‘…’ inside “…”
PUNCT = set("，。；！？,;!?：:…（）()《》〈〉[]【】—–-\n\r\t ")
CLAUSE_END = set("，。；！？,;!?：:\n")
QUOTE_CHARS = set("“”「」‘’\"'")
NAME_EDGE = PUNCT | QUOTE_CHARS | {"的", "、"}     # a name does not reach across these
LIST_EDGE = NAME_EDGE - {"、"}
AFTER_OK = set("的等和及与或后中时上为是在已将并也均还又") | PUNCT | set("0123456789、")
NUMERALS = {"一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
            "八": 8, "九": 9, "十": 10}
NUM_CHARS = "一二三四五六七八九十两百千万双"
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
SPLIT_RE = re.compile(r"[+＋—–―－-]+")
INTERROGATIVE = ("如何", "怎样", "怎么", "为什么", "什么", "吗")
MAX_NAME = 30


@dataclass
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


@dataclass
class Quote:
    content: str                    # without marks, newlines removed
    start: int                      # position of the opening mark
    end: int                        # position after the closing mark
    speech: bool = False


def _alternation(words) -> "re.Pattern[str]":
    words = sorted(words, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words) if words else r"(?!x)x")


WINDOW_STOP_RE = re.compile("[" + re.escape("".join(PUNCT | QUOTE_CHARS) + "、的等") + "]")
LONG_STOP_RE = re.compile("[" + re.escape("".join(PUNCT | QUOTE_CHARS)) + "]")
STRUCTURE_RE = re.compile("为(?:架构|框架|结构|骨架)")
SENTENCE_BREAK_RE = re.compile(r"[。！？!?；;\n]")
LEVEL_RE = re.compile(rf"[{NUM_CHARS}]级")
SPEECH_RE = re.compile("[，。；！？,;!?：:]|" + "|".join(INTERROGATIVE))


_CONTROL_RE = re.compile(r"[\r\n\t]+")


def _clean(text: str) -> str:
    return _CONTROL_RE.sub("", text).strip()


@lru_cache(maxsize=8192)
def _quote_content(raw: str) -> tuple[str, bool]:
    """(content, speech) of the text inside a quote: long ones, sentences and questions are speech."""
    content = _clean(raw)
    return content, len(content) > MAX_NAME or not content or bool(SPEECH_RE.search(content))


CLAUSE_END_RE = re.compile("[" + re.escape("".join(CLAUSE_END)) + "]")


@lru_cache(maxsize=8192)
def _structural(content: str) -> bool:
    """`PracticeFinder.structural` (pure, cached)."""
    parts = [p for p in SPLIT_RE.split(content) if p]
    if len(parts) >= 2 and not content.endswith(("+", "＋")):
        return "+" in content or "＋" in content
    if PAIRS_RE.match(content) or ONE_QUOTED_RE.match(content):
        return True
    parts = content.split("、")           # 一楼一支部、多楼一总支、片区一党委
    return len(parts) >= 2 and all("一" in p and len(p) <= 6 for p in parts) and \
        any(ONE_PAIR_RE.match(p) for p in parts)


def _split_parts(name: str) -> list[str]:
    parts = [p for p in SPLIT_RE.split(name) if p]
    if len(parts) < 2:
        parts = [p for p in name.split("、") if p]
    return parts if len(parts) >= 2 else []


class PracticeFinder:
    """Finds practice mentions in one text. Build once per lexicon and reuse;
    `find()` indexes the verbs of its text first (one text at a time, not thread-safe)."""

    def __init__(self, lex: PracticeLexicon) -> None:
        self.lex = lex
        self.kinds = lex.kinds_by_length()
        self.unquoted_kinds = [k for k in self.kinds if k.unquoted]
        self.kind_words: dict[str, dict[str, list[str]]] = {}
        for flag in ("inside", "unquoted", "after_quote"):
            by_last: dict[str, list[str]] = {}
            for k in self.kinds:            # longest first
                if getattr(k, flag):
                    by_last.setdefault(k.word[-1], []).append(k.word)
            self.kind_words[flag] = by_last
        self.block_before_re = _alternation(lex.block_before)
        self.block_after_re = _alternation(lex.block_after)
        self.block_tail_re = _alternation(lex.block_tail)
        self.long_stops = tuple(w for w in lex.stop_exact if len(w) >= 4)
        self.unquoted_re = re.compile("|".join(re.escape(k.word) for k in self.unquoted_kinds))
        self.programme_re = re.compile("|".join(re.escape(p) for p in sorted(lex.programmes, key=len, reverse=True)))

        kinds_q = [k.word for k in self.kinds if k.after_quote or k.adjacent]
        self.kind_after_re = re.compile("(?=(" + "|".join(re.escape(w) for w in kinds_q) + "))")
        self.verbs_by_first: dict[str, list[str]] = {}
        self.verbs_by_last: dict[str, list[str]] = {}   # each longest first, as lex.verbs
        for v in lex.verbs:
            self.verbs_by_first.setdefault(v[0], []).append(v)
            self.verbs_by_last.setdefault(v[-1], []).append(v)
        self.verb_re = _alternation(lex.verbs)     # literal branches: re scans for their first characters
        self.quote_verb_set = frozenset(lex.quote_verbs)
        self._memo: dict[tuple, object] = {}      # pure results keyed by short strings
        self._text: str | None = None
        self._ends: set[int] = set()
        self._quote_ends: set[int] = set()
        self._end_list: list[int] = []
        self._reversed: str | None = None

    # -- per-text index of verb positions ------------------------------------------
    def index(self, text: str) -> None:
        """Positions right after each action verb, found once per text."""
        if self._text is text:
            return
        ends, quote_ends = set(), set()
        quote_verbs, by_first, startswith = self.quote_verb_set, self.verbs_by_first, text.startswith
        search = self.verb_re.search
        m = search(text)
        while m:                                        # every position where a verb starts
            i = m.start()
            for v in by_first[text[i]]:
                if startswith(v, i):
                    ends.add(i + len(v))
                    if v in quote_verbs:
                        quote_ends.add(i + len(v))
            m = search(text, i + 1)
        self._text, self._ends, self._quote_ends, self._end_list = text, ends, quote_ends, sorted(ends)
        self._reversed = None

    def clause_start(self, pos: int) -> int:
        """Start of the clause (after ，。；：！？ or a newline) that holds `pos` in the indexed text:
        the last clause end before `pos` is the first a search of the reversed text finds."""
        if self._reversed is None:
            self._reversed = self._text[::-1]
        n = len(self._reversed)
        m = CLAUSE_END_RE.search(self._reversed, n - pos)
        return n - m.start() if m else 0

    # -- small predicates ---------------------------------------------------
    def verb_ending_at(self, text: str, pos: int, quote: bool = False) -> bool:
        """An action verb ends at `pos` (`index(text)` has been called)."""
        return pos in (self._quote_ends if quote else self._ends)

    def verb_in(self, text: str, start: int, end: int) -> bool:
        """A verb lies wholly inside text[start:end]."""
        import bisect

        i = bisect.bisect_left(self._end_list, start + 2)
        return i < len(self._end_list) and self._end_list[i] <= end

    def verb_start_before(self, text: str, pos: int, lo: int, within: int) -> int | None:
        """Where the last action verb ending in [pos - within, pos] (and after `lo`) starts."""
        import bisect

        i = bisect.bisect_right(self._end_list, pos) - 1
        if i < 0 or self._end_list[i] < max(lo + 2, pos - within):
            return None
        end = self._end_list[i]
        for v in self.verbs_by_last.get(text[end - 1], ()):     # longest first
            if end - len(v) >= lo and text.startswith(v, end - len(v)):
                return end - len(v)
        return None

    def ends_with_kind(self, name: str, flag: str) -> str:
        """The longest kind word with `flag` that ends `name` (and is not all of it)."""
        return self._memoized(self._ends_with_kind, name, flag)

    def _memoized(self, fn, *args):
        """``fn(*args)`` for a pure method ``fn`` of short strings, remembered (bounded)."""
        key = (fn.__name__, *args)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > 50_000:    # a long ingest keeps no more than this
                self._memo.clear()
            found = self._memo[key] = fn(*args)
        return found

    def _ends_with_kind(self, name: str, flag: str) -> str:
        if flag == "inside" and ("、" in name or "—" in name):   # a list, not a name
            return ""
        for w in self.kind_words[flag].get(name[-1:], ()):
            if name.endswith(w) and len(name) > len(w):
                return w
        return ""

    def is_stop(self, content: str, bare: bool) -> bool:
        if content in self.lex.stop_exact:
            return True
        return bare and content.endswith(self.lex.stop_suffix)

    def is_generic(self, prefix: str) -> bool:
        """Only generic words (党建, 服务, 治理 …) before the kind: 党建制度, 服务治理体系."""
        return self._memoized(self._is_generic, prefix)

    def _is_generic(self, prefix: str) -> bool:
        from nlp.segment import get_segmenter

        words = [w for w in get_segmenter().cut(prefix) if w.strip()]
        return all(w in self.lex.generic or len(w) == 1 for w in words)

    def blocked(self, text: str, start: int, end: int) -> bool:
        """A blocking word ends within 4 characters before the quote, or starts the text after it."""
        m = self.block_before_re.search(text, max(0, start - 6), start)
        while m:
            if m.end() >= start - 4:
                return True
            m = self.block_before_re.search(text, m.start() + 1, start)
        return bool(self.block_after_re.match(text, end))

    def kind_after(self, text: str, pos: int, long: bool = False) -> tuple[str, int, int]:
        """The kind phrase right after a quote: (kind word, phrase start, phrase end) or ("", pos, pos)."""
        import bisect

        start = pos
        de = text.startswith("的", pos)
        if de:
            start += 1
        limit = min(len(text), start + (32 if long else (10 if de else 14)))
        m = (LONG_STOP_RE if long else WINDOW_STOP_RE).search(text, start, limit)
        end = m.start() if m else limit
        i = bisect.bisect_left(self._end_list, start + 2)
        verb_cut = False
        if i < len(self._end_list) and self._end_list[i] <= end:
            end = self._end_list[i] - 2     # no action verb inside a kind phrase
            verb_cut = end - start >= 2      # “X”的方式开展: the kind phrase ends where the verb starts
        # the rest reads text[start:end] and the character after it only
        after = "" if verb_cut else text[end:end + 1]
        word, a, b = self._memoized(self._kind_in, text[start:end], after, de, long)
        return (word, start + a, start + b) if word else ("", pos, pos)

    def _kind_in(self, phrase: str, after: str, de: bool, long: bool) -> tuple[str, int, int]:
        """`kind_after` on the phrase window (offsets in it); ``after``: the character after it."""
        best = ("", 0, 0)
        end = len(phrase)
        if phrase[:1] in ("为", "是") or self.block_tail_re.search(phrase):
            return best                         # 以“X”为架构: a predicate, not a kind phrase
        kinds = self.lex.kinds
        for m in self.kind_after_re.finditer(phrase):
            k = kinds[m.group(1)]
            i, stop = m.start(), m.start() + len(k.word)
            if not (k.after_quote or (k.adjacent and not de and not long and i == 0)):
                continue
            nxt = phrase[stop] if stop < end else after
            if stop <= end and (nxt == "" or nxt in AFTER_OK) and stop > best[2]:
                best = (k.word, 0, stop)
        return best

    # -- rule 1: quotes -------------------------------------------------------
    def quotes(self, text: str) -> list[Quote]:
        """Every “…” and ‘…’ (by start); long ones, sentences and questions are marked as speech."""
        out = []
        for pattern in (QUOTE_RE, INNER_QUOTE_RE):
            for m in pattern.finditer(text):
                content, speech = _quote_content(m.group(1))
                out.append(Quote(content, m.start(), m.end(), speech))
        out.sort(key=lambda q: q.start)
        return out

    def chains(self, text: str, quotes: list[Quote]) -> list[list[Quote]]:
        """Runs of quotes: “A”“B”, “A”和“B”, “A”、X党委“B”."""
        chains: list[list[Quote]] = []
        for q in quotes:
            if q.speech:
                continue
            if chains and chains[-1][-1].end <= q.start:
                prev = chains[-1][-1]
                gap = text[prev.end:q.start]
                if "\n" not in gap and CHAIN_GAP_RE.fullmatch(gap) and (gap == "" or gap[0] in "、和与及以"):
                    chains[-1].append(q)
                    continue
            chains.append([q])
        return chains

    def structural(self, content: str) -> bool:
        """A formula name: A+B, 一X一Y, 三区三室一吧一廊, 五优五味."""
        return _structural(content)

    def governed(self, text: str, start: int) -> bool:
        """An action verb at most 2 characters before the quote, in the same clause."""
        for gap in range(0, 3):
            p = start - gap
            if p < 0 or (gap and text[p] in NAME_EDGE):
                break
            if self.verb_ending_at(text, p, quote=True):
                return True
        return False

    def quote_mentions(self, text: str, chain: list[Quote]) -> list[Mention]:
        """The practices among a run of quotes (see the module docstring, rule 1)."""
        last = chain[-1]
        kind, ks, ke = self.kind_after(text, last.end)
        if not kind and text.startswith("等", last.end):
            kind, ks, ke = self.kind_after(text, last.end + 1, long=True)
        if self.blocked(text, chain[0].start, last.end) and not kind:
            return []
        after = text[last.end:last.end + 1]
        bare_ok = self.governed(text, chain[0].start) and (not after or after in PUNCT or after in "、等") \
            and (len(chain) > 1 or len(chain[0].content) >= 3)
        own = [bool(self.ends_with_kind(q.content, "inside") or self.structural(q.content)) for q in chain]
        # a quote beside a practice is one too (“A”“B工程”), unless 等 + a non-kind
        # noun says what the run is (“A讲堂”“B厅”等阵地)
        etc_other = not kind and text.startswith("等", last.end) and text[last.end + 1:last.end + 2] not in PUNCT
        chain_ok = bool(kind) or bare_ok or (any(own) and not etc_other)
        if not chain_ok and not any(own):
            return []                           # every quote of the run would be skipped below
        out = []
        for q, own_ok in zip(chain, own):
            c = q.content
            if self.blocked(text, q.start, q.end) and not (kind and len(chain) == 1):
                continue
            if text.startswith("上", q.end) and "在" in text[max(0, q.start - 2):q.start]:
                continue                        # 在“X+Y”上下功夫: a topic, not a name
            single = len(chain) == 1
            if self.is_stop(c, bare=not kind and not self.structural(c)):
                if single and kind and ks == q.end:
                    out.extend(self._stop_with_kind(text, q, kind, ke))
                continue
            if COUNT_RE.match(c) and not (own_ok or kind):
                continue
            if not (own_ok or chain_ok):
                continue
            m = Mention(c, q.start, q.end, quoted=True, quote_end=q.end)
            m.kind = self.ends_with_kind(c, "inside") or kind
            if single and kind:
                full = c + text[ks:ke]
                m.end, m.tail = ke, text[ks:ke]
                if c.endswith(("式", "+", "＋")) or (c[0].isdigit() and "+" not in c) or len(c) < 2:
                    m.name, m.aliases = full, [c]
                else:
                    m.aliases = [full]
            m.components = _split_parts(m.name if not m.name.endswith(m.kind) or not m.kind else c)
            out.append(m)
        if kind and out:
            out[-1].cover = (last.end, ke)
        return out

    def _stop_with_kind(self, text: str, q: Quote, kind: str, ke: int) -> list[Mention]:
        """构建园区“红色”矩阵 → 园区红色矩阵: an emphasis word inside a named phrase."""
        i = q.start
        while i > 0 and q.start - i < 6 and text[i - 1] not in NAME_EDGE:
            if self.verb_ending_at(text, i):
                break
            i -= 1
        if i == q.start or not self.verb_ending_at(text, i):
            return []
        name = text[i:q.start] + q.content + text[q.end:ke]
        return [Mention(name, i, ke, kind=kind)]

    # -- rule 2: unquoted names -----------------------------------------------
    def unquoted_mentions(self, text: str, quoted: list[tuple[int, int]],
                          phrases: list[tuple[int, int]]) -> list[Mention]:
        out = []
        inside = _Intervals(quoted)
        covered = _Intervals([(s - 1, e + 1) for s, e in phrases])
        for m in self.unquoted_re.finditer(text):
            ks, ke = m.start(), m.end()
            if inside.covers(ks) or (ke < len(text) and text[ke] not in AFTER_OK):
                continue
            if covered.covers(ks) or covered.covers(ke - 1) or text[ks - 1:ks] == "新":
                continue
            if text.startswith("等", ks - 1):
                out.extend(self._etc_list(text, ks - 1, m.group()))
                continue
            found = self._np_before(text, ks)
            if found is None:
                continue
            start, license_ = found
            if start > 0 and text[start - 1] in "”」":
                continue
            quoted_head = self._quote_before(text, start)
            if quoted_head is not None:  # “131”创新型人才培养工程: the quote begins the name
                qs, qe = quoted_head
                name = text[qs + 1:qe - 1] + text[qe:ke]
                if len(name) <= MAX_NAME:
                    out.append(Mention(name, qs, ke, kind=m.group()))
                continue
            prefix = text[start:ks]
            last_part = prefix.rsplit("、", 1)[-1]
            if len(prefix) < 2 or self.is_generic(last_part) or prefix.startswith(self.long_stops) \
                    or COUNT_RE.fullmatch(prefix):      # 实施两个工程
                continue
            if license_ != "verb" and not self.verb_in(text, self.clause_start(start), start):
                continue
            level = LEVEL_RE.search(prefix)         # 党小组五级党建工作联动体系 → 五级…
            if level and level.start() > 0 and not _split_parts(prefix):
                start, prefix = start + level.start(), prefix[level.start():]
            name = text[start:ke]
            out.append(Mention(name, start, ke, kind=m.group(), components=_split_parts(prefix)))
        return out

    def _quote_before(self, text: str, start: int) -> tuple[int, int] | None:
        """(opening mark, after closing mark) of a short quote that the name
        starting at `start` continues (“131”创新|型人才培养工程: only a verb
        of 1–3 characters between the quote and `start`)."""
        for k in range(1, 4):
            q = start - k
            if q < 1 or text[q] in NAME_EDGE and text[q] not in "”」":
                return None
            if text[q] in "”」" and self.verb_ending_at(text, start):
                opening = text.rfind("“" if text[q] == "”" else "「", max(0, q - 12), q)
                if opening >= 0 and not any(ch in NAME_EDGE for ch in text[opening + 1:q]):
                    return opening, q + 1
                return None
        return None

    def _np_before(self, text: str, ks: int) -> tuple[int, str] | None:
        """Where an unquoted name ending at a kind word starts, and what stands
        before it: "verb", "de" (…的X机制), "list" (…机制、X体系) or "other"."""
        i = ks
        while i > 0:
            if ks - i > 22:
                return None
            if self.verb_ending_at(text, i):
                return i, "verb"
            ch = text[i - 1]
            if ch in PUNCT or ch in QUOTE_CHARS or ch.isdigit():
                return i, "other"
            if ch == "的":
                return i, "de"
            if ch == "、":
                before = text[self.clause_start(i - 1):i - 1]
                if before.endswith(("”", "」")) or self.ends_with_kind(before, "unquoted") or \
                        self.ends_with_kind(before, "after_quote"):
                    return i, "list"
            i -= 1
        return i, "other"

    def _etc_list(self, text: str, etc: int, kind: str) -> list[Mention]:
        """健全 A、B、C等制度 → A, B, C."""
        i = etc
        while i > 0 and etc - i < 40 and text[i - 1] not in LIST_EDGE:
            if self.verb_ending_at(text, i):
                break
            i -= 1
        if not self.verb_ending_at(text, i):
            return []
        items = text[i:etc].split("、")
        if len(items) < 2 or not all(2 <= len(x) <= 10 for x in items):
            return []
        out, pos = [], i
        for x in items:
            if not self.is_generic(x):
                out.append(Mention(x, pos, pos + len(x), kind=kind))
            pos += len(x) + 1
        return out

    # -- rule 3: programmes, rule 1b: unquoted 一X一Y slogans ---------------------
    def programme_mentions(self, text: str) -> list[Mention]:
        return [Mention(m.group(), m.start(), m.end(), components=_split_parts(m.group()))
                for m in self.programme_re.finditer(text)]

    def slogan_mentions(self, text: str, quoted: list[tuple[int, int]]) -> list[Mention]:
        if "、一" not in text:
            return []
        inside = _Intervals(quoted)
        return [Mention(m.group(), m.start(), m.end(), components=m.group().split("、"))
                for m in ONE_SLOGAN_RE.finditer(text) if not inside.covers(m.start())]

    # -- rule 4: numbered names take the parts listed beside them ------------------
    def absorb_parts(self, text: str, mentions: list[Mention], quotes: list[Quote]) -> set[int]:
        """Quotes (by start) that list the parts of a numbered name nearby
        (“四力提升” ← “组织力、…、凝聚力”; “三链融合” ← “党建链+产业链+人才链”):
        the name takes them as components and the quote as an alias."""
        import bisect

        absorbed: set[int] = set()
        starts = [q.start for q in quotes]
        for m in mentions:
            n = m.name
            if not n or n[0] not in NUM_CHARS:
                continue
            lo, hi = bisect.bisect_left(starts, m.start - 300), bisect.bisect_right(starts, m.start + 300)
            for q in quotes[lo:hi]:
                if q.speech or q.start == m.start:
                    continue
                if "\n" in text[min(q.start, m.start):max(q.end, m.end)]:
                    continue
                parts = _split_parts(q.content)
                if len(parts) < 2:
                    continue
                numbered = n[0] in NUMERALS and NUMERALS[n[0]] == len(parts) and len(n) > 1 and \
                    all(n[1] in p for p in parts)
                initials = len(n) == len(parts) and all(ch in NUM_CHARS for ch in n) and \
                    all(p.startswith(ch) for p, ch in zip(parts, n))
                if numbered or initials:
                    m.components = parts
                    if q.content not in m.aliases:
                        m.aliases.append(q.content)
                    absorbed.add(q.start)
        return absorbed

    def find(self, text: str) -> list[Mention]:
        self.index(text)
        quotes = self.quotes(text)
        mentions: list[Mention] = []
        for chain in self.chains(text, quotes):
            mentions.extend(self.quote_mentions(text, chain))
        absorbed = self.absorb_parts(text, mentions, quotes)
        mentions = self.attach_structures(text, [m for m in mentions if m.start not in absorbed])
        quoted = [(q.start, q.end) for q in quotes]
        phrases = [m.cover for m in mentions if m.cover != (0, 0)]
        mentions.extend(self.unquoted_mentions(text, quoted, phrases))
        mentions.extend(self.programme_mentions(text))
        mentions.extend(self.slogan_mentions(text, quoted))
        return [m for m in mentions if m.kind or not _goal_slogan(m)]

    def attach_structures(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """推出“X”行动，以“A+B+C”为架构: the structure is another wording of X."""
        out: list[Mention] = []
        for m in sorted(mentions, key=lambda m: m.start):
            prev = out[-1] if out else None
            if m.quoted and prev is not None and text[m.start - 1:m.start] == "以" \
                    and STRUCTURE_RE.match(text, m.quote_end) \
                    and not SENTENCE_BREAK_RE.search(text, prev.end, m.start):
                prev.aliases.append(m.name)
                continue
            out.append(m)
        return out


def _goal_slogan(m: Mention) -> bool:
    """党建强、发展强 / 关键岗位有党员、技术攻坚靠党员: parallel clauses with one ending
    (applied where no kind word names the phrase a practice)."""
    parts = [p for p in m.name.split("、") if p]
    return len(parts) >= 2 and len({p[-1] for p in parts}) == 1


class _Intervals:
    """Union of [start, end) spans; `covers(pos)`: pos lies strictly inside one."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self.spans = merged

    def covers(self, pos: int) -> bool:
        import bisect

        i = bisect.bisect_right(self.spans, (pos, float("inf"))) - 1
        return i >= 0 and self.spans[i][0] < pos < self.spans[i][1]


