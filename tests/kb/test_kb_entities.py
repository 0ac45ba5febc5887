"""kb.entities: park identity across documents and item → park assignment."""
from __future__ import annotations

from kb.entities import assign_parks, park_names, park_of, resolve


def test_entities_park_names_dedupe_by_key():
    assert park_names({"name": "“北岸”科技园", "aliases": ["北岸 科技园", "北岸园", ""]}) == ["“北岸”科技园", "北岸园"]


def test_entities_resolve_joins_existing_and_merges():
    owner = {"北岸园": "北岸科技园", "南岸园": "南岸园"}
    assert resolve(["北岸园区", "北岸园"], owner, lambda i: False) == ("北岸科技园", [])
    assert resolve(["南岸园", "北岸园"], owner, lambda i: False) == ("南岸园", ["北岸科技园"])
    assert resolve(["西岸园"], {}, lambda i: i == "西岸园") == ("西岸园-2", [])


def test_entities_assign_parks_by_subject_org_and_default():
    doc_parks = [("北岸科技园", ["北岸科技园", "北岸园"]), ("创新港", ["创新港"])]
    rec = {"organizations": [{"name": "创新港党委", "park": ""}, {"name": "某公司", "park": ""}],
           "people": [{"name": "甲", "organization": "创新港党委"}, {"name": "乙", "organization": ""}],
           "figures": [{"subject": "北岸园"}, {"subject": "创新港党委"}, {"subject": ""}],
           "practices": [{"subject": "创新港"}]}
    assert assign_parks(rec, doc_parks) == {
        "organizations": ["创新港", "北岸科技园"], "people": ["创新港", "北岸科技园"],
        "figures": ["北岸科技园", "创新港", "北岸科技园"], "practices": ["创新港"]}
    assert park_of("北岸园党工委", doc_parks) == "北岸科技园"
    assert park_of("", doc_parks) is None


def test_entities_generic_alias_never_joins_two_parks():
    from kb.entities import is_generic, resolve

    owner_of = {"甲城高新区": "甲城高新区", "高新区": "甲城高新区"}
    pid, merges = resolve(["乙州高新区", "高新区"], owner_of, lambda i: i in {"甲城高新区"})
    assert (pid, merges) == ("乙州高新区", [])
    assert is_generic("开发区") and is_generic("园区") and not is_generic("甲城高新区")
    assert not is_generic("福田")
