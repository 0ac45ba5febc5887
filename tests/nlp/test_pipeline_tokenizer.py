"""The rjieba tokenizer builds the same Doc as spaCy's Doc(vocab, words, spaces) over rjieba's cut."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _reference(nlp, text: str):
    from spacy.tokens import Doc

    from nlp.segment import get_segmenter

    words = get_segmenter().cut(text)
    return Doc(nlp.vocab, words=words, spaces=[False] * len(words))


def _same(a, b) -> bool:
    return ([t.text for t in a] == [t.text for t in b] and [t.orth for t in a] == [t.orth for t in b]
            and [t.idx for t in a] == [t.idx for t in b] and a.text == b.text and a.to_bytes() == b.to_bytes())


@pytest.mark.parametrize("text", ["", "党", "党建", " ", "\n", "a b", "ORTH PERSON NOUN IS_ALPHA",
                                  "园区党委  \u3000组织 1.2万名党员😀", "新词汇甲乙丙丁戊己庚辛"])
def test_pipeline_tokenizer_equals_doc_from_words(text):
    from nlp.pipeline import build_nlp

    nlp = build_nlp()
    assert _same(nlp.make_doc(text), _reference(nlp, text))


def test_pipeline_tokenizer_equals_doc_from_words_on_samples():
    from nlp.pipeline import build_nlp

    nlp = build_nlp()
    for path in sorted((ROOT / "corpus").glob("*.txt"))[:2]:
        text = path.read_text("utf-8")
        assert _same(nlp.make_doc(text), _reference(nlp, text))


def test_pipeline_tokenizer_tokens_of_a_sentence():
    from nlp.pipeline import build_nlp

    doc = build_nlp().make_doc("党建引领发展")
    assert [t.text for t in doc] == ["党建", "引领", "发展"]
    assert [t.idx for t in doc] == [0, 2, 4]


def test_pipeline_tokenizer_inside_a_memory_zone():
    from nlp.pipeline import build_nlp

    nlp = build_nlp()
    with nlp.vocab.memory_zone():
        doc = nlp.make_doc("党建引领发展罕见新词")
        assert [t.text for t in doc] == [t.text for t in _reference(nlp, "党建引领发展罕见新词")]


def test_pipeline_tokenizer_table_starts_afresh_when_full(monkeypatch):
    import nlp.pipeline as pipeline_module
    from nlp.pipeline import build_nlp

    nlp = build_nlp()
    monkeypatch.setattr(pipeline_module, "ORTH_CACHE_MAX", 4)
    for text in ["党建引领发展，园区企业123家。", "新的一段文字又来了", "党建引领发展"]:
        assert _same(nlp.make_doc(text), _reference(nlp, text))
    assert len(nlp.tokenizer._orth) <= 4 + len(_reference(nlp, "党建引领发展"))
