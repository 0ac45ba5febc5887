"""Title, outlet, publication date and authors of a normalised report.

Reads only the head (first `HEAD` paragraphs) and the tail (last `TAIL`) of
the text, where news pages put their furniture; sentences of the body are
never mined (a dated photo caption is not a publication date). Hints from
the reader (HTML metadata, .jsonl fields, .docx properties) win over what the
text says. The genre words (roles, markers, labels) live in
``ingest/data/metadata.json``.

- title: the first line that is not a source/date/byline line (nor a
  newspaper's masthead ``X日报 2025年1月2日 第A03版``, a briefing's series
  name, issue number and editor's note), without a trailing 。 and markdown
  ``#``, joined with a ``——`` subtitle line after it; none when that line is
  a long paragraph;
- outlet: ``来源:X`` (and other source labels), a masthead, an outlet before
  a byline role (``X日报记者 Y``), a public account after ``原创``, ``X报讯`` /
  ``X网讯``, a wire dateline ``X社某地7月1日电``, or the issuing body of a
  briefing; a programme name in 《》 after it is dropped;
- published: a labelled date (``发布时间:2023-07-10 16:02``), or a short
  header line holding a date; returned as ISO ``YYYY-MM-DD``;
- authors: names after byline roles (``本报记者 X``, ``特约通讯员 X Y``,
  ``(作者:X)``, ``文/X``, ``本报讯 记者 X 报道:``), an institution after a
  byline marker (``■中共某区组织部``) or alone under the title of a report
  that is no briefing, a credit ``(X供稿)``, or a closing signature line
  (``五组 X``).
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

HEAD = 8
TAIL = 5
TITLE_MAX = 100
TITLE_LINES = 6          # lines looked at for the title (a briefing's furniture comes first)
BYLINE_MAX = 60          # a byline line is at most this long
SIGNATURE_MAX = 16       # a closing signature line is at most this long

_HAN = r"\u3400-\u9fff"
_NAME = re.compile(rf"[{_HAN}][{_HAN}·]{{1,5}}")
_DOT_NAME = re.compile(rf"[{_HAN}]{{1,8}}(?:·[{_HAN}]{{1,8}}){{1,3}}")   # 阿依古丽·买买提
_SENTENCE_PUNCT = re.compile(r"[,，。；;！？!?]")
_SPACES = re.compile(r"\s+")
_HASHES = re.compile(r"^#+\s*")
_SEPARATOR = re.compile(r"[\s、,，;；/／:：|]")
_SEPARATORS = re.compile(r"[\s、,，;；/／:：|]+")
_HAN_RUN = re.compile(rf"[{_HAN}]+")
_HAN_NAME = re.compile(rf"[{_HAN}]{{2,30}}")
DATE = (r"((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?")
_DATE = re.compile(DATE)
_DATE_NC = r"(?:19|20)\d{2}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}(?!\d)\s*日?"   # DATE, no groups


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    lex = json.loads(resources.files("ingest").joinpath("data/metadata.json").read_text("utf-8"))

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    markers = re.escape(lex["byline_markers"])
    outlet = rf"[{_HAN}·]{{1,12}}?(?:{alt(lex['outlet_suffixes'])})"
    roles = rf"(?:{alt(lex['roles'])})(?!单位)"
    edition = r"(?:第\s*[A-Za-z0-9一二三四五六七八九十]+\s*版)"
    return {
        **lex,
        "role_re": re.compile(rf"(?:{alt(lex['roles'])})(?!单位)"),
        "byline_re": re.compile(rf"^[{markers}\s]*[(（【\[]?\s*(?:{alt(lex['roles'])})(?!单位)"),
        "paren_re": re.compile(rf"[(（]\s*((?:{alt(lex['roles'])})(?!单位)[^()（）]{{1,50}})[)）]"),
        "marker_re": re.compile(rf"^[{markers}]\s*(.+)$"),
        "source_re": re.compile(rf"(?:{alt(lex['source_labels'])})\s*[:：]\s*([^\s:：|｜,，;；)）]{{2,30}})"),
        "xun_re": re.compile(rf"^[【\[(（]?([{_HAN}]{{1,12}}?(?:{alt(lex['outlet_suffixes'])}))讯"),
        "dian_re": re.compile(rf"^[【\[(（]?([{_HAN}]{{1,10}}?社)[{_HAN}]{{0,8}}\d{{1,2}}月\d{{1,2}}日电"),
        "dated_re": re.compile(rf"(?:{alt(lex['date_labels'])})\s*[:：]?\s*{DATE}"),
        "suffix_re": re.compile(rf"(?:{alt(lex['name_suffix_drop'])})$"),
        "unit_re": re.compile(rf"(?:{alt(lex['unit_suffixes'])})$"),
        "meta_line_re": re.compile(rf"^(?:{alt(lex['source_labels'] + lex['date_labels'])})\s*[:：]"),
        # a newspaper's masthead: 惠州日报 2025年11月06日 第A03版, (2023年12月05日 广西日报)
        "masthead_re": re.compile(rf"^[(（]?\s*(?:(?P<o1>{outlet})\s*{_DATE_NC}|{_DATE_NC}\s*(?P<o2>{outlet}))"
                                  rf"\s*{edition}?\s*[)）]?$"),
        "outlet_role_re": re.compile(rf"^[{markers}\s]*[(（]?\s*(?:作者\s*[:：]\s*)?({outlet}){roles}"),
        "outlet_glued_re": re.compile(rf"({outlet})$"),
        "series_re": re.compile(rf"^[{_HAN}]{{0,10}}(?:{alt(lex['series_words'])})$"),
        "issue_re": re.compile(r"^[(（]?\s*(?:总)?第\s*[0-9一二三四五六七八九十百零〇]+\s*期\s*[)）]?$"),
        "editor_re": re.compile(rf"^[【\[(（]?\s*(?:{alt(lex['editor_note_labels'])})\s*[】\])）]?\s*[:：]?"),
        "reposted_re": re.compile(rf"^(?:{alt(lex['reposted_markers'])})\s+([^\s]{{2,20}})(?:\s|$)"),
        "issuer_re": re.compile(rf"^((?:{alt(lex['issuer_heads'])})[{_HAN}]{{2,28}}|[{_HAN}]{{2,28}}(?:{alt(lex['issuer_tails'])}))"
                                rf"(?:\s+{_DATE_NC})?$"),
        "credit_re": re.compile(rf"[(（]\s*([{_HAN}]{{2,30}}?)\s*(?:{alt(lex['credits_after'])})\s*[)）]"),
        "xun_byline_re": re.compile(rf"^(?:[{_HAN}]{{0,12}}讯|[{_HAN}]{{0,6}}消息)\s*[(（]?\s*({roles}[^:：()（）。，,]{{1,50}}?)"
                                    rf"\s*[)）]?\s*[:：]"),
        "programme_re": re.compile(r"[《〈][^》〉]*[》〉]$"),
        "labels": frozenset(lex["source_labels"] + lex["date_labels"] + lex["field_labels"]),
    }


def find_metadata(text: str, hints: dict[str, Any] | None = None) -> dict[str, Any]:
    """title, outlet, published (ISO date or ""), authors, url of one report."""
    hints = _simplified_hints(hints or {})
    lines = [s for line in text.split("\n") if (s := line.strip())]
    head = lines[:HEAD]
    tail = lines[max(HEAD, len(lines) - TAIL):]
    lex = _lexicon()
    briefing = _is_briefing(lines, lex)
    title = (hints["title"] and _clean_title(hints["title"])) or _title(lines, lex, briefing)
    outlet = hints.get("outlet", "").strip() or _outlet(head, tail, lex, briefing)
    published = (hints["published"] and iso_date(hints["published"])) or _published(head, tail, lex)
    authors = hints.get("authors") or _authors(head, tail, lex, briefing)
    return {"title": title, "outlet": outlet, "published": published,
            "authors": authors, "url": hints.get("url", "")}


def _simplified_hints(hints: dict[str, Any]) -> dict[str, Any]:
    """Hints as strings in simplified script (a traditional page's <title> …)."""
    if not hints:                  # plain text files carry none
        return {"title": "", "outlet": "", "published": "", "url": "", "authors": []}
    from ingest.normalize import simplify

    out: dict[str, Any] = {}
    for key in ("title", "outlet", "published"):
        value = hints.get(key)
        out[key] = simplify(value) if isinstance(value, str) else ""
    out["url"] = hints.get("url") if isinstance(hints.get("url"), str) else ""
    authors = hints.get("authors")
    if isinstance(authors, str):
        authors = [authors]
    out["authors"] = [simplify(a.strip()) for a in authors or [] if isinstance(a, str) and a.strip()]
    return out


# --- title ------------------------------------------------------------------

def _clean_title(line: str) -> str:
    line = _SPACES.sub(" ", line).strip()
    line = _HASHES.sub("", line)
    return line.rstrip("。").strip()


def _is_meta_line(line: str, lex: dict[str, Any]) -> bool:
    return bool(lex["meta_line_re"].match(line) or lex["byline_re"].match(line)
                or lex["marker_re"].match(line) and len(line) <= BYLINE_MAX
                or len(line) <= BYLINE_MAX and _is_furniture(line, lex))


def _is_furniture(line: str, lex: dict[str, Any]) -> bool:
    """A short head line that is no title: a masthead, a byline led by its
    outlet, a public account's 原创 line, a briefing's series name or issue."""
    return bool(lex["masthead_re"].match(line) or lex["outlet_role_re"].match(line)
                or lex["reposted_re"].match(line) or lex["issue_re"].match(line)
                or lex["series_re"].match(line))


def _title(lines: list[str], lex: dict[str, Any], briefing: bool = False) -> str:
    for i, line in enumerate(lines[:TITLE_LINES]):
        if _is_meta_line(line, lex) or lex["editor_re"].match(line) or (
                briefing and lex["issuer_re"].match(line)):
            continue
        if len(line) > TITLE_MAX:
            return ""
        title = _clean_title(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt.startswith(("——", "--", "—")) and len(nxt) <= TITLE_MAX:     # a subtitle line
            title += _clean_title(nxt)
        return title
    return ""


def _is_briefing(lines: list[str], lex: dict[str, Any]) -> bool:
    """A briefing (组工简报 / 第27期 / issuing body / 编者按 …): a series name
    followed by an issue number opens it."""
    return len(lines) > 1 and bool(lex["series_re"].match(lines[0])) and any(
        lex["issue_re"].match(line) for line in lines[1:3])


# --- outlet -----------------------------------------------------------------

def _outlet(head: list[str], tail: list[str], lex: dict[str, Any], briefing: bool = False) -> str:
    name = _labelled_outlet(head, lex) or _head_outlet(head, lex, briefing) or _labelled_outlet(tail, lex)
    return lex["programme_re"].sub("", name).strip() or name


def _labelled_outlet(lines: list[str], lex: dict[str, Any]) -> str:
    """``来源:X`` and the other source labels."""
    for line in lines:
        if ":" not in line and "：" not in line:       # `in` pre-check: the label needs its colon
            continue
        for m in lex["source_re"].finditer(line):
            name = m.group(1)
            if not any(name.startswith(w) for w in lex["not_outlets"]) and not _DATE.match(name):
                return name
    return ""


def _head_outlet(head: list[str], lex: dict[str, Any], briefing: bool = False) -> str:
    """An outlet that the head names without a label: masthead, byline, 原创
    account, X报讯, wire dateline, a briefing's issuing body."""
    for line in head:
        if len(line) > BYLINE_MAX:
            m = (lex["xun_re"].match(line) if "讯" in line else None) or (
                lex["dian_re"].match(line) if "电" in line else None)
        else:
            m = lex["masthead_re"].match(line)
            if m:
                return m.group("o1") or m.group("o2")
            m = (lex["outlet_role_re"].match(line) or lex["reposted_re"].match(line)
                 or lex["xun_re"].match(line) or lex["dian_re"].match(line))
        if m and not any(m.group(1).startswith(w) for w in lex["not_outlets"]):
            return m.group(1)
    if briefing:
        for line in head[1:5]:
            if m := lex["issuer_re"].match(line):
                return m.group(1)
    return ""


# --- date -------------------------------------------------------------------

def iso_date(value: str) -> str:
    """ISO date of the first date in `value` ("2023年7月10日" -> "2023-07-10"), or ""."""
    m = _DATE.search(value or "")
    return _iso(m) if m else ""


def _iso(m: re.Match[str]) -> str:
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return ""


def _published(head: list[str], tail: list[str], lex: dict[str, Any]) -> str:
    for line in head + tail:
        if "20" not in line and "19" not in line:      # pre-check: a DATE's year starts so
            continue
        for m in lex["dated_re"].finditer(line):
            if iso := _iso(m):
                return iso
    for line in head:      # a short header line holding a date: "2023年7月10日 来源:…"
        if len(line) <= BYLINE_MAX and ("20" in line or "19" in line) and not _SENTENCE_PUNCT.search(line):
            for m in _DATE.finditer(line):
                if iso := _iso(m):
                    return iso
    return ""


# --- authors ----------------------------------------------------------------

def _names(segment: str, lex: dict[str, Any]) -> tuple[list[str], bool]:
    """Names in the text after a byline role, and whether nothing but names followed.

    A name glued to its role ("记者张某") has 2-3 characters; a 4-character name
    needs a separator, so a headline such as "记者走进园区" yields nothing.
    """
    names: list[str] = []
    glued = not _SEPARATOR.match(segment)
    for token in _SEPARATORS.split(segment):
        token = lex["suffix_re"].sub("", token.strip("()（）[]【】"))
        if not token or lex["role_re"].fullmatch(token) or _DATE.fullmatch(token) or token.isdigit():
            continue
        if token in lex["not_names"]:
            return names, False
        if token in lex["labels"]:
            return names, True                # 作者：X Y　发布时间：… : the next field begins
        if _NAME.fullmatch(token) and len(token) <= (3 if glued and not names else 5) or _DOT_NAME.fullmatch(token):
            names.append(token)
        elif 5 <= len(token) <= 30 and lex["unit_re"].search(token) and _HAN_RUN.fullmatch(token):
            names.append(token)               # an institution credited as author
        else:
            return names, False               # prose, not a byline
    return names, True


def _byline_names(text: str, lex: dict[str, Any]) -> list[str]:
    """Names after every role in a byline; none when anything else follows a role."""
    roles = list(lex["role_re"].finditer(text))
    names: list[str] = []
    for i, m in enumerate(roles):
        end = roles[i + 1].start() if i + 1 < len(roles) else len(text)
        segment = text[m.end():end]
        if i + 1 < len(roles) and not segment[-1:].isspace() and \
                lex["outlet_glued_re"].fullmatch(_SEPARATORS.sub("", segment)):
            segment = ""                        # 作者:河南日报记者 X: the outlet of the next role
        found, complete = _names(segment, lex)
        if not complete:
            return []
        names += found
    return names


def _authors(head: list[str], tail: list[str], lex: dict[str, Any], briefing: bool = False) -> list[str]:
    found: list[str] = []
    for line in head + tail:
        if len(line) <= BYLINE_MAX and (lex["byline_re"].match(line) or (
                not _SENTENCE_PUNCT.search(line) and lex["role_re"].search(line))):
            found += _byline_names(line, lex)   # "本报记者 X Y" / "来源:某报 作者:X"
        elif len(line) <= BYLINE_MAX and (m := lex["marker_re"].match(line)):
            rest = m.group(1).strip()
            if not _SENTENCE_PUNCT.search(rest) and _HAN_NAME.fullmatch(rest):
                found.append(rest)
        else:
            if "(" in line or "（" in line:     # paren_re starts with one of them
                for p in lex["paren_re"].finditer(line[:200]):
                    found += _byline_names(p.group(1), lex)
            if line in head and (m := lex["xun_byline_re"].match(line)):
                found += _byline_names(m.group(1), lex)     # 本报讯 记者 X 通讯员 Y 报道:
    for line in tail:
        for m in lex["credit_re"].finditer(line):           # (某区党工委供稿)
            found.append(m.group(1))
    if not found and not briefing:
        found = _issuer(head, lex)
    if not found:
        found = _signature(tail or head[-1:], lex)
    return list(dict.fromkeys(found))


def _issuer(head: list[str], lex: dict[str, Any]) -> list[str]:
    """An institution alone on a line between the title and the first
    paragraph (a work report's 中共某区工作委员会)."""
    for line in head[1:4]:
        if len(line) > BYLINE_MAX:
            return []                            # the body has begun
        if (m := lex["issuer_re"].match(line)) and not lex["series_re"].match(line):
            return [m.group(1)]
    return []


def _signature(lines: list[str], lex: dict[str, Any]) -> list[str]:
    """A closing line "unit name" (五组 X): the name, when the rest is a unit."""
    for line in reversed(lines[-3:]):
        if len(line) > SIGNATURE_MAX or _SENTENCE_PUNCT.search(line):
            continue
        tokens = line.split()
        if len(tokens) >= 2 and _NAME.fullmatch(tokens[-1]) and len(tokens[-1]) <= 4 and all(
                lex["unit_re"].search(t) or lex["role_re"].fullmatch(t) for t in tokens[:-1]):
            return [tokens[-1]]
    return []
