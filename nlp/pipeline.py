"""The extraction pipeline: a blank Chinese spaCy `Language` whose tokenizer
is rjieba, and one registered component per list of the contract.

    (spaCy forbids dots in factory names, hence "dangjian_figures_v1".)

    segment → parks → organizations → people → practices → figures

Each component is `Doc → Doc`, reads its lexicons from nlp/data/ once, and
writes its list to ``doc.user_data["dangjian"][name]``. `extract(document)`
runs the pipeline over `Document.text` and returns the lists.
"""
from __future__ import annotations

from functools import lru_cache
from operator import itemgetter
from typing import Any, Sequence

COMPONENTS = (
    ("dangjian_parks_v1", "parks"),
    ("dangjian_organizations_v1", "organizations"),
    ("dangjian_people_v1", "people"),
    ("dangjian_practices_v1", "practices"),
    ("dangjian_figures_v1", "figures"),
)
LIST_NAMES = tuple(name for _, name in COMPONENTS)


ORTH_CACHE_MAX = 1 << 17   # words whose vocabulary ids the tokenizer remembers (~150 B each), then starts afresh


class _OrthTable(dict):
    """word -> vocabulary id (orth hash). A word not in it yet is added to the
    StringStore, the call `Vocab.get` makes for a new word; the lookup of the
    words already in it stays in C (`dict.__missing__` runs for the others only)."""

    __slots__ = ("_vocab",)

    def __init__(self, vocab) -> None:
        super().__init__()
        self._vocab = vocab

    def __missing__(self, word: str) -> int:
        if len(self) > ORTH_CACHE_MAX:
            self.clear()
        orth = self[word] = self._vocab.strings.add(word, allow_transient=True)
        return orth


class RjiebaTokenizer:
    """spaCy tokenizer over rjieba: tokens cover the text exactly.

    The Doc is built from the words' vocabulary ids (orth hashes), not from the
    strings: `Doc.__init__` then looks each lexeme up by id instead of hashing
    the string again (about 2.5× cheaper per token). The ids come from a table
    word -> id over the vocabulary's words (`_OrthTable`, like the vocabulary's
    own lexeme table; never keyed on document text), so the lexemes are the
    same. Inside a spaCy memory zone (transient strings) the words go in as strings.
    """

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self._orth = _OrthTable(vocab)

    def __call__(self, text: str):
        from spacy.tokens import Doc

        from nlp.segment import get_segmenter

        words = get_segmenter().cut(text)     # same tokens as tokenize(), without the offsets: faster
        if self.vocab.in_memory_zone:
            return Doc(self.vocab, words=words, spaces=[False] * len(words))
        if len(words) < 2:                    # itemgetter of one key returns the value itself
            orths: Sequence[int] = [self._orth[word] for word in words]
        else:
            orths = itemgetter(*words)(self._orth)     # one C call for all the words
        return Doc(self.vocab, words=orths, spaces=[False] * len(words))

    # spaCy serialisation hooks: nothing to save, the dictionary is package data
    def to_bytes(self, **_: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: Any) -> "RjiebaTokenizer":
        return self

    def to_disk(self, _path, **_: Any) -> None:
        return None

    def from_disk(self, _path, **_: Any) -> "RjiebaTokenizer":
        return self


def _register() -> None:
    import spacy

    from nlp.components import register_all

    @spacy.registry.tokenizers("dangjian.rjieba_tokenizer.v1")
    def create_tokenizer():
        return lambda nlp: RjiebaTokenizer(nlp.vocab)

    register_all()


@lru_cache(maxsize=1)
def build_nlp():
    """The pipeline, built once per process."""
    import spacy

    _register()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "dangjian.rjieba_tokenizer.v1"}}})
    for factory, name in COMPONENTS:
        nlp.add_pipe(factory, name=name)
    nlp.initialize()
    return nlp


def new_doc(text: str, meta: dict[str, Any] | None = None):
    """A tokenised Doc with the document's metadata (title, authors …) attached."""
    nlp = build_nlp()
    doc = nlp.make_doc(text)
    doc.user_data["meta"] = dict(meta or {})
    doc.user_data["text"] = text          # spaCy rebuilds doc.text on every read: components use this
    doc.user_data["dangjian"] = {name: [] for name in LIST_NAMES}
    return doc


def run(text: str, meta: dict[str, Any] | None = None):
    nlp = build_nlp()
    doc = new_doc(text, meta)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def extract(document) -> dict[str, list[dict[str, Any]]]:
    """The five lists of the contract for one normalised `Document`."""
    meta = {"title": document.title, "authors": list(document.authors),
            "captions": list(document.captions), "outlet": document.outlet}
    doc = run(document.text, meta)
    return {name: doc.user_data["dangjian"][name] for name in LIST_NAMES}
