"""The `organizations` list: companies, party organisations, government
bodies, buildings and service sites, associations, communities.

Candidates come from suffixes (nlp/data/orgs_suffixes.txt: 有限公司, 党支部,
管委会, 大厦, 联合会, 社区 …) with the owner found by `left_edge`; from
"X公司" short names; from lists "A、B、C等N家企业/等示范点"; and from the
owners of party organisations (云杉党委 → company 云杉 when the text also
names it alone). Mentions are merged within the document: declared aliases
(以下简称X), leading park/place names dropped (某市银杏广场 = 银杏广场),
party-organisation forms (中共X支部委员会 = X党支部), company short names
(青禾新材料有限公司 → 青禾), short back-references (商会党委 ~ Y区Z商会党委).
Bodies without an owner (党工委, 管委会, 园区X委员会) belong to the main park;
central bodies named alone (国务院) come from nlp/data/orgs_standalone.txt.
Not names: a body followed by a job title with no owner (组织部部长, 管委会主任:
nlp/data/orgs_title_words.txt), a measure word after a numeral or a leading
time word (4个产业链党委, 去年公司), class owners (工程机械产业链党委 names no
company). A unit's party organisation keeps its company (X有限公司Y分公司党委).
The name rules themselves live in nlp/components/org_rules.py.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

from nlp.components.org_rules import (COMPANY_TAILS, TAIL_KINDS, _alone_count, _body_of, _company_before,
                                     _is_bare_park_word, _is_park_word, _leading_place, _lexicon, _list_ends,
                                     _list_items_start, _name_start, _nesting, _ref_body, _short_place_owner,
                                     _strip_anchor_cached, _tail_match_pairs, company_core,
                                     company_spans, formula_spans, mentions, merge_keys, occurrences, party_key)
from nlp.entities import (_time_head_re, _time_heads, anchor_set, clean, declared_aliases, doc_text, is_cjk, left_edge,
                           name_like, place_anchor_set, word_set)

_IMPLIED_PARTY = ("党支部", "党总支", "党委")
_FULL_WIDTH_PARENS = str.maketrans("()", "（）")
SHORT_PLACE_SUFFIXES = ("街道", "街道办", "街道办事处", "社区")
_SHORT_CO = re.compile(r"公司")
# A、B等(N座)(重点)楼宇: the listed names are buildings
_LIST_BUILDINGS = re.compile(r"(?:[0-9一二两三四五六七八九十多]+[个栋座幢家])?(?:重点|商务|知名|优质|高端|甲级)*(?:楼宇|写字楼)")
_LIST_CLASS_NOUNS = ("社会组织", "群体", "人员", "党员", "部门", "机构", "协会", "商会",
                     "社区", "街道", "村", "领域", "行业", "赛道", "方面", "板块")
def _other_parks_bodies(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Both are bodies (党工委 …) and of different parks of the text."""
    return bool(a.get("body") and b.get("body") and a.get("body_park", "") != b.get("body_park", ""))


def _other_park_bares(parks: list[dict[str, Any]]) -> dict[str, str]:
    """Bare suffix words (高新区, 开发区 …) that refer to a park of the text other
    than the main one, and that park: {bare word: park name}. Words the main
    park answers to as well stay the main park's."""
    if len(parks) < 2:
        return {}
    from nlp.components.parks import _lexicon as park_lexicon, split_suffix

    groups = park_lexicon()["groups"]

    def bares(p: dict[str, Any]) -> set[str]:
        out: set[str] = set()
        for n in [p["name"], *p.get("aliases", [])]:
            _prefix, suf = split_suffix(n)
            if suf:
                out |= {suf, *groups.get(suf, ())}
        return out

    main_bares = bares(parks[0])
    out: dict[str, str] = {}
    for p in parks[1:]:
        for b in bares(p) - main_bares:
            out.setdefault(b, p["name"])
    return out


def _class_head(text: str, start: int, end: int) -> bool:
    """The owner opens with a class word or a numeral (各类X联盟, 3个行业协会): no name."""
    return text.startswith(_lexicon()["class_heads"], start, end) or text[start:start + 1] in "0123456789一二两三四五六七八九十几"


