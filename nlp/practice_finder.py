"""Rules that find practice mentions in a normalised text (used by
nlp/components/practices.py). Lexicons: nlp/practice_lexicon.py; character
classes, pure helpers and the per-text index: nlp/practice_text.py.

1. quoted phrases “X”, kept when a kind phrase follows (“X”特色惠民项目), the
   quote ends with a kind word (“X工程”), an action verb governs it (推行“X”,
   召开一次“X”), it has the shape of a formula (A+B, 一X一Y, 两站两岗), the words
   around license it (把“X”设在…, “A、B”思路, 创建“X”党组织, “X”联系…), its
   numbered name follows its listed parts (A化、B化“两化”), or it sits in a run of
   quotes with one of these (“A”“B”等…活动);
2. unquoted names ending with a kind word after an action verb (建立 X 机制,
   健全 A、B、C等制度);
3. national programmes the park runs (三会一课, 主题党日), and unquoted
   一X一Y、一Z一W slogans;
4. numbered names whose parts are listed beside them (“五力” ← 5 parts ending 力)
   take those parts as components.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import partial
from operator import attrgetter
from typing import NamedTuple

from nlp.practice_lexicon import PracticeLexicon
from nlp.practice_text import (AFTER_OK, CHAIN_GAP_MAX, CHAIN_GAP_RE, CLAUSE_END_RE, COUNT_FIRST,
                               COUNT_RE, LONG_STOP_RE, NAME_EDGE, NUM_CHARS, NUMERALS, PUNCT,
                               SENTENCE_BREAK_RE, STRUCTURE_RE, WINDOW_STOP, WINDOW_STOP_RE, Intervals, Mention, Quote,
                               TextIndex, alternation, bare_after, goal_slogan, listed_before,
                               overlap_free, part_tuple, prefix_free, split_parts, structural, verb_table,
                               saying, kind_follows, heading_quote, change_state, predicate_noun)
from nlp.practice_context import QuoteContext, pairing
from nlp.practice_unquoted import UnquotedRules

__all__ = ["Mention", "PracticeFinder", "Quote"]

MEMO_LIMIT = 50_000         # entries a memo keeps during a long ingest
BARE_AFTER = PUNCT | {"、", "等"}
START = attrgetter("start")


class _Content(NamedTuple):
    """What the rules ask of a quote's content (pure, remembered per content)."""
    inside_kind: str        # the kind word ending it (“X工程”)
    structural: bool        # a formula: A+B, 一X一Y …
    own: bool               # a practice by itself: one of the two above
    stop: bool              # a praise word, emphasis, slogan (exact)
    stop_suffix: bool       # ends like praise or a metaphor
    count: bool             # starts with a count (22项 …)


_new_content = partial(tuple.__new__, _Content)     # _Content((…)) without the Python __new__


