"""The `parks` list: development zones, high-tech zones, districts, business
circles and industrial parks whose party-building work the text reports.

A park is a name ending in a park suffix (nlp/data/parks_suffixes.txt) whose
left part is found by `left_edge`; bare suffixes (高新区, 开发区) and generic
prefixes (国家高新区, 全区) are not parks. Mentions of one park are merged by
short forms (X经济技术开发区 = X经开区 = X开发区; a leading province dropped),
declared aliases (以下简称X, 下称X) and abbreviations (青梧科技创新中心 → 青创中心). A
county-level district (某某区) named at least twice is a park too. Province
and city come from nlp/regions.py. Leading time words are not part of a name
(2023年X高新区 → X高新区; nlp/data/time_heads.txt); a park-like name right after
a company name is the company's site (X集团Y科技园区党委); a bare suffix with a
phase (软件园四期) names that phase. A park named only as the locative prefix
of another park (X新区Y开发区, every time) is not listed; a county district
between the city and a park's own name only locates it (X市Y区Z商圈 = Z商圈).

The suffix lexicon and the forms of a name are in nlp/park_names.py, the scan
for candidates in nlp/park_scan.py; this module merges the candidates into
parks and writes the records.
"""
from __future__ import annotations

import re
from typing import Any

from nlp.components.base import ListComponent
from nlp.entities import clean, declared_aliases, doc_text, find_mentions, name_like, place_anchor_set
# organizations.py, org_rules.py and the tests import these names from here
from nlp.park_names import (_abbreviations, _best_name, _lexicon, bracket_place, canonical,  # noqa: F401
                            short_forms, split_suffix, strip_places)
from nlp.park_scan import (MIN_DISTRICT_MENTIONS, _after_inner_park, _after_inner_park_in,  # noqa: F401
                           _county_districts, _district_matches, _district_pattern, _generic_firsts,
                           _generic_lengths, _time_first_chars, _two_generic, candidates, districts)


