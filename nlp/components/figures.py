"""The `figures` list of the extraction contract: every quantitative statement.

`match(doc)` scans ``doc.text`` with the quantity scanner of `nlp.numbers`
(compiled once), drops what the contract says is not a figure (ordinals,
durations, idioms, numbers inside practice names or quoted names — rules in
``nlp/data/figures_exclusions.json``), then reads the clause around each
figure for its metric (cut by `nlp.figure_metric`), period, cumulative flag,
change (由41个发展到56个) and subject. No part-of-speech tagging of the text:
only the few characters around a figure are segmented, to cut its metric at a
word boundary (a word after the measure word that jieba's dictionary tags as a
verb ends the noun counted: 12家中小企业|导入质量管理体系).

Lists written by earlier components are used when present: parks and
organizations (``mentions`` spans, else their names found in the text) give
the subject; practices' names keep their numerals out of the figures.
Where a figure sits (clause, sentence, quote, period phrase) is read with the
per-text indexes of `nlp.figure_text`.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import itemgetter
from typing import Any

from nlp.components.base import ListComponent
from nlp.entities import doc_text
from nlp.figure_metric import (CLAUSE_BREAKS, _clean_default, _pre_default, change_metric, growth_phrase,
                               lead_metric, load_metric_rules, poor_metric, post_metric, respective_metrics,
                               share_object, unquote)
from nlp.figure_text import Intervals as _Intervals
from nlp.figure_text import Layout as _Layout
from nlp.figure_text import Periods as _Periods
from nlp.figure_text import Quotes as _Quotes
from nlp.figure_text import SEMI_BREAKS, SENTENCE_BREAKS, break_re, period_pattern  # noqa: F401 (re-exported)
from nlp.figure_text import closing_titles, event_topic, row_label, space_topic, speaker_metric
from nlp.number_shares import _share_rules
from nlp.numbers import CN_CHARS, Quantity, data_text, find_quantities, load_lexicon


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
    distant_re: re.Pattern                       # 至少 + a short verb before the number
    distant: dict[str, str]


def _compile_rule(rule: dict[str, str]) -> tuple[Any, Any, Any, Any]:
    def c(key: str):
        return re.compile(rule[key]) if key in rule else None
    return (c("before"), c("number"), c("after"), c("tail"))


def _phrases_re(phrases: list[str]) -> re.Pattern:
    """The alternation of ``phrases`` (tried in their order), grouped by first character:
    the same matches, and only the phrases starting with the character at hand are tried."""
    by_first: dict[str, list[str]] = {}
    for phrase in filter(None, phrases):   # (an empty phrase covers no number)
        by_first.setdefault(phrase[0], []).append(re.escape(phrase[1:]))
    return re.compile("|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in by_first.items()))


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
    distant = json.loads(data_text("figures_qualifiers.json"))["before_verb"]
    return FigureRules(
        keep=tuple(_compile_rule(r) for r in ex.get("keep", [])),
        drop=tuple(_compile_rule(r) for r in drops if len(set(r) - {"why"}) > 1),
        drop_before=merged("before"),
        drop_number=merged("number"),
        drop_after=merged("after"),
        kinds_re=re.compile(kinds),
        kinds_end_re=re.compile(f"(?:{kinds})$"),
        fixed_re=_phrases_re(fixed) if fixed else None,
        name_kinds=tuple(ex.get("name_kinds_after_cn_count", [])),
        period_re=period_pattern(periods),
        tail_len=max([4, *map(len, ex.get("name_kinds_after_cn_count", []))]),
        distant_re=re.compile("(" + "|".join(map(re.escape, distant)) + ")[^\\d" + CN_CHARS
                              + "，,。；;！？、“”「」]{1,4}$"),
        distant=distant,
    )


def _occurrences(text: str, word: str) -> list[tuple[int, int]]:
    out, pos = [], text.find(word)
    while pos >= 0:
        out.append((pos, pos + len(word)))
        pos = text.find(word, pos + 1)
    return out


_CN_CHAR_SET = frozenset(CN_CHARS)


def _numeral_or_other_re() -> re.Pattern:
    """One character class: a Chinese numeral, or a character that may be a digit —
    str.isdigit is false for every CJK ideograph and for the punctuation practice
    names are written with, so the class is everything but those (numerals aside)."""
    numerals = sorted(ord(ch) for ch in _CN_CHAR_SET if 0x4E00 <= ord(ch) <= 0x9FFF)
    ranges, low = [], 0x4E00
    for code in [*numerals, 0xA000]:
        if code > low:
            ranges.append(f"{chr(low)}-{chr(code - 1)}")
        low = code + 1
    return re.compile("[^" + "".join(ranges) + re.escape("+＋、，,“”‘’「」『』《》（）()·-—：:；; ") + "]")


_NUMERAL_OR_OTHER_RE = _numeral_or_other_re()


def _has_numeral(name: str) -> bool:
    """A Chinese numeral or a digit (str.isdigit) in ``name``."""
    m = _NUMERAL_OR_OTHER_RE.search(name)
    return m is not None and (m.group() in _CN_CHAR_SET or any(ch in _CN_CHAR_SET or ch.isdigit() for ch in name))


def _practice_intervals(text: str, practices: list[dict]) -> list[tuple[int, int, str]]:
    out = []
    for item in practices or []:
        names = [item.get("name", "")] + list(item.get("aliases", []) or [])
        for name in names:
            # quote marks are no numerals: test for one before unquoting
            if not name or not _has_numeral(name):
                continue
            name = unquote(name)
            out.extend((a, b, name) for a, b in _occurrences(text, name))
            span = item.get("span")
            if span and len(span) == 2:
                out.append((int(span[0]), int(span[1]), name))
    return out


_END_START = itemgetter(1, 0)


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
                found += [(int(a), int(b), name) for a, b in spans]
                continue
            for alias in {name, *(item.get("aliases") or [])}:
                if len(alias) < 2:
                    continue
                found.extend((a, b, name) for a, b in _occurrences(text, alias))
    parks = lists.get("parks") or []
    main = parks[0].get("name", "") if parks else ""
    found.sort(key=_END_START)
    return found, main


# ------------------------------------------------------------- exclusions

@lru_cache(maxsize=8192)
def _excluded_default(before: str, numeral: str, after: str, tail: str) -> bool:
    """`_excluded_context` with the rules of nlp/data. The rules read only a few
    characters around the quantity: decide on those (cached, the same contexts
    recur across a corpus)."""
    return _excluded_context(before, numeral, after, tail, load_rules())


def _excluded_context(before: str, numeral: str, after: str, tail: str, rules: FigureRules) -> bool:
    """``before``: 16 characters before the numeral; ``after``: 12 from the unit on;
    ``tail``: ``rules.tail_len`` after the whole quantity."""
    tail4 = tail[:4]
    if not ((rules.drop_number is not None and rules.drop_number.search(numeral))
            or (rules.drop_after is not None and rules.drop_after.search(after))
            or (rules.drop_before is not None and rules.drop_before.search(before))
            or (rules.drop and _any_rule(rules.drop, before, numeral, after, tail4))
            or (not numeral[:1].isdigit() and tail.startswith(rules.name_kinds))):  # 三本台账: a name
        return False
    # keep rules win over drop rules: read only for what a drop rule took
    return not (rules.keep and _any_rule(rules.keep, before, numeral, after, tail4))


def _any_rule(rules: tuple[tuple[Any, Any, Any, Any], ...], before: str, numeral: str, after: str,
              tail4: str) -> bool:
    """Whether one of ``rules`` (before, number, after, tail patterns; None: any) holds:
    one loop, no function call per rule."""
    for b, n, a, t in rules:
        if ((n is None or n.search(numeral) is not None)
                and (a is None or a.search(after) is not None)
                and (b is None or b.search(before) is not None)
                and (t is None or t.search(tail4) is not None)):
            return True
    return False


def _word_runs_on(window: str, unit_at: int, end_at: int) -> bool:
    """Whether the segmenter reads the numeral's last character, its measure word
    and what follows as one word (三轮车, 百家争鸣): ``window`` starts at the
    numeral, the measure word starts at ``unit_at``, the quantity ends at ``end_at``."""
    from nlp.segment import get_segmenter

    for _, a, b in get_segmenter().tokenize(window):
        if a <= unit_at < b:
            return a < unit_at and b > end_at
    return False


# ------------------------------------------------------------- figures

# a candidate figure: (quantity, change_from (由41个 → 41) or None, where the phrase
# before it ends, -1 for the quantity's start); a plain tuple, made for every quantity
_Candidate = tuple[Quantity, Any, int]


_RANGE_LOW = re.compile(r"(?:\d+(?:\.\d+)?|[" + CN_CHARS + r"]+)[至到~～\-－—]$")


def _range_start(text: str, q: Quantity) -> Quantity:
    """2至3名, 5-8家: the upper bound with qualifier up_to, its span from the lower one."""
    ns = q.num_start
    if ns < 2 or q.start != ns or text[ns - 1] not in "至到~～-－—":
        return q
    m = _RANGE_LOW.search(text, ns - 12 if ns > 12 else 0, ns)
    if m is None or (m.start() and (text[m.start() - 1].isdigit() or text[m.start() - 1] == ".")):
        return q
    return replace(q, start=m.start(), qualifier="up_to" if q.qualifier == "exact" else q.qualifier)


def _joins_range(text: str, low: Quantity, q: Quantity) -> bool:
    """1万元至3万元: the lower bound written with its own unit right before 至 (not 由1万元至…, a change)."""
    return (low.end == q.num_start - 1 and low.unit == q.unit
            and text[low.start - 1:low.start] not in "由从")


_CHANGE_FROM = re.compile(r"[由从]([^，,。；;由从]{0,8})$")


def _merge_changes(text: str, cands: list[_Candidate], layout: _Layout) -> list[_Candidate]:
    """由41个发展到56个 → one figure 56 with change_from 41."""
    out: list[_Candidate] = []
    change_between = load_metric_rules().change_between.fullmatch   # 由7天|缩短至|3天
    for c in cands:
        prev = out[-1][0] if out and out[-1][1] is None else None
        q = c[0]
        if (prev is not None and prev.unit == q.unit
                and change_between(text, prev.end, q.start)):   # (no slice of a long gap)
            clause = text[layout.clause_start(prev.start):prev.start]
            m = _CHANGE_FROM.search(clause)
            if m:
                out[-1] = (q, prev.number, prev.start - len(clause) + m.start())
                continue
        out.append(c)
    return out


def _practice_lookup(practices: list[tuple[int, int, str]]) -> tuple[list, list[int], list[int]]:
    """Practice spans sorted by start, their starts, and the running maximum of their
    ends: the spans starting by a position can only hold a figure ending at ``e`` when
    that maximum reaches ``e``."""
    spans = sorted(practices)
    ends, top = [], -1
    for _, b, _ in spans:
        top = b if b > top else top
        ends.append(top)
    return spans, [a for a, _, _ in spans], ends


def _candidates(text: str, lists: dict[str, Any], layout: _Layout, rules: FigureRules) -> list[_Candidate]:
    """The quantities of ``text`` that may be figures: not excluded by the rules, not
    inside a fixed phrase, a name-like quote or a practice name, not on a label line,
    not in a closing list of other news' headlines."""
    fixed = _Intervals([m.span() for m in rules.fixed_re.finditer(text)] if rules.fixed_re else [])
    quotes = _Quotes(text, rules.kinds_re, rules.kinds_end_re)
    practices, prac_starts, prac_ends = _practice_lookup(_practice_intervals(text, lists.get("practices") or []))
    tail_len = rules.tail_len
    newlines = layout.breaks("\n")
    n_newlines = len(newlines)
    closing = closing_titles(text)      # the headlines of other news after the report
    cands: list[_Candidate] = []
    for q in find_quantities(text, load_lexicon()):
        ns, us, qe = q.num_start, q.unit_start, q.end
        if ns >= closing:
            break
        if _excluded_default(text[ns - 16 if ns > 16 else 0:ns], q.numeral, text[us:us + 12], text[qe:qe + tail_len]):
            continue
        if fixed.spans and fixed.covers(ns, us + 1):
            continue
        if q.chinese and _word_runs_on(text[ns:qe + 2], us - ns, qe - ns):
            continue  # 三轮车: the measure word starts a noun, no count
        if quotes.spans:
            quote = quotes.around(ns, qe)
            if quote and (quote[2] or (q.chinese and quote[1] - qe <= 1 and quote[0] == q.start)):
                continue  # in a name, or “两张皮”: an idiom, not a count
        if prac_starts:
            k = bisect_right(prac_starts, ns)
            if k and prac_ends[k - 1] >= qe:
                written = text[ns:us + 1]  # 三级, 两新 … as the name writes it
                if any(a <= ns and qe <= b and written in name for a, b, name in practices[:k]):
                    continue
        k = bisect_left(newlines, q.start)
        lo, hi = (newlines[k - 1] + 1 if k else 0), (newlines[k] if k < n_newlines else len(text))
        if hi - lo < 24:
            line = text[lo:hi]
            if len(line.strip()) < 12 and not any(ch in line for ch in "，,。；;") and not row_label(text, lo, q.start):
                continue  # bylines and labels (五组 某某), not a table's rows (党建指导员：72名)
        if text[ns - 1:ns] in "至到~～-－—":
            q = _range_start(text, q)
            if q.start == ns and cands and _joins_range(text, cands[-1][0], q):
                q = replace(q, start=cands.pop()[0].start, qualifier="up_to" if q.qualifier == "exact" else q.qualifier)
        elif q.qualifier == "exact" and q.start == ns:
            lo = ns - 8 if ns > 8 else 0
            m = rules.distant_re.search(text, lo, ns) if any(w in text[lo:ns] for w in rules.distant) else None
            if m:
                q = replace(q, qualifier=rules.distant[m.group(1)])   # 每月至少走访|一次
        cands.append((q, None, -1))
    return cands