class PracticeFinder(QuoteContext, UnquotedRules):
    """Finds practice mentions in one text. Build once per lexicon and reuse;
    `find()` indexes its text first (one text at a time, not thread-safe)."""

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
        self.block_before_re = alternation(lex.block_before)
        self.block_after_re = alternation(lex.block_after)
        self.block_tail_re = alternation(lex.block_tail)
        self.long_stops = tuple(w for w in lex.stop_exact if len(w) >= 4)
        unquoted_words = [k.word for k in self.unquoted_kinds]
        self.unquoted_re = alternation(unquoted_words)
        self.programme_re = alternation(lex.programmes)
        # one scan for both when their words never overlap (else a scan each)
        self.unquoted_programme_re = alternation([*unquoted_words, *lex.programmes]) \
            if overlap_free(unquoted_words, lex.programmes) else None
        # kind words after a quote: (after_quote, adjacent, method) of each, one pattern over them
        self.quote_kinds = {k.word: (k.after_quote, k.adjacent, k.method) for k in self.kinds if k.after_quote or k.adjacent}
        self.kind_after_re = alternation(self.quote_kinds)
        self.verbs_by_last: dict[str, list[str]] = {}   # each longest first, as lex.verbs
        for v in lex.verbs:
            self.verbs_by_last.setdefault(v[-1], []).append(v)
        self.verb_re = alternation(lex.verbs)
        # 把“X”设在…, “A、B”思路, 创建“X”党组织; working-method verbs after a quoted manner
        # (one pattern over the three word lists, for one match after each quote)
        self.licence_words = {**{w: "campaign" for w in lex.campaign_bodies}, **{w: "frame" for w in lex.frames},
                              **{w: "placement" for w in lex.placements}}
        self.licence_re = alternation(self.licence_words)
        self.licence_firsts = frozenset(w[0] for w in self.licence_words)
        self.method_kinds = frozenset(k.word for k in self.kinds if k.method)
        self.verb_table = verb_table(lex.verbs, lex.quote_verbs)
        # the text index finds the unquoted kind words and programmes with the verbs (one scan)
        # when none of them starts where a verb starts (else `unquoted_scan` scans for them)
        others = [*unquoted_words, *lex.programmes]
        self._index_re, self._index_table = self.verb_re, self.verb_table
        self._index_others = self.unquoted_programme_re is not None and prefix_free(lex.verbs, others)
        if self._index_others:
            self._index_re = alternation([*lex.verbs, *others])
            self._index_table = verb_table(lex.verbs, lex.quote_verbs, others)
        by_last: dict[str, tuple[str, ...]] = {}
        for w in lex.stop_suffix:
            by_last[w[-1:]] = by_last.get(w[-1:], ()) + (w,)
        self._stop_suffix_by_last = None if "" in by_last else by_last     # (an empty suffix ends all)
        self._kind_memo: dict[tuple, tuple[str, int, int]] = {}
        self._ends_memo: dict[str, dict[str, str]] = {flag: {} for flag in self.kind_words}
        self._generic_memo: dict[str, bool] = {}
        self._content_memo: dict[str, _Content] = {}
        self.ix: TextIndex | None = None

    # -- per-text index ----------------------------------------------------------
    def index(self, text: str) -> TextIndex:
        """The verbs, clauses and quotes of `text`, found once per text."""
        ix = self.ix
        if ix is None or ix.text is not text:
            ix = self.ix = TextIndex(text, self._index_re, self._index_table)
        return ix

    @property
    def _ends(self) -> set[int]:
        """The verb ends of the indexed text (tests compare them with a naive scan)."""
        return self.ix.ends

    def clause_start(self, pos: int) -> int:
        """Start of the clause (after ，。；：！？ or a newline) that holds `pos` in the indexed text."""
        return self.ix.clause_start(pos)

    # -- small predicates ---------------------------------------------------
    def verb_ending_at(self, text: str, pos: int, quote: bool = False) -> bool:
        """An action verb ends at `pos` (`index(text)` has been called)."""
        return pos in (self.ix.quote_ends if quote else self.ix.ends)

    def verb_in(self, text: str, start: int, end: int) -> bool:
        """A verb lies wholly inside text[start:end]."""
        return self.ix.verb_in(start, end)

    def ends_with_kind(self, name: str, flag: str) -> str:
        """The longest kind word with `flag` that ends `name` (and is not all of it)."""
        memo = self._ends_memo[flag]
        found = memo.get(name)
        if found is None:
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            found = memo[name] = self._ends_with_kind(name, flag)
        return found

    def _ends_with_kind(self, name: str, flag: str) -> str:
        if flag == "inside" and ("、" in name or "—" in name):   # a list, not a name
            return ""
        for w in self.kind_words[flag].get(name[-1:], ()):
            if name.endswith(w) and len(name) > len(w):
                return w
        return ""

    def content(self, content: str) -> _Content:
        """The pure facts of a quote's content, remembered."""
        found = self._content_memo.get(content)
        if found is None:
            if len(self._content_memo) > MEMO_LIMIT:
                self._content_memo.clear()
            inside = self._ends_with_kind(content, "inside")
            formula = structural(content)
            found = self._content_memo[content] = _new_content((
                inside, formula, bool(inside or formula), content in self.lex.stop_exact or saying(content, self.lex),
                self.stop_suffix(content), content[:1] in COUNT_FIRST and bool(COUNT_RE.match(content))))
        return found

    def stop_suffix(self, content: str) -> bool:
        """``content.endswith(lex.stop_suffix)``, trying only the suffixes that end with its last character."""
        by_last = self._stop_suffix_by_last
        if by_last is None:
            return content.endswith(self.lex.stop_suffix)
        return content.endswith(by_last.get(content[-1:], ()))

    def structural(self, content: str) -> bool:
        """A formula name: A+B, 一X一Y, 两站两岗一屋一廊, 三心三力."""
        return structural(content)

    def is_stop(self, content: str, bare: bool) -> bool:
        if content in self.lex.stop_exact:
            return True
        return bare and content.endswith(self.lex.stop_suffix)

    def is_generic(self, prefix: str) -> bool:
        """Only generic words (党建, 服务, 治理 …) before the kind: 党建制度, 服务治理体系."""
        found = self._generic_memo.get(prefix)
        if found is None:
            if len(self._generic_memo) > MEMO_LIMIT:
                self._generic_memo.clear()
            found = self._generic_memo[prefix] = self._is_generic(prefix)
        return found

    def _is_generic(self, prefix: str) -> bool:
        from nlp.segment import get_segmenter

        words = [w for w in get_segmenter().cut(prefix) if w.strip()]
        return all(w in self.lex.generic or len(w) == 1 for w in words)

    def blocked(self, text: str, start: int, end: int) -> bool:
        """A blocking word ends within 4 characters before the quote, or starts the text after it."""
        search = self.block_before_re.search
        m = search(text, start - 6 if start > 6 else 0, start)
        while m:
            if m.end() >= start - 4 and not CLAUSE_END_RE.search(text, m.end(), start):
                return True         # (说，支部把“X”设在…: a clause between, the quote is not speech)
            m = search(text, m.start() + 1, start)
        return bool(self.block_after_re.match(text, end))

    def kind_after(self, text: str, pos: int, long: bool = False) -> tuple[str, int, int]:
        """The kind phrase right after a quote: (kind word, phrase start, phrase end) or ("", pos, pos)."""
        start = pos
        de = text.startswith("的", pos)
        if de:
            start += 1
        elif not long and (pos >= len(text) or text[pos] in WINDOW_STOP):
            return ("", pos, pos)           # the window is empty
        limit = start + (32 if long else (10 if de else 14))
        if limit > len(text):
            limit = len(text)
        if not self.kind_after_re.search(text, start, limit):
            return ("", pos, pos)           # no kind word in the window
        return self._kind_phrase(text, pos, start, limit, de, long)

    def _kind_phrase(self, text: str, pos: int, start: int, limit: int, de: bool, long: bool) -> tuple[str, int, int]:
        """`kind_after` once a kind word lies in the window text[start:limit]."""
        m = (LONG_STOP_RE if long else WINDOW_STOP_RE).search(text, start, limit)
        end = m.start() if m else limit
        end_list = self.ix.end_list
        i = bisect_left(end_list, start + 2)
        if i < len(end_list) and end_list[i] <= end:
            end = end_list[i] - 2           # no action verb inside a kind phrase
            # “X”的方式开展: the kind phrase ends where the verb starts
            after = "" if end - start >= 2 else text[end:end + 1]
        else:
            after = text[end:end + 1]
        # the rest reads text[start:end] and the character after it only
        key = (text[start:end], after, de, long)
        found = self._kind_memo.get(key)
        if found is None:
            if len(self._kind_memo) > MEMO_LIMIT:
                self._kind_memo.clear()
            found = self._kind_memo[key] = self._kind_in(*key)
        word, a, b = found
        return (word, start + a, start + b) if word else ("", pos, pos)

    def _kind_in(self, phrase: str, after: str, de: bool, long: bool) -> tuple[str, int, int]:
        """`kind_after` on the phrase window (offsets in it); ``after``: the character after it."""
        best = ("", 0, 0)
        end = len(phrase)
        if phrase[:1] in ("为", "是") or self.block_tail_re.search(phrase):
            return best                         # 以“X”为架构: a predicate, not a kind phrase
        search = self.kind_after_re.search
        m = search(phrase)
        while m:                                # (`each_start`, inline)
            word = m.group()
            after_quote, adjacent, method = self.quote_kinds[word]
            i, stop = m.start(), m.end()
            if after_quote or (adjacent and not de and not long and i == 0):
                nxt = phrase[stop] if stop < end else after
                # (a method verb takes its object: “一对一”联系企业)
                if stop <= end and (nxt == "" or nxt in AFTER_OK or (method and nxt not in self.lex.method_nouns)
                                    or kind_follows(phrase[stop:] + after, self.lex)) \
                        and stop > best[2]:
                    best = (word, 0, stop)
            m = search(phrase, i + 1)
        return best

    # -- rule 1: quotes -------------------------------------------------------
    def quotes(self, text: str) -> list[Quote]:
        """Every “…” and ‘…’ (by start); long ones, sentences and questions are marked as speech."""
        return self.index(text).quotes

    def quote_mentions(self, text: str, chain: list[Quote]) -> list[Mention]:
        """The practices among a run of quotes (see the module docstring, rule 1)."""
        if len(chain) == 1:
            return self._single_quote(text, chain[0])
        first, last = chain[0], chain[-1]
        le = last.end
        kind, ks, ke = self.kind_after(text, le)
        etc = text.startswith("等", le)
        if not kind:
            if etc:
                kind, ks, ke = self.kind_after(text, le + 1, long=True)
            if not kind and self.blocked(text, first.start, le):
                return []
        facts = [self.content(q.content) for q in chain]
        any_own = any(f.own for f in facts)
        # a quote beside a practice is one too (“A”“B工程”), unless 等 + a non-kind
        # noun says what the run is (“A讲堂”“B厅”等阵地)
        chain_ok = bool(kind) or (any_own and not (etc and text[le + 1:le + 2] not in PUNCT)) or (
            (le >= len(text) or text[le] in BARE_AFTER) and self.governed(text, first.start))
        if not chain_ok and not any_own:
            return []                           # every quote of the run would be skipped below
        out = []
        for q, f in zip(chain, facts):
            if self.blocked(text, q.start, q.end):
                continue
            if text.startswith("上", q.end) and "在" in text[max(0, q.start - 2):q.start]:
                continue                        # 在“X+Y”上下功夫: a topic, not a name
            if f.stop or (f.stop_suffix and not kind and not f.structural):
                continue
            if f.count and not (f.own or kind):
                continue
            if not (f.own or chain_ok):
                continue
            m = self._quoted(q, f, kind)
            m.components = split_parts(q.content)
            out.append(m)
        if kind and out:
            out[-1].cover = (le, ke)
        return out

    def _single_quote(self, text: str, q: Quote) -> list[Mention]:
        """`quote_mentions` of a run of one quote (its checks that reject the
        quote in a cheaper order: each rejection returns the same [])."""
        le = q.end
        if change_state(text, q.start, le):
            return []                           # 从“A”到“B”: states of a change
        nxt = text[le:le + 1]
        kind = ""
        if nxt == "的":
            kind, ks, ke = self.kind_after(text, le)
        elif nxt and nxt not in WINDOW_STOP:
            limit = le + 14                     # kind_after's window, checked here first
            if limit > len(text):
                limit = len(text)
            if self.kind_after_re.search(text, le, limit):
                kind, ks, ke = self._kind_phrase(text, le, le, limit, False, False)
        c = q.content
        f = self._content_memo.get(c) or self.content(c)
        if not kind and text[q.start - 1:q.start] == "的" and predicate_noun(text, q.start, self.ix, self.lex):
            return []                           # 作为…的“一号工程”: praise as a predicate noun
        if not kind:
            if nxt == "等":
                kind, ks, ke = self.kind_after(text, le + 1, long=True)
            if not kind:
                if not f.own and not (len(c) >= 3 and bare_after(text, le, self.lex.campaign_verbs) and self.governed(text, q.start)) \
                        and not self.licensed(text, q, c) and not (len(c) >= 3 and heading_quote(text, q.start, le)):
                    parts = listed_before(text, q.start, c)
                    if parts and not self.blocked(text, q.start, le):    # 组织化、数字化、规范化“三化”
                        return [Mention(c, q.start, le, "", ["、".join(parts)], True, list(parts), "", (0, 0), le)]
                    return []
                if self.blocked(text, q.start, le):
                    return []
        if nxt == "上" and "在" in text[max(0, q.start - 2):q.start]:
            return []                           # 在“X+Y”上下功夫: a topic, not a name
        if f.stop or (f.stop_suffix and not kind and not f.structural and not self._counted(text, q.start)
                      and not self.set_up(text, q.start, le)):     # (设立“X加油站”5个: a device)
            if kind and ks == le:      # (开辟120平方米的“X会客厅”: a measured room is no metaphor)
                if kind in self.method_kinds and ke == le + len(kind):     # “一对一”联系
                    return [Mention(c, q.start, ke, kind, [c + kind], True, [], kind, (le, ke), le)]
                out = self._stop_with_kind(text, q, kind, ke)
                if out:
                    out[-1].cover = (le, ke)
                return out
            return []
        if f.count and not (f.own or kind or (pairing(c) and self.governed(text, q.start))):
            return []       # (推行“一名党员带一个班组”: a pairing formula, no count)
        if not kind:        # (`_quoted`, its name the content)
            return [Mention(c, q.start, le, f.inside_kind, [], True, split_parts(c), "", (0, 0), le)]
        tail = text[ks:ke]
        if c.endswith(("式", "+", "＋")) or (c[0].isdigit() and "+" not in c) or len(c) < 2:
            name, aliases = c + tail, [c]
        else:
            name, aliases = c, [c + tail]
        kind = kind if kind and ("+" in c or "＋" in c) else (f.inside_kind or kind)   # “A+B工作室”模式
        return [Mention(name, q.start, ke, kind, aliases, True, split_parts(c if name.endswith(kind) else name),
                        tail, (le, ke), le)]

    @staticmethod
    def _quoted(q: Quote, f: _Content, kind: str) -> Mention:
        """The mention of a quote: its content, the kind word ending it or the kind phrase after it."""
        return Mention(q.content, q.start, q.end, f.inside_kind or kind, [], True, [], "", (0, 0), q.end)

    def _stop_with_kind(self, text: str, q: Quote, kind: str, ke: int) -> list[Mention]:
        """打造楼宇“红色”阵列 → 楼宇红色阵列: an emphasis word inside a named phrase."""
        ends = self.ix.ends
        i = q.start
        while i > 0 and q.start - i < 6 and text[i - 1] not in NAME_EDGE:
            if i in ends:
                break
            i -= 1
        if i == q.start or i not in ends:
            return []
        name = text[i:q.start] + q.content + text[q.end:ke]
        return [Mention(name, i, ke, kind=kind)]

    # -- rule 4: numbered names take the parts listed beside them ------------------
    def absorb_parts(self, text: str, mentions: list[Mention], quotes: list[Quote]) -> set[int]:
        """Quotes (by start) that list the parts of a numbered name nearby
        (“四力提升” ← “组织力、…、凝聚力”; “三端联动” ← “政府端+企业端+人才端”):
        the name takes them as components and the quote as an alias."""
        absorbed: set[int] = set()
        listed: list[tuple[Quote, tuple[str, ...]]] = []
        starts: list[int] | None = None
        for m in mentions:
            n = m.name
            if not n or n[0] not in NUM_CHARS:
                continue
            if starts is None:              # the quotes (not speech) that list two parts or more
                listed = [(q, parts) for q in quotes if not q.speech and (parts := part_tuple(q.content))]
                starts = [q.start for q, _ in listed]
            lo, hi = bisect_left(starts, m.start - 300), bisect_right(starts, m.start + 300)
            for q, parts in listed[lo:hi]:
                if q.start == m.start:
                    continue
                numbered = n[0] in NUMERALS and NUMERALS[n[0]] == len(parts) and len(n) > 1 and \
                    all(n[1] in p for p in parts)
                initials = len(n) == len(parts) and all(ch in NUM_CHARS for ch in n) and \
                    all(p.startswith(ch) for p, ch in zip(parts, n))
                if (numbered or initials) and \
                        text.find("\n", min(q.start, m.start), max(q.end, m.end)) < 0:
                    m.components = list(parts)
                    if q.content not in m.aliases:
                        m.aliases.append(q.content)
                    absorbed.add(q.start)
        return absorbed

    def find(self, text: str) -> list[Mention]:
        quotes = self.index(text).quotes
        mentions: list[Mention] = []
        single, run = self._single_quote, self.quote_mentions
        # runs of quotes (“A”“B”, “A”和“B”, “A”、X党委“B”), found on the way: a run of one (most) needs no list
        first: Quote | None = None
        chain: list[Quote] | None = None
        prev_end = -CHAIN_GAP_MAX - 1       # the end of the last quote (not speech)
        fullmatch = CHAIN_GAP_RE.fullmatch
        for q in quotes:
            if q.speech:
                continue
            start = q.start
            if prev_end <= start <= prev_end + CHAIN_GAP_MAX and (start == prev_end or (
                    text[prev_end] in "、和与及以" and "\n" not in text[prev_end:start]
                    and fullmatch(text, prev_end, start))):
                if chain is None:
                    chain = [first, q]
                else:
                    chain.append(q)
            else:
                if first is not None:
                    found = single(text, first) if chain is None else run(text, chain)
                    if found:
                        mentions += found
                first, chain = q, None
            prev_end = q.end
        if first is not None:
            found = single(text, first) if chain is None else run(text, chain)
            if found:
                mentions += found
        absorbed = self.absorb_parts(text, mentions, quotes)
        if absorbed:
            mentions = [m for m in mentions if m.start not in absorbed]
        mentions = self.attach_structures(text, mentions)
        inside = Intervals([(q.start, q.end) for q in quotes], ordered=True)
        phrases = [m.cover for m in mentions if m.cover != (0, 0)]
        kinds, programmes = self.unquoted_scan(text)
        mentions.extend(self.unquoted_mentions(text, inside, phrases, kinds))
        mentions.extend(self.programme_mentions(text, programmes))
        mentions.extend(self.slogan_mentions(text, inside))
        return [m for m in mentions if m.kind or not goal_slogan(m)]

    def attach_structures(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """推出“X”行动，以“A+B+C”为架构: the structure is another wording of X."""
        out: list[Mention] = []
        for m in sorted(mentions, key=START):
            prev = out[-1] if out else None
            if m.quoted and prev is not None and text[m.start - 1:m.start] == "以" \
                    and STRUCTURE_RE.match(text, m.quote_end) \
                    and not SENTENCE_BREAK_RE.search(text, prev.end, m.start):
                prev.aliases.append(m.name)
                continue
            out.append(m)
        return out
