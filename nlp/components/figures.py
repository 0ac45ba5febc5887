"""The `figures` list of the extraction contract: every quantitative statement.

`match(doc)` scans ``doc.text`` with the quantity scanner of `nlp.numbers`
(compiled once), drops what the contract says is not a figure (ordinals,
durations, idioms, numbers inside practice names or quoted names — rules in
``nlp/data/figures_exclusions.json``), then reads the clause around each
figure for its metric (cut by `nlp.figure_metric`), period, cumulative flag,
change (由41个发展到56个) and subject. No part-of-speech tagging: only the
few characters around a figure are segmented, to cut its metric at a word
boundary.

Lists written by earlier components are used when present: parks and
organizations (``mentions`` spans, else their names found in the text) give
the subject; practices' names keep their numerals out of the figures.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from nlp.figure_metric import (CLAUSE_BREAKS, change_metric, clean_metric, lead_metric, load_metric_rules, post_metric,
                               pre_metric, respective_metrics, unquote)
from nlp.numbers import CN_CHARS, Quantity, data_text, find_quantities, load_lexicon

SENTENCE_BREAKS = "。！？!?\n"
SEMI_BREAKS = "。！？!?\n；;"


@dataclass(frozen=True)
class FigureRules:
    keep: tuple[tuple[Any, Any, Any, Any], ...]
    drop: tuple[tuple[Any, Any, Any, Any], ...]  # rules naming two or more parts
    drop_before: re.Pattern | None               # rules naming one part, merged
    drop_number: re.Pattern | None
    drop_after: re.Pattern | None
    kinds_re: re.Pattern
    kinds_end_re: re.Pattern
    fixed_re: re.Pattern | None
    name_kinds: tuple[str, ...]
    period_re: re.Pattern
    tail_len: int                                # characters after a quantity the rules read


def _compile_rule(rule: dict[str, str]) -> tuple[Any, Any, Any, Any]:
    def c(key: str):
        return re.compile(rule[key]) if key in rule else None
    return (c("before"), c("number"), c("after"), c("tail"))


def _first_chars(patterns: list[str]) -> str:
    """A lookahead on every hanzi the patterns contain, plus digits: a superset
    of the characters a match can start with (a speed filter only)."""
    chars = sorted({ch for p in patterns for ch in p if "\u4e00" <= ch <= "\u9fff"})
    return "(?=[0-9" + "".join(chars) + "])"


@lru_cache(maxsize=1)
def load_rules() -> FigureRules:
    """Exclusion and period rules from nlp/data, compiled once per process."""
    ex = json.loads(data_text("figures_exclusions.json"))
    periods = [ln.strip() for ln in data_text("figures_periods.txt").splitlines()
               if ln.strip() and not ln.lstrip().startswith("#")]
    fixed = sorted(ex.get("fixed_phrases", []), key=len, reverse=True)
    drops = ex.get("drop", [])

    def merged(key: str) -> re.Pattern | None:
        parts = [r[key] for r in drops if set(r) - {"why"} == {key}]
        return re.compile("|".join(f"(?:{p})" for p in parts)) if parts else None

    kinds = "|".join(map(re.escape, sorted(ex.get("practice_kinds", []), key=len, reverse=True)))
    return FigureRules(
        keep=tuple(_compile_rule(r) for r in ex.get("keep", [])),
        drop=tuple(_compile_rule(r) for r in drops if len(set(r) - {"why"}) > 1),
        drop_before=merged("before"),
        drop_number=merged("number"),
        drop_after=merged("after"),
        kinds_re=re.compile(kinds),
        kinds_end_re=re.compile(f"(?:{kinds})$"),
        fixed_re=re.compile("|".join(map(re.escape, fixed))) if fixed else None,
        name_kinds=tuple(ex.get("name_kinds_after_cn_count", [])),
        period_re=re.compile(_first_chars(periods) + "(?:" + "|".join(f"(?:{p})" for p in periods) + ")"),
        tail_len=max([4, *map(len, ex.get("name_kinds_after_cn_count", []))]),
    )


# ------------------------------------------------------------- text layout


@lru_cache(maxsize=None)
def _break_re(chars: str) -> re.Pattern:
    return re.compile("[" + re.escape(chars) + "]")


class _Layout:
    """Clause, sentence and paragraph starts around a position. The last break
    before a position is the first one a forward search of the reversed text
    finds (a short search in C, no pass over the whole text per kind of break)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._reversed: str | None = None
        self._newlines: list[int] | None = None

    def line_bounds(self, pos: int) -> tuple[int, int]:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        nl = self._newlines
        k = bisect_left(nl, pos)
        return (nl[k - 1] + 1 if k else 0), (nl[k] if k < len(nl) else len(self.text))

    def _last(self, chars: str, pos: int) -> int:
        """After the last of ``chars`` before ``pos`` in its paragraph, else the paragraph start.
        (Every break set holds the newline, so the search never leaves the paragraph.)"""
        if self._reversed is None:
            self._reversed = self.text[::-1]
        n = len(self.text)
        m = _break_re(chars).search(self._reversed, n - pos)
        return n - m.start() if m else 0

    def clause_start(self, pos: int) -> int:
        text = self.text
        start = self._last(CLAUSE_BREAKS, pos)
        while start > 0 and text[start - 1] in "，,、；;":
            # a break inside a short parenthesis (省(区、市)委) does not end the clause
            opening = max(text.rfind("(", max(0, start - 20), start), text.rfind("（", max(0, start - 20), start))
            if opening < 0 or ")" in text[opening:start] or "）" in text[opening:start]:
                break
            closing = min((i for i in (text.find(")", start, start + 20), text.find("）", start, start + 20)) if i >= 0),
                          default=-1)
            if closing < 0:
                break
            start = self._last(CLAUSE_BREAKS, opening)
        return start

    def semi_start(self, pos: int) -> int:
        return self._last(SEMI_BREAKS, pos)

    def sentence_start(self, pos: int) -> int:
        return self._last(SENTENCE_BREAKS, pos)


