"""Segmentation owned by the pipeline: rjieba (jieba-rs, jieba's dictionary)
with the domain user dictionary `nlp/data/userdict.txt` added once, lazily.

Nothing is loaded at import time; `get_segmenter()` builds one per process.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Iterator


def _data_lines(name: str) -> Iterator[str]:
    text = resources.files("nlp").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


class Segmenter:
    """jieba segmentation with character offsets, through rjieba."""

    def __init__(self, userdict: str | None = "userdict.txt") -> None:
        import rjieba

        self._jieba = rjieba.Jieba()
        if userdict:
            for line in _data_lines(userdict):
                parts = line.split()
                word = parts[0]
                freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 2000
                tag = parts[2] if len(parts) > 2 else "n"
                self._jieba.add_word(word, freq, tag)

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """Tokens with [start, end) character offsets; they cover `text` exactly."""
        return self._jieba.tokenize(text)

    def cut(self, text: str) -> list[str]:
        return self._jieba.cut(text)

    def tag(self, text: str) -> list[tuple[str, str]]:
        return self._jieba.tag(text)

    def index_terms(self, text: str) -> list[str]:
        """Words for the full-text index: non-space tokens, lower-cased."""
        return [w.lower() for w in self._jieba.cut(text) if w.strip()]

    def cut_all(self, text: str) -> list[str]:
        """jieba full mode: every dictionary word at every position, each character
        alone, and the runs of other letters, digits and punctuation."""
        return self._jieba.cut_all(text)

    def index_terms_all(self, text: str) -> list[str]:
        """Full-mode words for the full-text index: non-space tokens, lower-cased.

        A dictionary word occurs in `text` exactly when it is one of these
        terms, so a search for it needs no phrase over character bigrams.
        """
        return [w.lower() for w in self._jieba.cut_all(text) if w.strip()]

    def has_word(self, word: str) -> bool:
        """Whether `word` is in the dictionary (jieba's own or the user dictionary)."""
        return bool(word) and self._jieba.has_word(word)


@lru_cache(maxsize=1)
def get_segmenter() -> Segmenter:
    return Segmenter()
