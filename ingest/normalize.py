"""Normalisation, once (placeholder: identity)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Normalized:
    text: str
    script: str = "simplified"
    offsets: list[int] = field(default_factory=list)
    captions: list[tuple[int, int]] = field(default_factory=list)


def normalize(text: str) -> Normalized:
    return Normalized(text=text, offsets=list(range(len(text))))
