"""The `parks` list: development zones, high-tech zones, districts, business
circles and industrial parks whose party-building work the text reports.

A park is a name ending in a park suffix (nlp/data/parks_suffixes.txt) whose
left part is found by `left_edge`; bare suffixes (高新区, 开发区) and generic
prefixes (国家高新区, 全区) are not parks. Mentions of one park are merged by
short forms (X经济技术开发区 = X经开区 = X开发区; a leading province dropped),
declared aliases (以下简称X) and abbreviations (青梧科技创新中心 → 青创中心). A
county-level district (某某区) named at least twice is a park too. Province
and city come from nlp/regions.py. Leading time words are not part of a name
(2023年X高新区 → X高新区; nlp/data/time_heads.txt); a park-like name right after
a company name is the company's site (X集团Y科技园区党委); a bare suffix with a
phase (软件园三期) names that phase.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Any

from nlp.entities import (clean, data_lines, doc_text, declared_aliases, find_mentions, left_edge, name_like,
                          place_anchor_set, subsequence, time_head_end, word_set)

PHASE = re.compile("[一二三四五六七八九十]期")  # 软件园三期: a phase of a park named by its suffix alone
_PARTY_BODY = re.compile("党[委组支总工]")
MIN_DISTRICT_MENTIONS = 2  # 3 when the text also names a zone by suffix, unless the title names it


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    suffixes: dict[str, str] = {}
    for line in data_lines("parks_suffixes.txt"):
        parts = line.split("\t")
        suffixes[parts[0].strip()] = parts[1].strip() if len(parts) > 1 else "strong"
    groups: dict[str, tuple[str, ...]] = {}
    for line in data_lines("parks_short_forms.txt"):
        forms = tuple(line.split())
        for f in forms:
            groups.setdefault(f, forms)
    pattern = re.compile(_longest_first(suffixes))
    descriptors = sorted(word_set("parks_descriptors.txt"), key=len, reverse=True)
    return {"suffixes": suffixes, "groups": groups, "pattern": pattern,
            "by_length": sorted(suffixes, key=len, reverse=True),
            "lengths": sorted({len(x) for x in suffixes}, reverse=True),
            "generic": word_set("parks_generic_prefixes.txt"), "descriptors": descriptors,
            "ranks": tuple(sorted(word_set("parks_rank_words.txt"), key=len, reverse=True)),
            "praise": tuple(word_set("parks_praise_heads.txt")),
            "owner_tails": tuple(word_set("parks_owner_tails.txt"))}


def _longest_first(words) -> str:
    """A regex that finds, at each place, the longest of `words`: the
    alternation of the words sorted longest first, written as a trie so that
    the matcher tries one branch per character (开(?:发区) …) instead of every
    word in turn."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + branch(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        if "" not in node:
            return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        # a word ends here: a longer one first, then this one
        return alts[0] + "?" if len(alts) == 1 and len(alts[0]) == 1 else "(?:" + "|".join(alts) + ")?"

    return branch(trie)


@lru_cache(maxsize=4096)
def split_suffix(name: str) -> tuple[str, str]:
    """(prefix, suffix) of a park name by the longest known suffix."""
    lex = _lexicon()
    suffixes = lex["suffixes"]
    for n in lex["lengths"]:
        if len(name) > n and name[-n:] in suffixes:
            return name[:-n], name[-n:]
    return name, ""


@lru_cache(maxsize=4096)
def strip_places(name: str) -> str:
    """The name without its leading province (广西南宁X → 南宁X) and with 市
    dropped after a city (南昌市高新区 → 南昌高新区)."""
    from nlp.regions import divisions

    table = divisions()
    rest = name
    head = table.leading(rest)
    rows = table.lookup(head) if head else []
    if rows and rows[0].level == "province" and len(rest) > len(head) + 2:
        after = rest[len(head):]
        if table.leading(after):
            rest = after
            head = table.leading(rest)
            rows = table.lookup(head)
    if head and any(r.level == "city" for r in rows) and rest[len(head):].startswith("市") \
            and not head.endswith("市"):
        rest = head + rest[len(head) + 1:]
    elif head.endswith("市") and len(head) > 2 and len(rest) > len(head) + 2:
        rest = head[:-1] + rest[len(head):]
    return rest