class _Intervals:
    """Sorted, non-overlapping [start, end) spans with a bisecting lookup."""

    def __init__(self, spans) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def find(self, start: int, end: int) -> tuple[int, int] | None:
        k = bisect_right(self.starts, start)
        if k and self.spans[k - 1][1] >= end:
            return self.spans[k - 1]
        return None

    def covers(self, start: int, end: int) -> bool:
        return self.find(start, end) is not None


_NUMERAL_CHAR_RE = re.compile(f"[\\d{CN_CHARS}]")
_QUOTE_RE = re.compile(r"“([^“”\n]{1,60})”|「([^「」\n]{1,60})」|『([^『』\n]{1,60})』|《([^《》\n]{1,80})》")


def _quoted_names(text: str, rules: FigureRules) -> tuple[_Intervals, _Intervals]:
    """(name-like quotes, all quotes): a quote is a name when it is a formula
    (党建+服务) or a practice kind follows it (“双百”行动, “三张清单”)."""
    names, quotes = [], []
    for m in _QUOTE_RE.finditer(text):
        inner = m.group(m.lastindex)      # the one group of the alternation that matched
        if not _NUMERAL_CHAR_RE.search(inner):
            continue  # only quotes holding a numeral matter here
        span = (m.start() + 1, m.end() - 1)
        quotes.append(span)
        if m.group(4) is not None or "+" in inner or "＋" in inner:
            names.append(span)
            continue
        after = text[m.end():m.end() + 16]
        cut = next((i for i, ch in enumerate(after) if ch in CLAUSE_BREAKS), len(after))
        after = after[:cut]
        if rules.kinds_end_re.search(inner) or rules.kinds_re.search(after):
            names.append(span)
    return _Intervals(names), _Intervals(quotes)


