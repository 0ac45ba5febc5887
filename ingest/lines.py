"""Paragraphs and broken lines (stage 5 of :mod:`ingest.normalize`): a
paragraph cut at a page break, or the lines of a hard-wrapped text (a PDF's
text layer), joined back into one; captions met on the way kept after the
paragraph they interrupted. A run of lines is joined once, at the end."""
from __future__ import annotations

import re

JOIN_MIN = 20            # a paragraph shorter than this is never joined to the next
WRAP_MIN_WIDTH = 30      # columns: lines this wide or wider tell whether a text is hard-wrapped
WRAP_MIN_LINES = 5       # ... when at least this many of them share one width


class _Para:
    __slots__ = ("pieces", "text", "gap", "first", "caption")

    def __init__(self, pieces: list[tuple[int, int]], text: str, gap: int, first: bool = False) -> None:
        self.pieces = pieces          # [start, end) ranges of the working text, in order
        self.text = text
        self.gap = gap                # blank lines before it
        self.first = first            # first paragraph of the file
        self.caption = False


# a joinable paragraph ends with [\u3400-\u9fff0-9,，、] and the next starts with [\u3400-\u9fff0-9];
# tested by comparisons, not a regex call per paragraph
_DIGITS = "0123456789"
_OPEN_END_MARKS = "0123456789,，、"
_PUNCT = re.compile(r"[,，、；;。！？!?]")       # a colon alone makes a label line, not prose
_FULL_STOP = re.compile(r"[。！？!?]")
_SENTENCE_END = re.compile(r"[。！？!?…][”’」』)）]*$")
_BRACKETED = re.compile(r"\([^()]*\)")
_LABEL_START = re.compile(r"^[\u3400-\u9fff]{1,8}[:：]")      # 相关链接：, 记者：, 答：
_BYLINE_START = re.compile(r"^(?:本报|记者|通讯员|特约|来源|作者|文/|图/|文:|■|▶|●|◆|★)")
# an enumerated item or heading: 一、 (一) 1. 一是 第一,
_ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.是]|\(?[一二三四五六七八九十\d]{1,3}\)|\d{1,2}[、.]\D"
                         r"|第[一二三四五六七八九十]{1,3}[,，、])")


def _display_width(line: str) -> int:
    """Columns a line fills: two for a CJK character or a full-width mark (and
    for the marks normalisation folds), one for ASCII (from the UTF-8 length:
    three bytes for the wide ones, one for ASCII)."""
    n = len(line)
    return n + (len(line.encode("utf-8")) - n) // 2 + line.count("(") + line.count(")") + line.count("%")


_MEASURES = (len, _display_width)


def _wrap_width(paras: list[_Para]) -> tuple[int, int]:
    """How a hard-wrapped text (a PDF's text layer, a fixed-width export)
    breaks its lines: (measure, width) with measure an index into _MEASURES
    (characters or display columns), or (0, 0) for a text that is not
    wrapped. The width is the most common one among lines of at least
    WRAP_MIN_WIDTH, when WRAP_MIN_LINES or more lines have it (give or take
    one), they are at least half of those lines, and fewer than half of them
    end a sentence."""
    found = (0, 0, 0)                          # (lines near the width, measure, width)
    for k, measure in enumerate(_MEASURES):
        widths = [w for p in paras if not p.caption and (w := measure(p.text)) >= WRAP_MIN_WIDTH]
        if len(widths) < WRAP_MIN_LINES:
            continue
        counts: dict[int, int] = {}
        for w in widths:
            counts[w] = counts.get(w, 0) + 1
        best = max(counts, key=lambda w: (counts.get(w - 1, 0) + counts[w] + counts.get(w + 1, 0), w))
        near = sum(counts.get(w, 0) for w in (best - 1, best, best + 1))
        if near >= WRAP_MIN_LINES and 2 * near >= len(widths) and near > found[0]:
            # wrapped lines end anywhere; lines of one width that mostly end a
            # sentence are sentences of one length (a list, a table), not a wrap
            ends = sum(1 for p in paras if not p.caption and abs(measure(p.text) - best) <= 1
                       and _SENTENCE_END.search(p.text))
            if 2 * ends < near:
                found = (near, k, best)
    return found[1], found[2]


