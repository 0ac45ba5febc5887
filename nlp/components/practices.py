"""The `practices` list of the extraction contract: named party-building models,
mechanisms, brands, projects, campaigns and working methods.

Mentions come from the rules in nlp/practice_finder.py (lexicons in
nlp/data/practice_*.txt); mentions of one practice merge into one item with
aliases; the category comes from nlp/practice_category.py. `match()` is pure;
`set_annotations()` writes ``doc.user_data["dangjian"]["practices"]``.
"""
from __future__ import annotations

import re
from typing import Any

from nlp.practice_category import categorize
from nlp.practice_finder import Mention, PracticeFinder
from nlp.practice_lexicon import load_lexicon

# -- merging and item building ---------------------------------------------------
NAME_NOISE = str.maketrans("", "", " \u3000\t\r\n“”「」")


def _names(m: Mention) -> set[str]:
    return {n.translate(NAME_NOISE) for n in [m.name, *m.aliases] if n}


def _common_prefix(x: str, y: str) -> int:
    n = 0
    for a, b in zip(x, y):
        if a != b:
            break
        n += 1
    return n


def _prefix_match(xs: set[str], ys: set[str]) -> bool:
    return any(_common_prefix(x, y) >= 4 for x in xs for y in ys)


def merge_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Group the mentions of one practice: a shared name; a name that is a part
    of another's (我为群众办实事 ⊂ 我为群众办实事、我为企业解难题); or the same
    kind with names (or kind phrases) sharing their first four characters
    (三级网格化组织体系 ~ 三级网格化党建体系)."""
    groups: list[list[Mention]] = []
    by_name: dict[str, int] = {}
    by_part: dict[str, int] = {}
    by_kind: dict[str, list[tuple[int, set[str]]]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        names = _names(m)
        keys = names | ({m.tail} if m.tail else set())
        gi = next((by_name[n] for n in names if n in by_name), None)
        if gi is None and len(m.name) >= 4 and not m.components:
            gi = by_part.get(m.name)
        if gi is None and len(m.components) >= 2:
            gi = next((by_name[c] for c in m.components if len(c) >= 4 and c in by_name
                       and not groups[by_name[c]][0].components), None)
        if gi is None and m.kind:
            gi = next((i for i, hk in by_kind.get(m.kind, []) if _prefix_match(keys, hk)), None)
        if gi is None:
            gi = len(groups)
            groups.append([])
            if m.kind:
                by_kind.setdefault(m.kind, []).append((gi, keys))
        groups[gi].append(m)
        for n in names:
            by_name.setdefault(n, gi)
        for c in m.components:
            by_part.setdefault(c, gi)
    return groups


def _representative(group: list[Mention]) -> Mention:
    def rank(m: Mention):
        return (not m.quoted, -len(m.components), m.start)
    return min(group, key=rank)


SENTENCE_END = re.compile(r"[。！？!?\n]")


class _Subjects:
    """Park and organisation mentions of a text, to name the actor of a practice."""

    def __init__(self, lists: dict[str, Any], text: str) -> None:
        import bisect

        self._bisect = bisect
        self.text = text
        self._reversed: str | None = None
        found = []
        for key in ("organizations", "parks"):
            for item in lists.get(key, []) or []:
                for span in item.get("mentions", []) or []:
                    found.append((span[1], span[0], item.get("name", "")))
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
        i = self._bisect.bisect_right(self.ends, start) - 1
        if i < 0:
            return self.main
        sentence_start = self.sentence_start(start)
        while i >= 0 and self.found[i][0] >= sentence_start:
            if self.found[i][1] >= sentence_start:
                return self.found[i][2]
            i -= 1
        return self.main


def _text_span(finder: PracticeFinder, text: str, m: Mention) -> tuple[int, int]:
    """The clause fragment: the governing verb (when no number stands between) and the mention."""
    start = finder.verb_start_before(text, m.start, finder.clause_start(m.start), within=10)
    if start is not None and not re.search(r"\d", text[start:m.start]):
        return start, m.end
    return m.start, m.end


def extract_practices(finder: PracticeFinder, text: str, lists: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The practices list for one normalised text; `lists` holds the parks and
    organisations found before (for `subject`)."""
    subjects = _Subjects(lists or {}, text)
    items = []
    for group in merge_mentions(finder.find(text)):
        rep = _representative(group)
        first = group[0]
        aliases: list[str] = []
        for m in group:
            for n in [m.name, *m.aliases]:
                if n != rep.name and n not in aliases and n not in finder.lex.stop_exact:
                    aliases.append(n)
        kind = rep.kind or next((m.kind for m in group if m.kind), "")
        components = rep.components or next((m.components for m in group if m.components), [])
        s, e = _text_span(finder, text, first)
        items.append({
            "name": rep.name,
            "aliases": aliases,
            "kind": kind,
            "components": list(components),
            "category": categorize(rep.name, kind, text[max(finder.clause_start(first.start), s - 20):e + 20]),
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
