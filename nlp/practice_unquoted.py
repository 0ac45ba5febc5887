"""Rules 2 and 3 of nlp/practice_finder.py: unquoted names ending with a kind
word after an action verb (建立 X 机制, 健全 A、B、C等制度), national programmes
(三会一课) and unquoted 一X一Y、一Z一W slogans.

`UnquotedRules` is a part of `PracticeFinder`: it reads the finder's patterns
(`unquoted_re`, `programme_re`, `unquoted_programme_re`, `long_stops`), its
per-text index `ix` (whose scan finds the kind words and programmes with the
verbs when `_index_others`) and its predicates (`is_generic`, `ends_with_kind`).
"""
from __future__ import annotations

from bisect import bisect_right

from nlp.practice_text import (AFTER_OK, CLOSING, COUNT_RE, LEVEL_RE, LIST_EDGE, MAX_NAME, NAME_EDGE, PUNCT,
                               QUOTE_CHARS, Intervals, Mention, one_slogans, split_parts)


def _before_name(ch: str) -> str:
    """What a character before an unquoted name makes of it: "other" (punctuation,
    quote marks, digits), "de" (的), "list" (、, when a practice stands before) or ""."""
    if ch in PUNCT or ch in QUOTE_CHARS or ch.isdigit():
        return "other"
    return {"的": "de", "、": "list"}.get(ch, "")


_BEFORE_NAME: dict[str, str] = {}       # `_before_name` of each character seen


Found = tuple[int, int, str]             # (start, end, word) of a match


