"""The extraction record of ../shared/schema/EXTRACTION.md, as stored.

A *record* is a plain dict in the contract's shape plus the normalised text:

    {"doc_id", "source": {...}, "text": str, "original": str, "captions": [[s, e]],
     "parks": [...], "organizations": [...], "people": [...],
     "figures": [...], "practices": [...]}

`public_record()` drops the bulky text fields for `dangjian extract --json`.
"""
from __future__ import annotations

from typing import Any

from ingest.document import NAME_MARKS

LISTS = ("parks", "organizations", "people", "figures", "practices")

Record = dict[str, Any]


def make_record(document, extractions: dict[str, list[dict]]) -> Record:
    record: Record = {
        "doc_id": document.doc_id,
        "source": document.source(),
        "text": document.text,
        "original": document.original,
        "captions": [list(c) for c in document.captions],
    }
    for key in LISTS:
        record[key] = list(extractions.get(key, []))
    record.update({key: [_as_written(document, item) for item in record[key]] for key in NAMED})
    return record


NAMED = ("parks", "organizations", "people", "practices")
_WRITTEN_FIELDS = ("name", "aliases", "components")


def _strings(item: dict[str, Any]):
    for key in _WRITTEN_FIELDS:
        value = item.get(key)
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, str))


def _as_written(document, item: dict[str, Any]) -> dict[str, Any]:
    """`item` with its names in the brackets and punctuation the report
    writes them with (`Document.as_written`); the item itself when no name
    holds such a mark."""
    if not any(ch in NAME_MARKS for v in _strings(item) for ch in v):
        return item
    out = dict(item)
    for key in _WRITTEN_FIELDS:
        value = out.get(key)
        if isinstance(value, str):
            out[key] = document.as_written(value)
        elif isinstance(value, list):
            out[key] = [document.as_written(v) if isinstance(v, str) else v for v in value]
    if isinstance(out.get("aliases"), list):    # a folded alias may now equal the name or another alias
        name = out.get("name")
        out["aliases"] = [a for a in dict.fromkeys(out["aliases"]) if a != name]
    return out


def public_record(record: Record, with_text: bool = False) -> Record:
    out = {k: v for k, v in record.items() if k not in ("text", "original", "captions")}
    if with_text:
        out["text"] = record.get("text", "")
    return out


def year_of(record: Record) -> int | None:
    published = (record.get("source") or {}).get("published") or ""
    return int(published[:4]) if published[:4].isdigit() else None


_PARK_KEY_DROP = str.maketrans("（）", "()", "“”\"' \u3000")


def park_key(name: str) -> str:
    """Identity of a park across documents: its canonical name without spaces/quotes."""
    return name.translate(_PARK_KEY_DROP)
