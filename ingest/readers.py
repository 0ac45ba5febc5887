"""Readers, registered by file type: bytes in, `RawText` out.

A reader turns the bytes of one file into one or more `RawText`s (a .jsonl
file holds one report per line). It decodes, extracts the main text and
passes title/date/author hints it finds on in `RawText.meta`; it does not
normalise. Every failure is an `IngestError` naming the file.

Multi-record files (.jsonl): good lines are yielded as they are read; bad
lines are collected and raised at the end as one `BadRecords` (carrying a
`BadRecord` per line), so a streaming caller has processed every good record
before it sees the failure and can report it as data.
"""
from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ingest.errors import (
    BadRecord,
    BadRecords,
    BinaryContent,
    BrokenFile,
    EmptyDocument,
    IngestError,
    NoTextLayer,
    TooLarge,
    UndecodableText,
    UnsupportedFormat,
)

MAX_BYTES = 64 * 1024 * 1024


# --- decoding ---------------------------------------------------------------
# Byte-order marks first, then UTF-16 without one (when there are NUL bytes),
# UTF-8 (strict), then the legacy Chinese encodings GB18030 and Big5 (cp950).
# A candidate without a BOM must decode strictly *and* read as Chinese: nearly
# all of its non-ASCII characters must be common hanzi or CJK punctuation
# (GB2312 and Big5 level-1 sets). Bytes that pass none of these, or that two
# legacy encodings read equally well, are rejected; nothing is decoded into
# mojibake. (charset-normalizer is not used: on short Chinese texts it picks
# Big5 mojibake over correct GB18030.)

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)
_LEGACY = (("gb18030",), ("big5", "cp950"))     # groups: first codec of a group that decodes
PLAUSIBLE = 0.95          # share of non-ASCII chars that must be common CJK
AMBIGUOUS_MARGIN = 0.02   # two plausible candidates closer than this: refuse
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])   # the same, as UTF-8 bytes
CONTROL_SAMPLE = 200_000   # characters checked for control characters
_common_delete: dict[int, None] | None = None


def _common_chars() -> dict[int, None]:
    """translate() table deleting common hanzi and CJK punctuation (built once)."""
    global _common_delete
    if _common_delete is None:
        chars: set[str] = set()

        def rows(codec: str, leads, trails) -> None:
            for lead in leads:
                for trail in trails:
                    try:
                        chars.add(bytes((lead, trail)).decode(codec))
                    except UnicodeDecodeError:
                        pass

        big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
        rows("gb2312", [0xA1, 0xA3, *range(0xB0, 0xF8)], range(0xA1, 0xFF))
        rows("big5", [0xA1, *range(0xA4, 0xC7)], big5_trails)
        chars.update("\u3000\ufeff\u00a0…—–·•▶■●◆★☆")
        _common_delete = dict.fromkeys(map(ord, chars))
    return _common_delete


def _plausibility(text: str) -> float:
    sample = text[:200_000]
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    if non_ascii == 0:
        return 1.0
    rest = sample.translate(_common_chars())
    uncommon = len(rest) - len(rest.encode("ascii", "ignore"))
    return 1.0 - uncommon / non_ascii


def _check_text(text: str, path: str, encoding: str, utf8: bytes | None = None) -> tuple[str, str]:
    """`utf8`: the UTF-8 bytes `text` was decoded from. Control characters are
    single bytes there (never inside a multi-byte sequence), so a short text's
    are counted on the bytes, a C loop, instead of a regex scan of the text."""
    if utf8 is not None and len(text) <= CONTROL_SAMPLE:
        controls = len(utf8) - len(utf8.translate(None, _CONTROL_BYTES))
    else:
        controls = len(_CONTROL.findall(text[:CONTROL_SAMPLE]))
    if controls > max(2, len(text[:CONTROL_SAMPLE]) // 100):
        raise BinaryContent(path, f"{controls} control characters in the text: this is binary data, "
                                  "not text; export the document as text, .docx or .pdf")
    return text, encoding


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding) of text bytes, or UndecodableText / BinaryContent."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom):].decode(codec.replace("-sig", "")), path, codec)
            except UnicodeDecodeError as exc:
                raise UndecodableText(path, f"starts with a {codec} byte-order mark but is not valid "
                                            f"{codec} (byte {exc.start + len(bom)}); re-save it as UTF-8"
                                      ) from exc
    if b"\x00" in data:
        for codec in ("utf-16-le", "utf-16-be"):     # UTF-16 without a byte-order mark?
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text and _plausibility(text) >= PLAUSIBLE:
                return _check_text(text, path, codec)
        raise BinaryContent(path, "holds NUL bytes: binary data, not text; "
                                  "export the document as text, .docx or .pdf")
    try:
        return _check_text(data.decode("utf-8"), path, "utf-8", data)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if utf8_error.reason == "unexpected end of data" and utf8_error.start >= len(data) - 3:
        # only the last character is cut off (truncated download): drop it
        try:
            head = data[:utf8_error.start]
            return _check_text(head.decode("utf-8"), path, "utf-8", head)
        except UnicodeDecodeError:
            pass
    scored: list[tuple[float, str, str]] = []
    for group in _LEGACY:
        for codec in group:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            scored.append((_plausibility(text), codec, text))
            break
    plausible = sorted((s for s in scored if s[0] >= PLAUSIBLE), key=lambda s: -s[0])
    tried = "; ".join(f"{codec}: {score:.0%} common hanzi" for score, codec, _ in scored)
    if not plausible:
        raise UndecodableText(path, f"encoding not recognised: not UTF-8 (invalid byte at {utf8_error.start}) "
                                    f"and not plausible Chinese in GB18030 or Big5 "
                                    f"({tried or 'neither decodes it'}); re-save it as UTF-8")
    if len(plausible) > 1 and plausible[0][0] - plausible[1][0] < AMBIGUOUS_MARGIN:
        raise UndecodableText(path, f"encoding ambiguous between {plausible[0][1]} and {plausible[1][1]} "
                                    "(text too short to tell); re-save it as UTF-8")
    score, codec, text = plausible[0]
    if codec == "gb18030" and _reads_as_korean(data):
        raise UndecodableText(path, "encoding not recognised: the bytes read as Korean (EUC-KR), whose "
                                    "syllables GB18030 would turn into unrelated hanzi; re-save it as UTF-8")
    return _check_text(text, path, codec)


