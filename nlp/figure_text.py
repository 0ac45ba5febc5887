"""Where a figure sits in its text: clause, sentence and line breaks, quotes,
period phrases. Helpers of `nlp.components.figures`, built once per text.

Python's regex engine tries a pattern at every position unless the pattern starts
with a literal or a character class; a class search costs some 20 ns per CJK
character, ``str.find`` of one character next to nothing. So sparse breaks are
found with ``str.find`` and bisected, dense ones with a short search back, and the
period phrases are compiled so that each alternative starts with a literal.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from nlp.figure_metric import CLAUSE_BREAKS, MetricRules
from nlp.numbers import CN_CHARS, data_text

SENTENCE_BREAKS = "。！？!?\n"
SEMI_BREAKS = "。！？!?\n；;"
_SEMICOLONS = "；;"


def positions(text: str, chars: str) -> list[int]:
    """Sorted offsets of ``chars`` in ``text``. str.find runs at memory speed; a
    character-class regex costs some 20 ns per CJK character."""
    out: list[int] = []
    find = text.find
    for ch in chars:
        i = find(ch)
        while i >= 0:
            out.append(i)
            i = find(ch, i + 1)
    out.sort()
    return out


ROW_LABEL_MAX = 16             # characters in the label of a `label：value` row
_ROW_LABEL_BREAKS = frozenset("，,。；;：:、！？!?（）() \u3000\t")


@lru_cache(maxsize=1)
def _row_label_stop() -> tuple[str, ...]:
    return tuple(json.loads(data_text("figures_exclusions.json")).get("row_label_stop", ()))


def row_label(text: str, line_start: int, pos: int) -> str:
    """The label of a figures-table row whose value starts at ``pos`` right after a
    colon that ends the label opening the line (党建指导员：72名 → 党建指导员), or "":
    no label, a label with a break or a space inside (作者：某某 某某), or a page
    header's counter (浏览次数：1375, words in ``row_label_stop``)."""
    if pos - line_start < 3 or text[pos - 1] not in "：:":
        return ""
    label = text[line_start:pos - 1].strip()
    if not 2 <= len(label) <= ROW_LABEL_MAX or not _ROW_LABEL_BREAKS.isdisjoint(label):
        return ""
    return "" if any(w in label for w in _row_label_stop()) else label


CLOSING_TITLES_MIN = 3          # lines in a closing list of headlines (相关阅读 titles)
CLOSING_TITLE_MAX = 40          # characters in one headline
_SENTENCE_ENDS = "。！？!?"


def closing_titles(text: str) -> int:
    """Where a closing list of headlines starts (other news: the titles a portal
    lists under 相关阅读 after the report, its header dropped in normalisation),
    else ``len(text)``: the last lines of the text, at least `CLOSING_TITLES_MIN`
    of them, each at most `CLOSING_TITLE_MAX` characters with no sentence end,
    after a line that ends a sentence. Used by the figures and practices components:
    a number or quote in such a title belongs to the other story."""
    n = end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
    count, start = 0, end
    while True:
        ls = text.rfind("\n", 0, start) + 1
        line = text[ls:start].strip()
        if not line:
            if ls == 0:
                return n
            start = ls - 1
            continue
        if len(line) > CLOSING_TITLE_MAX or any(ch in line for ch in _SENTENCE_ENDS):
            last = line[-1]
            if count >= CLOSING_TITLES_MIN and (last in _SENTENCE_ENDS or last in "”」"):
                return start + 1
            return n
        count += 1
        if ls == 0:
            return n
        start = ls - 1


@lru_cache(maxsize=None)
def break_re(chars: str) -> re.Pattern:
    return re.compile("[" + re.escape(chars) + "]")


