"""Name rules of the `organizations` list, shared by its component: the
lexicon (nlp/data/orgs_*.txt), party-organisation keys, owners of bodies
(党工委, 园区X委员会), short street names, leading place and park names, and
the back-references that merge two mentions (商会党委 ~ Y区Z商会党委).

Pure functions of short names are cached by the name (`merge_keys`,
`company_core`, `_body_of` …); quick rejects before their loops give what the
loops give (tests/nlp/test_entities_fast.py). The scans over a whole text
live in nlp/components/org_scans.py (their names stay importable from here).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from nlp.components.org_scans import (FORMULA_QUOTE, _LIST_ITEMS, Occurrences, _alone_count,  # noqa: F401
                                      _list_ends, _list_items_start, _nesting, formula_spans, mentions, occurrences)
from nlp.entities import _tag, clean, data_lines, is_cjk, name_like, place_anchors, time_head_end, word_set
from nlp.wordtrie import longest_first

PARTY_FORMS = (("总支部委员会", "党总支"), ("支部委员会", "党支部"))
LED_PARTY_FORMS = (("工作委员会", "党工委"), ("委员会", "党委"))   # after 中共 only
COMPANY_TAILS = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团")
_COMPANY_CORE_TAILS = COMPANY_TAILS + ("公司",)
_TRAILING_PAREN = re.compile(r"[(（][^)）]*[)）]$")
_NUMERAL_CHAR = re.compile(r"[0-9一二两三四五六七八九十百千几多]")
IMPLIED_WINDOW = 80


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    suffixes: dict[str, tuple[str, str]] = {}
    not_followed: dict[str, str] = {}
    for line in data_lines("orgs_suffixes.txt"):
        parts = [p.strip() for p in line.split("\t")]
        suffixes[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "strong")
        if len(parts) > 3:
            not_followed[parts[0]] = parts[3]
    bodies, ref_bodies = set(), set()
    for line in data_lines("orgs_park_bodies.txt"):
        parts = line.split()
        (ref_bodies if parts[1:] == ["ref"] else bodies).add(parts[0])
    pattern = re.compile(longest_first(suffixes))
    body_words = bodies | ref_bodies
    body_suffixes = frozenset(x for x in suffixes if any(b.endswith(x) for b in body_words))
    short_bodies = tuple(sorted((b for b in bodies if len(b) <= 4), key=len, reverse=True))
    party_suffixes = tuple(x for x in sorted(suffixes, key=len, reverse=True) if suffixes[x][0] == "party_org")
    return {"suffixes": suffixes, "pattern": pattern, "party_suffixes": party_suffixes, "short_bodies": short_bodies,
            "body_suffixes": body_suffixes,
            "refs_sorted": tuple(sorted(word_set("orgs_park_refs.txt"), key=len, reverse=True)),
            "generic": word_set("orgs_generic_owners.txt"),
            "bodies": frozenset(bodies), "ref_bodies": frozenset(ref_bodies), "not_followed": not_followed,
            "refs": word_set("orgs_park_refs.txt"),
            "standalone": tuple(tuple(p.strip() for p in line.split("\t")) for line in data_lines("orgs_standalone.txt")),
            "heads": word_set("orgs_list_heads.txt"),
            "heads_re": _alternation(word_set("orgs_list_heads.txt")),
            # a head that starts a 的-clause: X等楼宇企业关心的问题
            "head_clause": re.compile(r"[^的]{0,6}(?:%s)[\u4e00-\u9fff]{1,4}的"
                                      % _alternation(word_set("orgs_list_heads.txt")).pattern),
            "list_stop_tails": tuple(word_set("orgs_list_stop_tails.txt")),
            "titles": tuple(sorted(word_set("orgs_title_words.txt"), key=len, reverse=True)),
            "measures": "".join(sorted(word_set("orgs_measure_words.txt"))),
            "class_tails": tuple(sorted(word_set("orgs_class_tails.txt"), key=len, reverse=True)),
            "class_heads": tuple(sorted(word_set("orgs_class_heads.txt"), key=len, reverse=True)),
            "founding_verbs": tuple(sorted(word_set("orgs_founding_verbs.txt"), key=len, reverse=True)),
            "link_verbs": tuple(sorted(word_set("orgs_link_verbs.txt"), key=len, reverse=True)),
            "site_verbs": tuple(sorted(word_set("orgs_site_verbs.txt"), key=len, reverse=True))}


def _alternation(words) -> re.Pattern:
    """One regex for any of `words`, longest first."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))


def party_key(name: str) -> str:
    """中共X有限公司支部委员会 → X有限公司党支部 (one form per party organisation)."""
    n = clean(name)
    led = False
    if n.startswith("中"):
        for lead in ("中国共产党", "中共"):
            if n.startswith(lead) and len(n) > len(lead) + 2:
                n, led = n[len(lead):], True
    if n.endswith("委员会"):  # the end of each long form
        for long, short in PARTY_FORMS:
            if n.endswith(long) and not n.endswith("党" + long):
                return n[: -len(long)] + short
        if led:   # 中共X工作委员会 = X党工委; 中共X委员会 = X党委
            for long, short in LED_PARTY_FORMS:
                if n.endswith(long) and len(n) > len(long) + 1:
                    return n[: -len(long)] + short
    return n


