"""Boundaries of organisation names, after the left edge (`nlp.entities.left_edge`)
has found a start: a company's brand (字号) the edge cut (rare characters rjieba
does not know, an owner of industry words only: nlp/data/orgs_industry_words.txt),
a place right before the edge, a class word that opens a company's owner
(外资企业|X电子有限公司) or that the edge cut (新就业|群体), a park's name before a
place or a street (X经开区|某省Y有限公司, 高新区|Y街道), a middle dot inside a name
(X·Y中心), an office kept by a body (X海关驻|Y办事处: nlp/data/orgs_stationed_bodies.txt),
a community named by a word and a class word (W|园区社区). `name_bounds` applies
them in order for one suffix match of `org_candidates._suffix_candidates`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.components.org_refs import anchor_across_gap
from nlp.components.org_rules import COMPANY_TAILS, _is_bare_park_word, _lexicon
from nlp.entities import (_chain_left, _ends_with_anchor, _orgs_stop_words, _tag, is_cjk, place_anchor_set,
                          word_set)

_COMPANY_ENDS = COMPANY_TAILS + ("公司",)
SHORT_PLACE_SUFFIXES = ("街道", "街道办", "街道办事处", "社区")
_GENERIC_COMMUNITY_HEADS = ("园区", "小区", "楼宇", "商圈", "片区")   # class words a community may be named with


def name_bounds(text: str, start: int, owner_end: int, m_end: int, anchored: bool, kind: str, suf: str,
                anchors, park_names) -> tuple[int, bool, bool]:
    """The start of a name found by the left edge at `start` (its owner ends at
    `owner_end`, the suffix `suf` at `m_end`), whether it is anchored, and
    whether a rule here took it further than the edge (no `name_like` test:
    the brand may be characters rjieba does not know); start -1 when the
    name is a class of companies (科技有限公司党支部)."""
    branded = False
    core_end = company_core_end(text, owner_end, kind, suf)
    if core_end >= start:   # a company's name, or its party organisation's owner
        if anchored:
            start = park_before_place(text, start, core_end, park_names)
        else:
            s2 = class_lead_end(text, start, core_end)
            if s2 > start:
                start, branded = s2, True   # 外资企业|X电子有限公司: the class word says what it is
            if kind == "party_org" and start < core_end:
                s2 = anchor_across_gap(text, start, anchors)
                if s2 >= 0:
                    start, anchored = s2, True
            if not anchored:
                start, anchored, branded = company_start(text, start, core_end)
            if not anchored and not branded and _BRACKETED.match(text, start):
                s2 = bracket_brand_start(text, start)
                if s2 < start:
                    start, branded = s2, True   # 快送达|(某市)网络科技有限公司: the brand before the place
            if not anchored and not branded and start < core_end:
                s2 = place_before_brandless(text, start, core_end, anchors)
                if s2 >= 0:
                    start, anchored = s2, True   # 某市|驰远即时|配送有限公司: place, brand, line of business
            if not anchored and not branded and kind == "party_org" and _BRACKETED.sub("", text[start:core_end]) \
                    and brandless(text[start:core_end]):
                return -1, False, False   # 科技有限公司党支部: a class of companies, no name
    elif not anchored and start < owner_end:
        s2 = class_word_start(text, start, owner_end)
        if s2 < start:
            start, branded = s2, True   # 成立新就业|群体综合党委: the class word whole
        elif start and is_cjk(text[start - 1]):
            s2, a2, ext = brand_start(text, start, "", True)
            if ext:
                start, anchored, branded = s2, a2, True   # 翀|云社区: characters rjieba does not know
    if not anchored and text[start - 1:start] in _TRADE_CONJUNCTIONS and kind in ("association", "party_org"):
        s2 = trade_pair_start(text, start, m_end, anchors)
        if s2 < start:
            start, anchored = s2, True   # 某市|软件和|信息服务业协会: two trades in one association's name
    if suf in SHORT_PLACE_SUFFIXES and start < owner_end:
        start = park_word_start(text, start, owner_end, park_names)
    if not anchored and text.startswith(_GENERIC_COMMUNITY_HEADS, start) and "社区" in text[start:m_end]:
        s2 = community_word_start(text, start, text[start:m_end])
        if s2 < start:
            start, branded = s2, True   # W|园区社区党委: the community's own word
    if anchored and kind == "company" and suf in _UNIT_SUFFIXES:
        s2 = unit_brand_start(text, start)
        if s2 < start:
            start, branded = s2, True   # 顺达快运|某市|分拨中心: the brand and trade before the place
    if suf in _BRANCH_SUFFIXES and _BANK in text[max(0, min(start, owner_end - 6) - 2):owner_end]:
        s2, a2 = bank_start(text, start, owner_end)
        if s2 < start:
            start, anchored, branded = s2, anchored or a2, True   # X银行|Y支行: the bank's branch, bank and all
    if start and text[start - 1] in "·驻":
        if text[start - 1] == "·":
            s2 = dot_start(text, start)
            if s2 < start:
                start, branded = s2, True   # X·Y中心|党委: one name
        else:
            s2, a2 = stationed_start(text, start, anchors)
            if s2 < start:
                start, anchored = s2, a2   # X海关驻|Y办事处党支部
                branded = True
    return start, anchored, branded


_UNIT_SUFFIXES = ("分拨中心", "分公司", "支公司")


def unit_brand_start(text: str, start: int) -> int:
    """Where a company's unit named by brand, trade and place starts (顺达快运|
    某市分拨中心): the 2–4 characters before the place (`bracket_brand_start`)
    are a brand followed by a trade of nlp/data/orgs_industry_words.txt; else
    `start`."""
    k = bracket_brand_start(text, start)
    head = text[k:start]
    if k < start and any(head.endswith(w) and len(head) > len(w) for w in word_set("orgs_industry_words.txt")):
        return k
    return start


_TRADE_CONJUNCTIONS = ("和", "与")
_TRADE_BODIES = ("协会", "商会", "联合会", "促进会")
TRADE_PAIR_MAX = 12   # characters of a place and the first trade before 和


def trade_pair_start(text: str, start: int, m_end: int, anchors) -> int:
    """Where an association named by two trades joined by 和/与 starts
    (某市软件和|信息服务业协会(党支部)): the left edge from the conjunction
    reaches a place or park name within TRADE_PAIR_MAX characters, and the
    first part names no organisation of its own (no suffix of the lexicon);
    else `start`."""
    from nlp.entities import _left_edge

    name = text[start:m_end]
    if not any(b in name for b in _TRADE_BODIES):
        return start
    s2, anchored = _left_edge(text, start - 1, 24, anchors, _orgs_stop_words(), False)
    first = text[s2:start - 1]
    if not anchored or not 2 < len(first) <= TRADE_PAIR_MAX or _lexicon()["pattern"].search(first):
        return start
    return s2


_BANK = "银行"
_BRANCH_SUFFIXES = ("支行", "分行")


def bank_start(text: str, start: int, owner_end: int) -> tuple[int, bool]:
    """Where a bank's branch named after its bank starts (建设银行|某地支行,
    某地农商银行|高新支行): 银行 ends at most 6 characters before the suffix
    (the branch's place between), and the bank's name, found by the left edge
    from there, has 2+ characters before 银行; else (start, False)."""
    from nlp.entities import _left_edge

    b = text.rfind(_BANK, max(0, min(start, owner_end - 6) - 2), owner_end) + len(_BANK)
    if b < len(_BANK) or b > start and start < owner_end:
        return start, False   # (the left edge found the branch's owner after the bank: keep it)
    s2, anchored = _left_edge(text, b, 16, place_anchor_set(), _orgs_stop_words(), False)
    return (s2, anchored) if b - len(_BANK) - s2 >= 2 else (start, False)


def company_core_end(text: str, owner_end: int, kind: str, suf: str) -> int:
    """Where the brand and line of business of a company end: at its legal
    form (the suffix itself, or X有限公司 before a party suffix); -1 when the
    name is no company's."""
    if kind == "company" and suf in COMPANY_TAILS:
        return owner_end
    if kind == "party_org" and (text.endswith("公司", 0, owner_end) or text.endswith("集团", 0, owner_end)):
        for tail in _COMPANY_ENDS:
            if text.endswith(tail, 0, owner_end):
                return owner_end - len(tail)
    return -1


# ---- a company name's left edge: brand (字号), leading zone, class words ----
BRAND_MAX = 4   # characters of a brand (字号) the left edge may have cut off
_BRACKETED = re.compile(r"[(（][\u4e00-\u9fff]{2,4}[)）]")
_UNKNOWN_TAGS = ("x", "zg", "g")   # rjieba's tags of characters it does not know (rare brand characters)
_BRAND_STOP_TAGS = frozenset(("p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "y", "e", "o", "m", "q", "t",
                              "f", "d", "k", "s"))
_BRAND_STOP_CHARS = frozenset("是为有在的和与及或等了也都还就又让使被把将从向对由于内里")
_DEMONSTRATIVE_CHARS = "这那该其此本我你他她它各每某哪"
_CLASS_ENDS = ("企业", "公司", "集团", "单位", "机构", "组织")
_LEAD_VERB_TAGS = ("v", "vn", "vd", "d", "a", "ad")


@lru_cache(maxsize=4096)
def brandless(core: str) -> bool:
    """A company's owner without its brand: nothing, or only words of its line
    of business (nlp/data/orgs_industry_words.txt) and a bracketed place
    (电子(某地), 新能源科技)."""
    core = _BRACKETED.sub("", core)
    if not core:
        return True
    words = word_set("orgs_industry_words.txt")
    n = len(core)
    ok = [True] + [False] * n   # ok[i]: core[:i] splits into industry words
    for i in range(2, n + 1):
        ok[i] = any(ok[j] and core[j:i] in words for j in range(max(0, i - 6), i - 1))
    return ok[n]


def _brand_stop(word: str, tag: str) -> bool:
    """A token a brand never extends over: punctuation, a function word, a
    numeral or time, a demonstrative, a class word (外资企业, 该公司), a verb or
    stop word of two or more characters (依托, 走访)."""
    if not is_cjk(word[0]) or tag in _BRAND_STOP_TAGS or word in _BRAND_STOP_CHARS:
        return True
    if tag == "r" and word[0] in _DEMONSTRATIVE_CHARS:
        return True
    if word.endswith(_CLASS_ENDS) or word in _lexicon()["generic"]:
        return True
    return len(word) >= 2 and tag not in _UNKNOWN_TAGS and (
        word in _orgs_stop_words() or word in word_set("orgs_common_verbs.txt"))


def company_start(text: str, start: int, core_end: int) -> tuple[int, bool, bool]:
    """Where an unanchored company name starts when the left edge cut it inside
    its brand (璟川光|能(X)有限公司, 外资企业|彧锐|电子有限公司, 某市|翀图之家|科技):
    (start, anchored, extended). A place right before the edge starts it
    (在|某市|Y材料(中国)有限公司). Else, when the owner is brandless (only
    industry words) or the edge stopped at characters rjieba does not know,
    the name takes up to BRAND_MAX characters more, back to a boundary
    (punctuation, a function word, a class word, a verb, a place, which it
    takes too); a single-character verb or adverb does not open it (帮X)."""
    places = place_anchor_set()
    head = _ends_with_anchor(text, start, places)
    if head:
        return _chain_left(text, start - len(head), 0, places), True, False
    return brand_start(text, start, text[start:core_end], False)


def brand_start(text: str, start: int, owner: str, unknown_only: bool) -> tuple[int, bool, bool]:
    """The brand walk of `company_start` (and, with `unknown_only`, of any name
    the edge cut at characters rjieba does not know: 翀|云社区): (start,
    anchored, extended)."""
    if unknown_only and _tag(text[max(0, start - 2):start])[-1][1] not in _UNKNOWN_TAGS:
        return start, False, False   # (the word before is one rjieba knows)
    lo = max(0, start - 2 * BRAND_MAX)
    k = start
    while k > lo and is_cjk(text[k - 1]):
        k -= 1
    if k == start:
        return start, False, False
    tokens = _tag(text[k:start])
    unknown = tokens[-1][1] in _UNKNOWN_TAGS
    if not (unknown or not unknown_only and owner and brandless(owner)):   # (no owner: only unknown characters)
        return start, False, False
    places = place_anchor_set()
    cur, taken = start, []
    for word, tag, s, _e in reversed(tokens):
        if cur < start:
            head = _ends_with_anchor(text, cur, places)
            if head:
                return _chain_left(text, cur - len(head), 0, places), True, True
        if tag == "x" and len(word) > 1:   # unknown characters lumped with a known verb or function word (帮|X)
            n = _unknown_tail(word)
            if n < len(word):
                if start - (k + s + len(word) - n) > BRAND_MAX:
                    return start, False, False
                cur = k + s + len(word) - n
                break
        if _brand_stop(word, tag) or unknown_only and tag not in _UNKNOWN_TAGS:
            break
        if start - (k + s) > BRAND_MAX:
            return start, False, False
        cur = k + s
        taken.append((word, tag))
    while taken and len(taken[-1][0]) == 1 and taken[-1][1] in _LEAD_VERB_TAGS:
        cur += 1
        taken.pop()
    return cur, False, cur < start


def _unknown_tail(word: str) -> int:
    """How many characters at the end of an unknown token (tag x) belong to a
    name: back to a character that alone is a verb, preposition, conjunction,
    adverb or pronoun (帮|X, 与|X)."""
    n = 0
    for ch in reversed(word):
        if ch in _BRAND_STOP_CHARS or _tag(ch)[0][1] in ("v", "p", "c", "d", "r", "u", "uj", "f"):
            break
        n += 1
    return n


def bracket_brand_start(text: str, start: int) -> int:
    """A company name that the edge cut at a bracketed place ((某市)网络科技有限公司):
    the brand before the bracket starts it: the run of Chinese characters
    before it (at most 8), without the verbs, prepositions and function words
    that open the run (推动|快送达), when 2 to BRAND_MAX characters are left;
    else `start`."""
    k = start
    while k > max(0, start - 8) and is_cjk(text[k - 1]):
        k -= 1
    if start - k > BRAND_MAX:
        for word, tag, _s, e in _tag(text[k:start]):
            if not (tag in _LEAD_VERB_TAGS or tag in _BRAND_STOP_TAGS or word in _BRAND_STOP_CHARS):
                break
            k2 = k + e   # (the opening verbs, prepositions and function words dropped)
            if start - k2 <= BRAND_MAX:
                k = k2
                break
    return k if 2 <= start - k <= BRAND_MAX else start


_GAP_CHARS = frozenset("的和与及或在等是为对把将从被由向于了着过内里也都就")
BRAND_GAP = 6   # characters between a place and a brandless owner that may be the brand


def place_before_brandless(text: str, start: int, core_end: int, anchors) -> int:
    """Where a company's name starts when the edge left only its line of
    business (配送, 新能源科技: `brandless`) and stopped inside a brand that
    rjieba tags as a function word (驰远|即时): a place anchor ends 2 to
    BRAND_GAP characters before `start`, the characters between are Chinese,
    none a function character, and no word of 2+ between is a verb or stop word
    of the lexicons; -1 when there is none."""
    if not brandless(text[start:core_end]):
        return -1
    for p in range(start - 1, max(0, start - BRAND_GAP - 1), -1):
        if not is_cjk(text[p]) or text[p] in _GAP_CHARS:
            return -1
        if start - p < 2:
            continue
        head = _ends_with_anchor(text, p, anchors)
        if head:
            stops, verbs = _orgs_stop_words(), word_set("orgs_common_verbs.txt")
            if any(len(w) >= 2 and (w in stops or w in verbs or w.endswith(_CLASS_ENDS))
                   for w, _tag_, _s, _e in _tag(text[p:start])):
                return -1
            return _chain_left(text, p - len(head), 0, anchors)
    return -1


def park_before_place(text: str, start: int, end: int, park_names) -> int:
    """A company name that a park's name opens before a place (X经开区|某省Y
    有限公司): the name starts at the place, the park says where it is."""
    from nlp.components.org_rules import _leading_place

    for pn in park_names:   # longest first
        if text.startswith(pn, start) and _leading_place(text[start + len(pn):end]):
            return start + len(pn)
    return start


@lru_cache(maxsize=1)
def _class_word_pairs() -> frozenset[str]:
    """Two characters in a row inside a class word of 3+ characters."""
    return frozenset(w[i:i + 2] for w in _lexicon()["generic"] if len(w) >= 3 for i in range(len(w) - 1))


def class_word_start(text: str, start: int, end: int) -> int:
    """An owner whose edge cut a class word (新就业|群体综合党委): it starts
    where the class word of nlp/data/orgs_generic_owners.txt starts; else
    `start`."""
    if text[start - 1:start + 1] not in _class_word_pairs():
        return start   # (no class word of 3+ characters holds these two characters in a row)
    generic = _lexicon()["generic"]
    for k in range(1, 5):
        for n in range(max(k + 1, 3), k + 5):   # (a class word of 3+ characters)
            if start - k + n <= end and text[start - k:start - k + n] in generic:
                return start - k
    return start


def park_word_start(text: str, start: int, end: int, park_names) -> int:
    """A street or community named after a park's name or a bare park word
    (在高新区|Y街道): the park says where it is, the name starts after it (2+
    characters left)."""
    for n in range(min(10, end - start - 2), 2, -1):
        word = text[start:start + n]
        if word in park_names or _is_bare_park_word(word):
            return start + n
    return start


def dot_start(text: str, start: int) -> int:
    """A name whose brand is joined by a middle dot (X·Y中心): it starts at the
    brand, 2–6 characters found by the left edge (no verb: 走访|X·Y中心);
    else `start`."""
    from nlp.entities import _left_edge

    if text[start - 1:start] != "·":
        return start
    k, _anchored = _left_edge(text, start - 1, 8, place_anchor_set(), _orgs_stop_words(), False)
    return k if 2 <= start - 1 - k <= 6 else start


def stationed_start(text: str, start: int, anchors) -> tuple[int, bool]:
    """An office named by the body that keeps it (X海关驻|Y办事处): the name
    starts with that body (nlp/data/orgs_stationed_bodies.txt), anchored at a
    place or of 4+ characters; else (start, False)."""
    from nlp.entities import _left_edge

    s2, anchored = _left_edge(text, start - 1, 24, anchors, _orgs_stop_words(), False)
    head = text[s2:start - 1]
    if head.endswith(tuple(word_set("orgs_stationed_bodies.txt"))) and (anchored or len(head) >= 4):
        return s2, anchored
    return start, False


_COMMUNITY = "社区"
_BEFORE_COMMUNITY = "由在为与和及对向从"


def community_word_start(text: str, start: int, name: str) -> int:
    """A community named by a word before a class word (W|园区社区, the edge cut
    at W, a verb or noun): `name` (the owner and suffix from `start`) is a
    generic word and 社区, and W (2 characters after a boundary or a
    preposition) stands before it at least twice, once at a clause start: the
    name starts at W; else `start`."""
    k = name.find(_COMMUNITY)
    if k < 2 or name[:k] not in _lexicon()["generic"] or start < 3:
        return start
    word = text[start - 2:start]
    if not all(is_cjk(ch) and ch not in _BRAND_STOP_CHARS for ch in word):
        return start
    full = word + name[:k + len(_COMMUNITY)]
    clause_start, count, i = False, 0, text.find(full)
    while i >= 0:
        before = text[i - 1:i] if i else "\n"
        if not is_cjk(before) or before in _BEFORE_COMMUNITY:
            count += 1
            clause_start = clause_start or not is_cjk(before)
        i = text.find(full, i + 1)
    return start - 2 if count >= 2 and clause_start else start


_DEMONSTRATIVE_LEAD = re.compile(r"(?:这家|这个|该|此|本)?(?:公司|企业|集团)")


def class_lead_end(text: str, start: int, end: int) -> int:
    """A company owner opened by a class word (外资企业|X电子, 龙头企业|X乳业,
    该公司|X科技) or a bare park word (高新区|X电子): the name starts after it
    when what is left holds a brand (not only industry words: X企业|管理 stays
    whole); else `start`."""
    owner = text[start:end]
    cut = owner.rfind("企业") + 2 if "企业" in owner else 0
    m = _DEMONSTRATIVE_LEAD.match(owner)
    if m:
        cut = max(cut, m.end())
    for n in range(min(6, len(owner) - 2), 2, -1):
        if _is_bare_park_word(owner[:n]):
            cut = max(cut, n)
            break
    rest = owner[cut:]
    if cut and len(_BRACKETED.sub("", rest)) >= 2 and not brandless(rest):
        return start + cut
    return start