class ParksComponent(ListComponent):
    list_name = "parks"

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Load the lexicons, the division table and the tables built from
        them once, here, instead of in the first document."""
        _lexicon()
        _county_districts()
        _generic_lengths()
        _generic_firsts()
        _time_first_chars()
        _district_pattern()
        place_anchor_set()
        from nlp.segment import get_segmenter

        get_segmenter().tag("青梧")  # rjieba builds its tagger for unknown words on the first such call
        return None

    def match(self, doc) -> list[dict[str, Any]]:
        from nlp.regions import cities_in, divisions, resolve

        text = doc_text(doc)
        lex = _lexicon()
        declared = _declarations(text, lex) if "称" in text else []  # every form has 称
        cands = candidates(text, declared)
        named_districts = districts(text)
        groups: list[dict[str, Any]] = []

        def find_group(name: str):
            key = canonical(name)
            forms = short_forms(name)
            for g in groups:
                if key in g["keys"] or not forms.isdisjoint(g["names"]):
                    return g
            return None

        title = str((doc.user_data.get("meta") or {}).get("title", ""))
        named_districts = [d for d in named_districts
                           if text.count(d[0]) >= MIN_DISTRICT_MENTIONS + 1 or d[0] in title or not cands]
        district_set = set(named_districts)
        for name, start, _end in cands + named_districts:
            name = clean(name)
            g = find_group(name)
            if g is None:
                g = {"names": set(), "keys": set(), "first": start, "count": 0, "district": False}
                groups.append(g)
            g["names"].add(name)
            g["keys"].add(canonical(name))
            g["keys"].update(short_forms(name))
            g["count"] += 1
            if (name, start, _end) in district_set:
                g["district"] = True
        # a district or park named in parentheses right after a park is the same
        # place (X高新区（Y区）): one more name of that park
        declared_at = {d[0] for d in declared}  # a declaration is no second name (X商务区（下称Y）)
        for name, _start, end in cands:
            co = _co_name(text, end, lex) if text.startswith(("（", "("), end) and end not in declared_at else ""
            if co:
                g = find_group(clean(name))
                if g is not None:
                    g["names"].add(co)
                    g["keys"] |= {canonical(co)} | short_forms(co)
        # declared aliases: (以下简称X)
        for end, alias, _s, _e in declared:
            for g in groups:
                if text.endswith(tuple(g["names"]), 0, end):  # one of its names ends there
                    g["names"].add(clean(alias))
                    g["keys"] |= {canonical(alias)} | short_forms(clean(alias))
        groups = _merge_groups(groups)
        if len(groups) > 1:
            groups = _drop_locative_prefixes(text, groups, cands)
        if not groups:
            return []
        city_memo: list[dict[str, int]] = []

        def city_counts() -> dict[str, int]:  # the cities the text names, counted once when needed
            if not city_memo:
                city_memo.append(cities_in(text))
            return city_memo[0]

        occurs: dict[str, bool] = {}  # per document: whether a short form occurs in the text

        def in_text(form: str) -> bool:
            found = occurs.get(form)
            if found is None:
                found = occurs[form] = form in text
            return found

        descriptor_tuple = tuple(lex["descriptors"])
        # a park's name that opens another one's (X新区 in X新区Y中心): Y中心 alone is a short name
        cand_names = sorted({c[0] for c in cands}) if len(cands) > 1 else ()
        openers = {clean(n): clean(p) for n in cand_names for p in cand_names
                   if len(n) - len(p) >= 3 and n.startswith(p)}
        abbreviations: dict[str, list[str]] = {}  # per document: core name → its abbreviations in the text
        items = []
        for g in groups:
            names = {n for n in g["names"]}
            for n in list(names):
                names |= {f for f in short_forms(n) if in_text(f)}
            # abbreviation: 青梧科技创新中心 → 青创中心 (names in code-point order: a name
            # added here counts in `_alone` for the next, so never in a set's order)
            for n in sorted(names):
                core = strip_places(n)
                if core == n:
                    head = divisions().leading(n)
                    # the place stays when it opens another park's name (X新区Y园)
                    inner = lex["pattern"].match(n, len(head)) if head else None
                    core = n[len(head):] if head and (inner is None or inner.end() > len(n) - 2) else n
                if len(core) >= 5:
                    found = abbreviations.get(core)
                    if found is None:
                        found = abbreviations[core] = _abbreviations(text, core)
                    names.update(found)
                # the own name alone (青梧智谷科技产业园 → 青梧智谷); a bare suffix has
                # none (高新技术产业开发区 is no 高新技术 + 产业开发区)
                prefix, suf = split_suffix(core)
                if suf and lex["suffixes"].get(suf) == "strong" and prefix.endswith(descriptor_tuple) \
                        and core not in lex["suffixes"]:
                    stem = prefix
                    changed = True
                    while changed:
                        changed = False
                        for d in lex["descriptors"]:
                            if stem.endswith(d) and len(stem) - len(d) >= 3:
                                stem = stem[: -len(d)]
                                changed = True
                    if stem != prefix and len(stem) >= 3 and _alone(text, stem, names):
                        names.add(stem)
                opener = openers.get(n) if openers else None
                if opener and _alone(text, n[len(opener):], names):
                    names.add(n[len(opener):])
                if g["district"]:
                    rows = [r for r in divisions().lookup(n) if r.level == "county"]
                    if rows and len(rows[0].short) >= 2 and rows[0].short != n and _alone(text, rows[0].short, names):
                        names.add(rows[0].short)
            name = _best_name(names)
            province, city = resolve(bracket_place(name) or name, text, city_counts)
            mentions = find_mentions(text, names)
            score = len(mentions) + (5 if any(n in title for n in names) else 0)
            items.append({"name": name, "aliases": sorted(names - {name}, key=lambda n: (-len(n), n)),
                          "province": province, "city": city, "mentions": mentions,
                          "_score": score, "_first": g["first"]})
        items.sort(key=lambda it: (-it["_score"], it["_first"]))
        _add_bare_aliases(text, items, lex)
        for it in items:
            it.pop("_score")
            it.pop("_first")
        return items


def _declarations(text: str, lex: dict[str, Any]) -> list[tuple[int, str, int, int]]:
    """`declared_aliases` and the declarations it does not read (X商务区（下称Y）:
    nlp/data/parks_name_context.txt "alias_heads"), in the order of the text."""
    out = declared_aliases(text)
    starts = {d[0] for d in out}
    extra = [(m.start(), m.group(1).strip(), m.start(1), m.end(1)) for m in lex["alias_decl"].finditer(text)
             if m.start() not in starts]
    return sorted(out + extra) if extra else out


_CO_NAME = re.compile(r"[（(]([\u4e00-\u9fff]{2,10})[)）]")


def _co_name(text: str, end: int, lex: dict[str, Any]) -> str:
    """The county district or park named in parentheses right at `end`, or ''."""
    from nlp.regions import divisions

    m = _CO_NAME.match(text, end)
    if not m:
        return ""
    inner = m.group(1)
    if any(r.level == "county" and r.name == inner for r in divisions().lookup(inner)):
        return inner
    prefix, suf = split_suffix(inner)
    if suf and len(prefix) >= 2 and prefix not in lex["generic"] and name_like(prefix):
        return inner
    return ""


def _merge_groups(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Groups that share a name (after declared aliases were added) are one park."""
    out: list[dict[str, Any]] = []
    for g in groups:
        other = next((o for o in out if o["names"] & g["names"] or o["keys"] & g["keys"]), None)
        if other is None:
            out.append(g)
            continue
        other["names"] |= g["names"]
        other["keys"] |= g["keys"]
        other["count"] += g["count"]
        other["first"] = min(other["first"], g["first"])
        other["district"] = other["district"] or g["district"]
    return out


