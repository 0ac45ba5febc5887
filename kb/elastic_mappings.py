"""Index design of the cluster store: settings, mappings, record → index documents.

One index per kind, each a versioned concrete index behind an alias::

    <prefix>-documents      → <prefix>-documents-v1-<timestamp>
    <prefix>-parks | -organizations | -people | -figures | -practices
    <prefix>-entities       (cross-document park entities, see kb.elastic_entities)

Chinese needs no server plugin. Exactly as in the embedded store
(kb/index.py), text goes in twice: `*_seg` holds the jieba index terms
(:func:`kb.query.segment_terms`, joined by spaces) and `*_bi` the character
bigrams (:func:`kb.query.bigram_tokens`), both under a whitespace analyzer,
so a query matches the same documents in both backends. With
``bigrams="server"`` the `*_bi` fields instead get the raw text and the
server's own ``standard`` tokenizer + ``cjk_bigram`` filter (analyzer
``dj_cjk``): no client-side bigrams, but numbers with dots, kana and
underscores split slightly differently from the embedded store.

Rows of figures/practices are stored in the shape the read side returns
(kb.sqlite_queries.figure_row / practice_row); exact numbers are kept as
decimal text (`value`, `change_from`) next to a double (`value_num`).
"""
from __future__ import annotations

from typing import Any

from kb.query import bigram_tokens, segment_terms

SCHEMA_VERSION = 1
LIST_KINDS = ("parks", "organizations", "people", "figures", "practices")
KINDS = ("documents",) + LIST_KINDS + ("entities",)

ANALYSIS = {
    "analyzer": {
        "dj_ws": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
        "dj_cjk": {"type": "custom", "tokenizer": "standard", "filter": ["cjk_width", "lowercase", "cjk_bigram"]},
    }
}

KW = {"type": "keyword"}
INT = {"type": "integer"}
LONG = {"type": "long"}
STORED = {"type": "keyword", "index": False, "doc_values": False}   # kept in _source only
BLOB = {"type": "object", "enabled": False}                         # any JSON, never indexed
BIG = {"type": "text", "index": False}                              # long text, _source only
SEARCH_FIELDS = ("title_seg", "body_seg", "title_bi", "body_bi")
BOOSTS = {"title_seg": 3.0, "body_seg": 1.0, "title_bi": 1.5, "body_bi": 0.5}   # as kb/index.py


def _search_props(bigrams: str) -> dict[str, Any]:
    bi = "dj_cjk" if bigrams == "server" else "dj_ws"
    return {"title_seg": {"type": "text", "analyzer": "dj_ws"}, "body_seg": {"type": "text", "analyzer": "dj_ws"},
            "title_bi": {"type": "text", "analyzer": bi}, "body_bi": {"type": "text", "analyzer": bi}}


_META = {"doc_id": KW, "idx": INT, "id": KW, "park": KW, "province": KW, "year": INT, "outlet": KW,
         "date": INT, "title": BIG, "published": KW, "path": STORED, "seq": LONG}


def mappings(kind: str, bigrams: str = "client") -> dict[str, Any]:
    if kind == "documents":
        props = {"doc_id": KW, "seq": LONG, "path": KW, "title": BIG, "outlet": KW, "published": KW,
                 "year": INT, "date": INT, "province": KW, "park": KW, "script": KW,
                 "counts": BLOB, "source": BLOB, "record": BIG, "text": BIG, "original": BIG,
                 **_search_props(bigrams)}
    elif kind == "parks":
        props = {**_META, "name": KW, "aliases": KW, "city": KW}
    elif kind == "organizations":
        props = {**_META, "name": KW, "aliases": BLOB, "kind": KW, "park_name": STORED}
    elif kind == "people":
        props = {**_META, "name": KW, "roles": BLOB, "organization": STORED}
    elif kind == "figures":
        props = {**_META, "metric": KW, "value": STORED, "value_num": {"type": "double"}, "unit": KW,
                 "qualifier": KW, "cumulative": {"type": "boolean"}, "change_from": STORED, "period": STORED,
                 "subject": STORED, "text": BIG, "span": BLOB, "sentence": BIG, **_search_props(bigrams)}
    elif kind == "practices":
        props = {**_META, "name": KW, "aliases": BLOB, "kind": KW, "category": KW, "components": BLOB,
                 "subject": STORED, "text": BIG, "span": BLOB, "sentence": BIG, **_search_props(bigrams)}
    elif kind == "entities":
        props = {"park_id": KW, "name": KW, "province": KW, "city": KW, "keys": KW, "names": BLOB}
    else:
        raise ValueError(f"unknown index kind {kind!r}")
    return {"dynamic": "strict", "_meta": {"dangjian_schema": SCHEMA_VERSION, "kind": kind,
                                           "bigrams": bigrams}, "properties": props}


def index_body(kind: str, bigrams: str = "client", shards: int = 1, replicas: int = 0) -> dict[str, Any]:
    return {
        "settings": {"number_of_shards": shards, "number_of_replicas": replicas,
                     "index": {"max_result_window": 1_000_000}, "analysis": ANALYSIS},
        "mappings": mappings(kind, bigrams),
    }


def search_fields(title: str, body: str, bigrams: str = "client") -> dict[str, str]:
    """The four full-text fields of an entry, tokenised like the embedded index."""
    out: dict[str, str] = {}
    for src, prefix in ((title or "", "title"), (body or "", "body")):
        out[f"{prefix}_seg"] = " ".join(segment_terms(src)) if src else ""
        if bigrams == "server":
            out[f"{prefix}_bi"] = src
        else:
            out[f"{prefix}_bi"] = " ".join(bigram_tokens(src)) if src else ""
    return out


def nonempty(value: Any) -> Any:
    """Facet/filter values as the embedded index keeps them: empty → absent."""
    if isinstance(value, (list, tuple)):
        return [v for v in value if v] or None
    return value if value else None


_ID_LETTER = {"figures": "f", "practices": "p", "parks": "k", "organizations": "o", "people": "m"}


def item_id(kind: str, doc_id: str, idx: int) -> str:
    """Row id, as kb.sqlite_queries: ``<doc_id>-f<idx>`` / ``-p<idx>`` (and -k/-o/-m)."""
    return f"{doc_id}-{_ID_LETTER[kind]}{idx}"