class Layout:
    """Clause, sentence and paragraph starts around a position. Clause breaks are
    dense: the last one before a position is the first one a short forward search
    of the reversed text finds. Sentence, semicolon and line breaks are sparse:
    their offsets are found once per text, and a question is a bisection."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks: dict[str, list[int]] = {}
        self._reversed: str | None = None
        self._opening: list[int] | None = None

    def breaks(self, chars: str) -> list[int]:
        """Sorted offsets of ``chars`` (one of the break sets), found once."""
        found = self._breaks.get(chars)
        if found is None:
            found = self._breaks[chars] = positions(self.text, chars)
        return found

    def line_bounds(self, pos: int) -> tuple[int, int]:
        nl = self.breaks("\n")
        k = bisect_left(nl, pos)
        return (nl[k - 1] + 1 if k else 0), (nl[k] if k < len(nl) else len(self.text))

    def _last(self, chars: str, pos: int) -> int:
        """After the last of ``chars`` before ``pos`` in its paragraph, else the paragraph start.
        (Every break set holds the newline, so the search never leaves the paragraph.)"""
        if chars == SEMI_BREAKS:   # a sentence break or one of the rare semicolons
            return max(self._last(SENTENCE_BREAKS, pos), self._last(_SEMICOLONS, pos))
        if chars == CLAUSE_BREAKS:
            n = len(self.text)
            m = break_re(chars).search(self.reversed_text(), n - pos)
            return n - m.start() if m else 0
        found = self.breaks(chars)
        k = bisect_left(found, pos)
        return found[k - 1] + 1 if k else 0

    def reversed_text(self) -> str:
        """The text backwards: the last break before a position is the first one after it there."""
        if self._reversed is None:
            self._reversed = self.text[::-1]
        return self._reversed

    def openings(self) -> list[int]:
        """Offsets of ( and （, found once."""
        if self._opening is None:
            self._opening = positions(self.text, "(（")
        return self._opening

    def clause_start(self, pos: int) -> int:
        return self.clause_from(self._last(CLAUSE_BREAKS, pos))

    def clause_from(self, start: int) -> int:
        """The clause start given the last clause break before a position."""
        text = self.text
        opening_at = self.openings()
        while opening_at and start > 0 and text[start - 1] in "，,、；;":
            # a break inside a short parenthesis (省(区、市)委) does not end the clause
            k = bisect_left(opening_at, start)      # the last ( or （ in the 20 characters before
            opening = opening_at[k - 1] if k and opening_at[k - 1] >= start - 20 else -1
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


class Intervals:
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
_QUOTE_OPEN_RE = re.compile("“|「|『|《")


class Quotes:
    """Quotes (“…”, 「…」, 『…』, 《…》) and, for those a figure sits in, whether they
    hold a numeral and whether they are a name: a formula (党建+服务) or a quote a
    practice kind follows (“双百”行动, “三本台账”). Quotes never overlap, so the one
    a figure may sit in is the last one opening before it."""

    def __init__(self, text: str, kinds_re: re.Pattern, kinds_end_re: re.Pattern) -> None:
        """``kinds_re`` finds a practice kind after a quote, ``kinds_end_re`` one ending it."""
        self.text, self.kinds_re, self.kinds_end_re = text, kinds_re, kinds_end_re
        self.spans = [m.span() for m in _QUOTE_RE.finditer(text)] if _QUOTE_OPEN_RE.search(text) else []
        self.starts = [a + 1 for a, _ in self.spans]
        self._kinds: dict[int, bool | None] = {}

    def around(self, start: int, end: int) -> tuple[int, int, bool] | None:
        """(start, end, is a name) inside the quote marks of the quote holding a numeral
        that holds [start, end), if any."""
        k = bisect_right(self.starts, start)
        if not k:
            return None
        a, b = self.spans[k - 1]
        if b - 1 < end:
            return None
        kind = self._kinds.get(k, 0)
        if kind == 0:
            kind = self._kinds[k] = self._kind(a, b)
        return None if kind is None else (a + 1, b - 1, kind)

    def _kind(self, a: int, b: int) -> bool | None:
        """None for a quote without a numeral, else whether it is a name."""
        text = self.text
        if not _NUMERAL_CHAR_RE.search(text, a + 1, b - 1):
            return None  # only quotes holding a numeral matter here
        inner = text[a + 1:b - 1]
        if text[a] == "《" or "+" in inner or "＋" in inner:
            return True
        after = text[b:b + 16]
        cut = next((i for i, ch in enumerate(after) if ch in CLAUSE_BREAKS), len(after))
        after = after[:cut]
        return bool(self.kinds_end_re.search(inner) or self.kinds_re.search(after))


class Periods:
    """The last period phrase of a sentence that ends by a position. No period
    phrase holds a sentence break, so one scan of the whole text finds what a scan
    of each sentence (with the break after it, for lookaheads) finds."""

    def __init__(self, text: str, period_re: re.Pattern) -> None:
        self.text, self.period_re = text, period_re
        self.ends: list[int] | None = None     # of the phrases, scanned at the first question
        self.starts: list[int] = []
        self.phrases: list[str] = []

    def before(self, sent0: int, pos: int) -> str | None:
        """The last period phrase of the sentence starting at ``sent0`` that ends by ``pos``."""
        if self.ends is None:
            found = [(m.end(), m.start(), m.group()) for m in self.period_re.finditer(self.text)]
            self.ends, self.starts, self.phrases = ([f[i] for f in found] for i in range(3))
        k = bisect_right(self.ends, pos)   # the last phrase ending by pos (ends grow: no overlaps)
        return self.phrases[k - 1] if k and self.starts[k - 1] >= sent0 else None


# ------------------------------------------------------------- period phrases

def _first_chars(patterns: list[str]) -> str:
    """A lookahead on every hanzi the patterns contain, plus digits: a superset
    of the characters a match can start with (a speed filter only)."""
    chars = sorted({ch for p in patterns for ch in p if "\u4e00" <= ch <= "\u9fff"})
    return "(?=[0-9" + "".join(chars) + "])"


def period_pattern(periods: list[str]) -> re.Pattern:
    """The period phrases as one pattern. Rewritten, when every phrase allows, as
    alternatives that each start with one literal character ((A|B)C = AC|BC, order
    kept), so that the regex engine skips in C to the characters a phrase can start
    with instead of trying a match at every position; the same matches either way."""
    allowed = set("0123456789") | {ch for p in periods for ch in p if "\u4e00" <= ch <= "\u9fff"}
    alternatives: list[str] = []
    for p in periods:
        found = _literal_first(f"(?:{p})", allowed)
        if found is None:
            return re.compile(_first_chars(periods) + "(?:" + "|".join(f"(?:{p})" for p in periods) + ")")
        alternatives += found
    return re.compile("|".join(alternatives))


def _top_level(pattern: str, stop_at_close: bool = False) -> tuple[list[str], int] | None:
    """The top-level alternatives of ``pattern`` (up to the ``)`` closing the group it
    starts inside when ``stop_at_close``) and the index after that; None if unbalanced."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0 and stop_at_close:
                return parts + [pattern[start:i]], i + 1
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return (parts + [pattern[start:]], i) if depth == 0 and not in_class and not stop_at_close else None


