"""The `people` list: named persons with the roles the text gives and their
organisation.

A person is a 2–3 character name right after a role title (nlp/data/roles.txt:
书记, 主任, 党建指导员, 负责人, 总监, 党员 …): "<org><role>、<role><name>"
(青梧高新区党工委副书记、管委会主任林若川). The name must start with a surname
(nlp/data/surnames.txt) and be tagged as a person name by rjieba on a short
window, or be followed by a speech or action verb (说, 表示, 介绍 …); a name in
two parts joined by a middle dot (transliterated: X·Y介绍) is taken whole, and
a transliterated name without a Chinese surname is a run of the characters in
nlp/data/people_translit_chars.txt ended by a verb or punctuation. The
organisation is the organisations-list item mentioned just before the roles.
Byline authors (meta["authors"]) are left out unless the text is told in the
first person (我 twice, or 我们 three times with someone in the story acting on
them: nlp/data/people_narrator_verbs.txt); then the author takes part.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from nlp.components.base import ListComponent
from nlp.components.org_rules import mentions
from nlp.entities import _char_positions, doc_text, clean, data_lines, word_set
from nlp.wordtrie import longest_first

NAME_FOLLOWERS = ("说", "表示", "介绍", "指出", "认为", "坦言", "谈到", "告诉", "担任", "给出", "带领", "到",
                  "在", "等", "同志", "提出", "强调", "回忆", "感慨", "称", "也")
MAX_ROLE_CHAIN = 40
_NAME_PAREN = re.compile(r"([\u4e00-\u9fff]{2,3})[（(]([^（）()]{2,24})[）)]")
_BODY_ROLE = re.compile(r"党支部|党总支|党委|党工委|管委会|机关党委|支部")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TWO_CJK = re.compile(r"[\u4e00-\u9fff]{2}")
_ALL_CJK = re.compile(r"[\u4e00-\u9fff]+")
_QUOTED = re.compile(r"“[^”]*”")
_FIRST_PERSON = re.compile(r"我(?!们|国|省|市|区|县)")
# a transliterated name in two parts joined by a middle dot (阿卜杜·热合曼), ended by a
# speech/action verb or punctuation
_DOT_NAME = re.compile(r"[\u4e00-\u9fff]{2,5}·[\u4e00-\u9fff]{2,5}?(?=%s|[，。、,;；:：！？!?（(“”]|$)"
                       % "|".join(NAME_FOLLOWERS))
# what may follow a surname and a given name the segmenter tagged as a name (林|海燕|每天):
# a verb, an adverb, a pronoun, a time word, a preposition or a conjunction
_AFTER_GIVEN_NR = tuple("vdrtpc")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    roles = sorted({line.strip() for line in data_lines("roles.txt")}, key=len, reverse=True)
    surnames = word_set("surnames.txt")
    role_re = re.compile(longest_first(roles))  # = the roles longest first, one branch per character
    short_role = re.compile(r"(?:党工委|管委会|机关党委|党委|党总支|党支部|支部|组织|党建|项目|党员)?(?:"
                            + "|".join(re.escape(r) for r in roles) + r")$")
    return {"roles": roles, "role_re": role_re, "surnames": surnames, "short_role": short_role,
            "translit": frozenset("".join(word_set("people_translit_chars.txt"))),
            "single": {s for s in surnames if len(s) == 1},
            "double": {s for s in surnames if len(s) == 2}}


_SPACES = " \u3000"


def _speaker_name(text: str, pos: int) -> str:
    """The name after a role and one or two spaces that is the rest of its
    line (a speaker line: 综合党委书记 某某\n): 2–4 characters with a
    surname, or ''."""
    k = pos
    while k < pos + 2 and text[k:k + 1] in _SPACES:
        k += 1
    line_end = text.find("\n", k)
    name = text[k:] if line_end < 0 else text[k:line_end]
    if 2 <= len(name) <= 4 and _ALL_CJK.fullmatch(name) and _has_surname(name) \
            and not any(r in name for r in _lexicon()["roles"] if len(r) >= 2):
        return name
    return ""


def _has_surname(name: str) -> bool:
    lex = _lexicon()
    if name[:2] in lex["double"] and len(name) >= 3:
        return True
    return name[:1] in lex["single"]


def name_after(text: str, pos: int) -> str:
    """The person name that starts at `pos`, or '' (a name in two parts joined
    by a middle dot is taken whole)."""
    lex = _lexicon()
    if "·" in text[pos + 2:pos + 6]:
        m = _DOT_NAME.match(text, pos)
        if m:
            return m.group()
        dot = text.find("·", pos + 2, pos + 6)
        if _ALL_CJK.fullmatch(text[pos:dot]):
            k = dot + 1
            while k < dot + 6 and text[k:k + 1] in lex["translit"]:
                k += 1
            if k - dot > 2:
                return text[pos:k]  # 古丽娜尔·买买提|正带着: the second part ends with its characters
    window = text[pos:pos + 6]
    if window[:1] not in lex["single"] and window[:2] not in lex["double"]:
        return _translit_name(window) if window[:1] in lex["translit"] else ""
    name = _name_in_window(window)
    chars = lex["translit"]
    if window[:1] in chars and (not name or window[len(name):len(name) + 1] in chars
                                and all(c in chars for c in name)):
        longer = _translit_name(window)  # 乌力吉|图告诉: a transliterated name goes on past the surname's
        if len(longer) > len(name):
            return longer
    return name


@lru_cache(maxsize=65536)
def _translit_name(window: str) -> str:
    """A transliterated name without a Chinese surname at the start of
    `window` (乌力吉图|告诉, 扎西东珠|正给): 3–5 characters of such names,
    not one dictionary word nor common words only, then a verb, an adverb,
    a follower or punctuation; or ''."""
    from nlp.segment import get_segmenter

    chars = _lexicon()["translit"]
    k = 0
    while k < len(window) and window[k] in chars:
        k += 1
    if not 3 <= k <= 5 or k == len(window):
        return ""
    name, rest = window[:k], window[k:]
    seg = get_segmenter()
    if seg.has_word(name) or all(len(w) >= 2 and _common(w) for w in seg.cut(name)):
        return ""  # common words (多达, 本人) are no name
    if rest.startswith(NAME_FOLLOWERS) or rest[:1] in "，。、,;；:：！？!?":
        return name
    tags = seg.tag(rest)
    return name if tags and tags[0][1][:1] in "vdp" else ""


def _common(word: str) -> bool:
    """A dictionary word that is no part of a transliterated name: the
    segmenter tags it as something other than a name or a foreign word."""
    from nlp.segment import get_segmenter

    tags = get_segmenter().tag(word)
    return len(tags) == 1 and not tags[0][1].startswith(("nr", "ns", "nz", "nrt"))


@lru_cache(maxsize=65536)
def _name_in_window(window: str) -> str:
    """`name_after` on the six characters from the name's start: the rules
    look no further, so the answer is cached per window."""
    from nlp.segment import get_segmenter

    text, pos = window, 0
    lex = _lexicon()
    if not _TWO_CJK.match(window):
        return ""
    tokens = get_segmenter().tag(window)
    if tokens:
        word, tag = tokens[0]
        if tag.startswith("nr") and 2 <= len(word) <= 3 and _has_surname(word):
            if len(word) == 2 and not _ends_name(text, pos + 2) and _ends_name(text, pos + 3) \
                    and _CJK.match(text[pos + 2:pos + 3]):
                return text[pos:pos + 3]  # 林若|川说 → 林若川
            if len(word) == 3 and word[2] in "说讲称" and _ends_name(text, pos + 2):
                return word[:2]  # 林若|说
            if len(word) == 2 and len(tokens) > 1 and len(tokens[1][0]) >= 2 and _CJK.match(tokens[1][0]) \
                    and not get_segmenter().has_word(tokens[1][0]) and tokens[1][1][:1] == "v" \
                    and get_segmenter().tag(text[pos + 3:])[0][1][:1] in "vdp":
                return text[pos:pos + 3]  # 林志|坚带|我们: the given name's last character glued to the verb
            return word
    if tokens and len(tokens[0][0]) >= 2 and not tokens[0][1].startswith("nr"):
        return ""  # the segmenter knows the word and it is no name (单位, 高度)
    if tokens and tokens[0][1] in ("c", "p"):
        return ""  # a conjunction or preposition, though also a surname (党员和|白领, 党员由|支部)
    split = _split_name(tokens)
    if split:
        return split
    for n in (3, 2):
        cand = window[:n]
        if n == 3 and _ends_name(text, pos + 2):
            continue  # 林若|说
        if len(cand) == n and _ALL_CJK.fullmatch(cand) and _has_surname(cand):
            rest = text[pos + n:pos + n + 2]
            if rest.startswith(NAME_FOLLOWERS) or rest[:1] in "，。、,;；:：":
                if not any(r in cand for r in _lexicon()["roles"] if len(r) >= 2):
                    return cand
    return ""


GIVEN_NAME_TAGS = ("nr", "nz", "n", "ng", "nrfg", "nrt")


def _split_name(tokens: list[tuple[str, str]]) -> str:
    """A surname the segmenter left alone followed by a given name it read as
    a noun, then a verb (柯|建华|翻开 → 柯建华)."""
    if len(tokens) < 3:
        return ""
    (sur, _t0), (given, tag), (nxt, ntag) = tokens[:3]
    if len(sur) != 1 or sur not in _lexicon()["single"] or not 1 <= len(given) <= 2:
        return ""
    if not _ALL_CJK.fullmatch(given):
        return ""
    if tag not in GIVEN_NAME_TAGS and not (len(given) == 2 and tag in ("d", "a") and ntag.startswith("v")):
        return ""  # a given name read as an adverb or adjective passes only before a verb (柯|立新|兼任)
    if given in word_set("orgs_common_verbs.txt") or any(r in sur + given for r in _lexicon()["roles"]):
        return ""
    if ntag.startswith("v") or nxt.startswith(NAME_FOLLOWERS) or nxt[:1] in "，。、,;；:：":
        return sur + given
    if tag.startswith("nr") and len(given) == 2 and ntag.startswith(_AFTER_GIVEN_NR):
        return sur + given
    return ""


def _name_before(text: str, end: int) -> str:
    """The person name that ends at `end` (before a parenthesis), or ''."""
    from nlp.segment import get_segmenter

    window = text[max(0, end - 6):end]
    tokens = get_segmenter().tag(window)
    if tokens:
        word, tag = tokens[-1]
        if tag.startswith("nr") and 2 <= len(word) <= 3 and _has_surname(word):
            return word
    return ""


def _ends_name(text: str, pos: int) -> bool:
    """A name may end at `pos`: a speech/action verb or punctuation follows."""
    rest = text[pos:pos + 2]
    return not rest or rest.startswith(NAME_FOLLOWERS) or rest[:1] in "，。、,;；:：！？!?（(“”"


class PeopleComponent(ListComponent):
    list_name = "people"

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        _lexicon()
        word_set("orgs_common_verbs.txt")
        word_set("people_narrator_verbs.txt")
        return None

    def match(self, doc) -> list[dict[str, Any]]:
        text = doc_text(doc)
        lex = _lexicon()
        orgs = doc.user_data.get("dangjian", {}).get("organizations", [])
        org_spans = sorted((s, e, o["name"]) for o in orgs for s, e in o.get("mentions", []))
        meta = doc.user_data.get("meta") or {}
        authors = {clean(a) for a in meta.get("authors", []) or []}
        people: dict[str, dict[str, Any]] = {}
        single, double, translit = lex["single"], lex["double"], lex["translit"]
        for m in lex["role_re"].finditer(text):
            end = m.end()
            if text[end:end + 1] in _SPACES:
                name = _speaker_name(text, end)   # 【同期声】货车司机 某某: a speaker line
            elif text[end:end + 1] not in single and text[end:end + 2] not in double \
                    and "·" not in text[end + 2:end + 6] and text[end:end + 1] not in translit:
                continue  # no surname after the role: `name_after` finds no name
            else:
                name = name_after(text, end)
            if not name or name in authors and not _first_person(text):
                continue
            roles, chain_start = self._role_chain(text, m)
            body = _BODY_ROLE.match(m.group())
            org = self._organization(text, org_spans, chain_start, m.start() + (len(body.group()) if body else 0))
            person = people.setdefault(name, {"name": name, "roles": [], "organization": org})
            for r in roles:
                if r not in person["roles"]:
                    person["roles"].append(r)
            if not person["organization"]:
                person["organization"] = org
        # <name>(<org><role>): 林若川(云杉公司党支部书记)
        for m in _name_parens(text):
            inner = m.group(2)
            rm = lex["role_re"].search(inner)
            if not rm or rm.end() != len(inner):
                continue
            name = _name_before(text, m.start(2) - 1)
            if not name or name in authors and not _first_person(text):
                continue
            org = self._organization(text, org_spans, m.start(2), m.start(2) + rm.start())
            person = people.setdefault(name, {"name": name, "roles": [], "organization": org})
            role = _short_role(inner)
            if role not in person["roles"]:
                person["roles"].append(role)
        if _first_person(text):
            for a in sorted(authors):
                if 2 <= len(a) <= 4 and _has_surname(a) and a not in people and a in text:
                    people[a] = {"name": a, "roles": ["作者"], "organization": ""}
        items = []
        for p in people.values():
            p["mentions"] = mentions(text, [p["name"]])
            items.append(p)
        items.sort(key=lambda p: p["mentions"][0][0] if p["mentions"] else len(text))
        return items

    def _role_chain(self, text: str, m: re.Match) -> tuple[list[str], int]:
        """The roles before a name: …党工委委员、管委会副主任、机关党委书记王强 →
        every 、-separated title, the organisation words kept with each."""
        lo = max(0, m.start() - MAX_ROLE_CHAIN)
        roles, cut = _role_chain_window(text[lo:m.end()], m.group())
        return list(roles), lo + cut + 1

    def _organization(self, text: str, org_spans, chain_start: int, role_start: int) -> str:
        """The organisation mentioned last before the role (or ending inside it:
        X党支部|书记), else one named shortly before in the same paragraph."""
        best, best_end = "", -1
        for s, e, name in org_spans:
            if chain_start <= s and e <= role_start and e >= best_end:
                best, best_end = name, e
        if not best:   # the last one named shortly before, in the same paragraph
            for s, e, name in org_spans:
                if role_start - 60 <= s and e <= role_start and "\n" not in text[e:role_start]:
                    best = name
        return best


@lru_cache(maxsize=65536)
@lru_cache(maxsize=65536)
def _role_chain_window(seg: str, role: str) -> tuple[tuple[str, ...], int]:
    """`_role_chain` on the text before the name (`role`: the title it ends
    with): the short roles, and where the clause starts in `seg` (less one)."""
    cut = max(seg.rfind(ch) for ch in "，。；：！？,;:!?\n ")
    roles = [part for part in seg[cut + 1:].split("、") if _lexicon()["role_re"].search(part)] or [role]
    return tuple(_short_role(r) for r in roles), cut


@lru_cache(maxsize=65536)
def _short_role(part: str) -> str:
    """The title with the organisation words it leads with: keep the last role
    and the body word just before it (党工委副书记, 机关党委书记)."""
    m = _lexicon()["short_role"].search(part)
    return m.group() if m else part


@lru_cache(maxsize=16)
def _first_person(text: str) -> bool:
    """The report is told in the first person: 我 outside quotations, twice."""
    if text.count("我") < 2:
        return False
    outside = _QUOTED.sub("", text)
    if len(_FIRST_PERSON.findall(outside)) >= 2:
        return True
    # the narrators as 我们 three times, once met by someone in the story (带我们走进…), not
    # the 我们 of an interviewee's answers
    return outside.count("我们") >= 3 and any(v + "我们" in outside for v in word_set("people_narrator_verbs.txt"))


def _name_parens(text: str):
    """`_NAME_PAREN.finditer(text)`, found from the parentheses: a match
    starts two or three characters before one, and trying those starts for
    each parenthesis in order finds the leftmost first."""
    pos = 0
    for q in _char_positions(text, "（("):
        for p in (q - 3, q - 2):
            if p >= pos:
                m = _NAME_PAREN.match(text, p)
                if m:
                    yield m
                    pos = m.end()
                    break


def make_component(nlp, name: str):
    return PeopleComponent(nlp, name)
