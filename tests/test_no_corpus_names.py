"""Hygiene guard: library code and data hold no names taken from an evaluation
corpus. The names (name + aliases) of parks, organizations, people and practices
in the gold records of the five samples (../shared/gold) and of every held-out
set (tests/data/heldout*/gold) must not occur in any file under nlp/, ingest/,
kb/ or search_api/. Rules describe the genre; examples in comments are invented.

Skipped: nlp/data/userdict.txt and nlp/data/divisions.tsv (dictionaries of real
words and places, not examples). Names shorter than 4 characters are skipped
(2–3 character people's names and words such as 党委 are everyday text)."""
from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("nlp", "ingest", "kb", "search_api")
SKIPPED = {ROOT / "nlp" / "data" / "userdict.txt", ROOT / "nlp" / "data" / "divisions.tsv"}
LISTS = ("parks", "organizations", "people", "practices")
MIN_LEN = 4

# Genre vocabulary that gold records also use as names: a party body named only
# by a generic owner word (园区党委, 商会党委, 高新区党工委, 产业链党委 …) ...
GENERIC_BODY = re.compile(
    r"^(?:园区|楼宇|商圈|商会|行业|联合|综合|园区综合|集团|机关|社区|大厦|产业链|企业|站点"
    r"|新区|高新区|区|公司|区两新组织|两新组织|“两新”组织|“两新”)"
    r"(?:党委|党工委|工委|党支部|党总支)$")
# ... and national programmes, standard working methods and posts that any report
# of the genre names (not one park's coinage).
ALLOWED = frozenset({
    "三会一课", "主题党日", "党史学习教育",                       # national programmes
    "我为群众办实事", "我为企业解难题", "我为群众办实事、我为企业解难题",
    "双向进入", "交叉任职", "双向进入、交叉任职", "双向培养",   # standard party-building methods
    "党建入章", "一企一策",
    "党员先锋岗", "党员责任区", "党员示范车间", "企业党员",     # standard posts and groups
    "党建指导员", "服务专员", "党建联盟",
    "区委组织部", "区级党群服务中心", "邻里中心", "党群工作部",  # generic bodies and sites
    "工业园区",                                                    # a zone suffix a gold uses as an alias
})


def _gold_files(shared: Path) -> list[Path]:
    files = sorted((shared / "gold").glob("*.json"))
    files += sorted((ROOT / "tests" / "data").glob("heldout*/gold/*.json"))
    return files


def _corpus_names(shared: Path) -> dict[str, str]:
    """Each specific name (≥ MIN_LEN characters) → the gold file it comes from."""
    names: dict[str, str] = {}
    for path in _gold_files(shared):
        record = json.loads(path.read_text(encoding="utf-8"))
        for list_name in LISTS:
            for item in record.get(list_name, []):
                for name in [item.get("name", "")] + list(item.get("aliases", [])):
                    if len(name) >= MIN_LEN and name not in ALLOWED and not GENERIC_BODY.match(name):
                        names.setdefault(name, f"{path.parent.parent.name}/{path.name}")
    return names


def _library_texts() -> dict[Path, str]:
    texts: dict[Path, str] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*")):
            if not path.is_file() or path in SKIPPED or "__pycache__" in path.parts:
                continue
            try:
                texts[path] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # binary assets hold no names
    return texts


def test_no_corpus_names_gold_names_are_collected(shared_dir):
    names = _corpus_names(shared_dir)
    assert len(_gold_files(shared_dir)) >= 5 + 6
    assert len(names) > 500


def test_no_corpus_names_allow_list_is_generic():
    assert GENERIC_BODY.match("园区党委") and GENERIC_BODY.match("高新区党工委")
    assert not GENERIC_BODY.match("某某高新区党工委")   # a place before the body is a name
    assert all(len(word) >= MIN_LEN for word in ALLOWED)


def test_no_corpus_names_in_library_files(shared_dir):
    names = _corpus_names(shared_dir)
    texts = _library_texts()
    everything = "\n".join(texts.values())
    found = []
    for name, source in names.items():
        if name in everything:
            files = [str(p.relative_to(ROOT)) for p, t in texts.items() if name in t]
            found.append(f"{name} (from {source}) in {', '.join(files)}")
    assert not found, "corpus names in library code/data; replace them with invented examples " \
                      "or genre words:\n" + "\n".join(found)
