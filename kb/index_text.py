"""The analysed text of the embedded store's index entries, without tantivy.

An index entry (a document, practice or figure; see
:meth:`kb.sqlite.SQLiteStore._entries`) reaches tantivy's ``body_seg`` and
``body_bi`` fields as two whitespace-separated strings: the jieba full-mode
words and the character bigrams of its title (simplified, `TITLE_REPEAT`
times) and body. `analyse()` makes those strings for many entries at once.
They depend on the title and body alone, never on park ids, so ingest worker
processes compute them ahead of the writer (:func:`kb.sqlite_write.prepare_for_store`);
`ANALYSIS_VERSION` names the analysis, and strings made by another one are
not used.

The strings come lower-cased already, the way tantivy's lower-case filter
would leave the tokens (`_tantivy_lower`), for an analyzer that only splits
on whitespace.
"""
from __future__ import annotations

import re
from typing import Any

from kb.query import index_fields, to_simplified_many

ANALYSIS_VERSION = "1"          # change whenever the strings `analyse()` makes change
TITLE_REPEAT = 2                # title copies ahead of the body (spelled out in `analyse`)

Analysis = tuple[str, str] | None          # (body_seg, body_bi); None: no title and no body

# Characters that tantivy's lower-case filter (Rust, Unicode 16) lowers but Python's
# str.lower() (Unicode 14 in Python 3.11) leaves alone: all the difference between
# `x.lower()` then that filter, and `_tantivy_lower(x.lower())` (a test checks every
# code point against the installed tantivy).
_RUST_ONLY_LOWER = {0x1C89: 0x1C8A, 0xA7CB: 0x0264, 0xA7CC: 0xA7CD, 0xA7CE: 0xA7CF, 0xA7D2: 0xA7D3,
                    0xA7D4: 0xA7D5, 0xA7DA: 0xA7DB, 0xA7DC: 0x019B,
                    **{c: c + 0x20 for c in range(0x10D50, 0x10D66)},
                    **{c: c + 0x1B for c in range(0x16EA0, 0x16EB9)}}
_RUST_ONLY_UPPER = re.compile("[" + "".join(map(chr, _RUST_ONLY_LOWER)) + "]")


def _tantivy_lower(text: str) -> str:
    """A field string already lower-cased by Python as tantivy's lower-case filter
    would leave it (the analyzer has none)."""
    if _RUST_ONLY_UPPER.search(text) is None:
        return text
    return text.translate(_RUST_ONLY_LOWER)


def analyse(entries: list[dict[str, Any]]) -> list[Analysis]:
    """(body_seg, body_bi) of each entry, from its "title" and "body". Titles and
    bodies of all entries are analysed together (`kb.query.index_fields`, one
    OpenCC call for the titles, which may keep their script); `_tantivy_lower`
    runs only where a text is not plain."""
    if not entries:
        return []
    titles = to_simplified_many([e.get("title") or "" for e in entries])
    fields = index_fields(titles + [e.get("body") or "" for e in entries])
    n = len(entries)
    out: list[Analysis] = []
    for k, e in enumerate(entries):
        if not (titles[k] or e.get("body")):
            out.append(None)
            continue
        tseg, tbi, tplain = fields[k]
        bseg, bbi, bplain = fields[n + k]
        seg = f"{tseg} {tseg} {bseg}"             # TITLE_REPEAT copies ahead of the body
        bi = f"{tbi} {tbi} {bbi}"
        if not (tplain and bplain):
            seg, bi = _tantivy_lower(seg), _tantivy_lower(bi)
        out.append((seg, bi))
    return out
