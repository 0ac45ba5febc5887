"""Merging of the `organizations` candidates (org_candidates.py) into list
items, and the items as written: mentions of one organisation merged within
the document by keys (clean name, without a leading place or park name,
party-organisation forms), declared aliases (以下简称X), company short names
used alone (青禾新材料有限公司 → 青禾), owners of party organisations that are
companies (云杉党委 → 云杉), short back-references (商会党委 ~ Y区Z商会党委);
then each item's name, aliases, kind, park and mentions.
"""
from __future__ import annotations

import re
from typing import Any

from nlp.components.org_rules import (TAIL_KINDS, _is_park_word, _joint_form, _leading_place, _lexicon,
                                      _strip_anchor_cached, _tail_match_pairs, company_core, merge_keys, party_key)
from nlp.components.org_scans import _alone_count, _nesting, mentions, occurrences
from nlp.components.org_refs import park_abbreviation
from nlp.entities import clean, declared_aliases, name_like, place_anchors, word_set

_FULL_WIDTH_PARENS = str.maketrans("()", "（）")
_BODY_END = re.compile(r"(有限公司|集团|公司|组织|[局委办部厅处署院所站会])$")
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]")


_COMMITTEE_CHARS = "委"   # an owner left opening with it after a place (某区|委X工委) is a committee's word
_SOCIAL_ORG_TAILS = ("社会工作服务中心", "社工服务中心")


def _ends4(keys: set[str]) -> set[str]:
    """The last four characters of the keys (and of their 联合党/楼宇党 → 党 forms):
    two items are back-references of each other (`_tail_match_pairs`) only
    when they have one of these in common."""
    return {k[-4:] for k in keys if len(k) >= 4} | {j[-4:] for j in map(_joint_form, keys) if j}


def resolve(text, cands, parks, main, park_names, aliases=None) -> list[dict[str, Any]]:
    """Candidates merged into items (`aliases`: `declared_aliases(text)`, if known)."""
    park_order = tuple(park_names)
    items: list[dict[str, Any]] = []
    # drop places/buildings nested inside a longer candidate
    nested = _nesting([(c["start"], c["end"]) for c in cands])
    kept = []
    for c in cands:
        if c["kind"] in ("government", "other", "party_org") and not c["body"] \
                and not c.get("chained") and nested(c["start"], c["end"]) \
                and not c["name"].endswith(_SOCIAL_ORG_TAILS):
            continue   # (a social organisation before its 党支部 is listed, as a company or 协会 is)
        if c.get("dept_owner"):
            continue
        kept.append(c)

    key_index: dict[str, dict[str, int]] = {}  # kind → key → first item holding it
    main_names = {parks[0]["name"], *parks[0].get("aliases", [])} if parks else set()
    for c in kept:
        name, kind = c["name"], c["kind"]
        if c["body"]:
            keys = {"body:" + c["body_name"] + "@" + c.get("body_park", "")}
        else:
            keys = merge_keys(name, kind == "party_org", park_order)
        index = key_index.get(kind)
        if index is None:
            index = key_index[kind] = {}
        pos = n_items = len(items)
        for k in keys:   # the first item that holds one of the keys
            p = index.get(k, n_items)
            if p < pos:
                pos = p
        if pos == n_items:
            it = {"names": {name}, "_keys": set(keys), "kind": kind,
                  "body": c.get("body_name", ""), "body_park": c.get("body_park", ""),
                  "listed": c.get("listed", False), "spans": [[c["start"], c["end"]]],
                  "role_only": c.get("in_role", False)}
            items.append(it)
            for k in keys:
                index[k] = pos
        else:
            it = items[pos]
            it["names"].add(name)
            it["_keys"] |= keys
            for k in keys:   # each key now points at this item (none pointed earlier: it is the first)
                index[k] = pos
            it["spans"].append([c["start"], c["end"]])
        if not c.get("listed"):
            it["listed"] = False
        if not c.get("in_role"):
            it["role_only"] = False
        if c.get("alias"):   # the quoted name of a team or site
            it["names"].add(c["alias"])
        if c.get("also"):   # a party body named by a declared alias, and in full
            it["names"].add(c["also"])
            also_keys = merge_keys(c["also"], True, park_order)
            it["_keys"] |= also_keys
            for k in also_keys:
                index.setdefault(k, pos)
    # a department named only in people's titles (X部四级主任科员某某) is no item
    items = [it for it in items if not it["role_only"]]
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
    _company_aliases(text, items, park_names)
    _owner_companies(text, items, park_names)
    _party_owner_keys(items, park_names)
    _listed_short_forms(items)
    return _output(text, _merge(items), parks, park_names, main)


