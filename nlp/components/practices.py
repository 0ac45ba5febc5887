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

from nlp.practice_category import categorize
from nlp.practice_finder import START, Mention, PracticeFinder
from nlp.practice_lexicon import load_lexicon

# -- merging and item building ---------------------------------------------------
NAME_NOISE = str.maketrans("", "", " \u3000\t\r\n“”「」")


@lru_cache(maxsize=16384)
def _clean_name(name: str) -> str:
    return name.translate(NAME_NOISE)


def _names(m: Mention) -> set[str]:
    return {_clean_name(n) for n in [m.name, *m.aliases] if n}


PREFIX = 4      # names (or kind phrases) of one kind sharing this many first characters merge


def _prefixes(keys: set[str]) -> set[str]:
    """The first PREFIX characters of each key at least that long: two keys share
    their first PREFIX characters when their prefix sets meet."""
    return {k[:PREFIX] for k in keys if len(k) >= PREFIX}


def merge_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Group the mentions of one practice: a shared name; a name that is a part
    of another's (我为群众办实事 ⊂ 我为群众办实事、我为企业解难题); or the same
    kind with names (or kind phrases) sharing their first four characters
    (三级网格化组织体系 ~ 三级网格化党建体系)."""
    groups: list[list[Mention]] = []
    by_name: dict[str, int] = {}
    by_part: dict[str, int] = {}
    by_kind: dict[str, dict[str, int]] = {}     # kind → name prefix → the first group with it
    for m in sorted(mentions, key=START):
        names = _names(m)
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
        elif gi is None and len(m.name) >= 4:
            gi = by_part.get(m.name)
        kind = m.kind
        if gi is None and kind:
            prefixes = _prefixes(names | {m.tail} if m.tail else names)
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
        for c in components:
            by_part.setdefault(c, gi)
    return groups


def _rank(m: Mention) -> tuple[bool, int, int]:
    return (not m.quoted, -len(m.components), m.start)


def _representative(group: list[Mention]) -> Mention:
    return group[0] if len(group) == 1 else min(group, key=_rank)


SENTENCE_END = re.compile(r"[。！？!?\n]")
DIGIT = re.compile(r"\d")


class _Subjects:
    """Park and organisation mentions of a text, to name the actor of a practice."""

    def __init__(self, lists: dict[str, Any], text: str) -> None:
        self.text = text
        self._reversed: str | None = None
        found = [(span[1], span[0], item.get("name", ""))
                 for key in ("organizations", "parks") for item in lists.get(key) or []
                 for span in item.get("mentions") or []]
        found.sort()
        self.ends = [f[0] for f in found]
        self.found = found
        parks = lists.get("parks") or []
        self.main = parks[0].get("name", "") if parks else ""

    def sentence_start(self, start: int) -> int:
        """After the last sentence end in the 300 characters before `start`, else 0
        (a forward search of the reversed text: the last break is its first match)."""
        if self._reversed is None:
            self._reversed = self.text[::-1]
        n = len(self.text)
        m = SENTENCE_END.search(self._reversed, n - start, n - max(0, start - 300))
        return n - m.start() if m else 0

    def before(self, start: int) -> str:
        """The park or organisation mentioned last before `start` in its sentence, else the main (first) park."""
        i = bisect_right(self.ends, start) - 1
        if i < 0:
            return self.main
        sentence_start = self.sentence_start(start)
        found = self.found
        while i >= 0:
            end, begin, name = found[i]
            if end < sentence_start:
                break
            if begin >= sentence_start:
                return name
            i -= 1
        return self.main


def _text_span(finder: PracticeFinder, text: str, m: Mention, clause_start: int) -> tuple[int, int]:
    """The clause fragment: the governing verb (when no number stands between) and the mention."""
    start = finder.verb_start_before(text, m.start, clause_start, within=10)
    if start is not None and not DIGIT.search(text, start, m.start):
        return start, m.end
    return m.start, m.end


def extract_practices(finder: PracticeFinder, text: str, lists: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The practices list for one normalised text; `lists` holds the parks and
    organisations found before (for `subject`)."""
    mentions = finder.find(text)
    if not mentions:
        return []
    subjects = _Subjects(lists or {}, text)
    stop_exact = finder.lex.stop_exact
    clause_start = finder.ix.clause_start
    items = []
    for group in merge_mentions(mentions):
        first = group[0]
        rep = _representative(group)
        aliases: list[str] = []
        for m in group:
            for n in (m.name, *m.aliases):
                if n != rep.name and n not in aliases and n not in stop_exact:
                    aliases.append(n)
        name, kind, components = rep.name, rep.kind, rep.components
        if not kind:
            kind = next((m.kind for m in group if m.kind), "")
        if not components:
            components = next((m.components for m in group if m.components), [])
        cs = clause_start(first.start)
        s, e = _text_span(finder, text, first, cs)
        items.append({
            "name": name,
            "aliases": aliases,
            "kind": kind,
            "components": list(components),
            "category": categorize(name, kind, text[max(cs, s - 20):e + 20]),
            "subject": subjects.before(first.start),
            "text": text[s:e],
            "span": [s, e],
            "mentions": [[m.start, m.end] for m in group],
        })
    return items


class PracticesComponent:
    list_name = "practices"

    def __init__(self, nlp, name: str = "practices") -> None:
        self.name = name
        self._finder: PracticeFinder | None = None

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        self.finder  # noqa: B018 - load the lexicons once

    @property
    def finder(self) -> PracticeFinder:
        if self._finder is None:
            self._finder = PracticeFinder(load_lexicon())
        return self._finder

    def match(self, doc) -> list[dict[str, Any]]:
        text = doc.user_data.get("text")
        if not isinstance(text, str):   # spaCy rebuilds doc.text on every read: once, when new_doc did not set it
            text = doc.user_data["text"] = doc.text
        return extract_practices(self.finder, text, doc.user_data.get("dangjian", {}))

    def set_annotations(self, doc, items: list[dict[str, Any]]) -> None:
        doc.user_data.setdefault("dangjian", {})[self.list_name] = items

    def __call__(self, doc):
        self.set_annotations(doc, self.match(doc))
        return doc


def make_component(nlp, name: str):
    return PracticesComponent(nlp, name)
