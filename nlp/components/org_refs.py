"""Candidate rules of the `organizations` list beyond the suffix scan: named
teams and service sites (“X”志愿服务队, “X”职工服务站: nlp/data/orgs_named_units.txt),
committees named by a class word of a park or building (园区党委, 商圈党委:
nlp/data/orgs_park_backrefs.txt), footer lines of portal links
(nlp/data/orgs_link_lines.txt), outlet fields (来源：X: nlp/data/orgs_source_fields.txt),
owners that name a class (物业公司党支部, 新就业|群体党支部, 大厦|物业公司), sites
being built (建设|楼宇党群服务站: nlp/data/orgs_site_verbs.txt), departments
named in a person's title (X部四级主任科员), issuer lines of a header (X市委组织部
+ a date), a company's name that starts at a place before a brand the segmenter
cut (保定|迅运通|物流有限公司), classes of associations (行业协会|商会), the
organisation that founds a party body (X协会成立|党支部), a demonstrative for a
company (这家企业的|党支部) and the street of a 街道's own report (我街道|党工委).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from nlp.components.org_rules import COMPANY_TAILS, _is_bare_park_word, _lexicon
from nlp.entities import (_chain_left, _ends_with_anchor, _tag, clean, data_lines, is_cjk, keyed_words, time_head_end,
                          word_set)

_COMPANY_WORDS = ("公司", "企业", "集团")


_RANK = re.compile(r"[一二三四五六七八九]级")


def in_role(text: str, pos: int, titles: tuple[str, ...]) -> bool:
    """A job title (of a person, not 负责人) follows at `pos`, a rank allowed
    before it (组织部部长; 社会工作部四级主任科员): the department is named in a
    person's title."""
    if _RANK.match(text, pos):
        pos += 2
    return text.startswith(titles, pos) and not text.startswith(("负责人", "主要负责人", "相关负责人"), pos)


@lru_cache(maxsize=1)
def _backrefs() -> dict[str, tuple[str, ...]]:
    """nlp/data/orgs_park_backrefs.txt: {class word: endings of the park names it
    refers to, or ("building",)}."""
    return keyed_words("orgs_park_backrefs.txt")


@lru_cache(maxsize=4096)
def backref_word(owner: str) -> tuple[str, str]:
    """The class word of nlp/data/orgs_park_backrefs.txt an owner is, and the
    committee word after it (园区 → (园区, ''); 园区综合 → (园区, 综合): the words
    of nlp/data/orgs_committee_words.txt); ('', '') when it is none."""
    refs = _backrefs()
    if owner in refs:
        return owner, ""
    for qual in word_set("orgs_committee_words.txt"):
        if owner.endswith(qual) and owner[:-len(qual)] in refs:
            return owner[:-len(qual)], qual
    return "", ""


# a declared short name right after a name: X产业园(以下简称Y)
_ALIAS_OPEN = re.compile(r"[(（](?:以下)?(?:简称|下称)[“「]?")


def backref_owners(text: str, pos: int, word: str, park_spans: list[tuple[int, int]],
                    cands: list[dict[str, Any]]) -> list[str]:
    """The parks (or buildings) a class word at `pos` (园区|党委) refers to: the
    park named last before it in the same paragraph, with a name that ends as
    the class word asks, in full when its short name follows it in brackets
    (after 分别, also those listed with it: 在A、B分别成立园区党委); the building
    named just before it and a comma; a park that founds it (X商务区成立|楼宇|
    党委 → X商务区楼宇党委)."""
    ends = _backrefs()[word]
    para = text.rfind("\n", 0, pos) + 1
    if ends == ("building",):
        # a building names the clause's place (在X大厦，楼宇党委…): only a comma between
        found = sorted((c["start"], c["end"]) for c in cands
                       if c["kind"] == "building" and not c.get("body") and para <= c["start"]
                       and text[c["end"]:pos] in ("，", ",") and not c["name"].endswith(word))
        if not found:
            verbs = _lexicon()["founding_verbs"]
            found = [(s, e) for s, e in park_spans if para <= s and e < pos and text[e:pos] in verbs]
        suffix = word
    else:
        found = sorted((s, e) for s, e in park_spans if para <= s and e <= pos and text[s:e].endswith(ends)
                       and not _is_bare_park_word(text[s:e]))   # 以产业园区为单元: no name
        suffix = ""
    if not found:
        return []
    found = _without_short_names(text, found)
    s, e = found[-1]
    owners = [text[s:e] + suffix]
    if "分别" in text[e:pos]:
        for s2, e2 in reversed(found[:-1]):
            if text[e2:s] not in ("、", "和", "与", "及"):
                break
            owners.insert(0, text[s2:e2] + suffix)
            s = s2
    return owners