def _merge(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items that now share a name merged: into the first earlier item of
    the same kind that shares a key or (for TAIL_KINDS) a back-reference."""
    merged: list[dict[str, Any]] = []
    groups: dict[str, list[dict[str, Any]]] = {}  # kind → merged items in order
    shared: dict[str, dict[str, int]] = {}  # kind → key → first position in its group
    for it in items:
        kind = it["kind"]
        keys = set(map(clean, it["names"]))
        keys |= it["_keys"]
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


def _output(text, merged, parks, park_names, main) -> list[dict[str, Any]]:
    """The list items: each merged item's name (the longest found in the
    text, …), aliases, kind, park and mentions, in order of first mention."""
    occ = occurrences(text)
    # (park name, whether it counts anywhere in a name (4+ characters) or only at its start, the park)
    park_words = [(pn, len(pn) >= 4, park) for pn, park in park_names.items()]
    out = []
    for it in merged:
        names = it["names"]
        if len(names) == 1:
            name = next(iter(names))
            by_length = names
        else:   # (`occ(n)`: where n stands in the text, searched once for the mentions too)
            party = it["kind"] == "party_org"
            name = max(names, key=lambda n: (party or not n.startswith(("中共", "中国共产党")),
                                             bool(occ(n)), len(n), "‘" not in n, n))
            by_length = sorted(names, key=len, reverse=True)
        park = _park_of(name, by_length, park_words, main)
        # the text is normalised to ASCII parentheses; the source may have written full-width ones
        joined = "".join(names)
        if "(" in joined or ")" in joined:
            names = names | {n.translate(_FULL_WIDTH_PARENS) for n in names if "(" in n or ")" in n}
        # by length, longest first, then by the names (two stable sorts: no key function per name)
        aliases = sorted(sorted(names - {name}), key=len, reverse=True) if len(names) > 1 else []
        out.append({"name": name, "aliases": aliases, "kind": it["kind"], "park": park,
                    "mentions": mentions(text, names) or sorted(it.get("spans", []))})
    out.sort(key=lambda o: o["mentions"][0][0] if o["mentions"] else len(text))
    return out


def _company_aliases(text, items, park_names) -> None:
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


def _party_owner_keys(items, park_names) -> None:
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


def _listed_short_forms(items) -> None:
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


def _owner_companies(text, items, park_names) -> None:
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
                if suf[0] in "区县市" and owner + suf[0] in place_anchors():
                    continue  # 龙华|区委: a district's committee, no company
            owner = _strip_anchor_cached(owner.removeprefix("中共"), park_order)
            if not owner or owner in park_names or owner in lex["generic"] or len(owner) > 8:
                continue
            if owner[0] in _COMMITTEE_CHARS:
                continue  # 某区|委两新工委: the place's party committee split from its place, no company
            if park_abbreviation(owner, park_names):
                continue  # 综保区|联合党委: the park's body, no company
            if owner in known:
                continue  # 青梧X党委 with company 青梧X: the owner is that company
            if owner.endswith(lex["class_tails"]):
                continue  # X商会党委, 纺织服装产业链党委: the owner is no company
            if _BODY_END.search(owner) or _leading_place(owner) == owner:
                continue
            if not name_like(owner) or _NOT_CJK.search(owner) or _is_park_word(owner):
                continue
            if _alone_count(text, owner, [name], forbid_next="党") >= 1:
                c = {"names": {owner}, "_keys": {owner}, "kind": "company", "body": "", "listed": False}
                items.append(c)
                known.update((owner, _strip_anchor_cached(owner, park_order)))


def _park_of(name: str, by_length, park_words: list[tuple[str, bool, str]], main: str) -> str:
    """The park an item belongs to: the first park whose name one of its names
    (`by_length`: longest first) starts with (or holds, for a park name of
    4+ characters); none when its name starts with a place; else the main park."""
    for n in by_length:
        for pn, anywhere, park in park_words:
            if (pn in n) if anywhere else n.startswith(pn):
                return park
    head = _leading_place(name.removeprefix("中共"))
    if head:
        return ""
    return main