@lru_cache(maxsize=4096)
def short_forms(name: str) -> frozenset[str]:
    """Equivalent names: suffix short forms, with and without province/市
    (and without the city when a proper name remains: 南宁X商圈 → X商圈)."""
    from nlp.regions import divisions

    lex = _lexicon()
    out = {name}
    base = strip_places(name)
    out.add(base)
    head = divisions().leading(base)
    if head and any(r.level == "city" for r in divisions().lookup(head)):
        prefix, suf = split_suffix(base[len(head):])
        lex_generic = _lexicon()["generic"]
        rest = base[len(head):]
        if suf and len(prefix) >= 2 and prefix not in lex_generic and rest not in lex["suffixes"] \
                and rest not in lex["groups"]:
            out.add(base[len(head):])
    for form in list(out):
        prefix, suf = split_suffix(form)
        for rank in lex["ranks"]:          # X国家高新技术产业开发区 = X高新技术产业开发区
            if suf and prefix.endswith(rank) and len(prefix) - len(rank) >= 2:
                out.add(prefix[: -len(rank)] + suf)
                break
    for form in list(out):
        prefix, suf = split_suffix(form)
        for alt in lex["groups"].get(suf, ()):
            out.add(prefix + alt)
    return frozenset(out)


@lru_cache(maxsize=4096)
def canonical(name: str) -> str:
    lex = _lexicon()
    prefix, suf = split_suffix(strip_places(clean(name)))
    group = lex["groups"].get(suf)
    return prefix + (group[0] if group else suf)