def _occurrences(text: str, word: str) -> list[tuple[int, int]]:
    out, pos = [], text.find(word)
    while pos >= 0:
        out.append((pos, pos + len(word)))
        pos = text.find(word, pos + 1)
    return out


def _practice_intervals(text: str, practices: list[dict]) -> list[tuple[int, int, str]]:
    out = []
    for item in practices or []:
        names = [item.get("name", "")] + list(item.get("aliases", []) or [])
        for name in names:
            name = unquote(name or "")
            if not name or not any(ch.isdigit() or ch in CN_CHARS for ch in name):
                continue
            out.extend((a, b, name) for a, b in _occurrences(text, name))
            span = item.get("span")
            if span and len(span) == 2:
                out.append((int(span[0]), int(span[1]), name))
    return out


def _mentions(text: str, lists: dict[str, Any]) -> tuple[list[tuple[int, int, str]], str]:
    """Sorted (start, end, name) of park/organisation mentions, and the main park."""
    found: list[tuple[int, int, str]] = []
    for key in ("parks", "organizations"):
        for item in lists.get(key) or []:
            name = item.get("name", "")
            if not name:
                continue
            spans = item.get("mentions") or []
            if spans:
                found.extend((int(a), int(b), name) for a, b in spans)
                continue
            for alias in {name, *(item.get("aliases") or [])}:
                if len(alias) < 2:
                    continue
                found.extend((a, b, name) for a, b in _occurrences(text, alias))
    parks = lists.get("parks") or []
    main = parks[0].get("name", "") if parks else ""
    found.sort(key=lambda m: (m[1], m[0]))
    return found, main


# ------------------------------------------------------------- exclusions

def _excluded(text: str, q: Quantity, rules: FigureRules) -> bool:
    """The rules read only a few characters around the quantity: decide on those
    (cached, the same contexts recur across a corpus)."""
    key = (text[max(0, q.num_start - 16):q.num_start], q.numeral,
           text[q.unit_start:q.unit_start + 12], text[q.end:q.end + rules.tail_len])
    if rules is load_rules():
        return _excluded_default(*key)
    return _excluded_context(*key, rules)


@lru_cache(maxsize=8192)
def _excluded_default(before: str, numeral: str, after: str, tail: str) -> bool:
    return _excluded_context(before, numeral, after, tail, load_rules())


def _excluded_context(before: str, numeral: str, after: str, tail: str, rules: FigureRules) -> bool:
    """``before``: 16 characters before the numeral; ``after``: 12 from the unit on;
    ``tail``: ``rules.tail_len`` after the whole quantity."""
    tail4 = tail[:4]

    def hit(rule) -> bool:
        b, n, a, t = rule
        return ((n is None or n.search(numeral) is not None)
                and (a is None or a.search(after) is not None)
                and (b is None or b.search(before) is not None)
                and (t is None or t.search(tail4) is not None))

    if any(hit(r) for r in rules.keep):
        return False
    if ((rules.drop_number is not None and rules.drop_number.search(numeral))
            or (rules.drop_after is not None and rules.drop_after.search(after))
            or (rules.drop_before is not None and rules.drop_before.search(before))):
        return True
    if any(hit(r) for r in rules.drop):
        return True
    if not numeral[:1].isdigit() and tail.startswith(rules.name_kinds):
        return True  # 三张清单, 三项机制: a count that names something
    return False


# ------------------------------------------------------------- figures

@dataclass
class _Candidate:
    q: Quantity
    change_from: Any = None
    pre_end: int = -1


_CHANGE_BETWEEN = re.compile(
    r"[^，,。；;]{0,10}?(?:发展|增加|增长|提升|提高|上升|扩大|壮大|跃升|增|升|变|达|减少|下降|降低|降|缩减)"
    r"(?:到|至|为)[^，,。；;]{0,10}")
