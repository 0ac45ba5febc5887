"""Name rules of the `organizations` list, shared by its component: the
lexicon (nlp/data/orgs_*.txt), party-organisation keys, owners of bodies
(党工委, 园区X委员会), short street names, leading place and park names, and
the back-references that merge two mentions (商会党委 ~ Y区Z商会党委).

Also the component's scans, written for speed with the same results as the
plain regex or loop they stand for (tests/nlp/test_org_rules.py checks
each against it): mentions found once per name and document
(`Occurrences`), list ends and list items found from their delimiters,
quoted formulas found from their plus signs, one trie regex for the suffix
lexicon, and pure functions of short windows
cached by the window (`_name_start_window`, `merge_keys`, `company_core`).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any, Iterable

from nlp.entities import (_char_positions, _tag, clean, data_lines, is_cjk, name_like, place_anchors, time_head_end,
                          word_set)

PARTY_FORMS = (("总支部委员会", "党总支"), ("支部委员会", "党支部"))
COMPANY_TAILS = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团")
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
    pattern = re.compile(_trie(suffixes))
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
            "founding_verbs": tuple(sorted(word_set("orgs_founding_verbs.txt"), key=len, reverse=True))}


def _trie(words) -> str:
    """A regex for any of `words` that prefers the longest at each position
    (as the alternation of the words longest first), written as a trie: the
    engine tries one branch per character instead of every word."""
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + branch(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body
    return branch(root)


def _alternation(words) -> re.Pattern:
    """One regex for any of `words`, longest first."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))


def party_key(name: str) -> str:
    """中共X有限公司支部委员会 → X有限公司党支部 (one form per party organisation)."""
    n = clean(name)
    if n.startswith("中"):
        for lead in ("中国共产党", "中共"):
            if n.startswith(lead) and len(n) > len(lead) + 2:
                n = n[len(lead):]
    if n.endswith("委员会"):  # the end of each long form
        for long, short in PARTY_FORMS:
            if n.endswith(long) and not n.endswith("党" + long):
                n = n[: -len(long)] + short
    return n


@lru_cache(maxsize=65536)
def merge_keys(name: str, party: bool, park_names: tuple[str, ...]) -> frozenset[str]:
    """The keys under which a candidate merges with others: its clean name,
    also without a leading place or park name, and for a party organisation
    their `party_key` forms."""
    n = clean(name)
    keys = {n, _strip_anchor(n, park_names)}
    if party:
        keys = {party_key(k) for k in keys} | keys
    return frozenset(keys)


@lru_cache(maxsize=65536)
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


@lru_cache(maxsize=65536)
def _body_of(owner: str, suffix: str, main_names: tuple[str, ...]) -> str:
    """The park body named by owner+suffix (党工委, 两新组织党委 …), or ''
    (`main_names`: the main park's names, longest first)."""
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


def _strip_anchor(name: str, park_names: "dict[str, str] | tuple[str, ...]") -> str:
    """The name without a leading 中共, park name or place names (park names
    longest first; pass them as a tuple to skip the conversion)."""
    return _strip_anchor_cached(name, park_names if type(park_names) is tuple else tuple(park_names))


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

    for tail in COMPANY_TAILS + ("公司",):
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
    return _tail_match_pairs(a, b)


