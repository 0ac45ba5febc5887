"""The `practices` list of the extraction contract: named party-building models,
mechanisms, brands, projects, campaigns and working methods.

Mentions come from the rules in nlp/practice_finder.py (lexicons in
nlp/data/practice_*.txt); mentions of one practice merge into one item with
aliases; the category comes from nlp/practice_category.py. `match()` is pure;
`set_annotations()` writes ``doc.user_data["dangjian"]["practices"]``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any

from nlp.components.base import ListComponent
from nlp.entities import doc_text
from nlp.figure_text import closing_titles
from nlp.practice_category import categorize
from nlp.practice_finder import START, Mention, PracticeFinder
from nlp.practice_lexicon import load_lexicon

# -- merging and item building ---------------------------------------------------
NAME_NOISE = re.compile("[ \u3000\t\r\n“”「」]")      # (faster than str.translate on Chinese)


@lru_cache(maxsize=16384)
def _clean_name(name: str) -> str:
    return NAME_NOISE.sub("", name)


def _names(m: Mention) -> set[str]:
    return {_clean_name(n) for n in [m.name, *m.aliases] if n}


PREFIX = 4      # names (or kind phrases) of one kind sharing this many first characters merge


def merge_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Group the mentions of one practice: a shared name; a name that is a part
    of another's listed with 、 (我为群众办实事 ⊂ 我为群众办实事、我为企业解难题; a
    part of a formula A+B+C is a practice of its own); or the same
    kind with names (or kind phrases) sharing their first four characters
    (两级网格化服务体系 ~ 两级网格化党建体系)."""
    groups: list[list[Mention]] = []
    by_name: dict[str, int] = {}
    by_part: dict[str, int] = {}
    by_kind: dict[str, dict[str, int]] = {}     # kind → name prefix → the first group with it
    clean = _clean_name
    for m in sorted(mentions, key=START):
        name = m.name
        if m.aliases:
            names = _names(m)
        else:                               # (the same set as `_names`)
            names = {clean(name)} if name else set()
        gi = None
        for n in names:
            if n in by_name:
                gi = by_name[n]
                break
        components = m.components
        if gi is None and components:
            if len(components) >= 2:
                for c in components:
                    if len(c) >= 4 and c in by_name and not groups[by_name[c]][0].components:
                        gi = by_name[c]
                        break
        elif gi is None and len(name) >= 4:
            gi = by_part.get(name)
        kind = m.kind
        if gi is None and kind:
            # the first PREFIX characters of each name (and kind phrase) at least that long:
            # two share their first PREFIX characters when their prefix sets meet
            prefixes = {k[:PREFIX] for k in names if len(k) >= PREFIX}
            tail = m.tail
            if len(tail) >= PREFIX:
                prefixes.add(tail[:PREFIX])
            first_group = by_kind.get(kind)
            if first_group is None:
                first_group = by_kind[kind] = {}
            else:
                found = [first_group[p] for p in prefixes if p in first_group]
                if found:
                    gi = min(found)             # the first group of the kind that shares a prefix
        if gi is None:
            gi = len(groups)
            groups.append([m])
            if kind:
                for p in prefixes:
                    first_group.setdefault(p, gi)
        else:
            groups[gi].append(m)
        for n in names:
            by_name.setdefault(n, gi)
        if "+" not in name and "＋" not in name:      # the parts of a formula (A+B+C) are practices of their own
            for c in components:
                by_part.setdefault(c, gi)
    return groups


def _rank(m: Mention) -> tuple[bool, int, int]:
    return (not m.quoted, -len(m.components), m.start)


SENTENCE_ENDS = frozenset("。！？!?\n")
SENTENCE_END = re.compile(r"[。！？!?\n]")
DIGIT = re.compile(r"\d")


class _Subjects:
    """Park and organisation mentions of a text, to name the actor of a practice."""

    def __init__(self, lists: dict[str, Any], text: str, reversed_text: str) -> None:
        self.text, self.reversed = text, reversed_text
        found = [(span[1], span[0], name)
                 for key in ("organizations", "parks") for item in lists.get(key) or []
                 for name in (item.get("name", ""),) for span in item.get("mentions") or ()]
        found.sort()
        self.ends = [f[0] for f in found]
        self.found = found
        parks = lists.get("parks") or []
        self.main = parks[0].get("name", "") if parks else ""

    def sentence_start(self, start: int, clause_start: int) -> int:
        """After the last sentence end in the 300 characters before `start`, else 0.
        A sentence end ends a clause too: the clause start of `start` (from the
        text index) is often the answer, else the search goes on before it (a
        forward search of the reversed text: the last break is its first match)."""
        lo = start - 300 if start > 300 else 0
        last = clause_start - 1             # the last clause end before `start`
        if last < lo:
            return 0
        if self.text[last] in SENTENCE_ENDS:
            return clause_start
        n = len(self.text)
        m = SENTENCE_END.search(self.reversed, n - last, n - lo)
        return n - m.start() if m else 0

    def before(self, start: int, clause_start: int) -> str:
        """The park or organisation mentioned last before `start` in its sentence,
        else the main (first) park; `clause_start`: where the clause of `start` begins."""
        i = bisect_right(self.ends, start) - 1
        if i < 0:
            return self.main
        sentence_start = self.sentence_start(start, clause_start)
        found = self.found
        while i >= 0:
            end, begin, name = found[i]
            if end < sentence_start:
                break
            if begin >= sentence_start:
                return name
            i -= 1
        return self.main