def _reads_as_korean(data: bytes) -> bool:
    """EUC-KR Hangul occupies GB2312's common-hanzi rows: Korean text would pass as Chinese.
    Chinese GB text read as EUC-KR is at most ~2/3 Hangul (rows from 0xC9 on are hanja)."""
    text = data[:200_000].decode("euc-kr", "replace")     # an invalid byte counts against Korean
    non_ascii = [c for c in text if ord(c) > 127]
    hangul = sum("\uac00" <= c <= "\ud7a3" for c in non_ascii)
    return len(non_ascii) >= 20 and hangul >= 0.9 * len(non_ascii)     # 20+: a short Chinese text may be all Hangul rows


@dataclass
class RawText:
    text: str
    path: str
    format: str
    encoding: str = "utf-8"
    meta: dict[str, Any] = field(default_factory=dict)   # title/url/published/outlet/authors hints


Reader = Callable[[bytes, str], Iterator[RawText]]
READERS: dict[str, Reader] = {}


def register_reader(*suffixes: str):
    """Register a reader for file suffixes (".txt"); later registrations win."""
    def deco(fn: Reader) -> Reader:
        for s in suffixes:
            READERS[s.lower() if s.startswith(".") else "." + s.lower()] = fn
        return fn
    return deco


def _check_not_empty(data: bytes, path: str) -> None:
    if not data.strip():
        raise EmptyDocument(path, "the file is empty; nothing to ingest")


# --- plain text -------------------------------------------------------------

@register_reader(".txt", ".md", ".text")
def read_text(data: bytes, path: str) -> Iterator[RawText]:
    _check_not_empty(data, path)
    text, encoding = decode_text(data, path)
    fmt = "md" if path.lower().endswith(".md") else "txt"
    yield RawText(text, path, fmt, encoding)


# --- html -------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def _decode_html(data: bytes, path: str) -> tuple[str, str]:
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        if declared in ("gb2312", "gbk", "x-gbk", "gb_2312-80"):
            declared = "gb18030"
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass    # wrong or unknown declaration: detect instead
    return decode_text(data, path)