_CHANGE_FROM = re.compile(r"[由从]([^，,。；;由从]{0,8})$")


def _merge_changes(text: str, cands: list[_Candidate], layout: _Layout) -> list[_Candidate]:
    """由41个发展到56个 → one figure 56 with change_from 41."""
    out: list[_Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (prev is not None and prev.change_from is None and prev.q.unit == c.q.unit
                and _CHANGE_BETWEEN.fullmatch(text[prev.q.end:c.q.start])):
            clause = text[layout.clause_start(prev.q.start):prev.q.start]
            m = _CHANGE_FROM.search(clause)
            if m:
                out[-1] = _Candidate(c.q, change_from=prev.q.number,
                                     pre_end=prev.q.start - len(clause) + m.start())
                continue
        out.append(c)
    return out


def find_figures(text: str, lists: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The figures of one normalised text; ``lists`` are earlier components' lists."""
    lists = lists or {}
    rules, lex, mrules = load_rules(), load_lexicon(), load_metric_rules()
    layout = _Layout(text)
    fixed = _Intervals(m.span() for m in rules.fixed_re.finditer(text)) if rules.fixed_re else _Intervals([])
    name_quotes, quotes = _quoted_names(text, rules)
    practices = _practice_intervals(text, lists.get("practices") or [])
    cands: list[_Candidate] = []
    for q in find_quantities(text, lex):
        if _excluded(text, q, rules) or fixed.covers(q.num_start, q.unit_start + 1):
            continue
        if name_quotes.covers(q.num_start, q.end):
            continue
        quote = quotes.find(q.num_start, q.end)
        if quote and q.chinese and quote[1] - q.end <= 1 and quote[0] == q.start:
            continue  # “两张皮”: an idiom, not a count
        written = text[q.num_start:q.unit_start + 1]  # 三级, 两新 … as the name writes it
        if any(a <= q.num_start and q.end <= b and written in name for a, b, name in practices):
            continue
        lo, hi = layout.line_bounds(q.start)
        if hi - lo < 24:
            line = text[lo:hi]
            if len(line.strip()) < 12 and not any(ch in line for ch in "，,。；;"):
                continue  # bylines and labels (五组 某某)
        cands.append(_Candidate(q))
    cands = _merge_changes(text, cands, layout)
    mentions, main_park = _mentions(text, lists)
    sentence_periods: dict[int, list[tuple[int, str]]] = {}
    cumul = [m.start() for m in re.finditer("累计", text)]
    mention_ends = [m[1] for m in mentions]
    figures: list[dict[str, Any]] = []
    prev_end = prev_q_end = 0
    for c in cands:
        q = c.q
        clause0 = layout.clause_start(q.start)
        start = max(clause0, prev_end if prev_end <= q.start else clause0)
        pre_end = c.pre_end if c.pre_end >= 0 else q.start
        post, post_end = post_metric(text, q, mrules)
        qualifier_word = text[q.start:q.num_start] if c.pre_end < 0 else ""
        metric = post or pre_metric(text[start:pre_end], q.unit, qualifier_word, mrules)
        if not post and (not metric or metric in mrules.strip_prefix):
            metric = lead_metric(text, q.end, mrules) or metric   # 其中9项|已完成攻关
        if not metric and start > clause0 and prev_q_end < pre_end:
            # the previous figure's noun phrase ran up to this one (286家企业对接融资|超30亿元):
            # the phrase after its measure word names this figure too
            metric = pre_metric(text[max(clause0, prev_q_end):pre_end], q.unit, qualifier_word, mrules)
        if (not metric and figures and prev_q_end <= q.start
                and not any(ch in CLAUSE_BREAKS for ch in text[prev_q_end:q.start])):
            metric = figures[-1]["metric"]  # 发放贷款120笔共计3.2亿元: one thing counted twice
        if not metric and text.startswith("的", q.end):
            post, post_end = post_metric(text, replace(q, end=q.end + 1), mrules)
            metric = post
        if not post and c.pre_end < 0:
            post_end = q.end
        metric = clean_metric(metric, mrules)
        sent0 = layout.sentence_start(q.start)
        if metric in mrules.level_verbs and figures and figures[-1]["span"][0] >= sent0 and figures[-1]["metric"]:
            # 产值三千亿元,同比增长9.6%: the change of the figure before
            metric = change_metric(figures[-1]["metric"], text[start:pre_end], metric, mrules)
        end = max(q.end, post_end)
        if text.count("“", start, end) > text.count("”", start, end) and text.startswith("”", end):
            end += 1  # “两个核心商圈”: close the quote the figure sits in
        while start < end and text[start].isspace():
            start += 1
        prev_end, prev_q_end = end, q.end
        period = _period_before(text, rules.period_re, sent0, q.start, sentence_periods)
        if q.per:
            period = "每" + q.per
        k = bisect_right(cumul, q.start - 2)
        cumulative = q.unit != "%" and bool(k) and cumul[k - 1] >= layout.semi_start(q.start)
        figures.append({
            "metric": metric,
            "value": q.number,
            "unit": q.unit,
            "qualifier": q.qualifier,
            "cumulative": cumulative,
            "change_from": c.change_from,
            "period": period,
            "subject": _subject(mentions, mention_ends, main_park, q.start, layout.line_bounds(q.start)[0]),
            "text": text[start:end],
            "span": [start, end],
        })
    if "分别" in text:
        quantities = [c.q for c in cands]
        heads = [layout.semi_start(q.start) for q in quantities]
        for k, metric in respective_metrics(text, quantities, heads, mrules).items():
            figures[k]["metric"] = metric
    return figures


_SENTENCE_BREAK_RE = re.compile("[" + re.escape(SENTENCE_BREAKS) + "]")


def _period_before(text: str, period_re: re.Pattern, sent0: int, pos: int,
                   seen: dict[int, list[tuple[int, str]]]) -> str | None:
    """The last period phrase of the sentence starting at ``sent0`` that ends by ``pos``.
    No period phrase holds a sentence break, so scanning the sentence alone (with
    the break after it, for lookaheads) finds what a scan of the whole text finds."""
    found = seen.get(sent0)
    if found is None:
        m = _SENTENCE_BREAK_RE.search(text, sent0)
        stop = m.end() if m else len(text)
        found = seen[sent0] = [(m.end(), m.group(0)) for m in period_re.finditer(text, sent0, stop)]
    period = None
    for end, phrase in found:
        if end > pos:
            break
        period = phrase
    return period


def _subject(mentions, ends, main_park: str, pos: int, para0: int) -> str:
    """The park/organisation mentioned last before ``pos`` in its paragraph (so
    in its sentence when the sentence has one), else the document's main park."""
    k = bisect_right(ends, pos)
    if k and mentions[k - 1][0] >= para0:
        return mentions[k - 1][2]
    return main_park


class FiguresComponent:
    list_name = "figures"

    def __init__(self, nlp, name: str = "figures") -> None:
        self.name = name

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        load_rules()
        load_lexicon()
        load_metric_rules()

    def match(self, doc) -> list[dict[str, Any]]:
        text = doc.user_data.get("text")
        if not isinstance(text, str):   # spaCy rebuilds doc.text on every read: once, when new_doc did not set it
            text = doc.user_data["text"] = doc.text
        return find_figures(text, doc.user_data.get("dangjian") or {})

    def set_annotations(self, doc, items: list[dict[str, Any]]) -> None:
        doc.user_data.setdefault("dangjian", {})[self.list_name] = items

    def __call__(self, doc):
        self.set_annotations(doc, self.match(doc))
        return doc


def make_component(nlp, name: str):
    return FiguresComponent(nlp, name)


__all__ = ["FiguresComponent", "find_figures", "load_rules", "make_component"]