_FOUNDED = re.compile(r"[\u4e00-\u9fff]{2,14}$")


def _founded_start(text: str, owner_end: int) -> int:
    """Where a name founded by a verb starts (成立|楼宇企业发展|联盟, 组建“|X|联盟”):
    the owner is all Chinese characters back to a founding verb (成立, 组建 …,
    an opening quote allowed after it); -1 when there is none."""
    m = _FOUNDED.search(text, max(0, owner_end - 14), owner_end)
    if not m:
        return -1
    lo = m.start()
    if text[lo - 1:lo] in ("“", "「") and lo > 0:
        return lo if text.endswith(_lexicon()["founding_verbs"], max(0, lo - 7), lo - 1) else -1
    for verb in _lexicon()["founding_verbs"]:   # the verb is the head of the run of characters
        k = text.find(verb, lo, owner_end)
        if k >= 0:
            return k + len(verb)
    return -1


def _common_word(item: str) -> bool:
    """A dictionary word that is no proper noun (快递 v, 外卖 v; a brand tagged nr/ns/nz/nt is a name)."""
    from nlp.segment import get_segmenter

    seg = get_segmenter()
    if not seg.has_word(item):
        return False
    tags = seg.tag(item)
    return len(tags) == 1 and not tags[0][1].startswith(("nr", "ns", "nz", "nt"))


_LIST_TAIL = re.compile(r"[^，。；：！？,;!?\n]{0,16}")
_COUNT = re.compile(r"^(?:[0-9一二两三四五六七八九十多几]+[个家])")
_LEADING_COUNT = re.compile(r"^(?:[0-9一二两三四五六七八九十多几]+[个家名类])")
# an owner that is a time or a count, not a name (近两年公司, 片区一党委)
_NOT_OWNER = re.compile(r"[0-9一二两三四五六七八九十多几]+(?:年|个月|月|天)|[一二两三四五六七八九十多每各]$|^近")
# a parenthesis that explains the owner: “两新”组织(新经济组织和新社会组织)党委
_EXPLAINED = re.compile(r"[(（][^()（）]{2,14}[)）]$")
_SLOGAN = re.compile(r"“[^”]*”")
_COMPANY_ENDS = COMPANY_TAILS + ("公司",)
_BODY_END = re.compile(r"(有限公司|集团|公司|组织|[局委办部厅处署院所站会])$")
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _suffix_info() -> dict[str, tuple]:
    """Per suffix of the lexicon, what the suffix rule asks of it: (kind,
    strength, the characters it may not be followed by, a park-body suffix,
    implies a company's party organisation, a street or community suffix, a
    park body itself (党工委 after 管委会 …), a department (…部))."""
    lex = _lexicon()
    return {suf: (kind, strength, lex["not_followed"].get(suf, ""), suf in lex["body_suffixes"],
                  suf in _IMPLIED_PARTY, suf in SHORT_PLACE_SUFFIXES, clean(suf) in lex["bodies"], suf.endswith("部"))
            for suf, (kind, strength) in lex["suffixes"].items()}


@lru_cache(maxsize=1)
def _name_start_chars() -> str:
    """The characters `_name_start` may strip a name's start at (a time word's
    first character, a measure word): elsewhere it keeps the start."""
    return "".join(sorted(set(_time_heads()[2]) | set(_lexicon()["measures"])))


def _ends4(keys: set[str]) -> set[str]:
    """The last four characters of the keys (and of their 联合党 → 党 forms):
    two items are back-references of each other (`_tail_match_pairs`) only
    when they have one of these in common."""
    return {k[-4:] for k in keys if len(k) >= 4} | {k.replace("联合党", "党")[-4:] for k in keys if "联合党" in k}


def _inside(spans: list[tuple[int, int]], opens: list[int], start: int, end: int) -> bool:
    """Some of the non-overlapping, ordered `spans` (`opens`: their starts)
    holds start–end strictly inside it (a < start and end < b)."""
    k = bisect.bisect_left(opens, start) - 1
    return k >= 0 and end < spans[k][1]


