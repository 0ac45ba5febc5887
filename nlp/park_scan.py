"""Park candidates in a text: names ending in a park suffix, and county
districts named often enough (`candidates`, `districts`).

A candidate's left edge is found by `nlp.entities.left_edge` and then moved
past a leading 中共 / 中国共产党, past another park's name (X高新区Y软件园 →
Y软件园) and past time words (2023年X高新区); a bare or generic prefix, a
company's site (X集团Y科技园区), a goal (建设世界一流高科技园区) is no park; a
bare suffix with a phase (软件园四期) names that phase; a count before the
suffix (一片商务区, 两大产业园) or a building word after it (X数字港大厦) is no
park, and neither is a building's floor (X数字港18楼), a company's name going on
after the suffix (X智谷企业管理有限公司) or a bank's branch (X银行高新区支行). A
locative (区内X产业园) or words that are no name before a park named elsewhere
(一场由X高新区) are left out; a bracketed city after the suffix is part of the
name (Y空港经济区（Z）). The other items of a list of zones (X商圈、Y商圈;
X商务区、Y会展城等区域), zones named without a suffix (X新区Y研发园（以下简称研发园）;
X医疗谷 … 医疗谷党工委) and zones repeated before their own body (在X产业园成立
X产业园党委) are candidates too. Helpers of `nlp.components.parks`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Any

from nlp.entities import (STOP_TAGS, _tag, clean, declared_aliases, left_edge, name_like, place_anchor_set,
                          subsequence, time_head_end, word_set)
from nlp.park_names import _lexicon, bracketed_place_end, split_suffix

PHASE = re.compile("[一二三四五六七八九十]期")  # 软件园四期: a phase of a park named by its suffix alone
_PARTY_BODY = re.compile("党[委组支总工]")
_FUNCTION_CHARS = frozenset("在于和与及的是为从到向对把被将")  # a road's name does not end in one
MIN_DISTRICT_MENTIONS = 2  # 3 when the text also names a zone by suffix, unless the title names it
_PHASE_NUMERALS = frozenset("一二三四五六七八九十")


def candidates(text: str,
               declared: list[tuple[int, str, int, int]] | None = None) -> list[tuple[str, int, int]]:
    """(name, start, end) of every park name in `text` ending in a park suffix
    or found as a zone by `_list_items` and `_sub_zones`, the maximal spans
    only. `declared` is `declared_aliases(text)` when the caller has it."""
    lex = _lexicon()
    suffixes, generic, owner_tails, praise = lex["suffixes"], lex["generic"], lex["owner_tails"], lex["praise"]
    generic_lengths, generic_firsts = _generic_lengths(), _generic_firsts()
    anchors, stop_words = place_anchor_set(), word_set("orgs_stop_words.txt")
    time_firsts = _time_first_chars()
    count_numerals, count_measures = lex["count_numerals"], lex["count_measures"]
    building_tails, lead_words = lex["building_tails"], lex["lead_words"]
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
        if text.startswith(lead_words, start) and m_start - start > 2:
            start += next(len(w) for w in lead_words if text.startswith(w, start))  # 区内X产业园
        if text.endswith(owner_tails, start - 4 if start > 4 else 0, start):
            continue  # X集团Y科技园区党委: a company's site, not a park
        opens_clause = start == m_start and not anchored
        if opens_clause:  # the tokens gave no name: one that opens a clause (）Y湾商圈)
            start = _clause_name_start(text, m_start)
        if text.startswith(lex["road_words"], start) and start >= 2 \
                and _cjk(text[start - 2]) and _cjk(text[start - 1]) and text[start - 1] not in _FUNCTION_CHARS:
            start -= 2  # 和建设|大道总部经济区: the road's name (any word: 建设, 人民) leads the zone's
            road_led = True
        else:
            road_led = False
        prefix = clean(text[start:m_start])
        if prefix.startswith(praise):
            continue  # 建设世界一流高科技园区: a goal, not a park
        phase = PHASE.match(text, m_end) if text[m_end:m_end + 1] in _PHASE_NUMERALS else None
        if phase and len(prefix) < 2 and suffixes[suf] == "strong" and len(suf) >= 3:
            out.append((text[m_start:phase.end()], m_start, phase.end()))  # 软件园四期
            continue
        if len(prefix) < 2 or prefix in generic or ("党" in prefix and _PARTY_BODY.search(prefix)):
            continue
        if prefix[-1] in count_measures and prefix[-2] in count_numerals:
            continue  # 一片商务区, 两大产业园: a count of zones, not a name
        if text.startswith(building_tails, m_end) or prefix.endswith(owner_tails):
            continue  # X数字港大厦, X银行高新区支行: the suffix is inside a building's or a branch's name
        if text[m_end:m_end + 1] in _FLOOR_FIRSTS and lex["floor"].match(text, m_end):
            continue  # X数字港18楼: a floor, so the name is a building's
        if _company_after(text, m_end, lex):
            continue  # X智谷企业管理有限公司: a company's name
        if prefix[0] in generic_firsts and _two_generic(prefix, generic, generic_lengths):
            continue
        if opens_clause:  # no tags: an unknown name splits into odd tokens (Y湾 → 两个词)
            if not (name_like(prefix, False) and _named_after_break(text, start, prefix)):
                continue
        elif not anchored and not road_led and not name_like(prefix):
            continue
        if not anchored and suffixes[suf] == "anchored" and not _named_after_break(text, start, prefix) \
                and not _declared_after(text, m_end, prefix + suf, lex):
            continue
        end = bracketed_place_end(text, m_end) if text.startswith(("（", "("), m_end) else m_end
        out.append((text[start:end], start, end))
    if "、" in text:
        out += _list_items(text, out, lex)
    if declared is None:
        declared = declared_aliases(text) if "称" in text else []
    out += _sub_zones(text, out, lex, anchors, stop_words, declared)
    out += _body_named(text, out, bounds, lex)
    _extend_to_longer(text, out)
    _cut_to_known(text, out)
    if "等" in text:
        out = _drop_listed_buildings(text, out, lex)
    # keep maximal spans
    out.sort(key=lambda c: (c[1], -(c[2] - c[1])))
    kept: list[tuple[str, int, int]] = []
    for c in out:
        if kept and c[1] < kept[-1][2] and c[2] <= kept[-1][2]:
            continue
        kept.append(c)
    return kept


_LIST_ITEM = re.compile("、([\u4e00-\u9fff]{2,8})")


def _list_items(text: str, found: list[tuple[str, int, int]], lex: dict[str, Any]) -> list[tuple[str, int, int]]:
    """The other items of a list of zones that starts with a park (X商圈、Y商圈;
    X商务区、Y会展城等区域): an item that repeats the park's suffix after 2–5
    characters of its own, or any item ending in a zone's last character
    (城, 园 …) in a list closed by 等区域/等园区. No generic or party words."""
    out: list[tuple[str, int, int]] = []
    queue = []  # every mention of a park found, followed by 、
    for name in dict.fromkeys(c[0] for c in found):
        at = text.find(name + "、")
        while at >= 0:
            queue.append((name, at, at + len(name)))
            at = text.find(name + "、", at + 1)
    while queue:
        name, _start, end = queue.pop(0)
        m = _LIST_ITEM.match(text, end)
        if m is None:
            continue
        item = m.group(1)
        _, suf = split_suffix(name)
        k = item.find(suf, 2) if suf else -1
        if 2 <= k <= 5:  # the suffix repeated: the list names zones of one kind
            own, item_end, tags = item[:k], m.start(1) + k + len(suf), False  # no name test: X和
        else:
            own, item_end, tags = "", -1, True
            for cut in range(len(item), 2, -1):
                if item[cut - 1] in lex["list_heads"] and text.startswith("等", m.start(1) + cut) \
                        and text.startswith(lex["list_closers"], m.start(1) + cut + 1):
                    own, item_end = item[:cut], m.start(1) + cut
                    break
        if not own or own in lex["generic"] or "党" in own or (tags and not name_like(own)):
            continue
        new = (text[m.start(1):item_end], m.start(1), item_end)
        out.append(new)
        queue.append(new)
    return out


def _declared_after(text: str, end: int, name: str, lex: dict[str, Any]) -> bool:
    """`name` (ending at `end`) is followed by （以下简称Y） with Y a short form
    of it (X数字商圈（以下简称X商圈）): the text treats it as a named zone."""
    if text[end:end + 1] not in "（(":
        return False
    m = lex["declare_after"].match(text, end)
    return bool(m) and subsequence(m.group(1).rstrip("”\"」"), name)


def _drop_listed_buildings(text: str, out: list[tuple[str, int, int]],
                           lex: dict[str, Any]) -> list[tuple[str, int, int]]:
    """Without the names listed before 、Y大厦…等…楼宇 anywhere (在X金融港、Y大厦等
    重点楼宇建立楼宇党委): such a name is a building's, so none of its mentions is a
    park. A zone named last in such a list (Y大厦和X产业园等楼宇) stays."""
    listed = set()
    for c in out:
        m = lex["building_list"].match(text, c[2]) if text.startswith("、", c[2]) else None
        if m and any(t in m.group() for t in lex["building_tails"]):
            listed.add(c[0])  # X金融港、Y大厦等重点楼宇, not (Z大厦和)X产业园等楼宇: listed first, with buildings
    return [c for c in out if c[0] not in listed] if listed else out


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _sub_zones(text: str, found: list[tuple[str, int, int]], lex: dict[str, Any], anchors,
               stop_words: frozenset[str], declared: list[tuple[int, str, int, int]]) -> list[tuple[str, int, int]]:
    """Zones named without a park suffix (nlp/data/parks_sub_zones.txt): a name
    ending in a zone's head right after a park's name and declared with a short
    name of the same head (X新区Y研发园（以下简称研发园）), and a place-led name
    whose short form heads a zone's body (X智能医疗谷 … 医疗谷党工委)."""
    heads = lex["sub_heads"]
    out: list[tuple[str, int, int]] = []
    ends = {c[2] for c in found}
    for end, alias, _s, _e in declared:
        if len(alias) < 2 or alias[-1] not in heads or text[end - 1] != alias[-1] or end in ends:
            continue
        for name in sorted({c[0] for c in found}, key=lambda n: (-len(n), n)):  # a park's name right before
            start = text.rfind(name, max(0, end - len(name) - 8), end - 2)  # 2–8 characters of its own
            own = text[start + len(name):end]
            if start >= 0 and all(map(_cjk, own)) and subsequence(alias, own):
                out.append((text[start:end], start, end))
                break
    if "栋" in text or "幢" in text:
        out += _building_clusters(text, found, lex)
    short_names = {a for _e, a, _s, _x in declared}
    for body in lex["sub_bodies"]:
        q = text.find(body, 2)
        while q >= 0:
            if text[q - 1] not in heads:
                q = text.find(body, q + 1)
                continue
            j = q
            while j > q - 5 and j > 0 and _cjk(text[j - 1]):
                j -= 1
            short = text[j:q]
            q = text.find(body, q + 1)
            if not 2 <= len(short) <= 4 or short[-1] not in heads or short in short_names:
                continue
            at = text.find(short)
            while at >= 0:
                if at > 0 and _cjk(text[at - 1]):
                    end = at + len(short)
                    start, anchored = left_edge(text, end, max_chars=24, anchors=anchors,
                                                stop_words=stop_words, strict_gap=True)
                    if anchored and end - start > len(short) + 2 and name_like(text[start:at]):
                        out.append((text[start:end], start, end))
                at = text.find(short, at + 1)
    return out