def _is_header(line: str) -> bool:
    """A header line of labelled fields (发布时间：X 来源：Y): a label first, and a
    space outside brackets with no full stop."""
    return bool(_LABEL_START.match(line)) and " " in _BRACKETED.sub("", line) and not _FULL_STOP.search(line)


class _Open:
    """The paragraph being built from broken lines: its members, and what
    `_joinable` reads of their joined text (found when first asked, then kept
    up as lines are added), so that a long run of lines stays linear: the text
    itself is joined once, at the end."""

    __slots__ = ("members", "first", "caption", "length", "_marks", "_scanned")

    def __init__(self, p: _Para) -> None:
        self.members = [p]
        self.first, self.caption = p.first, p.caption
        self.length = len(p.text)
        self._marks = [False, False, False]      # a comma-like mark, a space, a full stop
        self._scanned = 0                        # members looked at for _marks

    def add(self, p: _Para) -> None:
        self.members.append(p)
        self.length += len(p.text)

    @property
    def end(self) -> str:
        return self.members[-1].text[-1]

    def marks(self) -> list[bool]:
        m = self._marks
        for p in self.members[self._scanned:]:
            m[0] = m[0] or bool(_PUNCT.search(p.text))
            m[1] = m[1] or " " in p.text
            m[2] = m[2] or bool(_FULL_STOP.search(p.text))
        self._scanned = len(self.members)
        return m

    def para(self) -> _Para:
        head = self.members[0]
        if len(self.members) == 1:
            return head
        pieces = [piece for m in self.members for piece in m.pieces]
        return _Para(pieces, "".join(m.text for m in self.members), head.gap, head.first)


def _joinable(prev: _Open, nxt: _Para, wrap: tuple[int, int] = (0, 0)) -> bool:
    """Whether `nxt` continues the paragraph `prev`; `wrap` tells how a
    hard-wrapped text breaks its lines (`_wrap_width`)."""
    b = nxt.text
    measure, width = wrap
    line = prev.members[-1].text
    if width and not (prev.first or prev.caption or _is_header(line)) \
            and _MEASURES[measure](line) >= width - 2:
        # a full line of a hard-wrapped text goes on in the next (a header line,
        # 发布时间：… 来源：…, stands alone), unless it ends a sentence and the next
        # line opens a byline, an enumerated item or a label
        return not (_SENTENCE_END.search(line) and (_BYLINE_START.match(b) or _ENUMERATED.match(b)
                                                    or _LABEL_START.match(b)))
    end, start = prev.end, b[0]
    if (prev.first or prev.caption
            or not ("\u3400" <= end <= "\u9fff" or end in _OPEN_END_MARKS)
            or not ("\u3400" <= start <= "\u9fff" or start in _DIGITS)
            or _BYLINE_START.match(b) or _ENUMERATED.match(b)):
        return False
    if end in ",，、":
        return True
    if prev.length < JOIN_MIN:
        return False
    punct, space, full_stop = prev.marks()
    if not punct or (prev.length < 40 and _ENUMERATED.match(prev.members[0].text)):
        return False
    heading_like = space and not full_stop     # "建组织 夯实…", "来源:X 发布时间:Y"
    return not heading_like


def _join_and_order(paras: list[_Para]) -> list[tuple[_Para, list[_Para]]]:
    """Groups of (paragraph, captions after it), broken paragraphs joined."""
    groups: list[tuple[_Open, list[_Para]]] = []
    pending: list[_Para] = []          # captions met since the last body paragraph
    wrap = _wrap_width(paras)
    for p in paras:
        if p.caption:
            pending.append(p)
            continue
        if groups and _joinable(groups[-1][0], p, wrap):
            groups[-1][0].add(p)
            groups[-1][1].extend(pending)
        else:
            if pending and groups:
                groups[-1][1].extend(pending)
            elif pending:                           # captions before any body text
                groups.extend((_Open(c), []) for c in pending)
            groups.append((_Open(p), []))
        pending = []
    if pending:
        if groups:
            groups[-1][1].extend(pending)
        else:
            groups.extend((_Open(c), []) for c in pending)
    return [(run.para(), caps) for run, caps in groups]