def _list_start(text: str, at: int, floor: int) -> int:
    """Where the 、 list whose last item ends a phrase with 等 starts: after the clause
    break before it (``at`` is the 、 before the last item; no earlier than ``floor``)."""
    i = at
    while i > floor and at - i < 40 and text[i - 1] not in "，,；;。！？!?：:\n":
        i -= 1
    return i


def find_figures(text: str, lists: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The figures of one normalised text; ``lists`` are earlier components' lists."""
    lists = lists or {}
    rules, mrules = load_rules(), load_metric_rules()
    layout = _Layout(text)
    cands = _merge_changes(text, _candidates(text, lists, layout, rules), layout)
    mentions, main_park = _mentions(text, lists)
    periods = _Periods(text, rules.period_re)
    cumul = [m.start() for m in re.finditer("累计", text)] if "累计" in text else []
    speakers = [p.get("name", "") for p in lists.get("people") or []]
    mention_ends = [m[1] for m in mentions]
    figures: list[dict[str, Any]] = []
    sentence_breaks, newlines = layout.breaks(SENTENCE_BREAKS), layout.breaks("\n")
    level_verbs, strip_prefix, growth_ends = mrules.level_verbs, mrules.strip_prefix, mrules.growth_ends
    split_after = mrules.split_after
    pre_metric, clean_metric = _pre_default, _clean_default   # `pre_metric`, `clean_metric` with ``mrules``
    clause_break = break_re(CLAUSE_BREAKS).search
    reversed_text, n = layout.reversed_text(), len(text)
    opening_at = layout.openings()
    prev_end = prev_q_end = 0
    for q, change_from, c_pre_end in cands:
        qs, qe = q.start, q.end
        m = clause_break(reversed_text, n - qs)   # the last clause break before the figure (`_Layout._last`)
        clause0 = n - m.start() if m else 0
        if clause0 and opening_at and text[clause0 - 1] in "，,、；;":
            k = bisect_left(opening_at, clause0)
            if k and opening_at[k - 1] >= clause0 - 20:   # a ( or （ close before: the parenthesis rule
                clause0 = layout.clause_from(clause0)
        k = bisect_left(sentence_breaks, qs)
        sent0 = sentence_breaks[k - 1] + 1 if k else 0
        start = max(clause0, prev_end if prev_end <= qs else clause0)
        pre_end = c_pre_end if c_pre_end >= 0 else qs
        post, post_end = post_metric(text, q)   # (no rules: the default ones, without a lookup)
        unit = q.unit
        qualifier_word = text[qs:q.num_start] if c_pre_end < 0 else ""
        if not post and text[start - 1:start] == "、" and text.endswith(("等", "等等"), start, pre_end):
            start = _list_start(text, start - 1, prev_end)   # 上报安全隐患、环境问题等|3400条: the whole list
        phrase = text[start:pre_end]
        if unit == "%" and phrase.endswith(growth_ends):
            phrase = growth_phrase(phrase, mrules)   # 较上年翻了|一番
        metric = post or pre_metric(phrase, unit, qualifier_word)
        if not post and (not metric or metric in strip_prefix):
            metric = lead_metric(text, qe, mrules) or metric   # 其中9项|已完成攻关
        if not metric and start > clause0 and prev_q_end < pre_end:
            # the previous figure's noun phrase ran up to this one (286家企业对接融资|超30亿元):
            # the phrase after its measure word names this figure too
            metric = pre_metric(text[max(clause0, prev_q_end):pre_end], unit, qualifier_word)
        if (not metric and figures and prev_q_end <= qs
                and not any(ch in CLAUSE_BREAKS for ch in text[prev_q_end:qs])):
            metric = figures[-1]["metric"]  # 发放贷款120笔共计3.2亿元: one thing counted twice
        if unit == "%" and metric and not post and text.startswith("的", qe):
            after, _ = post_metric(text, replace(q, end=qe + 1), mrules)
            if after:
                metric = share_object(metric, after, mrules)   # 承担了公司|近一半|的核心研发项目
        elif text.startswith("的", qe) and (not metric or (not post and poor_metric(metric, mrules))):
            after, after_end = post_metric(text, replace(q, end=qe + 1), mrules)   # 120平方米的|“职工书屋”
            if after or not metric:
                metric, post, post_end = after, after, after_end
        if not post and c_pre_end < 0:
            post_end = qe
        metric = clean_metric(metric)
        if not metric and text[qs - 1:qs] in "：:":
            k = bisect_left(newlines, qs)
            line0 = newlines[k - 1] + 1 if k else 0
            label = row_label(text, line0, qs)
            if label:
                metric, start = label, line0   # a row of a figures table: 党的工作覆盖率：|100%
        if (metric in split_after and figures and figures[-1]["span"][0] >= sent0
                and figures[-1]["unit"] == unit and figures[-1]["metric"]):
            metric = figures[-1]["metric"]   # 每半年举办一期轮训班，今年已举办|2期: the same thing counted
        if metric in mrules.forecast_words and figures:
            # 规上工业总产值412.6亿元，…，预计全年突破|450亿元: the forecast of the same amount
            same = next((f for f in reversed(figures) if f["span"][0] >= sent0 and f["unit"] == unit), None)
            if same is not None and same["metric"]:
                metric = same["metric"]
        if metric in level_verbs and figures and figures[-1]["span"][0] >= sent0 and figures[-1]["metric"]:
            # 产值三千亿元,同比增长9.6%: the change of the figure before
            metric = change_metric(figures[-1]["metric"], phrase, metric, mrules)
        if not post and metric:
            metric = event_topic(text, sent0, qs, metric, mrules)   # 开设“星火学堂”，今年已举办|12期
        elif post:
            metric = space_topic(text, post_end, metric, unit, mrules)   # 腾出300平方米空间|，建起“X”
        if metric[:1] == "我":
            metric = speaker_metric(text, qe, metric, speakers)   # “我每周来两次。”某某说
        end = qe if qe > post_end else post_end
        if text.startswith("”", end) and text.count("“", start, end) > text.count("”", start, end):
            end += 1  # “两个核心商圈”: close the quote the figure sits in
        while start < end and text[start].isspace():
            start += 1
        prev_end, prev_q_end = end, qe
        period = "每" + q.per if q.per else periods.before(sent0, qs)
        k = bisect_right(cumul, qs - 2) if cumul else 0
        subject = main_park
        k_m = bisect_right(mention_ends, qs)
        if k_m:
            k_nl = bisect_left(newlines, qs)
            if mentions[k_m - 1][0] >= (newlines[k_nl - 1] + 1 if k_nl else 0):
                subject = mentions[k_m - 1][2]   # the mention last before the figure in its paragraph
        value = q.value
        figures.append({
            "metric": metric,
            "value": int(value) if value == value.to_integral_value() else float(value),   # `json_number`
            "unit": unit,
            "qualifier": q.qualifier,
            "cumulative": unit != "%" and bool(k) and cumul[k - 1] >= layout.semi_start(qs),
            "change_from": change_from,
            "period": period,
            "subject": subject,
            "text": text[start:end],
            "span": [start, end],
        })
    if "分别" in text:
        quantities = [c[0] for c in cands]
        heads = [layout.semi_start(q.start) for q in quantities]
        for k, metric in respective_metrics(text, quantities, heads, mrules).items():
            figures[k]["metric"] = metric
    return figures


class FiguresComponent(ListComponent):
    list_name = "figures"

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        load_rules()
        load_lexicon()
        load_metric_rules()
        _share_rules()

    def match(self, doc) -> list[dict[str, Any]]:
        text = doc_text(doc)
        return find_figures(text, doc.user_data.get("dangjian") or {})


def make_component(nlp, name: str):
    return FiguresComponent(nlp, name)


__all__ = ["FiguresComponent", "find_figures", "load_rules", "make_component"]
