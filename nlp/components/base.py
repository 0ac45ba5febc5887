"""What every extraction component shares: spaCy's SpanRuler shape.

`__call__` is `match()` (pure: Doc → the items of one list of the extraction
contract) then `set_annotations()`, which writes them to
``doc.user_data["dangjian"][list_name]``. A component loads its lexicons in
`initialize()` (or lazily, on first use), never at import time.
"""
from __future__ import annotations

from typing import Any


class ListComponent:
    list_name = ""                      # the contract's list this component fills

    def __init__(self, nlp, name: str = "") -> None:
        self.name = name or self.list_name

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        return None

    def match(self, doc) -> list[dict[str, Any]]:
        raise NotImplementedError

    def set_annotations(self, doc, items: list[dict[str, Any]]) -> None:
        doc.user_data.setdefault("dangjian", {})[self.list_name] = items

    def __call__(self, doc):
        self.set_annotations(doc, self.match(doc))
        return doc
