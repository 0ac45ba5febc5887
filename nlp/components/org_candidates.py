"""Candidate finding of the `organizations` list: every mention that may name
an organisation, in text order per rule, before merging (org_merge.py).

- suffixes of nlp/data/orgs_suffixes.txt with the owner found by `left_edge`
  and bounded by `org_bounds.name_bounds` (`_suffix_candidates`): bodies of the park, party organisations, declared
  aliases before a suffix, founded associations, and the filters that say an
  owner is no name (a title, a time, a class word, a slogan, a park's name);
- central bodies named alone, short company names "X公司", list items
  "A、B、C等N家企业 / 等示范点", a company's party organisation named without
  its company (公司党支部), branches joined to their company: org_lists.py;
- named teams and service sites (“X”志愿服务队, “X”职工服务站, “X帮帮团”:
  nlp/data/orgs_named_units.txt).
Candidates inside a quoted formula (“行业党委+站点党支部”) or a footer, outlet
field, issuer line or photo credit ((图片由X提供), X供图) are dropped.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

from nlp.components.org_bounds import name_bounds
from nlp.components.org_lists import (_COUNT, _NOT_OWNER, _implied_candidates, _join_branches, _list_candidates,
                                      _short_company_candidates, _standalone_candidates)
from nlp.components.org_refs import (DEMONSTRATIVE, _backrefs, anchor_across_gap, backref_owners, backref_word,
                                     built_class, class_association, coordinated_class, credit_lines, floor_follows,
                                     founder, generic_owner, in_role, issuer_lines, link_lines,
                                     named_unit_candidates, own_street, quoted_founded_start, source_fields)
from nlp.components.org_rules import (COMPANY_TAILS, _body_of, _is_bare_park_word, _lexicon, _name_start, _ref_body,
                                      _short_place_owner, _strip_anchor_cached)
from nlp.components.org_scans import formula_spans
from nlp.entities import (_chain_left, _ends_with_anchor, _left_edge, _orgs_stop_words, _time_heads, anchor_set, clean,
                          declared_aliases, is_cjk, name_like, place_anchors)

_IMPLIED_PARTY = ("党支部", "党总支", "党委")
SHORT_PLACE_SUFFIXES = ("街道", "街道办", "街道办事处", "社区")
_COUNT_FIRSTS = frozenset("0123456789一二两三四五六七八九十多几")
# a parenthesis that explains the owner: “两新”组织(新经济组织和新社会组织)党委
_EXPLAINED = re.compile(r"[(（][^()（）]{2,14}[)）]$")
# a place in brackets inside a company's name: X(中国)有限公司, X科技(深圳)有限公司
_BRACKETED_PLACE = re.compile(r"\([\u4e00-\u9fff]{2,4}\)")
_SLOGAN = re.compile(r"“[^”]*”")
_COMPANY_ENDS = COMPANY_TAILS + ("公司",)
_FOUNDED = re.compile(r"[\u4e00-\u9fff]{2,14}$")
_COMMITTEE = "委员会"
_BANK = "银行"
_BRANCH_AFTER = re.compile(r"[\u4e00-\u9fff]{0,8}?[支分]行")
_PARTY_LEADS = ("中共", "中国共产党")


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


def _after_linked_org(text: str, start: int, owner_end: int, ends_at: dict[int, list[int]],
                      anchored: bool) -> tuple[int, bool]:
    """An owner that runs over an organisation found before and a verb that
    joins two organisations (X高新区党工委|联合|Y有限公司): the name starts after
    the verb, unanchored; else (start, anchored)."""
    verbs = _lexicon()["link_verbs"]
    for e in range(owner_end - 3, start + 1, -1):
        if e in ends_at:
            rest = text[e:owner_end]
            verb = next((v for v in verbs if rest.startswith(v)), "")
            if verb and owner_end - e - len(verb) >= 2:
                return e + len(verb), False
    return start, anchored


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


def _inside(spans: list[tuple[int, int]], opens: list[int], start: int, end: int) -> bool:
    """Some of the non-overlapping, ordered `spans` (`opens`: their starts)
    holds start–end strictly inside it (a < start and end < b)."""
    k = bisect.bisect_left(opens, start) - 1
    return k >= 0 and end < spans[k][1]


def _unit_owner_start(text: str, start: int, anchored: bool, kind: str, anchors) -> int:
    """A party organisation of a company's unit (X有限公司Y分公司党委, X集团Y园区党委)
    starts with the company: a place-anchored owner right after a company name
    extends over it."""
    if kind != "party_org" or not anchored or not text.endswith(_COMPANY_ENDS, max(0, start - 6), start):
        return start
    s2, _ = _left_edge(text, start, 24, anchors, _orgs_stop_words(), False)
    return s2 if start - s2 >= 4 else start


class Candidates:
    """The candidates of one document in the order found, with the indexes
    the rules look them up by: their spans, their ends, and the end of each
    named organisation a body may be chained to (X街道|党工委)."""

    __slots__ = ("items", "spans", "ends", "ends_at")

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self.spans: set[tuple[int, int]] = set()
        self.ends: dict[int, tuple[int, bool, int]] = {}   # end → (start, anchored, position) of an organisation
        self.ends_at: dict[int, list[int]] = {}   # end → the candidates (positions in `items`) that end there

    def add(self, name: str, kind: str, start: int, end: int, anchored: bool, body: bool = False, **extra) -> None:
        items = self.items
        items.append({"name": name, "kind": kind, "start": start, "end": end,
                      "anchored": anchored, "body": body, **extra})
        self.spans.add((start, end))
        self.ends_at.setdefault(end, []).append(len(items) - 1)
        if kind in ("government", "other", "building", "association") and not body:
            self.ends[end] = (start, anchored, len(items) - 1)


def park_names_of(parks: list[dict[str, Any]]) -> dict[str, str]:
    """The names the document's parks go by (bare suffix words of the main
    park left out), longest first: {name: park name}."""
    park_names: dict[str, str] = {}
    for p in parks:
        for n in [p["name"], *p.get("aliases", [])]:
            if len(n) >= 4 or (len(n) >= 3 and (p is not parks[0] or not _is_bare_park_word(n))):
                park_names[n] = p["name"]
    return dict(sorted(park_names.items(), key=lambda kv: -len(kv[0])))  # longest first


def find_candidates(text: str, parks: list[dict[str, Any]], park_names: dict[str, str]
                    ) -> tuple[list[dict[str, Any]], list[tuple[int, str, int, int]]]:
    """The candidates of `text` (`park_names`: `park_names_of(parks)`), and
    its declared aliases (`declared_aliases(text)`)."""
    anchors = anchor_set(park_names)
    found = Candidates()
    aliases = declared_aliases(text) if "称" in text else []  # （以下简称X）: no 称, no alias
    implied = _suffix_candidates(text, parks, park_names, anchors, aliases, found)
    _standalone_candidates(text, found)
    _short_company_candidates(text, anchors, found)
    _list_candidates(text, park_names, anchors, found)
    _implied_candidates(text, implied, found)
    if "”" in text:
        named_unit_candidates(text, found)
    cands = _join_branches(found.items)
    links = link_lines(text) + source_fields(text) + issuer_lines(text) + credit_lines(text)
    if links:   # 相关链接：X市人民政府: portal links in the footer; 来源：X管委会: the outlet
        cands = [c for c in cands if not any(a <= c["start"] < b for a, b in links)]
    formulas = formula_spans(text)
    if formulas:   # “行业党委+驿站党支部+快递员党小组”: the parts of a practice, not organisations
        # the formulas do not overlap: only the last one that opens before a candidate may hold it
        opens = [a for a, _b in formulas]
        cands = [c for c in cands if not _inside(formulas, opens, c["start"], c["end"])]
    return cands, aliases


def _suffix_candidates(text: str, parks: list[dict[str, Any]], park_names: dict[str, str], anchors,
                       aliases: list[tuple[int, str, int, int]], found: Candidates) -> list[tuple[int, str]]:
    """1. Names that end with a suffix of the lexicon; returns the party
    organisations named without their company (position, suffix)."""
    lex = _lexicon()
    main = parks[0]["name"] if parks else ""
    main_names = set(parks[0].get("aliases", [])) | {main} if parks else set()
    park_spans = sorted(tuple(s) for p in parks for s in p.get("mentions", []))
    park_starts = [s for s, _e in park_spans]
    short_bodies = lex["short_bodies"]
    main_sorted = tuple(sorted(main_names, key=len, reverse=True))
    park_order = tuple(park_names)  # longest first
    other_bares = _other_park_bares(parks)
    cands, cand_spans, cand_ends, ends_at, add = found.items, found.spans, found.ends, found.ends_at, found.add
    declared = {end: (alias, s, e) for end, alias, s, e in aliases}
    # the declared short names of organisations (not of parks), longest first
    short_names = sorted({a for _end, a, _s, _e in aliases if len(a) >= 3 and a not in park_names}, key=len, reverse=True)
    implied: list[tuple[int, str]] = []

    info = _suffix_info()
    stop_words = _orgs_stop_words()
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
        if suf == _BANK and _BRANCH_AFTER.match(text, m_end):
            continue   # X银行|Y支行: the branch is the organisation named
        owner_end = m_start
        prev = text[owner_end - 1:owner_end]
        if declared and prev in ")）":
            via_alias, full = None, None
            for end, (alias, s, e) in declared.items():
                if end < owner_end <= e + 3:
                    via_alias, full = alias, cand_ends.get(end)
            if via_alias:
                # X联盟(以下简称“Y”)+party suffix: the alias form, also named after X in full
                also = cands[full[2]]["name"] + suf if full is not None and kind == "party_org" else ""
                add(via_alias + suf, kind, m_start, m_end, True, also=also)
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
        start, anchored = _left_edge(text, owner_end, 24, anchors, stop_words, False)
        if anchored and kind == "party_org":
            start = _unit_owner_start(text, start, anchored, kind, anchors)
        if start < owner_end and text[start] in first_chars:  # else nothing to strip
            start = _name_start(text, start, owner_end)
        if not anchored and short_names:
            for alias in short_names:   # longest first
                if len(alias) > owner_end - start and text.endswith(alias, 0, owner_end):
                    start, anchored = owner_end - len(alias), True   # 越|芯微电子党委: a declared short name, whole
                    if _ends_with_anchor(text, start, anchors):   # a place before it: the full name
                        start = _chain_left(text, start, 0, anchors)
                    break
        if not anchored and kind == "company" and suf in COMPANY_TAILS and start < owner_end:
            s2 = anchor_across_gap(text, start, anchors)
            if s2 >= 0:
                start, anchored = s2, True
        start, anchored, branded = name_bounds(text, start, owner_end, m_end, anchored, kind, suf, anchors, park_names)
        if start < 0:
            continue   # 科技有限公司党支部: a class of companies, no name
        if not anchored and kind == "party_org" and suf[0] in "区县市" and start < owner_end \
                and text[start:owner_end] + suf[0] in place_anchors():
            anchored = True   # 龙华|区委: the suffix's first character completes a place name
        if kind == "association" and not anchored and text.endswith("企业", 0, start):
            # <place>X企业Y协会: 企业 inside an association's name, which starts at a place
            s2, a2 = _left_edge(text, start - 2, 24, anchors, stop_words, False)
            if a2:
                start, anchored = s2, True
        if anchored and owner_end - start > 6:
            start, anchored = _after_linked_org(text, start, owner_end, ends_at, anchored)
        before = cand_ends.get(owner_end)
        if before is not None and before[0] < start:
            start, anchored, k = before  # X街道|党工委: the organisation named just before
            cands[k]["chained"] = True
        role_only = False
        short_place = short_place_suf and owner_end - start < 2
        if short_place:
            start = _short_place_owner(text, owner_end, start)
        owner = text[start:owner_end]
        if kind == "government":
            if not clean(owner) and text.startswith(titles, m_end):
                continue  # 党工委委员、组织部部长某某: a title, not the body
            if dept and in_role(text, m_end, titles):
                role_only = True
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
        quoted_name = kind in ("party_org", "service_site") and quoted_founded_start(text, owner_end)
        if quoted_name and quoted_name > 0:
            start, anchored = quoted_name, True   # 组建“X”联合党委: a founded body, named by its quote
            owner = text[start:owner_end]
        if founded and _COUNT.match(text[m_end:m_end + 4]):
            continue  # 组建商圈党建联盟3个: a class counted, no name
        if founded:
            start = fstart
            owner = text[start:owner_end]
            anchored = True   # 成立(“)X联盟(”): a founding verb names a new association, generic words and all
        elif text[start - 1:start] == "“" and text[m_end:m_end + 1] == "”":
            continue  # a quoted project or brand name
        if text[m_end:m_end + 2] == "——" or owner[:1] == "“" and _SLOGAN.fullmatch(owner) and quoted_name <= 0 \
                and not (body_suffix and _body_of(owner, suf, main_sorted)):
            continue  # a description before the name (地标性大厦——X大厦); a slogan (not “两新”工委)
        if park_starts:
            k = bisect.bisect_right(park_starts, start) - 1
            if k >= 0 and m_end <= park_spans[k][1]:
                continue  # inside a park's own name
        core = _strip_anchor_cached(owner, park_order)
        ccore = clean(core)
        if not anchored and (text[m_end:m_end + 1] in _COUNT_FIRSTS and _COUNT.match(text[m_end:m_end + 4])
                             and (kind == "party_org" or ccore in lex["refs"])
                             or kind == "association" and class_association(ccore)):
            continue  # 商会党支部9个, 区级党群服务中心3个: a class counted; 行业协会|商会: class words only
        if kind in ("service_site", "building") and built_class(ccore, kind):
            continue  # (云岭高新区)新建|商圈党群服务站3个: a class being built
        body = _body_of(owner, suf, main_sorted) if body_suffix else ""
        if suf == _COMMITTEE and owner.startswith(_PARTY_LEADS):
            # 中共X工作委员会 = X党工委, 中共X委员会 = X党委: a party committee in full
            kind = "party_org"
            if owner.endswith("工作"):
                body = _body_of(owner[:-2], "党工委", main_sorted)
        if body and other_bares:
            bare_owner = clean(owner).removeprefix("中共")
            if bare_owner in other_bares:
                # 高新区党工委 where 高新区 is another park of the text than the main one: that park's body
                add(text[start:owner_end] + suf, kind, start, m_end, anchored, body=True, body_name=body,
                    body_park=other_bares[bare_owner])
                continue
        if not body and kind == "government" and strength == "anchored" and not anchored:
            body = _ref_body(clean(owner), suf)  # 园区人才发展委员会: a body of the park
        if body:   # (a department named only in a person's title is no item: 党群工作部部长某某)
            add(text[start:owner_end] + suf, kind, start, m_end, anchored, body=True, body_name=body,
                **({"in_role": True} if role_only else {}))
            continue
        if kind == "party_org" and not anchored and ccore.lstrip("我本") in SHORT_PLACE_SUFFIXES[:1]:
            street = own_street(cands)
            if street:   # 我街道|党工委 in a 街道's own report: the committee of the street it names
                add(street + suf, kind, start, m_end, True, alias=ccore.lstrip("我本") + suf)
                continue
        if kind == "party_org" and suf.endswith("委") and not anchored:
            word, qual = backref_word(ccore)
            if qual:   # 园区综合|党委: the park's committee, named by the class word and 综合/联合
                owners = backref_owners(text, start, word, park_spans, cands)
                for owner_name in owners:
                    add(owner_name + qual + suf, kind, start, m_end, True)
                if owners:
                    continue
        if coordinated_class(ccore):
            continue  # 楼宇和|园区党群服务站: class words joined, no name
        if not ccore or ccore in generic or len(ccore) < 2 or not anchored and generic_owner(text, start, owner_end):
            if kind == "party_org" and suf.endswith("委") and not anchored and ccore in _backrefs():
                for owner_name in backref_owners(text, start, ccore, park_spans, cands):
                    add(owner_name + suf, kind, start, m_end, True)
            if implied_party and clean(owner) in ("", "公司", "企业", "集团", "该公司", "该企业", "该集团") \
                    and (owner or not is_cjk(text[owner_end - 1:owner_end] or "。")
                         or text[owner_end - 2:owner_end] in ("公司", "企业", "集团")
                         or DEMONSTRATIVE.search(text, max(0, owner_end - 9), owner_end)):
                implied.append((m_start, suf))  # ,公司党支部设立… / 这家企业的党支部: the company named just before
            if implied_party and not owner:
                by = founder(text, owner_end, found)
                if by:   # X协会成立|党支部: X's party organisation
                    add(by + suf, kind, m_start, m_end, True)
                    continue
            if not (anchored and ccore and kind != "company" and strength != "named"):
                continue
        if not anchored and ccore.removesuffix("的") in generic:
            continue
        if _NOT_OWNER.search(ccore):
            continue
        after_org = (start, owner_end) in cand_spans
        if kind == "building" and strength == "anchored" and not anchored and floor_follows(text, m_end):
            anchored = True   # X金融中心22楼: a floor makes the name a building
        if (strength in ("anchored", "named") or (strength == "body" and core)) and not anchored and not after_org:
            continue
        if not anchored and not short_place and not after_org and not branded and not name_like(ccore) \
                and not (kind == "company" and "(" in ccore and name_like(_BRACKETED_PLACE.sub("", ccore))):
            continue
        name = text[start:owner_end] + suf
        if kind != "party_org" and name.startswith("中"):
            for lead in ("中国共产党", "中共"):
                if name.startswith(lead):
                    name, start = name[len(lead):], start + len(lead)
        if role_only:
            add(name, kind, start, m_end, anchored, in_role=True)
        else:
            add(name, kind, start, m_end, anchored)
    return implied


