"""The one normalised `Document` every later stage reads.

Normalisation happens once (see :mod:`ingest.normalize`); after that the text
never changes, `doc_id` is derived from it and every span downstream indexes
into `Document.text`. `offsets` maps each character of `text` back to the
character of `original` it came from, so a span can be shown in the file as
it was read.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def doc_id_of(text: str) -> str:
    """First 16 hex digits of sha256 of the normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# Marks that normalisation folds (ingest.normalize), each with the forms a report
# may write it in: （） to (), ASCII , ; : ! ? in Chinese text to ，；：！？,
# corner and ASCII quotes to “” ‘’.
_FOLDED_MARKS = {"(": "（", ")": "）", "，": ",", "；": ";", "：": ":", "！": "!", "？": "?"}
_FOLDED_QUOTES = {"“": "「\"", "”": "」\"", "‘": "『'", "’": "』'"}
NAME_MARKS = frozenset(_FOLDED_MARKS)


@dataclass
class Document:
    text: str                       # normalised, simplified text: spans index this
    original: str = ""              # decoded text as read, before normalisation
    path: str = ""                  # where it was read from ("" for stdin/uploads)
    format: str = "txt"             # reader that produced it
    encoding: str = "utf-8"         # detected encoding of the source bytes
    script: str = "simplified"      # simplified | traditional | mixed
    title: str = ""
    outlet: str = ""
    published: str = ""             # ISO date, "" when unknown
    authors: list[str] = field(default_factory=list)
    url: str = ""
    captions: list[tuple[int, int]] = field(default_factory=list)   # spans of photo captions
    offsets: list[int] = field(default_factory=list)   # text index -> original index
    doc_id: str = ""

    def __post_init__(self) -> None:
        if not self.doc_id:
            self.doc_id = doc_id_of(self.text)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of `text` to the span of `original` it came from."""
        if not self.offsets:
            return start, end
        o_start = self.offsets[start] if start < len(self.offsets) else len(self.original)
        o_end = self.offsets[end - 1] + 1 if 0 < end <= len(self.offsets) else o_start
        return o_start, o_end

    def as_written(self, name: str, quotes: bool = False) -> str:
        """`name` (a substring of `text`) with the marks its first occurrence
        has in `original`: normalisation folds （） to () and ASCII , ; : ! ?
        in Chinese text to ，；：！？, but a name keeps the form the report
        gives it (X（中国）有限公司); with `quotes`, corner quotes too (a title
        keeps its 「」). A name the text never writes whole (a party branch named
        after its company) takes the marks of its longest prefix the text has."""
        marks = {**_FOLDED_MARKS, **_FOLDED_QUOTES} if quotes else _FOLDED_MARKS
        if not name or not any(ch in marks for ch in name):
            return name
        at = self.text.find(name)
        if at < 0:                      # a composed name (X(中国)有限公司党支部): its longest written prefix
            last = max(i for i, ch in enumerate(name) if ch in marks)
            for k in range(len(name) - 1, last, -1):
                if (at := self.text.find(name[:k])) >= 0:
                    break
        if at < 0 or not self.offsets:
            return name
        chars = list(name)
        for i, ch in enumerate(chars):
            if ch in marks:
                o = self.offsets[at + i]
                if o < len(self.original) and self.original[o] in marks[ch]:
                    chars[i] = self.original[o]
        return "".join(chars)

    def title_as_written(self, title: str) -> str:
        """`as_written` of a title, quotes included; a title joined with its
        ——subtitle line is restored part by part."""
        if title in self.text or "——" not in title[1:]:
            return self.as_written(title, quotes=True)
        cut = title.index("——", 1)
        return self.as_written(title[:cut], quotes=True) + self.as_written(title[cut:], quotes=True)

    def source(self) -> dict[str, Any]:
        """The `source` object of the extraction record."""
        return {
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "authors": list(self.authors),
            "script": self.script,
            "url": self.url,
            "format": self.format,
            "encoding": self.encoding,
        }

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["captions"] = [list(c) for c in self.captions]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        d = dict(d)
        d["captions"] = [tuple(c) for c in d.get("captions", [])]
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in d.items() if k in known})
