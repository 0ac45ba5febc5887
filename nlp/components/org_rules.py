"""Name rules of the `organizations` list, shared by its component: the
lexicon (nlp/data/orgs_*.txt), party-organisation keys, owners of bodies
(党工委, 园区X委员会), short street names, leading place and park names, and
the back-references that merge two mentions (商会党委 ~ Y区Z商会党委).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from nlp.entities import (_tag, clean, data_lines, find_mentions, is_cjk, name_like, place_anchors, word_set)

PARTY_FORMS = (("总支部委员会", "党总支"), ("支部委员会", "党支部"))
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
    pattern = re.compile("|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True)))
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
            "list_stop_tails": tuple(word_set("orgs_list_stop_tails.txt")),
            "titles": tuple(sorted(word_set("orgs_title_words.txt"), key=len, reverse=True)),
            "measures": "".join(sorted(word_set("orgs_measure_words.txt"))),
            "class_tails": tuple(sorted(word_set("orgs_class_tails.txt"), key=len, reverse=True))}


def party_key(name: str) -> str:
    """中共X有限公司支部委员会 → X有限公司党支部 (one form per party organisation)."""
    n = clean(name)
    for lead in ("中国共产党", "中共"):
        if n.startswith(lead) and len(n) > len(lead) + 2:
            n = n[len(lead):]
    for long, short in PARTY_FORMS:
        if n.endswith(long) and not n.endswith("党" + long):
            n = n[: -len(long)] + short
    return n


def _ref_body(owner: str, suffix: str) -> str:
    """园区X委员会 / 区X局: a body of the document's park, named by what
    follows the park reference; '' when the owner names no park."""
    for ref in _lexicon()["refs_sorted"]:
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


def _body_of(owner: str, suffix: str, main_names: list[str]) -> str:
    """The park body named by owner+suffix (党工委, 两新组织党委 …), or ''."""
    lex = _lexicon()
    o = clean(owner)
    for lead in ("中国共产党", "中共"):
        o = o.removeprefix(lead)
    for n in main_names:  # longest first
        if o.startswith(n):
            o = o[len(n):]
            break
    for ref in lex["refs_sorted"]:
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
    from nlp.regions import divisions

    head = divisions().leading(name)
    if head and head in place_anchors():
        return head
    return ""


def _strip_anchor(name: str, park_names: dict[str, str]) -> str:
    """The name without a leading 中共, park name or place names."""
    return _strip_anchor_cached(name, tuple(park_names))


@lru_cache(maxsize=65536)
def _strip_anchor_cached(name: str, park_names: tuple[str, ...]) -> str:
    n = name
    for lead in ("中国共产党", "中共"):
        if n.startswith(lead):
            n = n[len(lead):]
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


def _company_before(text: str, cands: list[dict[str, Any]], pos: int) -> str:
    """The company named last before `pos` in the same paragraph (within
    IMPLIED_WINDOW characters) with no other organisation in between."""
    companies = {c["name"] for c in cands if c["kind"] == "company"}
    spans = [(s, e, n, True) for s, e in find_mentions(text, companies) for n in [text[s:e]]]
    spans += [(c["start"], c["end"], c["name"], False) for c in cands if c["kind"] != "company"]
    best = None
    for s, e, name, is_company in spans:
        if e <= pos and pos - e <= IMPLIED_WINDOW and "\n" not in text[e:pos]:
            if best is None or e > best[1]:
                best = (s, e, name, is_company)
    return best[2] if best and best[3] else ""


def _is_park_word(word: str) -> bool:
    """高新区, 开发区, X经开区 …: a park, never a company."""
    from nlp.components.parks import _lexicon as park_lexicon, split_suffix

    return word in park_lexicon()["suffixes"] or bool(split_suffix(word)[1])


TAIL_KINDS = ("other", "government", "building", "association", "party_org")


@lru_cache(maxsize=65536)
def _tail_forms(name: str) -> tuple[str, ...]:
    """A short back-reference as written: the name, and without a leading
    park reference (园区综合党委 → 综合党委)."""
    forms = [name]
    for ref in _lexicon()["refs_sorted"]:
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
    for x in a:
        for y in b:
            for short, long_ in ((x, y), (y, x)):
                if len(long_) <= len(short):
                    continue
                longs = (long_, long_.replace("联合党", "党"))
                if any(len(f) >= 4 and lg.endswith(f) and len(lg) > len(f)
                       for f in _tail_forms(short) for lg in longs):
                    return True
    return False


def _alone_count(text: str, word: str, longer: list[str], forbid_next: str = "") -> int:
    """Occurrences of `word` outside mentions of the `longer` names."""
    spans = find_mentions(text, [n for n in longer if word in n and n != word])
    count = 0
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        inside = any(s <= start and end <= e for s, e in spans)
        if not inside and not (forbid_next and text[end:end + len(forbid_next)] == forbid_next):
            count += 1
        start = text.find(word, start + 1)
    return count
