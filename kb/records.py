"""The extraction record of ../shared/schema/EXTRACTION.md, as stored.

A *record* is a plain dict in the contract's shape plus the normalised text:

    {"doc_id", "source": {...}, "text": str, "original": str, "captions": [[s, e]],
     "parks": [...], "organizations": [...], "people": [...],
     "figures": [...], "practices": [...]}

`public_record()` drops the bulky text fields for `dangjian extract --json`.
"""
from __future__ import annotations

from typing import Any

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
    return record


def public_record(record: Record, with_text: bool = False) -> Record:
    out = {k: v for k, v in record.items() if k not in ("text", "original", "captions")}
    if with_text:
        out["text"] = record.get("text", "")
    return out


def year_of(record: Record) -> int | None:
    published = (record.get("source") or {}).get("published") or ""
    return int(published[:4]) if published[:4].isdigit() else None


_PARK_KEY_DROP = str.maketrans("", "", "“”\"' \u3000")


def park_key(name: str) -> str:
    """Identity of a park across documents: its canonical name without spaces/quotes."""
    return name.translate(_PARK_KEY_DROP)
