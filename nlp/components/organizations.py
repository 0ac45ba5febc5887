"""The `organizations` list: companies, party organisations, government
bodies, buildings and service sites, associations, communities.

Candidates come from suffixes (nlp/data/orgs_suffixes.txt: 有限公司, 党支部,
管委会, 大厦, 联合会, 社区 …) with the owner found by `left_edge`; from
"X公司" short names; from lists "A、B、C等N家企业/等示范点"; and from the
owners of party organisations (云杉党委 → company 云杉 when the text also
names it alone). Mentions are merged within the document: declared aliases
(以下简称X), leading park/place names dropped (某市银杏广场 = 银杏广场),
party-organisation forms (中共X支部委员会 = X党支部), company short names
(青禾新材料有限公司 → 青禾), short back-references (商会党委 ~ Y区Z商会党委).
Bodies without an owner (党工委, 管委会, 园区X委员会) belong to the main park;
central bodies named alone (国务院) come from nlp/data/orgs_standalone.txt.
Not names: a body followed by a job title with no owner (组织部部长, 管委会主任:
nlp/data/orgs_title_words.txt), a measure word after a numeral or a leading
time word (4个产业链党委, 去年公司), class owners (纺织服装产业链党委 names no
company). A unit's party organisation keeps its company (X有限公司Y分公司党委).
Named teams and service sites (“X”志愿服务队, “X”职工服务站), committees named
by a park's class word (X产业园…，园区党委 → X产业园党委), class owners
(物业公司党支部) and departments named only in a person's title are the rules
of nlp/components/org_refs.py.
Name boundaries after the left edge (a brand the edge cut, class words and
zones before a name, X·Y, X驻Y办事处) are nlp/components/org_bounds.py.
The candidates are found in nlp/components/org_candidates.py (the rules
beyond the suffix scan: nlp/components/org_lists.py), merged and
written in nlp/components/org_merge.py; the name rules themselves live in
nlp/components/org_rules.py, the scans over the whole text in
nlp/components/org_scans.py.
"""
from __future__ import annotations

from typing import Any

from nlp.components.base import ListComponent
from nlp.components.org_candidates import _name_start_chars, _suffix_info, find_candidates, park_names_of
from nlp.components.org_merge import resolve
from nlp.components.org_rules import _lexicon, party_key
from nlp.entities import _time_head_re, doc_text, place_anchor_set, word_set

__all__ = ["OrganizationsComponent", "make_component", "party_key"]


class OrganizationsComponent(ListComponent):
    list_name = "organizations"

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Load the lexicons once, before the first document (the common verbs
        alone are 8,000 lines)."""
        _lexicon()
        _suffix_info()
        _name_start_chars()
        _time_head_re()
        place_anchor_set()
        for name in ("orgs_common_verbs.txt", "orgs_stop_words.txt", "orgs_generic_owners.txt"):
            word_set(name)
        return None

    def match(self, doc) -> list[dict[str, Any]]:
        """The list items of `doc`: candidates found, then merged."""
        text = doc_text(doc)
        parks = doc.user_data.get("dangjian", {}).get("parks", [])
        main = parks[0]["name"] if parks else ""
        park_names = park_names_of(parks)
        cands, aliases = find_candidates(text, parks, park_names)
        return resolve(text, cands, parks, main, park_names, aliases)


def make_component(nlp, name: str):
    return OrganizationsComponent(nlp, name)