def _without_short_names(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans without those of short names declared right after a full
    name (X产业园(以下简称Y)): the full name stands for both, and a list
    (A、X(简称Y)) keeps its conjunctions between full names."""
    out: list[tuple[int, int]] = []
    for s, e in found:
        if out and _ALIAS_OPEN.fullmatch(text, out[-1][1], s):
            continue
        out.append((s, e))
    return out


def link_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the lines that open with a word of nlp/data/orgs_link_lines.txt."""
    out = []
    for word in word_set("orgs_link_lines.txt"):
        pos = text.find(word)
        while pos >= 0:
            if pos == 0 or text[pos - 1] == "\n":
                end = text.find("\n", pos)
                out.append((pos, len(text) if end < 0 else end))
            pos = text.find(word, pos + 1)
    return out


@lru_cache(maxsize=1)
def _source_field_re() -> re.Pattern:
    """A field of nlp/data/orgs_source_fields.txt: the word at a line start or
    after a space or an opening bracket (not 资金来源：…), a colon, the value up
    to a space, a line end, a closing bracket or a punctuation mark."""
    words = "|".join(re.escape(w) for w in sorted(word_set("orgs_source_fields.txt"), key=len, reverse=True))
    return re.compile(r"(?m)(?:^|(?<=[\s\u3000(（]))(?:%s)[：:][ \u3000]*([^\s\u3000)）|｜，。；、,;]+)" % words)


# a header line that holds only an issuer and a date (中共X市委组织部 2025年11月14日): the outlet
_ISSUER_LINE = re.compile(r"(?m)^([\u4e00-\u9fff]{3,30})[ \u3000]+(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2})"
                          r"(?:[ \u3000]+\d{1,2}:\d{2})?[ \u3000]*$")
HEADER_CHARS = 200


def issuer_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the issuers named in header lines of an issuer and a date
    (a briefing's 中共X市委组织部 2025年11月14日): the outlet, not an
    organisation of the report."""
    return [m.span(1) for m in _ISSUER_LINE.finditer(text, 0, HEADER_CHARS)]


# a photo credit: (图片由X提供), （X供图）, a line "X供图"
_CREDIT = re.compile(r"(?m)[(（]图?片?由([^()（）\n]{2,30})提供[)）]|[(（]([^()（）\n]{2,30})供图[)）]"
                     r"|^[ \u3000]*([\u4e00-\u9fff]{2,30})[ \u3000]*供图[ \u3000]*$")


def credit_lines(text: str) -> list[tuple[int, int]]:
    """The spans of institutions named in a photo credit ((图片由X提供), X供图):
    the source of a picture, not an organisation of the report (unless it acts
    elsewhere). (An institutional byline ■X is left alone: the gold of earlier
    sets lists it.)"""
    if "供图" not in text and "提供" not in text:
        return []
    return [m.span(m.lastindex) for m in _CREDIT.finditer(text)]


def source_fields(text: str) -> list[tuple[int, int]]:
    """The spans of the values of outlet fields (来源：X管委会): the outlet, not
    an organisation of the report."""
    if "：" not in text and ":" not in text:
        return []
    return [m.span(1) for m in _source_field_re().finditer(text)]


def generic_owner(text: str, start: int, owner_end: int) -> bool:
    """The owner names a class, not an organisation: a company word after
    generic words only (物业公司党支部; 家具产业链党委 names a sector body), or
    the end of a longer generic word (新就业|群体党支部)."""
    generic = _lexicon()["generic"]
    owner = text[start:owner_end]
    n = len(owner)
    if not n:
        return False
    for k in range(n + 1, min(n + 5, owner_end) + 1):
        if text[owner_end - k:owner_end] in generic:
            return True
    if not owner.endswith(_COMPANY_WORDS) or owner.endswith(COMPANY_TAILS):
        return False   # (X科技有限公司: a legal form ends a real name the edge cut short)
    ok = [True] + [False] * n   # ok[i]: owner[:i] splits into generic words
    for i in range(1, n + 1):
        ok[i] = any(ok[j] and owner[j:i] in generic for j in range(max(0, i - 6), i))
    return ok[n]


@lru_cache(maxsize=4096)
def built_class(owner: str, kind: str) -> bool:
    """A site or building being built, no name: the owner ends with a verb of
    nlp/data/orgs_site_verbs.txt and generic or class words (建设|楼宇, 新建|
    商圈), or, for a service site, with the verb itself (园区建设|党群服务中心)."""
    if kind not in ("service_site", "building"):
        return False
    lex = _lexicon()
    for verb in lex["site_verbs"]:   # longest first
        k = owner.rfind(verb)
        if k < 0:
            continue
        rest = owner[k + len(verb):]
        if not rest:
            return kind == "service_site"
        return rest in lex["generic"] or rest in lex["class_tails"] or generic_compound(rest)
    return False


_CONJUNCTIONS = ("和", "与", "及", "、")


@lru_cache(maxsize=4096)
def coordinated_class(owner: str) -> bool:
    """The owner coordinates class words, no name (楼宇和|社区, 园区与|社区党委,
    商圈、楼宇和社区|党群服务中心): every part between 和/与/及/、 is a generic
    or class word, the last part possibly empty (the suffix is the last)."""
    if not any(c in owner for c in _CONJUNCTIONS):
        return False
    lex = _lexicon()
    words = lex["generic"] | frozenset(w for w in lex["class_tails"] if len(w) >= 2)
    parts = re.split("[和与及、]", owner)
    if len(parts) < 2 or not parts[0]:
        return False
    return all(p in words for p in parts[:-1]) and (not parts[-1] or parts[-1] in words)


@lru_cache(maxsize=4096)
def generic_compound(owner: str) -> bool:
    """The owner is two or more generic words or class words and nothing else
    (建设|楼宇, 大厦|物业): it names a class or a clause, not an organisation."""
    lex = _lexicon()
    words = lex["generic"] | frozenset(w for w in lex["class_tails"] if len(w) >= 2)
    n = len(owner)
    if n < 4:
        return False
    parts = [0] + [-1] * n   # parts[i]: fewest words owner[:i] splits into (-1: none)
    for i in range(2, n + 1):
        best = [parts[j] + 1 for j in range(max(0, i - 6), i - 1) if parts[j] >= 0 and owner[j:i] in words]
        parts[i] = min(best) if best else -1
    return parts[n] >= 2


@lru_cache(maxsize=1)
def _named_units() -> tuple[dict[str, str], re.Pattern, re.Pattern]:
    """The team and site suffixes of nlp/data/orgs_named_units.txt: {suffix:
    kind}; a quote followed (within 4 characters) by one; a quote that ends
    with a team suffix and is not followed by a Chinese character (a kind word)."""
    kinds, whole = {}, []
    for line in data_lines("orgs_named_units.txt"):
        parts = [p.strip() for p in line.split("\t")]
        kinds[parts[0]] = parts[1]
        if parts[2:] == ["whole"]:
            whole.append(parts[0])
    alt = "|".join(re.escape(x) for x in sorted(kinds, key=len, reverse=True))
    after = re.compile(r"“([^“”+、，。]{2,12})”([\u4e00-\u9fff]{0,4}?)(%s)" % alt)
    alt_whole = "|".join(re.escape(x) for x in sorted(whole, key=len, reverse=True))
    inside = re.compile(r"“([^“”+、，。]{0,10}(?:%s))”(?![\u4e00-\u9fff])" % alt_whole)
    return kinds, after, inside


def named_unit_candidates(text: str, found) -> None:
    """5. Named teams and service sites: “X”志愿服务队 (alias X), “X帮帮团”."""
    kinds, after, inside = _named_units()
    if not any(k in text for k in kinds):
        return
    generic = _lexicon()["generic"]
    for m in after.finditer(text):
        quoted = m.group(1)
        if clean(quoted) in generic or kinds[m.group(3)] == "-":
            continue   # the quotes already bound the name: only a generic word is none; “X”服务站点: a network
        found.add(quoted + m.group(2) + m.group(3), kinds[m.group(3)], m.start(), m.end(), True,
                  alias=clean(quoted))
    for m in inside.finditer(text):
        name = m.group(1)
        suf = next(x for x in sorted(kinds, key=len, reverse=True) if name.endswith(x))
        if len(name) > len(suf) and clean(name[:-len(suf)]) not in generic:
            found.add(name, kinds[suf], m.start(), m.end(), True)


def park_abbreviation(owner: str, park_names) -> bool:
    """The owner abbreviates a park of the text (综保区 for X综合保税区): a
    short word ending with 区 whose characters appear in order in a park name."""
    if not 2 <= len(owner) <= 4 or not owner.endswith("区"):
        return False
    for name in park_names:
        k = 0
        for ch in name:
            if ch == owner[k]:
                k += 1
                if k == len(owner):
                    return True
    return False


_QUOTED_BEFORE = re.compile(r"“[\u4e00-\u9fff]{2,8}”$")
_SITE_FOUNDING = ("设立", "建立", "打造")


def quoted_founded_start(text: str, owner_end: int) -> int:
    """Where a quoted name founded just before a party body or a service site
    starts (组建“园社共建”|联合党委, 设立“两新”|党群服务中心): the opening quote,
    after a founding verb of nlp/data/orgs_founding_verbs.txt or 设立/建立/打造;
    -1 when there is none."""
    m = _QUOTED_BEFORE.search(text, max(0, owner_end - 10), owner_end)
    if not m:
        return -1
    lo = m.start()
    verbs = tuple(_lexicon()["founding_verbs"]) + _SITE_FOUNDING
    return lo if text.endswith(verbs, max(0, lo - 6), lo) else -1


_FLOOR = re.compile(r"[0-9一二三四五六七八九十]{1,3}[楼层]")


def floor_follows(text: str, pos: int) -> bool:
    """A floor number follows (X金融中心22楼, X中心3层): the name is a building."""
    return bool(_FLOOR.match(text, pos))


STREET = "街道"
_GAP_STOPS = frozenset("的和与及或在等是为对把将从被由向于了着过")
_BRAND_TAGS = ("nz", "nr", "nrt", "nrfg", "ns", "nt", "j", "x")   # a brand's words: proper nouns, abbreviations, unknown


def anchor_across_gap(text: str, start: int, anchors) -> int:
    """Where a company's name starts when its brand (字号) cut the left edge
    short (保定|迅运通|物流有限公司, 江西|赣能|新能源科技有限公司): a place anchor
    ends at most 3 characters before `start`, and the characters between are
    single characters (no function word) or proper or unknown words (no verb,
    no common noun such as 企业); -1 when there is none."""
    for p in range(start - 1, max(1, start - 4), -1):
        if text[p] in _GAP_STOPS or not is_cjk(text[p]):
            return -1
        head = _ends_with_anchor(text, p, anchors)
        if head:
            generic = _lexicon()["generic"]
            if all(len(w) == 1 or tag in _BRAND_TAGS and w not in generic for w, tag, _s, _e in _tag(text[p:start])):
                return _chain_left(text, p - len(head), 0, anchors)
            return -1
    return -1


# a demonstrative for the company named before (这家台资企业的|党支部, 该公司的)
DEMONSTRATIVE = re.compile(r"(?:这家|这个|该|此)[\u4e00-\u9fff]{0,4}(?:企业|公司|集团)的$")
# a date between an organisation and the verb that founds its party body (X今年3月|成立)
_TIME_GAP = re.compile(r"(?:[0-9一二三四五六七八九十〇零]{1,4}[年月日]|[年月][初底中内]|上半年|下半年)*")
_FOUNDER_KINDS = ("company", "association", "other", "building")


def founder(text: str, owner_end: int, found) -> str:
    """The organisation that founds a party organisation named right after it
    and a founding verb (X协会|成立|党支部), or ''."""
    for verb in _lexicon()["founding_verbs"] + ("建立",):
        if text.endswith(verb, 0, owner_end):
            vpos = owner_end - len(verb)
            for e in range(vpos, max(0, vpos - 10) - 1, -1):   # (a time between: X今年3月|成立|党支部)
                ks = found.ends_at.get(e)
                if ks and (e == vpos or _TIME_GAP.fullmatch(text, time_head_end(text, e, vpos), vpos)):
                    for k in ks:
                        c = found.items[k]
                        if c["kind"] in _FOUNDER_KINDS and not c["body"]:
                            return c["name"]
                    break
    return ""


def own_street(cands: list[dict[str, Any]]) -> str:
    """The one street (X街道, a government body) among the candidates found so far, or ''."""
    streets = {c["name"] for c in cands if c["kind"] == "government" and c["name"].endswith(STREET)
               and not c["body"] and len(c["name"]) > len(STREET)}
    return streets.pop() if len(streets) == 1 else ""


@lru_cache(maxsize=4096)
def class_association(owner: str) -> bool:
    """The owner of an association is itself a class of associations (行业协会|商会,
    协会|联合会): an association suffix after a generic word or nothing."""
    lex = _lexicon()
    for suf, (kind, _strength) in lex["suffixes"].items():
        if kind == "association" and owner.endswith(suf) and (owner == suf or owner[:-len(suf)] in lex["generic"]):
            return True
    return False