class OrganizationsComponent:
    list_name = "organizations"

    def __init__(self, nlp, name: str = "organizations") -> None:
        self.name = name

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Load the lexicons once, before the first document (the common verbs
        alone are 8,000 lines)."""
        _lexicon()
        _suffix_info()
        _name_start_chars()
        _time_head_re()
        place_anchor_set()
        for name in ("orgs_common_verbs.txt", "orgs_stop_words.txt", "orgs_generic_owners.txt"):
            word_set(name)
        return None

    def match(self, doc) -> list[dict[str, Any]]:
        text = doc_text(doc)
        lex = _lexicon()
        parks = doc.user_data.get("dangjian", {}).get("parks", [])
        main = parks[0]["name"] if parks else ""
        main_names = set(parks[0].get("aliases", [])) | {main} if parks else set()
        park_names: dict[str, str] = {}
        for p in parks:
            for n in [p["name"], *p.get("aliases", [])]:
                if len(n) >= 4 or (len(n) >= 3 and (p is not parks[0] or not _is_bare_park_word(n))):
                    park_names[n] = p["name"]
        park_names = dict(sorted(park_names.items(), key=lambda kv: -len(kv[0])))  # longest first
        park_spans = sorted(tuple(s) for p in parks for s in p.get("mentions", []))
        park_starts = [s for s, _e in park_spans]
        anchors = anchor_set(park_names)
        short_bodies = lex["short_bodies"]
        cands: list[dict[str, Any]] = []
        cand_spans: set[tuple[int, int]] = set()
        cand_ends: dict[int, tuple[int, bool, int]] = {}
        main_sorted = tuple(sorted(main_names, key=len, reverse=True))
        park_order = tuple(park_names)  # longest first
        other_bares = _other_park_bares(parks)

        ends_at: dict[int, list[int]] = {}  # end → the candidates (positions in `cands`) that end there

        def add(name: str, kind: str, start: int, end: int, anchored: bool, body: bool = False, **extra):
            cands.append({"name": name, "kind": kind, "start": start, "end": end,
                          "anchored": anchored, "body": body, **extra})
            cand_spans.add((start, end))
            ends_at.setdefault(end, []).append(len(cands) - 1)
            if kind in ("government", "other", "building", "association") and not body:
                cand_ends[end] = (start, anchored, len(cands) - 1)

        aliases = declared_aliases(text) if "称" in text else []  # （以下简称X）: no 称, no alias
        declared = {end: (alias, s, e) for end, alias, s, e in aliases}
        implied: list[tuple[int, str]] = []

        # 1. suffixes
        info = _suffix_info()
        first_chars = _name_start_chars()
        generic, titles = lex["generic"], lex["titles"]
        for m in lex["pattern"].finditer(text):
            suf = m.group()
            m_start, m_end = m.span()
            kind, strength, nf, body_suffix, implied_party, short_place_suf, glued_body, dept = info[suf]
            if nf:
                nxt = text[m_end:m_end + 1]
                if nxt and nxt in nf:
                    continue
            owner_end = m_start
            prev = text[owner_end - 1:owner_end]
            if declared and prev in ")）":
                via_alias = None
                for end, (alias, s, e) in declared.items():
                    if end < owner_end <= e + 3:
                        via_alias = alias
                if via_alias:
                    add(via_alias + suf, kind, m_start, m_end, True)
                    continue
            if glued_body and text.endswith(short_bodies, 0, owner_end):
                # 党工委管委会; 党工委组织部: the 党工委's department
                glued = next(b for b in short_bodies if text.endswith(b, 0, owner_end))
                name = glued + suf if suf.endswith("部") else suf
                if name != suf:  # the 党工委 named here only as the department's owner
                    for k in ends_at.get(owner_end, ()):
                        if cands[k]["kind"] == "party_org":
                            cands[k]["dept_owner"] = True
                add(name, kind, m_end - len(name), m_end, False, body=True, body_name=clean(name))
                continue
            if prev in ")）\n":  # ($ also matches before a final \n)
                explained = _EXPLAINED.search(text, max(0, owner_end - 16), owner_end)
                if explained and kind == "party_org" and "简称" not in explained.group():
                    owner_end -= len(explained.group())  # “两新”组织(新经济组织和新社会组织)党委
            start, anchored = left_edge(text, owner_end, max_chars=24, anchors=anchors)
            if anchored and kind == "party_org":
                start = _unit_owner_start(text, start, anchored, kind, anchors)
            if start < owner_end and text[start] in first_chars:  # else nothing to strip
                start = _name_start(text, start, owner_end)
            before = cand_ends.get(owner_end)
            if before is not None and before[0] < start:
                start, anchored, k = before  # X街道|党工委: the organisation named just before
                cands[k]["chained"] = True
            short_place = short_place_suf and owner_end - start < 2
            if short_place:
                start = _short_place_owner(text, owner_end, start)
            owner = text[start:owner_end]
            if kind == "government":
                if not clean(owner) and text.startswith(titles, m_end):
                    continue  # 党工委委员、组织部部长某某: a title, not the body
                if dept:
                    for k in ends_at.get(owner_end, ()):  # X工委组织部: the 工委 is named here only as the department's owner
                        c = cands[k]
                        if c["kind"] == "party_org" and c["start"] >= start:
                            c["dept_owner"] = True
            if kind == "association":
                fstart = _founded_start(text, owner_end)
                founded = fstart >= 0 and owner_end - fstart >= 2 and not _class_head(text, fstart, owner_end)
            else:
                founded = False
            if founded:
                start = fstart
                owner = text[start:owner_end]
                anchored = True   # 成立(“)X联盟(”): a founding verb names a new association, generic words and all
            elif text[start - 1:start] == "“" and text[m_end:m_end + 1] == "”":
                continue  # a quoted project or brand name
            if text[m_end:m_end + 2] == "——" or owner[:1] == "“" and _SLOGAN.fullmatch(owner):
                continue  # a description before the name (地标性大厦——X大厦); a slogan
            if park_starts:
                k = bisect.bisect_right(park_starts, start) - 1
                if k >= 0 and m_end <= park_spans[k][1]:
                    continue  # inside a park's own name
            core = _strip_anchor_cached(owner, park_order)
            ccore = clean(core)
            body = _body_of(owner, suf, main_sorted) if body_suffix else ""
            if body and other_bares:
                bare_owner = clean(owner).removeprefix("中共")
                if bare_owner in other_bares:
                    # 高新区党工委 where 高新区 is another park of the text than the main one: that park's body
                    add(text[start:owner_end] + suf, kind, start, m_end, anchored, body=True, body_name=body,
                        body_park=other_bares[bare_owner])
                    continue
            if not body and kind == "government" and strength == "anchored" and not anchored:
                body = _ref_body(clean(owner), suf)  # 园区科技创新委员会: a body of the park
            if body:
                add(text[start:owner_end] + suf, kind, start, m_end, anchored, body=True, body_name=body)
                continue
            if not ccore or ccore in generic or len(ccore) < 2:
                if implied_party and clean(owner) in ("", "公司", "企业", "集团", "该公司", "该企业", "该集团") \
                        and (owner or not is_cjk(text[owner_end - 1:owner_end] or "。")
                             or text[owner_end - 2:owner_end] in ("公司", "企业", "集团")):
                    implied.append((m_start, suf))  # ,公司党支部设立… : the company named just before
                if not (anchored and ccore and kind != "company" and strength != "named"):
                    continue
            if not anchored and ccore.removesuffix("的") in generic:
                continue
            if _NOT_OWNER.search(ccore):
                continue
            after_org = (start, owner_end) in cand_spans
            if (strength in ("anchored", "named") or (strength == "body" and core)) and not anchored and not after_org:
                continue
            if not anchored and not short_place and not after_org and not name_like(ccore):
                continue
            name = text[start:owner_end] + suf
            if kind != "party_org" and name.startswith("中"):
                for lead in ("中国共产党", "中共"):
                    if name.startswith(lead):
                        name, start = name[len(lead):], start + len(lead)
            add(name, kind, start, m_end, anchored, owner=clean(core) if kind == "party_org" else "")

        # 1b. central bodies named alone (国务院)
        for name, kind in lex["standalone"]:
            pos = text.find(name)
            while pos >= 0:
                if (pos, pos + len(name)) not in cand_spans and not any(
                        c["start"] <= pos and pos + len(name) <= c["end"] for c in cands):
                    add(name, kind, pos, pos + len(name), True, central=True)
                pos = text.find(name, pos + 1)

        # 2. short company names: X公司
        for m in _SHORT_CO.finditer(text):
            if text[m.start() - 2:m.start()] in ("有限", "集团", "股份") or text[m.start() - 1:m.start()] in "分子总母":
                continue
            start, anchored = left_edge(text, m.start(), max_chars=6, anchors=anchors)
            start = _name_start(text, start, m.start())
            owner = clean(text[start:m.start()])
            if not 2 <= len(owner) <= 4 or owner in lex["generic"] or anchored or not name_like(owner) \
                    or _NOT_OWNER.search(owner):
                continue
            add(owner + "公司", "company", start, m.end(), False, short=owner)

        # 3. lists: A、B、C等N家企业 / 等示范点 / 等多个党支部
        for m_start, m_end in _list_ends(text):
            tail = _LIST_TAIL.match(text, m_end).group()
            if not lex["heads_re"].search(tail, 0, 12):
                continue
            if lex["head_clause"].match(tail):
                continue  # 停车难、X等楼宇企业关心的问题: the items are what the head's clause is about
            noun = _LEADING_COUNT.sub("", tail)
            if noun.startswith(_LIST_CLASS_NOUNS):
                continue  # 等社会组织 / 等群体
            lm_start = _list_items_start(text, max(0, m_start - 80), m_start)
            if lm_start < 0:
                continue
            items = text[lm_start:m_start].split("、")
            if len(items) < 2 and not (m_end > m_start and _COUNT.match(tail)):
                continue
            list_kind = "building" if _LIST_BUILDINGS.match(tail) else "company"
            pos = lm_start
            first_end = pos + len(items[0])
            s0, _ = left_edge(text, first_end, max_chars=8, anchors=anchors)
            if text[s0 - 1:s0] == "·" and s0 - 1 > lm_start:  # 中X·Y中心: one name
                s0 = max(lm_start, left_edge(text, s0 - 1, max_chars=6, anchors=anchors)[0])
            for k in range(first_end - 2, s0, -1):  # 楼宇内青禾 → 青禾
                if text[s0:k] in lex["generic"] or text[k - 1] in "内里的":
                    s0 = k
                    break
            items[0] = text[s0:first_end]
            pos = s0
            for item in items:
                i0 = text.find(item, pos)
                pos = i0 + len(item)
                if not 2 <= len(item) <= (10 if "·" in item else 6) or item in park_names or item in lex["generic"]:
                    continue
                if lex["pattern"].search(item) or not name_like(item, use_tags=False):  # holds a suffix
                    continue
                if any(g in item for g in ("党", "示范", "企业", "公司")) or item.endswith(lex["list_stop_tails"]):
                    continue
                if _common_word(item):
                    continue  # 快递、外卖、网约车等新业态企业: kinds of business, not names
                add(item, list_kind, i0, pos, False, listed=True)

        companies = company_spans(text, cands) if implied else []
        for pos, suf in implied:
            company = _company_before(text, cands, pos, companies)
            if not company and text.endswith("集团", 0, pos):   # 集团党委: the last group company named before
                company = next((name for _s, e, name, is_company in reversed(companies)
                                if is_company and e <= pos and "集团" in name), "")
            company = company if company and not company.endswith("公司") or len(company) > 6 else ""
            if company:
                add(company + suf, "party_org", pos, pos + len(suf), False, owner=company)
        formulas = formula_spans(text)
        if formulas:   # “行业党委+站点党支部+骑手党小组”: the parts of a practice, not organisations
            # the formulas do not overlap: only the last one that opens before a candidate may hold it
            opens = [a for a, _b in formulas]
            cands = [c for c in cands if not _inside(formulas, opens, c["start"], c["end"])]
        return self._resolve(text, cands, parks, main, park_names, aliases)

    # -- merging ---------------------------------------------------------------
    def _resolve(self, text, cands, parks, main, park_names, aliases=None) -> list[dict[str, Any]]:
        """Candidates merged into items (`aliases`: `declared_aliases(text)`, if known)."""
        park_order = tuple(park_names)
        items: list[dict[str, Any]] = []
        # drop places/buildings nested inside a longer candidate
        nested = _nesting([(c["start"], c["end"]) for c in cands])
        kept = []
        for c in cands:
            if c["kind"] in ("government", "other", "party_org") and not c["body"] \
                    and not c.get("chained") and nested(c["start"], c["end"]):
                continue
            if c.get("dept_owner"):
                continue
            kept.append(c)

        key_index: dict[str, dict[str, int]] = {}  # kind → key → first item holding it
        main_names = {parks[0]["name"], *parks[0].get("aliases", [])} if parks else set()
        for c in kept:
            name, kind = c["name"], c["kind"]
            keys = ({"body:" + c["body_name"] + "@" + c.get("body_park", "")} if c["body"]
                    else merge_keys(name, kind == "party_org", park_order))
            index = key_index.get(kind)
            if index is None:
                index = key_index[kind] = {}
            pos = len(items)
            for k in keys:   # the first item that holds one of the keys
                p = index.get(k, pos)
                if p < pos:
                    pos = p
            if pos == len(items):
                it = {"names": set(), "_keys": set(), "kind": kind, "first": c["start"],
                      "body": c.get("body_name", ""), "body_park": c.get("body_park", ""),
                      "listed": c.get("listed", False), "count": 0, "_pos": pos, "spans": []}
                items.append(it)
            else:
                it = items[pos]
            it["names"].add(name)
            it["_keys"] |= keys
            for k in keys:   # each key now points at this item (none pointed earlier: it is the first)
                index[k] = pos
            it["count"] += 1
            it["spans"].append([c["start"], c["end"]])
            if not c.get("listed"):
                it["listed"] = False
        # declared aliases
        for end, alias, _s, _e in declared_aliases(text) if aliases is None else aliases:
            for it in items:
                if text.endswith(tuple(it["names"]), 0, end):  # one of its names ends there
                    it["names"].add(clean(alias))
                    it["_keys"].add(clean(alias))
                    it["declared"] = True
        for it in items:
            if it["body"] and main:
                owner_names = main_names
                if it.get("body_park"):
                    owner_names = next(({p["name"], *p.get("aliases", [])} for p in parks
                                        if p["name"] == it["body_park"]), set())
                for n in owner_names:
                    if len(n) >= 4:
                        it["names"].add(n + it["body"])
        self._company_aliases(text, items, park_names)
        self._owner_companies(text, items, park_names)
        self._party_owner_keys(items, park_names)
        self._listed_short_forms(items)
        return self._output(text, self._merge(items), parks, park_names, main)

    @staticmethod
    def _merge(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Items that now share a name merged: into the first earlier item of
        the same kind that shares a key or (for TAIL_KINDS) a back-reference."""
        merged: list[dict[str, Any]] = []
        groups: dict[str, list[dict[str, Any]]] = {}  # kind → merged items in order
        shared: dict[str, dict[str, int]] = {}  # kind → key → first position in its group
        for it in items:
            kind = it["kind"]
            keys = {clean(n) for n in it["names"]} | it["_keys"]
            group = groups.get(kind)
            if group is None:
                group, index = groups[kind], shared[kind] = [], {}
            else:
                index = shared[kind]
            first = len(group)
            for k in keys:
                p = index.get(k, first)
                if p < first:
                    first = p
            body, body_park = it.get("body"), it.get("body_park", "")   # two parks' 党工委 are two bodies
            other = group[first] if first < len(group) else None
            if other is not None and body and other.get("body") and other.get("body_park", "") != body_park:
                other = None
            if kind in TAIL_KINDS:
                tails = {k[-2:] for k in keys}
                ends4 = None
                for o in group[:first] if tails else ():
                    if body and o.get("body") and o.get("body_park", "") != body_park:
                        continue
                    if not tails.isdisjoint(o["_tails"]):
                        if ends4 is None:
                            ends4 = _ends4(keys)
                        if o["_ends4"] is None:
                            o["_ends4"] = _ends4(o["_all"])
                        if not ends4.isdisjoint(o["_ends4"]) and _tail_match_pairs(o["_all"], keys):
                            other = o
                            break
            else:
                tails = set()
            if other is None:
                it["_all"] = keys
                it["_tails"] = tails
                it["_ends4"] = None   # `_ends4(it["_all"])`, computed when first needed
                gpos = it["_gpos"] = len(group)
                group.append(it)
                merged.append(it)
            else:
                other["names"] |= it["names"]
                other["_all"] |= keys
                other["_tails"] |= tails
                other["_ends4"] = None
                other.setdefault("spans", []).extend(it.get("spans", []))
                other["listed"] = other["listed"] and it["listed"]
                gpos = other["_gpos"]
            for k in keys:
                if index.get(k, len(group)) > gpos:
                    index[k] = gpos
        return merged

    def _output(self, text, merged, parks, park_names, main) -> list[dict[str, Any]]:
        """The list items: each merged item's name (the longest found in the
        text, …), aliases, kind, park and mentions, in order of first mention."""
        occ = occurrences(text)
        out = []
        for it in merged:
            names = it["names"]
            if len(names) == 1:
                name = next(iter(names))
            else:   # (`occ(n)`: where n stands in the text, searched once for the mentions too)
                party = it["kind"] == "party_org"
                name = max(names, key=lambda n: (party or not n.startswith(("中共", "中国共产党")),
                                                 bool(occ(n)), len(n), "‘" not in n, n))
            park = self._park_of(name, names, parks, park_names, main)
            # the text is normalised to ASCII parentheses; the source may have written full-width ones
            names = names | {n.translate(_FULL_WIDTH_PARENS) for n in names if "(" in n or ")" in n}
            out.append({"name": name, "aliases": sorted(names - {name}, key=lambda n: (-len(n), n)),
                        "kind": it["kind"], "park": park,
                        "mentions": mentions(text, names) or sorted(it.get("spans", []))})
        out.sort(key=lambda o: o["mentions"][0][0] if o["mentions"] else len(text))
        return out

    def _company_aliases(self, text, items, park_names) -> None:
        """Short names of companies the text uses alone: 青禾新材料有限公司 →
        青禾; 云杉乳业(某市)有限公司 → 云杉乳业; 云杉公司 → 云杉."""
        park_words = tuple(park_names)
        in_park_word = "\n".join(park_words)  # `short in` it: `short` is part of a park's name
        generic = word_set("orgs_generic_owners.txt")
        for it in items:
            if it["kind"] != "company" or it.get("declared"):
                continue
            for full in list(it["names"]):
                core = company_core(full, park_words)
                if not core:
                    continue
                longer = [n for n in it["names"] if n != core]
                for n in range(len(core), 1, -1):
                    short = core[:n]
                    if short in generic or short in in_park_word:
                        continue
                    alone = _alone_count(text, short, longer + [full])
                    whole = n == len(core)
                    if alone >= (2 if n == 2 and not whole else 1) and (n > 2 or whole or name_like(short)):
                        it["names"].add(short)
                        break

    def _party_owner_keys(self, items, park_names) -> None:
        """云杉公司党支部 / 青禾党支部: the owner is a company's short name, so
        the party organisation is the company's (X有限公司党支部)."""
        party_suffixes = _lexicon()["party_suffixes"]
        fulls: dict[str, list[str]] = {}  # a company's name → its longest name, per company in order
        for c in items:
            if c["kind"] == "company" and c["names"]:
                cnames = {clean(n) for n in c["names"]}
                full = max(cnames, key=lambda n: (len(n), n))
                for n in cnames:
                    fulls.setdefault(n, []).append(full)
        for it in items:
            if it["kind"] != "party_org" or it["body"]:
                continue
            for name in list(it["names"]):
                key = party_key(name)
                if not key.endswith(party_suffixes):
                    continue
                suf = next(x for x in party_suffixes if key.endswith(x))
                owner = key[: -len(suf)]
                for full in fulls.get(owner, ()) if owner else ():
                    it["_keys"].add(full + suf)
                    if full + suf not in {clean(n) for n in it["names"]}:
                        it["names"].add(full + suf)

    def _listed_short_forms(self, items) -> None:
        """A listed name that starts with a company's short name (青禾包装 ~ 青禾)
        is that company."""
        companies = [(c, [n for n in c["names"] if 2 <= len(n) <= 4])
                     for c in items if c["kind"] == "company" and not c["listed"]]
        for it in items:
            if it["kind"] != "company" or not it["listed"]:
                continue
            for c, shorts in companies:
                if shorts and any(n.startswith(sh) and n != sh for n in it["names"] for sh in shorts):
                    it["_keys"] |= {clean(n) for n in c["names"]}
                    break

    def _owner_companies(self, text, items, park_names) -> None:
        """云杉党委 → company 云杉, when the text also names 云杉 alone."""
        lex = _lexicon()
        park_order = tuple(park_names)
        known = set()  # the companies' names, also without a leading place or park name
        for c in items:
            if c["kind"] == "company":
                known |= c["names"]
                known.update(_strip_anchor_cached(n, park_order) for n in c["names"])
        party_suffixes = lex["party_suffixes"]
        for it in [i for i in items if i["kind"] == "party_org" and not i["body"]]:
            for name in list(it["names"]):
                owner = ""
                if name.endswith(party_suffixes):
                    suf = next(x for x in party_suffixes if name.endswith(x))
                    owner = name[: -len(suf)]
                owner = _strip_anchor_cached(owner.removeprefix("中共"), park_order)
                if not owner or owner in park_names or owner in lex["generic"] or len(owner) > 8:
                    continue
                if owner in known:
                    continue  # 厦门X党委 with company 厦门X: the owner is that company
                if owner.endswith(lex["class_tails"]):
                    continue  # X商会党委, 工程机械产业链党委: the owner is no company
                if _BODY_END.search(owner) or _leading_place(owner) == owner:
                    continue
                if not name_like(owner) or _NOT_CJK.search(owner) or _is_park_word(owner):
                    continue
                if _alone_count(text, owner, [name], forbid_next="党") >= 1:
                    c = {"names": {owner}, "_keys": {owner}, "kind": "company", "first": 0,
                         "body": "", "listed": False, "count": 1}
                    items.append(c)
                    known.update((owner, _strip_anchor_cached(owner, park_order)))

    def _park_of(self, name, names, parks, park_names, main) -> str:
        if park_names:
            for n in sorted(names, key=len, reverse=True) if len(names) > 1 else names:
                for pn in park_names:
                    if n.startswith(pn) or (len(pn) >= 4 and pn in n):
                        return park_names[pn]
        head = _leading_place(name.removeprefix("中共"))
        if head:
            return ""
        return main

    def set_annotations(self, doc, items: list[dict[str, Any]]) -> None:
        doc.user_data.setdefault("dangjian", {})[self.list_name] = items

    def __call__(self, doc):
        self.set_annotations(doc, self.match(doc))
        return doc


def _unit_owner_start(text: str, start: int, anchored: bool, kind: str, anchors) -> int:
    """A party organisation of a company's unit (X有限公司Y分公司党委, X集团Y园区党委)
    starts with the company: a place-anchored owner right after a company name
    extends over it."""
    if kind != "party_org" or not anchored or not text.endswith(_COMPANY_ENDS, max(0, start - 6), start):
        return start
    s2, _ = left_edge(text, start, max_chars=24, anchors=anchors)
    return s2 if start - s2 >= 4 else start


def make_component(nlp, name: str):
    return OrganizationsComponent(nlp, name)
