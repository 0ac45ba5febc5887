"""Park names: the suffix lexicon of nlp/data and the forms of one name.

`split_suffix` cuts a name at its longest known suffix, `strip_places` drops a
leading province and the 市 after a city, `short_forms` lists the equivalent
names (X经济技术开发区 = X经开区 = X开发区), `canonical` is the key mentions of
one park share, `_best_name` picks the name a record shows and `_abbreviations`
finds short names made of a name's characters (青梧科技创新中心 → 青创中心).
Used by `nlp.components.parks` (and by the organisation rules, to tell a park
from an organisation).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from nlp.entities import clean, data_lines, keyed_words, subsequence, word_set
from nlp.wordtrie import longest_first


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
    pattern = re.compile(longest_first(suffixes))
    descriptors = sorted(word_set("parks_descriptors.txt"), key=len, reverse=True)
    counts, lists = keyed_words("parks_count_words.txt"), keyed_words("parks_list_words.txt")
    subs = keyed_words("parks_sub_zones.txt")
    context = keyed_words("parks_name_context.txt")
    numerals = "0-9一二三四五六七八九十两"
    return {"floor": re.compile(f"[{numerals}]{{1,3}}(?:{'|'.join(map(re.escape, context['floors']))})"),
            "alias_decl": re.compile("[(（]\\s*(?:" + "|".join(map(re.escape, context["alias_heads"]))
                                     + ")\\s*[:：]?\\s*[“\"「]?([^”\"」)）,，、]{2,12})[”\"」]?\\s*[)）]"),
            # （以下简称Y） right after a name: Y is declared a short form of it
            "declare_after": re.compile("[(（]\\s*(?:" + longest_first(context["declare_heads"])
                                        + ")\\s*[:：]?\\s*[“\"「]?([\u4e00-\u9fff]{2,12})"),
            # a name in a list closed by 等…楼宇 is a building's (X金融港、Y大厦等重点楼宇)
            "building_list": re.compile("(?:、[^、，。；：,;:\\n]{2,14}){0,4}?等[\u4e00-\u9fff]{0,2}?(?:"
                                        + "|".join(map(re.escape, context["list_buildings"])) + ")"),
            "road_words": tuple(sorted(context["road_words"], key=len, reverse=True)),
            # a declaration's head opens no name either (（下称X商务区）)
            "lead_words": tuple(sorted(context["lead_words"] + context["alias_heads"], key=len, reverse=True)),
            "company_after": re.compile("([\u4e00-\u9fff]{2,6}?)(?:"
                                        + "|".join(map(re.escape, context["company_tails"])) + ")"),
            "own_bodies": tuple(sorted(context["own_bodies"], key=len, reverse=True)),
            "count_numerals": frozenset(counts["numerals"]), "count_measures": frozenset(counts["measures"]),
            "sub_heads": frozenset(subs["heads"]), "sub_bodies": subs["bodies"],
            "cluster_counts": subs["counts"], "cluster_buildings": tuple(subs["buildings"]),
            "list_closers": lists["closers"], "list_heads": lists["heads"],
            "building_tails": tuple(word_set("parks_building_tails.txt")),
            "suffixes": suffixes, "groups": groups, "pattern": pattern,
            "by_length": sorted(suffixes, key=len, reverse=True),
            "lengths": sorted({len(x) for x in suffixes}, reverse=True),
            "generic": word_set("parks_generic_prefixes.txt"), "descriptors": descriptors,
            "ranks": tuple(sorted(word_set("parks_rank_words.txt"), key=len, reverse=True)),
            "praise": tuple(word_set("parks_praise_heads.txt")),
            "owner_tails": tuple(word_set("parks_owner_tails.txt"))}


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
    """The name without its leading province (西藏拉萨X → 拉萨X) and with 市
    dropped after a city (拉萨市高新区 → 拉萨高新区)."""
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
    (and without the city when a proper name remains: 拉萨X商圈 → X商圈)."""
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
        # X市Y区Z商圈 = X市Z商圈 = Z商圈: a county district between the city
        # and a park's own name only locates it
        rest = base[len(head):]
        county = divisions().leading(rest)
        if county and county.endswith(("区", "县")) and any(r.level == "county" for r in divisions().lookup(county)):
            own = rest[len(county):]
            prefix, suf = split_suffix(own)
            if suf and len(prefix) >= 2 and prefix not in lex_generic and own not in lex["groups"]:
                out.update((own, head + own))
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


def _best_name(names: set[str]) -> str:
    """The fullest name without a leading province name; among equally long
    names the one with the full suffix (经济开发区 before 经开区), then the
    first in code-point order (never the set's iteration order)."""
    keys = {n: ((strip_places(n) == n or _bracket_located(n)) and not _county_led(n), len(n),
                len(split_suffix(n)[1])) for n in names}
    best = max(keys.values())
    return min(n for n, k in keys.items() if k == best)  # tied names are equally long


_BRACKET_END = re.compile(r"[（(]([\u4e00-\u9fff]{2,6})[)）]$")
_BRACKET = re.compile(r"[（(]([\u4e00-\u9fff]{2,6})[)）]")


def _city_or_province(words: str) -> bool:
    from nlp.regions import divisions

    return any(r.level in ("city", "province") for r in divisions().lookup(words))


@lru_cache(maxsize=4096)
def bracket_place(name: str) -> str:
    """The city or province in brackets at the end of `name` (X省Y空港经济区（Z）
    → Z), or '': the bracket locates the park, so a leading place is part
    of its own name."""
    m = _BRACKET_END.search(name) if name.endswith((")", "）")) else None
    return m.group(1) if m is not None and _city_or_province(m.group(1)) else ""


def bracketed_place_end(text: str, end: int) -> int:
    """Where a park's name that ends at `end` ends with the city or province
    in brackets right after it (Y空港经济区（Z）: the zone of that name on the
    side of city Z), or `end`. A county district there is another name of the
    park (`nlp.components.parks._co_name`)."""
    m = _BRACKET.match(text, end)
    return m.end() if m is not None and _city_or_province(m.group(1)) else end


def _bracket_located(name: str) -> bool:
    return bool(bracket_place(name))


@lru_cache(maxsize=4096)
def _county_led(name: str) -> bool:
    """`name` is a county district followed by a park's own name (Y区Z商圈):
    the district only locates the park, so the name without it is shown."""
    from nlp.regions import divisions

    county = divisions().leading(name)
    if not county or not county.endswith(("区", "县")) \
            or not any(r.level == "county" for r in divisions().lookup(county)):
        return False
    prefix, suf = split_suffix(name[len(county):])
    return bool(suf) and len(prefix) >= 2


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
