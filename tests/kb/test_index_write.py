"""The embedded store's write path: fields analysed in batches, strings lower-cased
before tantivy (no lower-case filter), index entries built from the rows just
written. Each shortcut must give tantivy exactly the tokens the plain way gave."""
from __future__ import annotations

import tantivy

from kb import index as kb_index
from kb import index_text
from kb.query import (bigram_text, bigram_tokens, index_fields, segment_text, to_simplified,
                      to_simplified_many)
from kb.sqlite_write import FreshEntries

from kb_cases import make_store, record_a, record_b, record_c

# ASCII and other cased letters (final sigma, dotted I, title-case digraph, letters
# Python 3.11 does not know but tantivy lower-cases), astral CJK and non-CJK
# characters, odd spaces (U+3000, vertical tab, CR LF), compatibility ideographs
ODD_TEXTS = [
    "", "党", "5G基站建设，党", "ABC def", "APP中国", "ΑΣ.Β ΟΔΟΣ σΣ", "İstanbul和ǅ", "\ua7cb\U00010d50中",
    "𠀀𠀁党建𝐀𝐁中😀", "a\x01b中\x01文\x01", "\u3000全角\u3000空格\v制表\r\n换行\t", "﨑崎 𝟘1２", "_下划线_x_", "a.b-c%d#e&f+g",
]


def _plain_texts(corpus_files) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in corpus_files]
    return texts + [line for t in texts for line in t.splitlines()[:40]] + ODD_TEXTS


def test_query_index_fields_match_segment_text_and_bigram_tokens(corpus_files):
    texts = _plain_texts(corpus_files)
    fields = index_fields(texts)
    assert len(fields) == len(texts)
    for text, (seg, bi, plain) in zip(texts, fields):
        assert seg == segment_text(text)
        assert bi.split() == bigram_tokens(text)
        if not plain:
            assert bi == bigram_text(text)
    assert index_fields([]) == []
    assert index_fields(["", ""]) == [("", "", True), ("", "", True)]
    assert [f[2] for f in index_fields(["党建APP", "ΑΣ", "𝐀"])] == [True, False, False]


def test_query_index_fields_text_holding_the_separator_goes_alone():
    texts = ["党建\x00工作", "ABC楼宇"]
    assert index_fields(texts) == [(segment_text(t), bigram_text(t), False) for t in texts]


def test_query_index_fields_batches_split_on_chunk_size(monkeypatch, corpus_files):
    import kb.query as kq

    texts = _plain_texts(corpus_files)[:60]
    whole = index_fields(texts)
    monkeypatch.setattr(kq, "_CHUNK_CHARS", 500)
    assert [(s, b.split()) for s, b, _p in index_fields(texts)] == [(s, b.split()) for s, b, _p in whole]


def test_query_to_simplified_many_matches_one_at_a_time(corpus_files):
    original = corpus_files[0].read_text(encoding="utf-8")
    lines = [line for p in corpus_files for line in p.read_text(encoding="utf-8").splitlines() if line]
    texts = lines + ["黨建工作", "", "兩行\n標題", "有\x00空字元", "樓宇黨建"]
    assert to_simplified_many(texts) == [to_simplified(t) for t in texts]
    assert to_simplified_many([]) == [] and to_simplified_many([""]) == [""]
    assert to_simplified_many(["黨建", "樓宇"]) == ["党建", "楼宇"]
    assert to_simplified_many([original]) == [to_simplified(original)]


def _lowercase_analyzer() -> tantivy.TextAnalyzer:
    """The analyzer the index used before: whitespace tokens, then lower case."""
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
            .filter(tantivy.Filter.lowercase()).build())


def test_index_tantivy_lower_matches_the_lowercase_filter_on_every_code_point():
    # planes 4-13 hold no character (unassigned in every Unicode version so far)
    points = [c for c in range(0x110000) if not (0xD800 <= c < 0xE000 or 0x40000 <= c < 0xE0000)]
    lowered = [chr(c).lower() for c in points]
    lowered = [s for s in lowered if not any(ch in " \t\n\r\x0c" for ch in s)]
    text = " ".join(lowered)
    assert _lowercase_analyzer().analyze(text) == kb_index._analyzer().analyze(index_text._tantivy_lower(text))


