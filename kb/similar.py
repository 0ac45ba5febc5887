"""Practice similarity: TF-IDF over character n-grams of a practice's name,
components and source sentence (character n-grams need no segmenter and suit
Chinese), cosine similarity, neighbours restricted to *other* parks.

`PracticeIndex.build(practices)` fits once; `index_for(store)` caches the index
per store and rebuilds it when the store's record count changes.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from kb.compare import practice_id
from kb.records import park_key


def practice_text(practice: dict[str, Any]) -> str:
    """What a practice is compared by: name (twice: it matters most), components, sentence."""
    parts = [practice.get("name", "")] * 2 + list(practice.get("components") or [])
    parts += list(practice.get("aliases") or []) + [practice.get("text", "")]
    return " ".join(p for p in parts if p)


def practice_park(practice: dict[str, Any]) -> str:
    return practice.get("park") or practice.get("subject") or ""


@dataclass
class PracticeIndex:
    practices: list[dict[str, Any]] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)
    matrix: Any = None

    @classmethod
    def build(cls, practices: list[dict[str, Any]]) -> "PracticeIndex":
        index = cls(practices=list(practices))
        index.ids = {practice_id(p): i for i, p in enumerate(index.practices)}
        texts = [practice_text(p) for p in index.practices]
        if any(t.strip() for t in texts):
            from sklearn.feature_extraction.text import TfidfVectorizer

            vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True,
                                         token_pattern=None)
            index.matrix = vectorizer.fit_transform(texts)
        return index

    def get(self, pid: str) -> dict[str, Any] | None:
        i = self.ids.get(pid)
        return None if i is None else self.practices[i]

    def similar(self, pid: str, k: int = 5, other_parks: bool = True) -> list[dict[str, Any]]:
        """The k most similar practices (score > 0), best first, from other parks by default."""
        i = self.ids.get(pid)
        if i is None or self.matrix is None:
            return []
        scores = (self.matrix @ self.matrix[i].T).toarray().ravel()
        own_park = park_key(practice_park(self.practices[i]))
        own_name = park_key(self.practices[i].get("name", ""))
        out: list[dict[str, Any]] = []
        for j in scores.argsort()[::-1]:
            if len(out) >= k or scores[j] <= 0:
                break
            other = self.practices[j]
            if j == i or (other_parks and park_key(practice_park(other)) == own_park):
                continue
            if not other_parks and park_key(other.get("name", "")) == own_name and other.get("doc_id") == \
                    self.practices[i].get("doc_id"):
                continue
            out.append({**other, "id": practice_id(other), "score": round(float(scores[j]), 4)})
        return out


_CACHE: dict[int, tuple[int, PracticeIndex]] = {}
_LOCK = threading.Lock()


def index_for(store) -> PracticeIndex:
    """The store's practice index, rebuilt when its record count has changed."""
    count = store.count()
    key = id(store)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached and cached[0] == count:
            return cached[1]
    index = PracticeIndex.build(list(store.practices()))
    with _LOCK:
        _CACHE[key] = (count, index)
    return index


def forget(store) -> None:
    with _LOCK:
        _CACHE.pop(id(store), None)