_PLAIN_CLASS_RE = re.compile(r"\[([^\]\\^-]+)\]")
_REPEAT_RE = re.compile(r"\{(\d+)(?:,(\d*))?\}")


def _literal_first(pattern: str, allowed: set[str], depth: int = 0) -> list[str] | None:
    """Alternatives that match, in order, what ``pattern`` matches and each start with
    one literal character of ``allowed`` (a match starting elsewhere is not wanted);
    None for a form this does not rewrite."""
    if depth > 8 or not pattern:
        return None
    if pattern.startswith("(?:"):                      # (A|B)C → AC|BC
        inner = _top_level(pattern[3:], stop_at_close=True)
        if inner is None:
            return None
        parts, end = inner[0], inner[1] + 3
        if pattern[end:end + 1] in ("?", "*", "+", "{"):
            return None
        out: list[str] = []
        for part in parts:
            found = _literal_first(part + pattern[end:], allowed, depth + 1)
            if found is None:
                return None
            out += found
        return out
    if pattern.startswith("\\d"):
        chars, first = "0123456789", "\\d"        # (other digits are not in ``allowed``)
    elif pattern[0] == "[":
        m = _PLAIN_CLASS_RE.match(pattern)
        if not m:
            return None
        chars, first = m.group(1), m.group()
    elif pattern[0] in "\\.^$?*+{()|":
        return None
    else:
        chars, first = pattern[0], pattern[0]
    rest = pattern[len(first):]
    if rest[:1] == "+":                                # X+ → X then X*
        rest = first + "*" + rest[1:]
    elif rest[:1] in ("?", "*", "{"):                  # X{n,m} → X then X{n-1,m-1}
        m = _REPEAT_RE.match(rest)
        if not m or int(m.group(1)) < 1:
            return None
        low, high = int(m.group(1)), m.group(2)
        more = "" if high is None and low == 1 else (f"{first}{{{low - 1}}}" if high is None else
                                                     f"{first}{{{low - 1},{int(high) - 1 if high else ''}}}")
        rest = more + rest[m.end():]
    return [re.escape(ch) + rest for ch in chars if ch in allowed]


_LAST_QUOTE = re.compile(r"[“「]([^“”「」，,。；;！？]{2,12})[”」][^“”「」。！？!?\n]*$")


def event_topic(text: str, sent0: int, pos: int, metric: str, rules: MetricRules) -> str:
    """A metric that is a bare event verb (今年已举办|12期, 全年计划开课|48期) names the
    quoted event the sentence introduced before it (开设“星火学堂”，今年已举办12期):
    that quoted name; ``metric`` unchanged otherwise."""
    if not metric or rules.event_lead.sub("", metric) not in rules.event_verbs:
        return metric
    m = _LAST_QUOTE.search(text, sent0, pos)
    return m.group(1) if m else metric


def space_topic(text: str, end: int, metric: str, unit: str, rules: MetricRules) -> str:
    """An area whose metric is a bare space noun (腾出300平方米空间，建起“X”): the area
    of the quoted venue the next clause builds in it (X面积); ``metric`` unchanged otherwise."""
    if metric not in rules.space_nouns or unit not in rules.space_units:
        return metric
    m = rules.space_venue.match(text, end)
    return m.group(1) + "面积" if m else metric


_SPEECH_VERBS = ("说", "表示", "介绍", "告诉记者")


def speaker_metric(text: str, pos: int, metric: str, people: list[str]) -> str:
    """A metric whose subject is 我 inside a quote (“我每周来两次…”苏某说): the
    speaker named after the quote, from the people list, in its place."""
    if not metric.startswith("我") or metric[1:2] in "们国区市省县镇司厂" or not people:
        return metric
    close = text.find("”", pos)
    if close < 0 or "“" in text[pos:close]:
        return metric
    after = text[close + 1:close + 40]
    for verb in _SPEECH_VERBS:
        k = after.find(verb)
        if k > 0:
            head = after[:k]
            for name in people:
                if name and head.endswith(name):
                    return name + metric[1:]
    return metric


__all__ = ["Intervals", "Layout", "Periods", "Quotes", "SEMI_BREAKS", "SENTENCE_BREAKS", "break_re", "event_topic",
           "period_pattern", "space_topic", "speaker_metric",
           "positions"]