def _plain_html_text(html: str) -> str:
    """Fallback: every text node of the body, block elements on their own line."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for block in root.xpath("//p|//div|//br|//li|//h1|//h2|//h3|//h4|//h5|//h6|//tr|//section|//article"):
        block.tail = "\n" + (block.tail or "")
    return root.text_content()


@register_reader(".html", ".htm", ".xhtml")
def read_html(data: bytes, path: str) -> Iterator[RawText]:
    _check_not_empty(data, path)
    html, encoding = _decode_html(data, path)
    if "<" not in html:
        raise BrokenFile(path, "no HTML markup found; rename the file to .txt if it is plain text")
    import trafilatura

    meta: dict[str, Any] = {}
    text = ""
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True,
            favor_recall=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:     # trafilatura raises assorted errors on damaged markup
        doc = None
    if doc is not None:
        d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        text = d.get("text") or ""
        for key, hint in (("title", "title"), ("date", "published"), ("author", "authors"),
                          ("sitename", "outlet"), ("url", "url")):
            if d.get(key):
                meta[hint] = d[key]
    if not text.strip():
        text = _plain_html_text(html)
        title = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
        if title and "title" not in meta:
            meta["title"] = re.sub(r"\s+", " ", title.group(1)).strip()
    if not text.strip():
        raise BrokenFile(path, "no text could be extracted from the HTML (damaged or empty page); "
                               "save the page again or export its text")
    if isinstance(meta.get("authors"), str):
        authors = [a.strip() for a in re.split(r"[;；,，、|]", meta["authors"]) if _is_person(a)]
        meta.pop("authors")
        if authors:
            meta["authors"] = authors
    if "outlet" in meta and not _is_person(meta["outlet"]):    # a domain name is no outlet
        del meta["outlet"]
    yield RawText(text, path, "html", encoding, meta)


# --- docx -------------------------------------------------------------------

@register_reader(".docx")
def read_docx(data: bytes, path: str) -> Iterator[RawText]:
    _check_not_empty(data, path)
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise BrokenFile(path, f"not a readable .docx ({exc.__class__.__name__}: {exc}); "
                               "open and re-save it in a word processor") from exc
    except Exception as exc:   # lxml errors inside a damaged package
        raise BrokenFile(path, f"damaged .docx ({exc.__class__.__name__}); re-save it") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(c.text for c in row.cells))
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyDocument(path, "the .docx holds no text")
    meta: dict[str, Any] = {}
    props = document.core_properties
    if props.title:
        meta["title"] = props.title
    if _is_person(props.author):
        meta["authors"] = [props.author.strip()]
    yield RawText(text, path, "docx", "utf-8", meta)


def _is_person(author: object) -> bool:
    """Properties often name an account ("Administrator") or a domain: keep hanzi names only."""
    return isinstance(author, str) and re.search(r"[\u3400-\u9fff]", author) is not None


# --- pdf --------------------------------------------------------------------

@register_reader(".pdf")
def read_pdf(data: bytes, path: str) -> Iterator[RawText]:
    _check_not_empty(data, path)
    import pypdf
    from pypdf.errors import PyPdfError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise BrokenFile(path, "not a PDF (no %PDF header); check the file type")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise BrokenFile(path, "the PDF is encrypted; save a decrypted copy first")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except IngestError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError,
            RecursionError, IndexError, ZeroDivisionError) as exc:
        raise BrokenFile(path, f"damaged PDF ({exc.__class__.__name__}: {exc}); "
                               "re-export it or repair it with qpdf") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise NoTextLayer(path, f"none of the {len(pages)} page(s) has a text layer "
                                "(scanned images?); run OCR first and ingest the result")
    meta: dict[str, Any] = {}
    if info is not None:
        if info.title:
            meta["title"] = str(info.title)
        if _is_person(info.author):
            meta["authors"] = [str(info.author).strip()]
    yield RawText(text, path, "pdf", "utf-8", meta)


# --- jsonl ------------------------------------------------------------------

_JSONL_HINTS = ("title", "url", "published", "outlet")


@register_reader(".jsonl", ".ndjson")
def read_jsonl(data: bytes, path: str) -> Iterator[RawText]:
    """One report per line: {"text": …, "title"?, "url"?, "published"?, "outlet"?, "authors"?}.

    Record n (1-based line number) gets the path ``file.jsonl#n``. Blank lines
    are skipped; bad lines are raised together at the end as `BadRecords`.
    """
    _check_not_empty(data, path)
    content, encoding = decode_text(data, path)
    errors: list[BadRecord] = []
    good = 0
    for n, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        rec_path = f"{path}#{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(BadRecord(rec_path, n, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        if not isinstance(obj, dict):
            errors.append(BadRecord(rec_path, n, "a line must hold a JSON object with a \"text\" field"))
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            errors.append(BadRecord(rec_path, n, "missing or empty \"text\" field"))
            continue
        meta = {k: obj[k] for k in _JSONL_HINTS if isinstance(obj.get(k), str) and obj[k].strip()}
        authors = obj.get("authors")
        if isinstance(authors, list) and all(isinstance(a, str) for a in authors):
            meta["authors"] = authors
        good += 1
        yield RawText(text, rec_path, "jsonl", encoding, meta)
    if errors:
        raise BadRecords(path, errors, good)
    if good == 0:
        raise EmptyDocument(path, "no records: the .jsonl file has only blank lines")


# --- entry points -----------------------------------------------------------

def read_bytes(data: bytes, filename: str) -> Iterator[RawText]:
    """Every RawText of an upload: bytes plus the name that tells its type."""
    suffix = Path(filename).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise UnsupportedFormat(filename, f"no reader for {suffix or 'files without extension'}; "
                                          f"supported: {known}")
    if len(data) > MAX_BYTES:
        raise TooLarge(filename, f"{len(data)} bytes is over the limit of {MAX_BYTES} bytes; "
                                 "split the file")
    yield from reader(data, filename)


def read_path(path: str | Path) -> Iterator[RawText]:
    """Every RawText of a file (several for .jsonl)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READERS:
        yield from read_bytes(b"", str(path))     # raises UnsupportedFormat
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TooLarge(str(path), f"{size} bytes is over the limit of {MAX_BYTES} bytes; split the file")
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), f"cannot read the file ({exc.strerror or exc}); "
                                     "check the path and its permissions") from exc
    yield from read_bytes(data, str(path))