@lru_cache(maxsize=65536)
def merge_keys(name: str, party: bool, park_names: tuple[str, ...]) -> frozenset[str]:
    """The keys under which a candidate merges with others: its clean name,
    also without a leading place or park name, and for a party organisation
    their `party_key` forms."""
    n = clean(name)
    keys = {n, _strip_anchor_cached(n, park_names)}
    if party:
        keys = {party_key(k) for k in keys} | keys
        if len(keys) > 1:   # X产业园党委 and Y产业园党委 share no key 党委 / 园区党委
            lex = _lexicon()
            keys = {k for k in keys if k == n or not _bare_party(k, lex)}
    return frozenset(keys)


def _bare_party(key: str, lex: dict[str, Any]) -> bool:
    """A party suffix alone, or after a generic owner only (党委, 园区党委)."""
    for suf in lex["party_suffixes"]:   # longest first
        if key.endswith(suf):
            owner = key[: -len(suf)]
            return not owner or owner in lex["generic"]
    return False


@lru_cache(maxsize=65536)
def _ref_body(owner: str, suffix: str) -> str:
    """园区X委员会 / 区X局: a body of the document's park, named by what
    follows the park reference; '' when the owner names no park."""
    refs = _lexicon()["refs_sorted"]
    if not owner.startswith(refs):
        return ""
    for ref in refs:
        rest = owner[len(ref):]
        if owner.startswith(ref) and len(rest) >= 2 and rest not in _lexicon()["generic"] and name_like(rest):
            return rest + suffix
    return ""


def _short_place_owner(text: str, owner_end: int, start: int) -> int:
    """A 2–3 character street or community name the segmenter split into
    function words (X和街道): taken whole when it stands right after
    punctuation."""
    for n in (2, 3):
        k = owner_end - n
        word = text[k:owner_end]
        if k > 0 and not is_cjk(text[k - 1]) and all(is_cjk(ch) for ch in word) \
                and word not in word_set("orgs_common_verbs.txt") \
                and not any(tag.startswith("v") for _w, tag, _s, _e in _tag(word)):
            return k
    return start


@lru_cache(maxsize=65536)
def _body_of(owner: str, suffix: str, main_names: tuple[str, ...]) -> str:
    """The park body named by owner+suffix (党工委, 两新组织党委 …), or ''
    (`main_names`: the main park's names, longest first)."""
    lex = _lexicon()
    o = clean(owner)
    if o.startswith("中"):
        for lead in ("中国共产党", "中共"):
            o = o.removeprefix(lead)
    if main_names and o.startswith(main_names):
        for n in main_names:  # longest first
            if o.startswith(n):
                o = o[len(n):]
                if not o and clean(suffix) in lex["ref_bodies"] and _is_bare_park_word(n):
                    return clean(suffix)   # 高新区|税务局 where the main park goes by 高新区: the park's bureau
                break
    refs = lex["refs_sorted"]
    if o.startswith(refs):
        for ref in refs:
            if o.startswith(ref) and clean(o[len(ref):] + suffix) in lex["bodies"]:
                o = o[len(ref):]
                break
    if o in lex["refs"]:
        if clean(suffix) in lex["ref_bodies"]:
            return clean(suffix)
        o = ""
    if clean(o + suffix) in lex["bodies"]:
        return clean(o + suffix)
    return ""


@lru_cache(maxsize=65536)
def _leading_place(name: str) -> str:
    """The place name (a province, city or county anchor) `name` starts with, or ''."""
    head = _divisions().leading(name)
    if head and head in place_anchors():
        return head
    return ""


@lru_cache(maxsize=1)
def _divisions():
    """`nlp.regions.divisions()`, imported on first use (not at import)."""
    from nlp.regions import divisions

    return divisions()


def _strip_anchor(name: str, park_names: "dict[str, str] | tuple[str, ...]") -> str:
    """The name without a leading 中共, park name or place names (park names
    longest first; pass them as a tuple to skip the conversion)."""
    return _strip_anchor_cached(name, park_names if type(park_names) is tuple else tuple(park_names))


@lru_cache(maxsize=65536)
def _strip_anchor_cached(name: str, park_names: tuple[str, ...]) -> str:
    n = name
    if n.startswith("中"):
        for lead in ("中国共产党", "中共"):
            if n.startswith(lead):
                n = n[len(lead):]
    if park_names and n.startswith(park_names):
        for pn in park_names:  # longest first
            if n.startswith(pn) and len(n) > len(pn):
                return n[len(pn):]
    while True:
        head = _leading_place(n)
        if not head or len(n) <= len(head):
            break
        n = n[len(head):]
        if n.startswith(("省", "市", "县", "区")) and not head.endswith(("省", "市", "县", "区")):
            n = n[1:]
    return n


def company_spans(text: str, cands: list[dict[str, Any]]) -> list[tuple[int, int, str, bool]]:
    """Mentions of the candidate companies, as `_company_before` reads them
    (computed once per document)."""
    companies = {c["name"] for c in cands if c["kind"] == "company"}
    return [(s, e, text[s:e], True) for s, e in mentions(text, companies)]