def _text_start(finder: PracticeFinder, text: str, start: int, clause_start: int) -> int:
    """Where the clause fragment of a mention starting at `start` begins: at the
    governing verb (ending at most 10 characters before it, in its clause)
    when no number stands between, else at the mention."""
    end_list = finder.ix.end_list
    i = bisect_right(end_list, start) - 1
    if i < 0:
        return start
    end = end_list[i]                   # the last verb end at or before `start`
    if end < clause_start + 2 or end < start - 10:
        return start
    for v in finder.verbs_by_last.get(text[end - 1], ()):     # longest first
        verb_start = end - len(v)
        if verb_start >= clause_start and text.startswith(v, verb_start):
            return start if DIGIT.search(text, verb_start, start) else verb_start
    return start


HEADING_MAX = 24                        # characters in a sub-heading line
_HEADING_BREAKS = frozenset("，,。；;！？!?：:“”\"")


def _on_heading(text: str, start: int, end: int) -> bool:
    """The span lies on a short line without punctuation or quotes that a paragraph
    follows: a sub-heading (服务下沉一线 打造暖心服务圈), whose unquoted phrases sum
    up the paragraph after it."""
    hi = text.find("\n", end)
    if hi < 0:
        return False
    line = text[text.rfind("\n", 0, start) + 1:hi]
    return len(line.strip()) <= HEADING_MAX and _HEADING_BREAKS.isdisjoint(line)


def extract_practices(finder: PracticeFinder, text: str, lists: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The practices list for one normalised text; `lists` holds the parks and
    organisations found before (for `subject`)."""
    mentions = finder.find(text)
    if not mentions:
        return []
    closing = closing_titles(text)      # the headlines of other news after the report
    if closing < len(text):
        mentions = [m for m in mentions if m.start < closing]
    programmes = finder.lex.programmes
    mentions = [m for m in mentions if m.quoted or not m.kind or m.name in programmes
                or not _on_heading(text, m.start, m.end)]    # an unquoted phrase of a sub-heading
    if not mentions:
        return []
    ix = finder.ix
    subjects = _Subjects(lists or {}, text, ix.reversed)
    stop_exact = finder.lex.stop_exact
    clause_start = ix.clause_start
    items = []
    for group in merge_mentions(mentions):
        first = group[0]
        aliases: list[str] = []
        if len(group) == 1:
            name, kind, components = first.name, first.kind, first.components
            for n in first.aliases:
                if n != name and n not in aliases and n not in stop_exact:
                    aliases.append(n)
            spans = [[first.start, first.end]]
        else:
            rep = min(group, key=_rank)
            name, kind, components = rep.name, rep.kind, rep.components
            for m in group:
                for n in (m.name, *m.aliases):
                    if n != name and n not in aliases and n not in stop_exact:
                        aliases.append(n)
            if not kind:
                kind = next((m.kind for m in group if m.kind), "")
            if not components:
                components = next((m.components for m in group if m.components), [])
            spans = [[m.start, m.end] for m in group]
        fs = first.start
        cs = clause_start(fs)
        s, e = _text_start(finder, text, fs, cs), first.end
        items.append({
            "name": name,
            "aliases": aliases,
            "kind": kind,
            "components": list(components),
            "category": categorize(name, kind, text[cs if cs > s - 20 else s - 20:e + 20]),
            "subject": subjects.before(fs, cs),
            "text": text[s:e],
            "span": [s, e],
            "mentions": spans,
        })
    return items


class PracticesComponent(ListComponent):
    list_name = "practices"

    def __init__(self, nlp, name: str = "practices") -> None:
        super().__init__(nlp, name)
        self._finder: PracticeFinder | None = None

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        self.finder  # noqa: B018 - load the lexicons once

    @property
    def finder(self) -> PracticeFinder:
        if self._finder is None:
            self._finder = PracticeFinder(load_lexicon())
        return self._finder

    def match(self, doc) -> list[dict[str, Any]]:
        text = doc_text(doc)
        return extract_practices(self.finder, text, doc.user_data.get("dangjian", {}))


def make_component(nlp, name: str):
    return PracticesComponent(nlp, name)
