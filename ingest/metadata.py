"""Title, outlet, publication date and authors of a normalised report.

Reads only the head (first `HEAD` paragraphs) and the tail (last `TAIL`) of
the text, where news pages put their furniture; sentences of the body are
never mined (a dated photo caption is not a publication date). Hints from
the reader (HTML metadata, .jsonl fields, .docx properties) win over what the
text says. The genre words (roles, markers, labels) live in
``ingest/data/metadata.json``.

- title: the first line that is not a source/date/byline line, without a
  trailing 。 and markdown ``#``; none when that line is a long paragraph;
- outlet: ``来源:X`` (and other source labels), ``X报讯`` / ``X网讯``, or a
  wire dateline ``X社某地7月1日电``;
- published: a labelled date (``发布时间:2023-07-10 16:02``), or a short
  header line holding a date; returned as ISO ``YYYY-MM-DD``;
- authors: names after byline roles (``本报记者 X``, ``特约通讯员 X Y``,
  ``(作者:X)``, ``文/X``), an institution after a byline marker
  (``■中共某区组织部``), or a closing signature line (``五组 X``).
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
BYLINE_MAX = 60          # a byline line is at most this long
SIGNATURE_MAX = 16       # a closing signature line is at most this long

_HAN = r"\u3400-\u9fff"
_NAME = re.compile(rf"[{_HAN}][{_HAN}·]{{1,5}}")
_SENTENCE_PUNCT = re.compile(r"[,，。；;！？!?]")
_SPACES = re.compile(r"\s+")
_HASHES = re.compile(r"^#+\s*")
_SEPARATOR = re.compile(r"[\s、,，;；/／:：|]")
_SEPARATORS = re.compile(r"[\s、,，;；/／:：|]+")
_HAN_RUN = re.compile(rf"[{_HAN}]+")
_HAN_NAME = re.compile(rf"[{_HAN}]{{2,30}}")
DATE = (r"((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?")
_DATE = re.compile(DATE)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    lex = json.loads(resources.files("ingest").joinpath("data/metadata.json").read_text("utf-8"))

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    markers = re.escape(lex["byline_markers"])
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
    }


def find_metadata(text: str, hints: dict[str, Any] | None = None) -> dict[str, Any]:
    """title, outlet, published (ISO date or ""), authors, url of one report."""
    hints = _simplified_hints(hints or {})
    lines = [s for line in text.split("\n") if (s := line.strip())]
    head = lines[:HEAD]
    tail = lines[max(HEAD, len(lines) - TAIL):]
    lex = _lexicon()
    title = (hints["title"] and _clean_title(hints["title"])) or _title(lines, lex)
    outlet = hints.get("outlet", "").strip() or _outlet(head, tail, lex)
    published = (hints["published"] and iso_date(hints["published"])) or _published(head, tail, lex)
    authors = hints.get("authors") or _authors(head, tail, lex)
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
                or lex["marker_re"].match(line) and len(line) <= BYLINE_MAX)


def _title(lines: list[str], lex: dict[str, Any]) -> str:
    for line in lines[:3]:
        if _is_meta_line(line, lex):
            continue
        return _clean_title(line) if len(line) <= TITLE_MAX else ""
    return ""


# --- outlet -----------------------------------------------------------------

def _outlet(head: list[str], tail: list[str], lex: dict[str, Any]) -> str:
    # `in` pre-checks: each pattern needs its literal (a colon, 讯, 电) in the line
    for line in head + tail:
        if ":" not in line and "：" not in line:
            continue
        for m in lex["source_re"].finditer(line):
            name = m.group(1)
            if not any(name.startswith(w) for w in lex["not_outlets"]) and not _DATE.match(name):
                return name
    for line in head:
        m = (lex["xun_re"].match(line) if "讯" in line else None) or (
            lex["dian_re"].match(line) if "电" in line else None)
        if m and not any(m.group(1).startswith(w) for w in lex["not_outlets"]):
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
        if _NAME.fullmatch(token) and len(token) <= (3 if glued and not names else 4):
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
        found, complete = _names(text[m.end():end], lex)
        if not complete:
            return []
        names += found
    return names


def _authors(head: list[str], tail: list[str], lex: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for line in head + tail:
        if len(line) <= BYLINE_MAX and (lex["byline_re"].match(line) or (
                not _SENTENCE_PUNCT.search(line) and lex["role_re"].search(line))):
            found += _byline_names(line, lex)   # "本报记者 X Y" / "来源:某报 作者:X"
        elif len(line) <= BYLINE_MAX and (m := lex["marker_re"].match(line)):
            rest = m.group(1).strip()
            if not _SENTENCE_PUNCT.search(rest) and _HAN_NAME.fullmatch(rest):
                found.append(rest)
        elif "(" in line or "（" in line:       # paren_re starts with one of them
            for p in lex["paren_re"].finditer(line[:200]):
                found += _byline_names(p.group(1), lex)
    if not found:
        found = _signature(tail or head[-1:], lex)
    return list(dict.fromkeys(found))


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