def _company_before(text: str, cands: list[dict[str, Any]], pos: int,
                    companies: list[tuple[int, int, str, bool]] | None = None) -> str:
    """The company named last before `pos` in the same paragraph (within
    IMPLIED_WINDOW characters) with no other organisation in between
    (`companies`: `company_spans` of the same candidates, if known)."""
    lo = pos - IMPLIED_WINDOW
    best_end, best = -1, ""  # the first span with the greatest end wins
    for _s, e, name, _is_company in company_spans(text, cands) if companies is None else companies:
        if lo <= e <= pos and e > best_end and "\n" not in text[e:pos]:
            best_end, best = e, name
    for c in cands:
        e = c["end"]
        if c["kind"] != "company" and lo <= e <= pos and e > best_end and "\n" not in text[e:pos]:
            best_end, best = e, ""  # another organisation in between
    return best


@lru_cache(maxsize=65536)
def company_core(full: str, park_names: tuple[str, ...]) -> str:
    """The proper part of a company name (青禾新材料有限公司 → 青禾新材料;
    云杉乳业(某市)有限公司 → 云杉乳业), or '' when `full` has no company tail
    or too little left."""
    from nlp.components.parks import strip_places

    if not full.endswith("公司") and not full.endswith("集团"):   # every tail ends so
        return ""
    for tail in _COMPANY_CORE_TAILS:
        if full.endswith(tail):
            core = full[: -len(tail)]
            break
    else:
        return ""
    core = _TRAILING_PAREN.sub("", core)
    core = _strip_anchor(strip_places(core), park_names)
    head = _leading_place(core)
    if head and len(core) - len(head) >= 2:
        core = core[len(head):]
    return core if len(core) >= 2 else ""


def _is_park_word(word: str) -> bool:
    """高新区, 开发区, X经开区 …: a park, never a company."""
    from nlp.components.parks import _lexicon as park_lexicon, split_suffix

    return word in park_lexicon()["suffixes"] or bool(split_suffix(word)[1])


TAIL_KINDS = ("other", "government", "building", "association", "party_org", "service_site")


@lru_cache(maxsize=65536)
def _tail_forms(name: str) -> tuple[str, ...]:
    """A short back-reference as written: the name, and without a leading
    park reference (园区综合党委 → 综合党委)."""
    refs = _lexicon()["refs_sorted"]
    if not name.startswith(refs):
        return (name,)
    forms = [name]
    for ref in refs:
        if name.startswith(ref) and len(name) - len(ref) >= 4:
            forms.append(name[len(ref):])
            break
    return tuple(forms)


def _is_bare_park_word(word: str) -> bool:
    """高新区, 开发区, 经开区: a park suffix alone, no proper name."""
    from nlp.components.parks import _lexicon as park_lexicon

    lex = park_lexicon()
    return word in lex["suffixes"] or word in lex["groups"]


def _tail_match(a: set[str], b: set[str]) -> bool:
    """A village committee named in full and short (X县Y镇Z村委会 ~ Z村委会),
    a chamber and its party committee by their last words (Y区Z商会党委 ~
    Z商会党委 ~ 商会党委; Z大厦联合党委 ~ 大厦党委): one name ends with the
    other (of 4+ characters), 联合 left out."""
    if not {x[-2:] for x in a} & {y[-2:] for y in b}:
        return False
    return _tail_match_pairs(a, b)


JOINT_WORDS = ("联合党", "楼宇党")   # 联合党委 / 楼宇党委 → 党委: Z大厦楼宇党委 ~ 大厦党委


def _joint_form(name: str) -> str:
    """The name with 联合党 or 楼宇党 read as 党 (Z大厦楼宇党委 → Z大厦党委), or ''."""
    for w in JOINT_WORDS:
        if w in name:
            return name.replace(w, "党")
    return ""


def _tail_match_pairs(a: set[str], b: set[str]) -> bool:
    """`_tail_match` without the quick test on the last two characters: for
    two names of different lengths, the longer (or it with 联合党/楼宇党 → 党) ends
    with a form of the shorter of 4+ characters and is longer than that form.
    (A name under 4 characters has no such form: its other form is longer.)"""
    for x in a:
        nx = len(x)
        if nx < 4:
            continue
        for y in b:
            ny = len(y)
            if ny < 4 or nx == ny:
                continue
            short, long_ = (x, y) if nx < ny else (y, x)
            joint = _joint_form(long_)
            for f in _tail_forms(short):
                if len(f) >= 4 and (long_.endswith(f) and len(long_) > len(f)
                                    or joint and joint.endswith(f) and len(joint) > len(f)):
                    return True
    return False


def _name_start(text: str, start: int, end: int) -> int:
    """The start of a name without leading time words (去年公司, 2023年X公司)
    and without a measure word right after a numeral (4个产业链党委 → 产业链党委)."""
    start = time_head_end(text, start, end)
    if start < end and text[start] in _lexicon()["measures"] and _NUMERAL_CHAR.match(text[start - 1:start]):
        start += 1
    return start
