"""Registered spaCy components, one per list of the extraction contract.

Each component follows spaCy's SpanRuler shape: `__call__` = `match()` (pure:
Doc → items) then `set_annotations()` (writes ``doc.user_data["dangjian"][list]``).
Lexicons are loaded from nlp/data/ in `initialize()` (or lazily on first use).
"""
from __future__ import annotations

_registered = False


def register_all() -> None:
    global _registered
    if _registered:
        return
    from spacy.language import Language

    from nlp.components import figures, organizations, parks, people, practices

    Language.factory("dangjian_parks_v1")(parks.make_component)
    Language.factory("dangjian_organizations_v1")(organizations.make_component)
    Language.factory("dangjian_people_v1")(people.make_component)
    Language.factory("dangjian_practices_v1")(practices.make_component)
    Language.factory("dangjian_figures_v1")(figures.make_component)
    _registered = True
