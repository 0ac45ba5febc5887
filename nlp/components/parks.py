"""The `parks` list of the extraction contract (placeholder: fills nothing yet)."""
from __future__ import annotations

from typing import Any


class ParksComponent:
    list_name = "parks"

    def __init__(self, nlp, name: str = "parks") -> None:
        self.name = name

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        return None

    def match(self, doc) -> list[dict[str, Any]]:
        return []

    def set_annotations(self, doc, items: list[dict[str, Any]]) -> None:
        doc.user_data.setdefault("dangjian", {})[self.list_name] = items

    def __call__(self, doc):
        self.set_annotations(doc, self.match(doc))
        return doc


def make_component(nlp, name: str):
    return ParksComponent(nlp, name)