class ParksComponent:
    list_name = "parks"

    def __init__(self, nlp, name: str = "parks") -> None:
        self.name = name

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

    # -- candidates --------------------------------------------------------
    def _candidates(self, text: str) -> list[tuple[str, int, int]]:
        lex = _lexicon()
        suffixes, generic, owner_tails, praise = lex["suffixes"], lex["generic"], lex["owner_tails"], lex["praise"]
        generic_lengths, generic_firsts = _generic_lengths(), _generic_firsts()
        anchors, stop_words = place_anchor_set(), word_set("orgs_stop_words.txt")
        time_firsts = _time_first_chars()
        bounds = [m.span() for m in lex["pattern"].finditer(text)]
        starts = [b[0] for b in bounds]
        out = []
        for j, (m_start, m_end) in enumerate(bounds):
            suf = text[m_start:m_end]
            start, anchored = left_edge(text, m_start, max_chars=24, anchors=anchors, stop_words=stop_words,
                                        strict_gap=True)
            if text.startswith("中", start):
                for lead in ("中国共产党", "中共"):
                    if text.startswith(lead, start) and m_start - start > len(lead):
                        start += len(lead)
            if j and bounds[j - 1][1] > start:  # a suffix inside the prefix (X高新区Y软件园)
                start = _after_inner_park_in(text, start, j, bounds, starts, lex)
            if start < m_start and text[start] in time_firsts:
                start = time_head_end(text, start, m_start)  # 2023年X高新区, 今年一季度X保税区
            if text.endswith(owner_tails, start - 4 if start > 4 else 0, start):
                continue  # X集团Y科技园区党委: a company's site, not a park
            prefix = clean(text[start:m_start])
            if prefix.startswith(praise):
                continue  # 建设世界一流高科技园区: a goal, not a park
            phase = PHASE.match(text, m_end) if text[m_end:m_end + 1] in _PHASE_NUMERALS else None
            if phase and len(prefix) < 2 and suffixes[suf] == "strong" and len(suf) >= 3:
                out.append((text[m_start:phase.end()], m_start, phase.end()))  # 软件园三期
                continue
            if len(prefix) < 2 or prefix in generic or ("党" in prefix and _PARTY_BODY.search(prefix)):
                continue
            if prefix[0] in generic_firsts and _two_generic(prefix, generic, generic_lengths):
                continue
            if not anchored and not name_like(prefix):
                continue
            if not anchored and suffixes[suf] == "anchored" and not _named_after_break(text, start, prefix):
                continue
            out.append((text[start:m_end], start, m_end))
        # keep maximal spans
        out.sort(key=lambda c: (c[1], -(c[2] - c[1])))
        kept: list[tuple[str, int, int]] = []
        for c in out:
            if kept and c[1] < kept[-1][2] and c[2] <= kept[-1][2]:
                continue
            kept.append(c)
        return kept

    def _districts(self, text: str) -> list[tuple[str, int, int]]:
        counties, tails = _county_districts()
        out: list[tuple[str, int, int]] = []
        q = text.find("区", 2)
        while q >= 0 and text[q - 2:q + 1] not in tails:
            q = text.find("区", q + 1)
        if q < 0:
            return out  # no 区 ends a county name
        seen: set[str] = set()
        for m in _district_matches(text):
            end = m.end()
            if text[end - 3:end] not in tails:
                continue  # no county name ends here
            for k in range(m.start(), end - 2):
                name = text[k:end]
                if name in seen:
                    break
                if name in counties:
                    seen.add(name)
                    if text.count(name) >= MIN_DISTRICT_MENTIONS:
                        out.append((name, k, end))
                    break
        return out

    def match(self, doc) -> list[dict[str, Any]]:
        from nlp.regions import cities_in, divisions, resolve

        text = doc_text(doc)
        lex = _lexicon()
        cands = self._candidates(text)
        districts = self._districts(text)
        groups: list[dict[str, Any]] = []

        def find_group(name: str):
            key = canonical(name)
            forms = short_forms(name)
            for g in groups:
                if key in g["keys"] or not forms.isdisjoint(g["names"]):
                    return g
            return None

        title = str((doc.user_data.get("meta") or {}).get("title", ""))
        districts = [d for d in districts
                     if text.count(d[0]) >= MIN_DISTRICT_MENTIONS + 1 or d[0] in title or not cands]
        district_set = set(districts)
        for name, start, _end in cands + districts:
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
        for name, _start, end in cands:
            co = _co_name(text, end, lex) if text.startswith(("（", "("), end) else ""
            if co:
                g = find_group(clean(name))
                if g is not None:
                    g["names"].add(co)
                    g["keys"] |= {canonical(co)} | short_forms(co)
        # declared aliases: (以下简称X)
        for end, alias, _s, _e in (declared_aliases(text) if "称" in text else ()):  # every form has 称
            for g in groups:
                if text.endswith(tuple(g["names"]), 0, end):  # one of its names ends there
                    g["names"].add(clean(alias))
                    g["keys"] |= {canonical(alias)} | short_forms(clean(alias))
        groups = _merge_groups(groups)
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
        abbreviations: dict[str, list[str]] = {}  # per document: core name → its abbreviations in the text
        items = []
        for g in groups:
            names = {n for n in g["names"]}
            for n in list(names):
                names |= {f for f in short_forms(n) if in_text(f)}
            # abbreviation: 青梧科技创新中心 → 青创中心
            for n in list(names):
                core = strip_places(n)
                if core == n:
                    head = divisions().leading(n)
                    core = n[len(head):] if head else n
                if len(core) >= 5:
                    found = abbreviations.get(core)
                    if found is None:
                        found = abbreviations[core] = _abbreviations(text, core)
                    names.update(found)
                # the own name alone (青梧智谷科技产业园 → 青梧智谷)
                prefix, suf = split_suffix(core)
                if suf and lex["suffixes"].get(suf) == "strong" and prefix.endswith(descriptor_tuple):
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
                if g["district"]:
                    rows = [r for r in divisions().lookup(n) if r.level == "county"]
                    if rows and len(rows[0].short) >= 2 and rows[0].short != n and _alone(text, rows[0].short, names):
                        names.add(rows[0].short)
            name = _best_name(names)
            province, city = resolve(name, text, city_counts)
            mentions = find_mentions(text, names)
            score = len(mentions) + (5 if any(n in title for n in names) else 0)
            items.append({"name": name, "aliases": sorted(names - {name}, key=lambda n: (-len(n), n)),
                          "province": province, "city": city, "mentions": mentions,
                          "_score": score, "_first": g["first"]})
        items.sort(key=lambda it: (-it["_score"], it["_first"]))
        main = items[0]
        _, suf = split_suffix(main["name"])
        bare_forms = set(lex["groups"].get(suf, (suf,))) if suf else set()
        occupied = None  # the mentions found so far, built when a bare form occurs
        for form in sorted(bare_forms, key=len, reverse=True):
            if form not in text:
                continue
            if occupied is None:
                occupied = _occupancy(text, (s for it in items for s in it["mentions"]))
            spans = _bare_spans_in(text, form, occupied)
            if len(spans) >= 2:
                main["aliases"].append(form)
                main["mentions"] = sorted(main["mentions"] + spans)
                for s, e in spans:
                    occupied[s:e] = b"\x01" * (e - s)
        for it in items:
            it.pop("_score")
            it.pop("_first")
        return items

    def set_annotations(self, doc, items: list[dict[str, Any]]) -> None:
        doc.user_data.setdefault("dangjian", {})[self.list_name] = items

    def __call__(self, doc):
        self.set_annotations(doc, self.match(doc))
        return doc