class UnquotedRules:
    """Rules 2 and 3, a part of `PracticeFinder` (see the module docstring)."""

    # -- rule 2: unquoted names -----------------------------------------------
    def unquoted_scan(self, text: str) -> tuple[list[Found], list[Found]]:
        """The (start, end, word) of the matches of `unquoted_re` and of
        `programme_re` in `text` (those the text index found, else one scan when
        it can)."""
        names = self.lex.programmes
        if self._index_others:
            found = self.index(text).others
        elif self.unquoted_programme_re is not None:
            found = [(m.start(), m.end(), m.group()) for m in self.unquoted_programme_re.finditer(text)]
        else:
            return ([(m.start(), m.end(), m.group()) for m in self.unquoted_re.finditer(text)],
                    [(m.start(), m.end(), m.group()) for m in self.programme_re.finditer(text)])
        kinds, programmes = [], []
        for f in found:
            (programmes if f[2] in names else kinds).append(f)
        return kinds, programmes

    def unquoted_mentions(self, text: str, inside: Intervals, phrases: list[tuple[int, int]],
                          matches: list[Found] | None = None) -> list[Mention]:
        """Rule 2 outside the quotes (`inside`) and the kind phrases after them
        (`phrases`); `matches`: those of `unquoted_re` when scanned already."""
        out: list[Mention] = []
        if matches is None:
            matches = self.unquoted_scan(text)[0]
        if not matches:
            return out
        covered = Intervals([(s - 1, e + 1) for s, e in phrases])
        n = len(text)
        in_starts, in_ends = inside.starts, inside.ends         # (`Intervals.covers`, inline)
        cover_starts, cover_ends = covered.starts, covered.ends
        for ks, ke, kind in matches:
            if (ke < n and text[ke] not in AFTER_OK) or text[ks - 1:ks] == "新":
                continue
            i = bisect_right(in_starts, ks) - 1
            if i >= 0 and in_starts[i] < ks < in_ends[i]:
                continue                        # inside a quote
            if cover_starts:
                i = bisect_right(cover_starts, ks) - 1
                if i >= 0 and cover_starts[i] < ks < cover_ends[i]:
                    continue                    # in a kind phrase after a quote
                i = bisect_right(cover_starts, ke - 1) - 1
                if i >= 0 and cover_starts[i] < ke - 1 < cover_ends[i]:
                    continue
            if text.startswith("等", ks - 1):
                out.extend(self._etc_list(text, ks - 1, kind))
                continue
            found = self._np_before(text, ks)
            if found is None:
                continue
            start, license_ = found
            if start > 0 and text[start - 1] in CLOSING:
                continue
            quoted_head = self._quote_before(text, start)
            if quoted_head is not None:  # “131”创新型人才培养工程: the quote begins the name
                qs, qe = quoted_head
                name = text[qs + 1:qe - 1] + text[qe:ke]
                if len(name) <= MAX_NAME:
                    out.append(Mention(name, qs, ke, kind=kind))
                continue
            prefix = text[start:ks]
            last_part = prefix.rsplit("、", 1)[-1]
            if len(prefix) < 2 or self.is_generic(last_part) or prefix.startswith(self.long_stops) \
                    or COUNT_RE.fullmatch(prefix):      # 实施两个工程
                continue
            if license_ != "verb" and not self.ix.verb_in(self.ix.clause_start(start), start):
                continue
            level = LEVEL_RE.search(prefix)         # 党小组四级党群工作联动机制 → 四级…
            if level and level.start() > 0 and not split_parts(prefix):
                start, prefix = start + level.start(), prefix[level.start():]
            out.append(Mention(text[start:ke], start, ke, kind=kind, components=split_parts(prefix)))
        return out

    def _quote_before(self, text: str, start: int) -> tuple[int, int] | None:
        """(opening mark, after closing mark) of a short quote that the name
        starting at `start` continues (“131”创新|型人才培养工程: only a verb
        of 1–3 characters between the quote and `start`)."""
        for q in (start - 1, start - 2, start - 3):
            if q < 1:
                return None
            ch = text[q]
            if ch in CLOSING:
                if start not in self.ix.ends:
                    continue
                opening = text.rfind("“" if ch == "”" else "「", max(0, q - 12), q)
                if opening >= 0 and not any(c in NAME_EDGE for c in text[opening + 1:q]):
                    return opening, q + 1
                return None
            if ch in NAME_EDGE:
                return None
        return None

    def _np_before(self, text: str, ks: int) -> tuple[int, str] | None:
        """Where an unquoted name ending at a kind word starts, and what stands
        before it: "verb", "de" (…的X机制), "list" (…机制、X体系) or "other"."""
        ends = self.ix.ends
        i = ks
        while i > 0:
            if ks - i > 22:
                return None
            if i in ends:
                return i, "verb"
            ch = text[i - 1]
            stop = _BEFORE_NAME.get(ch)
            if stop is None:
                stop = _BEFORE_NAME[ch] = _before_name(ch)
            if stop:
                if stop != "list":
                    return i, stop
                before = text[self.ix.clause_start(i - 1):i - 1]
                if before.endswith(CLOSING) or self.ends_with_kind(before, "unquoted") or \
                        self.ends_with_kind(before, "after_quote"):
                    return i, "list"
            i -= 1
        return i, "other"

    def _etc_list(self, text: str, etc: int, kind: str) -> list[Mention]:
        """健全 A、B、C等制度 → A, B, C."""
        ends = self.ix.ends
        i = etc
        while i > 0 and etc - i < 40 and text[i - 1] not in LIST_EDGE:
            if i in ends:
                break
            i -= 1
        if i not in ends:
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
    def programme_mentions(self, text: str, matches: list[Found] | None = None) -> list[Mention]:
        """Rule 3; `matches`: those of `programme_re` when scanned already."""
        if matches is None:
            matches = self.unquoted_scan(text)[1]
        return [Mention(word, start, end, components=split_parts(word)) for start, end, word in matches]

    def slogan_mentions(self, text: str, inside: Intervals) -> list[Mention]:
        """一X一Y、一Z一W outside the quotes (`inside`)."""
        return [Mention(m.group(), m.start(), m.end(), components=m.group().split("、"))
                for m in one_slogans(text) if not inside.covers(m.start())]