def _building_clusters(text: str, found: list[tuple[str, int, int]],
                       lex: dict[str, Any]) -> list[tuple[str, int, int]]:
    """A place named after a park's name whose clause counts its buildings
    (在X新区Y中心，14栋商务楼宇集聚): a building cluster, a zone of its own."""
    out: list[tuple[str, int, int]] = []
    names = sorted({c[0] for c in found}, key=lambda n: (-len(n), n))
    buildings = lex["cluster_buildings"]
    for count in lex["cluster_counts"]:
        q = text.find(count, 2)
        while q >= 0:
            after = q + len(count)
            q = text.find(count, q + 1)
            if not any(text.startswith(buildings, after + k) for k in range(3)):
                continue  # no building noun within two characters
            p = after - len(count)
            while p > 0 and text[p - 1] in _COUNT_DIGITS:
                p -= 1
            if p == after - len(count) or text[p - 1:p] not in "，," or text[p:p + 1] == "一":
                continue  # 每栋, 一栋: no count of several buildings after a comma
            end = p - 1
            start = end
            while start > end - 16 and start > 0 and _cjk(text[start - 1]):
                start -= 1
            before = text[start:end]
            for name in names:
                at = before.rfind(name)
                if at >= 0 and 2 <= len(before) - at - len(name) <= 8:
                    out.append((text[start + at:end], start + at, end))
                    break
    return out