_PHASE_NUMERALS = frozenset("一二三四五六七八九十")


@lru_cache(maxsize=1)
def _district_pattern() -> re.Pattern:
    """A county district (某某区) and up to three characters before it."""
    return re.compile(r"[\u4e00-\u9fff]{1,4}区")


def _district_matches(text: str) -> list[re.Match]:
    """The matches of `_district_pattern().finditer(text)`, found from each 区 instead
    of trying the pattern at every character: a match ends at the first 区
    after the scan position (or at a later one: 某区区, at most four
    characters on) and starts at most four characters before it."""
    out = []
    pos = 0
    find, search = text.find, _district_pattern().search
    while True:
        q = find("区", pos + 1)
        if q < 0:
            return out
        m = search(text, q - 4 if q - 4 > pos else pos, q + 4)
        if m is None or m.start() >= q:
            pos = q  # nothing starts before this 区; a match may start at it (区区)
            continue
        out.append(m)
        pos = m.end()


@lru_cache(maxsize=1)
def _time_first_chars() -> frozenset[str]:
    """First characters of the time words: `time_head_end` strips nothing
    from a name that starts with another character."""
    return frozenset(w[0] for w in word_set("time_heads.txt"))


@lru_cache(maxsize=1)
def _generic_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(w) for w in _lexicon()["generic"]}))


@lru_cache(maxsize=1)
def _generic_firsts() -> frozenset[str]:
    return frozenset(w[0] for w in _lexicon()["generic"])


def _two_generic(prefix: str, generic: frozenset[str], lengths: tuple[int, ...]) -> bool:
    """`prefix` is two generic prefixes in a row (全国 + 国家级)."""
    n = len(prefix)
    for k in lengths:
        if k >= n:
            break
        if prefix[:k] in generic and prefix[k:] in generic:
            return True
    return False


@lru_cache(maxsize=1)
def _county_districts() -> tuple[frozenset[str], frozenset[str]]:
    """Full names of counties and districts of 3+ characters (as `_districts`
    tries them), and their last three characters."""
    from nlp.regions import divisions

    names = frozenset(r.name for r in divisions().rows if r.level == "county" and len(r.name) >= 3)
    return names, frozenset(n[-3:] for n in names)