def _entry(kind: str, title: str, body: str, **extra) -> dict:
    return {"id": f"x-{kind}", "doc_id": "x", "kind": kind, "title": title, "body": body, "date": 0, **extra}


def test_index_documents_give_tantivy_the_tokens_of_the_plain_fields(corpus_files):
    texts = _plain_texts(corpus_files)
    titles = ["黨建標題 APP", "", "ΑΣ", "\ua7cb中", "兩行\n標題"] + texts[5:20]
    entries = [_entry("doc", title, body, year=2024, park=["p1", "p2", ""], province=["广东省"], outlet="某报")
               for title, body in zip(titles * 4, texts)]
    entries += [_entry("figure", "", "", unit="个", park="p"), _entry("practice", "党建", "", category="service")]
    docs = kb_index.FullTextIndex._documents(entries)
    old, new = _lowercase_analyzer(), kb_index._analyzer()
    for entry, (part, doc) in zip(entries, docs):
        assert part == ("docs" if entry["kind"] == "doc" else "items")
        fields = doc.to_dict()
        title, body = to_simplified(entry["title"]), entry["body"]
        if title or body:
            seg = " ".join([segment_text(title)] * index_text.TITLE_REPEAT + [segment_text(body)])
            bi = " ".join([bigram_text(title)] * index_text.TITLE_REPEAT + [bigram_text(body)])
            assert new.analyze(fields["body_seg"][0]) == old.analyze(seg)
            assert new.analyze(fields["body_bi"][0]) == old.analyze(bi)
        else:
            assert "body_seg" not in fields and "body_bi" not in fields
        for name in kb_index.RAW_FIELDS:
            value = entry.get(name)
            values = [str(v) for v in (value if isinstance(value, list) else [value]) if v]
            assert fields.get(name, []) == values
    assert docs[0][1].to_dict()["year"] == [2024] and docs[-1][1].to_dict()["date"] == [0]


def _renamed(record: dict, doc_id: str, path: str) -> dict:
    return {**record, "doc_id": doc_id, "source": {**record["source"], "path": path}}


def test_sqlite_fresh_entries_equal_the_entries_read_back(tmp_path):
    store = make_store("sqlite", tmp_path)
    conn = store._conn()
    first = [record_a(), record_b()]
    assert [r.status for r in store.put_many(first)] == ["stored", "stored"]
    fresh = FreshEntries()
    batch = [record_c(), _renamed(record_a(), "a000000000000009", "corpus/b.txt"), record_b()]
    results = store._write(lambda c: store._put_batch(c, batch, fresh))
    assert [r.status for r in results] == ["stored", "replaced", "duplicate"]
    pending = list(dict.fromkeys(r[0] for r in conn.execute("SELECT doc_id FROM index_pending ORDER BY seq")))
    assert fresh.valid(conn)
    assert fresh.of(pending) == store._entries(conn, pending)
    assert len(fresh.of(pending)) == len(store._entries(conn, pending)) > 3
    assert fresh.of(pending + [record_a()["doc_id"]]) is None        # not written by that transaction
    other = make_store("sqlite", tmp_path)                               # another connection commits
    other.delete(record_c()["doc_id"])
    assert not fresh.valid(conn)
    other.close()
    store.close()


def test_sqlite_fresh_entries_dropped_when_parks_merge(tmp_path):
    store = make_store("sqlite", tmp_path)
    a, c = record_a(), record_c()
    bridge = _renamed(record_c(), "c000000000000009", "corpus/bridge.txt")
    bridge["parks"] = [{"name": a["parks"][0]["name"], "aliases": [c["parks"][0]["name"]],
                        "province": "", "city": ""}]
    fresh = FreshEntries()
    store._write(lambda conn: store._put_batch(conn, [a, c, bridge], fresh))
    assert fresh.entries is None and not fresh.valid(store._conn())
    assert store._flush_index(timeout=1.0, fresh=fresh)
    parks = {p["id"] for p in store.parks()}
    assert len(parks) == 1
    assert set(store.search_practices("").facets["park"]) == parks
    store.close()