_COUNT_DIGITS = frozenset("0123456789二两三四五六七八九十百")


def _extend_to_longer(text: str, out: list[tuple[str, int, int]]) -> None:
    """A candidate that the text reads as the end of a longer candidate found
    elsewhere (青梧科技园 where 渤青梧科技园 stands) is that longer name."""
    names = sorted({c[0] for c in out}, key=len, reverse=True)
    if len(names) < 2:
        return
    longer_of = {n: [m for m in names if len(m) > len(n) and m.endswith(n)] for n in names}
    if not any(longer_of.values()):
        return
    for i, (name, start, end) in enumerate(out):
        for longer in longer_of[name]:  # longest first
            if end >= len(longer) and text.startswith(longer, end - len(longer)):
                out[i] = (longer, end - len(longer), end)
                break


_FLOOR_FIRSTS = frozenset("0123456789一二三四五六七八九十两")
def _company_after(text: str, end: int, lex: dict[str, Any]) -> bool:
    """A company's name goes on after a park suffix at `end` (X智谷企业管理有限公司):
    2–6 characters of its line of business, no place and no party word, then
    有限公司 / 集团."""
    from nlp.regions import divisions

    m = lex["company_after"].match(text, end)
    if m is None:
        return False
    run = m.group(1)
    return "党" not in run and not divisions().leading(run) and _opens_like_name(run, stops=False)