def _after_inner_park_in(text: str, start: int, j: int, bounds: list[tuple[int, int]], starts: list[int],
                         lex: dict[str, Any]) -> int:
    """`_after_inner_park` for the j-th suffix match of the document, over the
    suffix matches already found (`bounds`, their `starts`): the suffixes
    between `start` and match j are those the pattern finds there, unless a
    match straddles `start` (then the pattern is run again from `start`)."""
    i = bisect_left(starts, start, 0, j)
    if i > 0 and bounds[i - 1][1] > start:
        return _after_inner_park(text, start, bounds[j][0], lex)
    if i == j:
        return start          # no suffix inside the prefix
    from nlp.regions import divisions

    suffix_start = bounds[j][0]
    best = start
    for s, e in bounds[i:j]:
        if s - start < 2 or suffix_start - e < 2:
            continue
        if lex["suffixes"][text[s:e]] == "strong" or divisions().leading(text[best:s]):
            best = e
    return best


def _after_inner_park(text: str, start: int, suffix_start: int, lex: dict[str, Any]) -> int:
    """Where a park name prefixed by another park's name starts (X高新区Y软件园
    → Y软件园): after the last park suffix inside the prefix that leaves a
    name of 2+ characters on both sides (a strong suffix, or any suffix after
    a place name)."""
    from nlp.regions import divisions

    best = start
    for m in lex["pattern"].finditer(text, start, suffix_start):
        if m.start() - start < 2 or suffix_start - m.end() < 2:
            continue
        if lex["suffixes"][m.group()] == "strong" or divisions().leading(text[best:m.start()]):
            best = m.end()   # an anchored suffix counts after a place name (X市新区Y开发区)
    return best


NAME_BREAKS = "，、。；：）)"


def _named_after_break(text: str, start: int, prefix: str) -> bool:
    """A proper name of 2–4 characters that opens a clause (，瑶湖片区 …；、X商圈):
    enough for a suffix that otherwise needs a place name before it. A common
    word is no proper name (、党员示范区): the prefix must be unknown to the
    dictionary or known as a place name."""
    from nlp.segment import get_segmenter

    if not (start > 0 and text[start - 1] in NAME_BREAKS and 2 <= len(prefix) <= 4
            and all("\u4e00" <= ch <= "\u9fff" for ch in prefix)):
        return False
    seg = get_segmenter()
    return not seg.has_word(prefix) or seg.tag(prefix) == [(prefix, "ns")]


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


def _abbreviations(text: str, core: str) -> list[str]:
    """Shorter names in `text` made of characters of `core` in order, with its
    first character and last two (青梧科技创新中心 → 青创中心): the matches of
    `first[\u4e00-\u9fff]{1,3}tail` left to right, found from the places of
    `tail` (no pattern compiled per name)."""
    first, tail = core[0], core[-2:]
    starts = set()  # where a match can start: `first` 2–4 characters before `tail`
    q = text.find(tail, 2)
    while q >= 0:
        p = text.find(first, q - 4 if q > 4 else 0, q - 1)
        while p >= 0:
            starts.add(p)
            p = text.find(first, p + 1, q - 1)
        q = text.find(tail, q + 1)
    out: list[str] = []
    pos = 0
    for p in sorted(starts):
        if p < pos:
            continue  # inside the previous match
        for k in (3, 2, 1):  # the longest run of 1–3 CJK characters before `tail`
            e = p + 1 + k
            if text.startswith(tail, e) and min(text[p + 1:e]) >= "\u4e00" and max(text[p + 1:e]) <= "\u9fff":
                s = text[p:e + 2]
                if len(s) < len(core) and subsequence(s, core):
                    out.append(s)
                pos = e + 2
                break
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


def _best_name(names: set[str]) -> str:
    """The fullest name without a leading province name; among equally long
    names the one with the full suffix (经济开发区 before 经开区), then the
    first in code-point order (never the set's iteration order)."""
    keys = {n: (strip_places(n) == n, len(n), len(split_suffix(n)[1])) for n in names}
    best = max(keys.values())
    return min(n for n, k in keys.items() if k == best)  # tied names are equally long


def make_component(nlp, name: str):
    return ParksComponent(nlp, name)