def _drop_locative_prefixes(text: str, groups: list[dict[str, Any]],
                            cands: list[tuple[str, int, int]]) -> list[dict[str, Any]]:
    """Without the parks named only as the locative prefix of another park
    (青梧新区 in 青梧新区X科技开发区, every time): those locate the other park."""
    starts = {start for _name, start, _end in cands}
    ends = {c[0] for c in cands if c[2] in starts}  # names right before another park's name
    if not ends:
        return groups
    out = []
    for g in groups:
        if not g["district"] and not ends.isdisjoint(g["names"]):
            spans = find_mentions(text, g["names"])
            if spans and all(e in starts and not any(text.startswith(n, e) for n in g["names"])
                             for _s, e in spans):
                continue
        out.append(g)
    return out


def _alone(text: str, word: str, names: set[str]) -> bool:
    """`word` occurs in `text` outside every longer name in `names`."""
    longer = [n for n in names if word in n and n != word]
    spans = find_mentions(text, longer)
    start = text.find(word)
    while start >= 0:
        if not any(s <= start and start + len(word) <= e for s, e in spans):
            return True
        start = text.find(word, start + 1)
    return False


CLASS_WORDS = ("国家", "国家级", "省级", "市级", "全国", "全省", "各", "个", "批", "类", "等", "级", "家")


def _add_bare_aliases(text: str, items: list[dict[str, Any]], lex: dict[str, Any]) -> None:
    """The bare forms of the main park's suffix (开发区, 经开区 for X经济技术开发区;
    the main park is items[0]) that the text uses twice or more on their own
    become its aliases and mentions: longest first, equally long ones in the
    order of their first such mention (never a set's iteration order). Where
    forms overlap, the longer one takes the places (of equally long ones, the
    one its lexicon line lists first)."""
    main = items[0]
    _, suf = split_suffix(main["name"])
    forms = [form for form in (lex["groups"].get(suf, (suf,)) if suf else ()) if form in text]
    if not forms:
        return
    occupied = _occupancy(text, (s for it in items for s in it["mentions"]))  # the mentions found so far
    found: list[tuple[int, int, str]] = []
    for form in sorted(forms, key=len, reverse=True):   # stable: lexicon order among equally long forms
        spans = _bare_spans_in(text, form, occupied)
        if len(spans) >= 2:
            found.append((-len(form), spans[0][0], form))
            main["mentions"] = sorted(main["mentions"] + spans)
            for s, e in spans:
                occupied[s:e] = b"\x01" * (e - s)
    main["aliases"] += [form for _, _, form in sorted(found)]


def _bare_spans(text: str, form: str, taken: list[tuple[int, int]]) -> list[list[int]]:
    """Mentions of a bare suffix (开发区) that refer back to the park: not inside
    a park mention, not a class (国家高新区, 首批开发区), not part of 区… words."""
    if form not in text:
        return []
    return _bare_spans_in(text, form, _occupancy(text, taken))


def _occupancy(text: str, spans) -> bytearray:
    """1 at every character of `text` that one of `spans` covers."""
    occupied = bytearray(len(text) + 1)
    for s, e in spans:
        s, e = (s if s > 0 else 0), (e if e > 0 else 0)
        if s < e:
            occupied[s:e] = b"\x01" * (e - s)
    return occupied


def _bare_spans_in(text: str, form: str, occupied: bytearray) -> list[list[int]]:
    """`_bare_spans` with the taken spans as an occupancy map (`_occupancy`)."""
    out = []
    start = text.find(form)
    n = len(form)
    while start >= 0:
        end = start + n
        if occupied.find(1, start, end) < 0 and text[end:end + 1] != "区" \
                and not text.endswith(CLASS_WORDS, start - 3 if start > 3 else 0, start):
            out.append([start, end])
        start = text.find(form, start + 1)
    return out


def make_component(nlp, name: str):
    return ParksComponent(nlp, name)