def _opens_like_name(words: str, stops: bool = True) -> bool:
    """The first token of `words` is no verb, preposition, pronoun, adverb or
    (with `stops`) stop word (服务贸易 yes: 服务 is a verbal noun; 成立X, 由X no).
    A company's line of business may open with a stop word (企业管理)."""
    tokens = _tag(words)
    if not tokens:
        return False
    word, tag = tokens[0][0], tokens[0][1]
    return tag != "v" and tag not in STOP_TAGS and not (stops and word in word_set("orgs_stop_words.txt"))


def _body_named(text: str, found: list[tuple[str, int, int]], bounds: list[tuple[int, int]],
                lex: dict[str, Any]) -> list[tuple[str, int, int]]:
    """Zones named right before their own body (nlp/data/parks_name_context.txt
    "own_bodies") whose words look common (在软件外包产业园成立软件外包产业园党委,
    成立乐活商圈党委): the name is the longest run of CJK characters before the
    suffix that every one of its mentions shares (2–6 characters, named twice
    or more), when the scan found no name there."""
    bodies = lex["own_bodies"]
    out: list[tuple[str, int, int]] = []
    taken = [(c[1], c[2]) for c in found]
    for s, e in bounds:
        if not text.startswith(bodies, e) or s < 2 or any(a <= s < b for a, b in taken):
            continue
        p = s - 2
        if not (_cjk(text[p]) and _cjk(text[p + 1])):
            continue
        count = text.count(text[p:e])
        if count < 2:
            continue
        while p > 0 and s - p < 6 and _cjk(text[p - 1]) and text.count(text[p - 1:e]) == count:
            p -= 1
        while s - p > 2 and not _opens_like_name(text[p:s]):  # 在X商圈 … 在X商圈党委: X商圈
            p += len(_tag(text[p:s])[0][0])
        prefix = text[p:s]
        if len(prefix) < 2 or prefix in lex["generic"] or "党" in prefix or prefix.startswith(lex["praise"]) \
                or (prefix[-1] in lex["count_measures"] and prefix[-2] in lex["count_numerals"]) \
                or not _opens_like_name(prefix):
            continue
        out.append((text[p:e], p, e))
        taken.append((p, e))
    return out


def _cut_to_known(text: str, out: list[tuple[str, int, int]]) -> None:
    """A candidate that is another candidate's name after words that are no
    name and no place (一场由X高新区, where X高新区 stands elsewhere) is that name."""
    names = sorted({c[0] for c in out}, key=lambda n: (-len(n), n))  # the longest known name first
    if len(names) < 2:
        return
    from nlp.regions import divisions  # a place before the name is part of it (大连X新区)

    for i, (name, start, end) in enumerate(out):
        for other in names:
            if len(other) < len(name) and name.endswith(other) \
                    and any(c[0] == other and c[1] != start for c in out) \
                    and not name_like(name[: -len(other)]) and not divisions().leading(name):
                out[i] = (other, end - len(other), end)
                break


def districts(text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of the county districts (某某区) named at least
    MIN_DISTRICT_MENTIONS times, each at its first mention."""
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


def _clause_name_start(text: str, end: int) -> int:
    """Start of the 2–4 CJK characters before `end` that open a clause (the
    first after one of NAME_BREAKS), or `end` when there are none."""
    for k in (2, 3, 4):
        if end - k - 1 >= 0 and text[end - k - 1] in NAME_BREAKS:
            return end - k if all(map(_cjk, text[end - k:end])) else end
    return end


def _named_after_break(text: str, start: int, prefix: str) -> bool:
    """A proper name of 2–4 characters that opens a clause (，青梧片区 …；、X商圈):
    enough for a suffix that otherwise needs a place name before it. A common
    word is no proper name (、党员示范区): the prefix must be unknown to the
    dictionary, and not taken for a verb by the tagger (，赋能片区经济发展),
    or known as a place name."""
    from nlp.segment import get_segmenter

    if not (start > 0 and text[start - 1] in NAME_BREAKS and 2 <= len(prefix) <= 4
            and all("\u4e00" <= ch <= "\u9fff" for ch in prefix)):
        return False
    if "员" in prefix:
        return False  # 、网格员包片区: a person's word (党员, 网格员) in no zone's name
    seg = get_segmenter()
    tags = seg.tag(prefix)
    if tags == [(prefix, "ns")]:
        return True
    return not seg.has_word(prefix) and not any(t.startswith("v") and t != "vn" for _w, t in tags)
