"""Candidate rules of the `organizations` list beyond the suffix scan
(org_candidates.py): central bodies named alone (nlp/data/orgs_standalone.txt),
short company names "X公司", list items "A、B、C等N家企业 / 等示范点 / 等N栋楼宇",
a company's party organisation named without its company (公司党支部: the
company named just before), and a company joined with its branch named right
after it (X股份有限公司|某地分公司).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from nlp.components.org_bounds import brand_start
from nlp.components.org_refs import generic_compound
from nlp.components.org_rules import _company_before, _lexicon, _name_start, company_spans
from nlp.components.org_scans import _list_ends, _list_items_start
from nlp.entities import _left_edge, _orgs_stop_words, _segmenter, _tag, clean, is_cjk, name_like, word_set

if TYPE_CHECKING:
    from nlp.components.org_candidates import Candidates

_COUNT = re.compile(r"^(?:[0-9一二两三四五六七八九十多几]+[个家])")
# an owner that is a time or a count, not a name (近两年公司, 商圈一党委)
_NOT_OWNER = re.compile(r"[0-9一二两三四五六七八九十多几]+(?:年|个月|月|天)|[一二两三四五六七八九十多每各]$|^近")
_SHORT_CO = re.compile(r"公司")
# A、B等(N座)(重点)楼宇: the listed names are buildings
_LIST_BUILDINGS = re.compile(r"(?:[0-9一二两三四五六七八九十多]+[个栋座幢家])?(?:重点|商务|知名|优质|高端|甲级)*(?:楼宇|写字楼)")
_LIST_CLASS_NOUNS = ("社会组织", "群体", "人员", "党员", "部门", "机构", "协会", "商会",
                     "社区", "街道", "村", "领域", "行业", "赛道", "方面", "板块")
_LIST_TAIL = re.compile(r"[^，。；：！？,;!?\n]{0,16}")
_LEADING_COUNT = re.compile(r"^(?:[0-9一二两三四五六七八九十多几]+[个家名类])")


def _common_word(item: str) -> bool:
    """A dictionary word that is no proper noun (快递 v, 外卖 v; a brand tagged nr/ns/nz/nt is a name)."""
    if not _segmenter().has_word(item):
        return False
    tags = _tag(item)   # (rjieba's tags of the item, as `left_edge` has them)
    return len(tags) == 1 and not tags[0][1].startswith(("nr", "ns", "nz", "nt"))


def _business_line(item: str, of_kinds: bool) -> bool:
    """A list item that ends with an activity (设计, 制造, 研发: rjieba's v/vn)
    after a term (集成电路设计, 芯片设计): a line of business, not a short name.
    The words before the activity are dictionary words (世腾|包装 is a name),
    no proper noun; beside kinds of business (of_kinds) a technical term (nz)
    may lead it."""
    tags = _tag(item)
    if len(tags) < 2 or tags[-1][1] not in ("v", "vn"):
        return False
    proper = ("nr", "ns", "nt") if of_kinds else ("nr", "ns", "nz", "nt")
    has_word = _segmenter().has_word
    return all(not tag.startswith(proper) and has_word(w) for w, tag, _s, _e in tags[:-1])


def _join_branches(cands: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A company followed at once by <place>分公司 is that one company, the
    branch (X股份有限公司天津分公司): the two candidates become one."""
    branch_words = tuple(word_set("orgs_branch_words.txt"))
    branches = [b for b in cands if b["kind"] == "company" and b["name"].endswith(branch_words)]
    if not branches:
        return cands
    parents: dict[int, list[dict[str, Any]]] = {}
    for c in cands:
        if c["kind"] == "company" and not c["name"].endswith(branch_words):
            parents.setdefault(c["end"], []).append(c)
    joined: dict[int, dict[str, Any] | None] = {}
    full: dict[str, str] = {}                      # branch name as found → the company's whole name
    found_whole = {(b["start"], b["name"]) for b in branches}
    for c in cands:                                # a branch found whole already: its parent goes
        if c["kind"] == "company" and any(st == c["start"] and n.startswith(c["name"]) and n != c["name"]
                                          for st, n in found_whole):
            joined[id(c)] = None
    for b in branches:
        found = parents.get(b["start"])
        if found and 2 <= len(b["name"]) - 3 <= 4:      # <place>分公司: a place of 2–4 characters
            parent = max(found, key=lambda c: len(c["name"]))
            for c in found:                            # the parent, however its suffix was read
                joined[id(c)] = None
            joined[id(parent)] = {**parent, "name": parent["name"] + b["name"], "end": b["end"]}
            joined[id(b)] = None
            full[b["name"]] = parent["name"] + b["name"]
    if not joined:
        return cands
    out = []
    for c in cands:
        c = joined.get(id(c), c)
        if c is None:
            continue
        for short, whole in full.items():      # the branch's own bodies (南宁分公司|成立|党支部)
            if c["name"].startswith(short) and c["name"] != short:
                c = {**c, "name": whole + c["name"][len(short):]}
        out.append(c)
    return out


def _standalone_candidates(text: str, found: Candidates) -> None:
    """1b. Central bodies named alone (国务院), where no candidate holds them."""
    cands, cand_spans = found.items, found.spans
    for name, kind in _lexicon()["standalone"]:
        pos = text.find(name)
        while pos >= 0:
            if (pos, pos + len(name)) not in cand_spans and not any(
                    c["start"] <= pos and pos + len(name) <= c["end"] for c in cands):
                found.add(name, kind, pos, pos + len(name), True)
            pos = text.find(name, pos + 1)


def _short_company_candidates(text: str, anchors, found: Candidates) -> None:
    """2. Short company names: X公司 (2–4 characters, no anchor)."""
    generic = _lexicon()["generic"]
    stop_words = _orgs_stop_words()
    for m in _SHORT_CO.finditer(text):
        if text[m.start() - 2:m.start()] in ("有限", "集团", "股份") or text[m.start() - 1:m.start()] in "分子总母":
            continue
        start, anchored = _left_edge(text, m.start(), 6, anchors, stop_words, False)
        start = _name_start(text, start, m.start())
        owner = clean(text[start:m.start()])
        if not 2 <= len(owner) <= 4 or owner in generic or anchored or not name_like(owner) \
                or _NOT_OWNER.search(owner) or generic_compound(owner):   # 大厦|物业公司: a class
            continue
        found.add(owner + "公司", "company", start, m.end(), False)


def _list_candidates(text: str, park_names: dict[str, str], anchors, found: Candidates) -> None:
    """3. List items: A、B、C等N家企业 / 等示范点 / 等多个党支部."""
    lex = _lexicon()
    stop_words = _orgs_stop_words()
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
        s0, _ = _left_edge(text, first_end, 8, anchors, stop_words, False)
        if text[s0 - 1:s0] == "·" and s0 - 1 > lm_start:  # 中X·Y中心: one name
            s0 = max(lm_start, _left_edge(text, s0 - 1, 6, anchors, stop_words, False)[0])
        elif s0 > lm_start and is_cjk(text[s0 - 1]):   # 引导|彧锐|电子、X等企业: characters rjieba does not know
            s0 = max(lm_start, brand_start(text, s0, "", True)[0])
        for k in range(first_end - 2, s0, -1):  # 楼宇内青禾 → 青禾
            if text[s0:k] in lex["generic"] or text[k - 1] in "内里的":
                s0 = k
                break
        items[0] = text[s0:first_end]
        # 软件、跨境电商等企业: beside a kind of business, an item with no proper noun is a kind too
        of_kinds = any(_common_word(item) for item in items)
        pos = s0
        for item in items:
            i0 = text.find(item, pos)
            pos = i0 + len(item)
            if not 2 <= len(item) <= (10 if "·" in item else 6) or item in park_names or item in lex["generic"]:
                continue
            suffix = lex["pattern"].search(item)
            if suffix and not (list_kind == "building" and pos not in found.ends_at
                               and lex["suffixes"][suffix.group()][0] == "building"
                               and suffix.end() == len(item)):
                continue  # holds a suffix (a building that the suffix rule left unnamed is a listed building)
            if not name_like(item, use_tags=False):
                continue
            if any(g in item for g in ("党", "示范", "企业", "公司")) or item.endswith(lex["list_stop_tails"]):
                continue
            if _common_word(item):
                continue  # 快递、外卖、网约车等新业态企业: kinds of business, not names
            if of_kinds and not any(tag.startswith(("nr", "ns", "nz", "nt")) for _w, tag, _s, _e in _tag(item)):
                continue
            if _business_line(item, of_kinds):
                continue  # 软件、集成电路设计等企业: a line of business (a term and an activity)
            found.add(item, list_kind, i0, pos, False, listed=True)


def _implied_candidates(text: str, implied: list[tuple[int, str]], found: Candidates) -> None:
    """4. A company's party organisation named without the company (公司党支部,
    集团党委): the company named just before."""
    cands = found.items
    companies = company_spans(text, cands) if implied else []
    for pos, suf in implied:
        company = _company_before(text, cands, pos, companies)
        if not company and text.endswith("集团", 0, pos):   # 集团党委: the last group company named before
            company = next((name for _s, e, name, is_company in reversed(companies)
                            if is_company and e <= pos and "集团" in name), "")
        company = company if company and not company.endswith("公司") or len(company) > 6 else ""
        if company:
            found.add(company + suf, "party_org", pos, pos + len(suf), False)
