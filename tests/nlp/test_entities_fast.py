"""The fast forms of `left_edge` and of the organisation name rules give what
the plain loops they replace give: each plain form is written out here and
compared on every window of a sample text and on random strings (fixed seeds)."""
from __future__ import annotations

import random
import re

import pytest

from nlp.components.org_rules import (COMPANY_TAILS, _body_of, _lexicon, _ref_body, _strip_anchor_cached,
                                     _tail_forms, company_core)
from nlp.entities import (_ends_with_anchor, _hard_stop, _left_edge_window, _orgs_stop_words,
                          _quotes_short, _soft_stop, _tag, anchor_set, clean, left_edge, name_like)


# -- the plain forms ---------------------------------------------------------------
def _plain_ends_with_anchor(text, end, anchors, max_len=12):
    best = ""
    for n in range(2, min(max_len, end) + 1):
        s = text[end - n:end]
        if s in anchors:
            best = s
    return best


def _plain_chain_left(text, cur, anchors):
    while True:
        more = _plain_ends_with_anchor(text, cur, anchors)
        if not more:
            return cur
        cur -= len(more)


def _plain_left_edge_window(text, anchors, stop_words, strict_gap):
    end = len(text)
    tokens = _tag(text)
    for p in [end] + [t[2] for t in reversed(tokens) if t[2] < end]:
        if p <= 1:
            break
        head = _plain_ends_with_anchor(text, p, anchors)
        if not head:
            continue
        gap = [t for t in tokens if t[2] >= p]
        if all(w in "“”‘’" or not _hard_stop(w, tg, stop_words) and not (strict_gap and _soft_stop(w, tg))
               for w, tg, _s, _e in gap) and _quotes_short(text[p:end]):
            return _plain_chain_left(text, p - len(head), anchors), True
        break
    cur, i = end, len(tokens) - 1
    while i >= 0 and cur > 0:
        word, tag, ws, we = tokens[i]
        if we > cur:
            i -= 1
            continue
        if word in ("”", "’"):
            j = text.rfind("“" if word == "”" else "‘", 0, cur)
            if j < 0 or cur - j > 7:
                break
            cur = j
            while i >= 0 and tokens[i][2] >= cur:
                i -= 1
            continue
        if word in ("(", ")", "（", "）"):
            m = re.search(r"[(（][\u4e00-\u9fff]{2,4}[)）]$", text[:cur])
            if word in (")", "）") and m:
                cur = m.start()
                while i >= 0 and tokens[i][2] >= cur:
                    i -= 1
                continue
            break
        if _hard_stop(word, tag, stop_words) or _soft_stop(word, tag):
            break
        cur = ws
        i -= 1
    while end - cur > 3 and text[cur] in "由在对向把将从经被让使为于":
        cur += 1
    for n in range(min(12, end - cur - 2), 1, -1):
        if text[cur:cur + n] in anchors:
            return cur, True
    return cur, False


_TEXT = ("近日，云岭经开区党工委联合区委组织部，在青禾新材料有限公司党支部召开“两新”组织(新经济组织和新社会组织)党委"
         "工作会议。会上，中共云岭省某某市委、云杉乳业(某市)有限公司、银杏湾商圈党群服务中心、“红色物业”联盟等单位负责人发言；"
         "由园区科技创新委员会牵头成立楼宇企业发展联盟，广东省深圳市南山区粤海街道办事处党工委书记出席。")


@pytest.mark.parametrize("extra", [(), ("云岭经开区", "经开区", "银杏湾商圈")])
def test_entities_left_edge_window_matches_plain_form(extra):
    anchors = anchor_set(extra)
    stop_words = _orgs_stop_words()
    for end in range(1, len(_TEXT) + 1):
        for size in (6, 24):
            window = _TEXT[max(0, end - size):end]
            for strict in (False, True):
                got = _left_edge_window.__wrapped__(window, anchors, stop_words, strict)
                assert got == _plain_left_edge_window(window, anchors, stop_words, strict), (window, strict)


def test_entities_ends_with_anchor_matches_plain_loop():
    anchors = anchor_set(("云岭经开区", "南山区粤海"))
    for end in range(len(_TEXT) + 1):
        for max_len in (12, 3):
            assert _ends_with_anchor(_TEXT, end, anchors, max_len) == \
                _plain_ends_with_anchor(_TEXT, end, anchors, max_len), end


def test_entities_left_edge_exact_starts():
    text = "近日，云岭经开区党工委联合区委组织部开展活动"
    end = text.index("党工委")
    assert left_edge(text, end, max_chars=24, anchors=["云岭经开区"]) == (3, True)


# -- name rules: plain forms without the quick rejects --------------------------------
def _plain_strip_anchor(name, park_names):
    from nlp.components.org_rules import _leading_place

    n = name
    for lead in ("中国共产党", "中共"):
        if n.startswith(lead):
            n = n[len(lead):]
    for pn in park_names:
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


def _plain_body_of(owner, suffix, main_names):
    lex = _lexicon()
    o = clean(owner)
    for lead in ("中国共产党", "中共"):
        o = o.removeprefix(lead)
    for n in main_names:
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


def _plain_tail_forms(name):
    forms = [name]
    for ref in _lexicon()["refs_sorted"]:
        if name.startswith(ref) and len(name) - len(ref) >= 4:
            forms.append(name[len(ref):])
            break
    return tuple(forms)


def _plain_ref_body(owner, suffix):
    for ref in _lexicon()["refs_sorted"]:
        rest = owner[len(ref):]
        if owner.startswith(ref) and len(rest) >= 2 and rest not in _lexicon()["generic"] and name_like(rest):
            return rest + suffix
    return ""


def _names(rnd, count):
    refs = list(_lexicon()["refs_sorted"])
    parts = refs + ["中共", "中国共产党", "云岭", "经开区", "广东省", "深圳市", "南山区", "青禾", "新材料", "两新",
                    "组织", "党", "工委", "管委会", "“", "”", "有限", "公司", "集团", "(某市)", "X"]
    for _ in range(count):
        yield "".join(rnd.choice(parts) for _ in range(rnd.randint(0, 5)))


def test_org_rules_quick_rejects_match_plain_forms():
    rnd = random.Random(7)
    parks = ("云岭经开区", "经开区")
    suffixes = ("党工委", "管委会", "党委", "委员会", "组织部")
    for name in _names(rnd, 3000):
        assert _strip_anchor_cached(name, parks) == _plain_strip_anchor(name, parks), name
        assert _strip_anchor_cached(name, ()) == _plain_strip_anchor(name, ()), name
        assert _tail_forms(name) == _plain_tail_forms(name), name
        for suf in suffixes:
            assert _body_of(name, suf, parks) == _plain_body_of(name, suf, parks), (name, suf)
            assert _body_of(name, suf, ()) == _plain_body_of(name, suf, ()), (name, suf)
            assert _ref_body(clean(name), suf) == _plain_ref_body(clean(name), suf), (name, suf)
        core = company_core(name, parks)
        assert not core or name.endswith(COMPANY_TAILS + ("公司",)), name


def test_org_rules_company_core_exact():
    assert company_core("青禾新材料有限公司", ()) == "青禾新材料"
    assert company_core("云杉乳业(某市)有限公司", ()) == "云杉乳业"
    assert company_core("青禾新材料", ()) == ""