def _tail_match_pairs(a: set[str], b: set[str]) -> bool:
    """`_tail_match` without the quick test on the last two characters: for
    two names of different lengths, the longer (or it with 联合党 → 党) ends
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
            joint = long_.replace("联合党", "党") if "联合党" in long_ else ""
            for f in _tail_forms(short):
                if len(f) >= 4 and (long_.endswith(f) and len(long_) > len(f)
                                    or joint and joint.endswith(f) and len(joint) > len(f)):
                    return True
    return False


class Occurrences:
    """The start of every occurrence (overlapping ones too) of a name in one
    text, searched once per name: the same names are looked up by several
    rules of one document."""

    __slots__ = ("text", "_found")

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, list[int]] = {}

    def __call__(self, name: str) -> list[int]:
        found = self._found.get(name)
        if found is None:
            found, text = [], self.text
            i = text.find(name)
            while i >= 0:
                found.append(i)
                i = text.find(name, i + 1)
            self._found[name] = found
        return found


_LAST_TEXT: list[Occurrences | None] = [None]


def occurrences(text: str) -> Occurrences:
    """The `Occurrences` of `text`, kept for the document being processed
    (one slot, checked by identity: a new text gets a new table)."""
    occ = _LAST_TEXT[0]
    if occ is None or occ.text is not text:
        occ = _LAST_TEXT[0] = Occurrences(text)
    return occ


def mentions(text: str, names: Iterable[str]) -> list[list[int]]:
    """`find_mentions(text, names)`, without its scratch array of the text's
    length: spans of every mention, longest name first, not overlapping."""
    order = sorted({n for n in names if n}, key=len, reverse=True)
    occ = occurrences(text)
    if len(order) == 1:  # one name: each occurrence that starts after the last one taken
        size, spans, free = len(order[0]), [], 0
        for start in occ(order[0]):
            if start >= free:
                spans.append([start, start + size])
                free = start + size
        return spans
    starts: list[int] = []
    ends: list[int] = []  # the spans taken so far, in order (ends ascend too)
    for name in order:
        size = len(name)
        for start in occ(name):
            end = start + size
            i = bisect.bisect_left(starts, end)  # spans[:i] start before `end`
            if not i or ends[i - 1] <= start:
                starts.insert(i, start)
                ends.insert(i, end)
    return [[s, e] for s, e in zip(starts, ends)]


def _alone_count(text: str, word: str, longer: list[str], forbid_next: str = "") -> int:
    """Occurrences of `word` outside mentions of the `longer` names."""
    found = occurrences(text)(word)
    if not found:
        return 0
    spans = mentions(text, [n for n in longer if word in n and n != word])
    starts = [s for s, _e in spans]
    count = 0
    for start in found:
        end = start + len(word)
        k = bisect.bisect_right(starts, start) - 1  # the only span that may hold it (spans do not overlap)
        inside = k >= 0 and end <= spans[k][1]
        if not inside and not (forbid_next and text[end:end + len(forbid_next)] == forbid_next):
            count += 1
    return count


# list items (A、B、C等): items may hold a middle dot between two proper parts (中X·Y中心)
_LIST_ITEM = r"[\u4e00-\u9fff](?:[\u4e00-\u9fff]|·(?=[\u4e00-\u9fff])){1,10}"
_LIST_ITEMS = re.compile(rf"(?:{_LIST_ITEM}、)*{_LIST_ITEM}$")


def _name_start(text: str, start: int, end: int) -> int:
    """The start of a name without leading time words (去年公司, 2023年X公司)
    and without a measure word right after a numeral (4个产业链党委 → 产业链党委)."""
    start = time_head_end(text, start, end)
    if start < end and text[start] in _lexicon()["measures"] and _NUMERAL_CHAR.match(text[start - 1:start]):
        start += 1
    return start




def _nesting(spans: list[tuple[int, int]]):
    """`nested(start, end)`: another of `spans` covers start–end and is longer
    (starts before it and ends at or after it, or starts with it and ends after)."""
    spans = sorted(spans)
    starts = [s for s, _e in spans]
    reach, top = [], -1  # reach[i]: the furthest end among spans[:i + 1]
    for _s, e in spans:
        top = max(top, e)
        reach.append(top)

    def nested(start: int, end: int) -> bool:
        lo = bisect.bisect_left(starts, start)
        if lo and reach[lo - 1] >= end:
            return True
        hi = bisect.bisect_right(starts, start)
        return hi > lo and spans[hi - 1][1] > end
    return nested


def _list_items_start(text: str, lo: int, end: int) -> int:
    """Where `_LIST_ITEMS.search(text, lo, end)` would start (-1: no match),
    for an `end` right after a Chinese character: the items are 、-separated
    runs of 2–11 Chinese characters (a middle dot only between two of them),
    so the leftmost start is found walking back over whole items."""
    best = -1
    while True:
        seg = end  # the item that ends at `end` starts at `seg`
        while seg > lo and ("\u4e00" <= text[seg - 1] <= "\u9fff" or text[seg - 1] == "·"):
            seg -= 1
        p = max(seg, end - 11)
        dot = text.rfind("·", p, end)  # a dot must stand before a character
        while dot >= 0:
            if dot == end - 1 or not "\u4e00" <= text[dot + 1] <= "\u9fff":
                p = dot + 1
                break
            dot = text.rfind("·", p, dot)
        if p < end and text[p] == "·":
            p += 1  # an item starts with a character
        if end - p < 2:
            return best
        best = p
        if p != seg or seg <= lo or text[seg - 1] != "、":
            return best
        end = seg - 1


def _list_ends(text: str) -> list[tuple[int, int]]:
    """(start, end) of each list end, in order: 等 (one character) or the
    empty span before N家, right after a Chinese character (str.find is
    several times faster than a regex scan here)."""
    out = []
    i = text.find("等", 1)
    while i >= 0:
        if "\u4e00" <= text[i - 1] <= "\u9fff":
            out.append((i, i + 1))
        i = text.find("等", i + 1)
    i = text.find("家", 1)
    while i >= 0:
        s = i
        while s and "0" <= text[s - 1] <= "9":
            s -= 1
        if s < i and s and "\u4e00" <= text[s - 1] <= "\u9fff":
            out.append((s, s))
        i = text.find("家", i + 1)
    out.sort()
    return out


# a quoted formula: “行业党委+站点党支部+骑手党小组” (the parts of a practice)
FORMULA_QUOTE = re.compile(r"[“「『][^”」』\n]{0,40}?[+＋][^”」』\n]{0,40}?[”」』]")
_OPEN_QUOTE = re.compile("[“「『]")
_QUOTE_STOP = re.compile("[”」』\n]")


def formula_spans(text: str) -> list[tuple[int, int]]:
    """`[m.span() for m in FORMULA_QUOTE.finditer(text)]`, found from the plus
    signs. A match at an opening quote q ends right after the first quote stop
    (”」』 or a line break) after q, when that is a closing quote and a plus
    sign stands between them no more than 41 characters after q and before the
    stop: so only opening quotes up to 41 characters before a plus sign are
    tried (most texts hold a few plus signs)."""
    pluses = _char_positions(text, "+＋")
    out: list[tuple[int, int]] = []
    free = 0  # matches do not overlap: the next starts at or after the last end
    for k, p in enumerate(pluses):
        lo = max(free, p - 41, pluses[k - 1] if k else 0)  # opening quotes before the previous plus were tried
        for m in _OPEN_QUOTE.finditer(text, lo, p):
            q = m.start()
            if q < free:
                continue
            stop = _QUOTE_STOP.search(text, q + 1, q + 83)
            if stop is None or stop.group() == "\n":
                continue
            s = stop.start()
            a, b = max(q + 1, s - 41), min(s - 1, q + 41)  # where the plus sign may stand
            i = bisect.bisect_left(pluses, a)
            if i < len(pluses) and pluses[i] <= b:
                out.append((q, s + 1))
                free = s + 1
    return out
