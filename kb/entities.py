"""Cross-document park resolution and per-item park assignment.

Pure functions over plain data, shared by every backend:

* a park's *names* are its `name` plus `aliases`, compared by
  :func:`kb.records.park_key` (quotes and spaces removed);
* a new park joins the existing entity holding any of its names; when its
  names reach several entities, they merge into the first (oldest) one;
* a new entity's id is the key of its name (unique-suffixed on collision);
* every organisation, person, figure and practice of a record is given the
  park it belongs to: its own `park`/`subject`/`organization` naming one of
  the record's parks, else the record's first park.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping

from kb.records import park_key

# Words that name a kind of zone, not one zone: a report calls its own park
# "高新区" or "开发区" for short, so such an alias never joins two parks.
GENERIC_EXTRA = ("区", "园", "园区", "全区", "本区", "该区", "辖区", "片区", "新区", "城区", "市区",
                 "街道", "社区", "商圈", "楼宇", "中心", "基地", "示范区")


@lru_cache(maxsize=1)
def generic_park_names() -> frozenset[str]:
    from importlib import resources

    text = resources.files("nlp").joinpath("data", "parks_suffixes.txt").read_text(encoding="utf-8")
    suffixes = {line.split("\t")[0].strip() for line in text.splitlines()
                if line.strip() and not line.startswith("#")}
    return frozenset(park_key(s) for s in suffixes | set(GENERIC_EXTRA))


def is_generic(name: str) -> bool:
    """True for a bare zone word (高新区, 开发区, 园区 …) that names no particular park."""
    return park_key(name) in generic_park_names()


def park_names(item: Mapping[str, Any]) -> list[str]:
    """`name` then `aliases`, non-empty, first of each key kept."""
    out, seen = [], set()
    for name in [item.get("name") or ""] + list(item.get("aliases") or []):
        key = park_key(str(name))
        if key and key not in seen:
            seen.add(key)
            out.append(str(name).strip())
    return out


def resolve(names: Iterable[str], owner_of: Mapping[str, str],
            entity_ids: Callable[[str], bool]) -> tuple[str, list[str]]:
    """Entity id for a park with `names`, and the other entities to merge into it.

    `owner_of` maps name keys already known to their entity id (only the
    keys of `names` need to be present); `entity_ids(id)` tells whether an
    entity id is taken. Entities are ranked by first appearance in `names`.
    """
    names = list(names)
    owners: list[str] = []
    for name in names:
        if is_generic(name):
            continue
        owner = owner_of.get(park_key(name))
        if owner and owner not in owners:
            owners.append(owner)
    if owners:
        return owners[0], owners[1:]
    base = park_key(names[0]) if names else "park"
    candidate, n = base, 2
    while entity_ids(candidate):
        candidate, n = f"{base}-{n}", n + 1
    return candidate, []


def park_of(name: str | None, doc_parks: list[tuple[str, list[str]]]) -> str | None:
    """The record park that `name` names (equal key), or contains (longest name)."""
    return _ParkKeys(doc_parks).park_of(name)


class _ParkKeys:
    """The keys of a record's parks, computed once for all its items."""

    def __init__(self, doc_parks: list[tuple[str, list[str]]]) -> None:
        self.keyed = [(pid, [park_key(n) for n in names]) for pid, names in doc_parks]
        self.exact: dict[str, str] = {}
        for pid, keys in self.keyed:
            for k in keys:
                self.exact.setdefault(k, pid)
        self.memo: dict[str, str | None] = {}

    def park_of(self, name: str | None) -> str | None:
        key = park_key(name or "")
        if not key:
            return None
        if key in self.memo:
            return self.memo[key]
        found = self.exact.get(key)
        if found is None:
            best_len = 0
            for pid, keys in self.keyed:
                for k in keys:
                    if len(k) > best_len and len(k) >= 2 and k in key:
                        found, best_len = pid, len(k)
        self.memo[key] = found
        return found


def assign_parks(record: Mapping[str, Any], doc_parks: list[tuple[str, list[str]]]) -> dict[str, list[str | None]]:
    """Park id of every organization, person, figure and practice of `record`.

    `doc_parks` lists the record's parks in order as (entity id, names).
    Returns {list name: [park id per item]}.
    """
    default = doc_parks[0][0] if doc_parks else None
    parks = _ParkKeys(doc_parks)
    org_park: dict[str, str | None] = {}
    out: dict[str, list[str | None]] = defaultdict(list)
    for org in record.get("organizations") or []:
        pid = parks.park_of(org.get("park")) or parks.park_of(org.get("name")) or default
        for name in [org.get("name")] + list(org.get("aliases") or []):
            if name:
                org_park.setdefault(park_key(name), pid)
        out["organizations"].append(pid)
    for person in record.get("people") or []:
        organization = person.get("organization") or ""
        pid = (parks.park_of(organization) or org_park.get(park_key(organization)) or default)
        out["people"].append(pid)
    by_subject: dict[str, str | None] = {}          # figures and practices share few subjects
    for key in ("figures", "practices"):
        for item in record.get(key) or []:
            subject = item.get("subject") or ""
            if type(subject) is str and subject in by_subject:
                out[key].append(by_subject[subject])
                continue
            pid = parks.park_of(subject) or org_park.get(park_key(subject)) or default
            if type(subject) is str:
                by_subject[subject] = pid
            out[key].append(pid)
    return dict(out)


def merge_organizations(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One entry per organisation name across documents: aliases, kinds, doc_ids merged."""
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = park_key(row.get("name") or "")
        if not key:
            continue
        entry = merged.setdefault(key, {"name": row["name"], "aliases": [], "kind": row.get("kind") or "",
                                        "doc_ids": []})
        for alias in row.get("aliases") or []:
            if alias and alias != entry["name"] and alias not in entry["aliases"]:
                entry["aliases"].append(alias)
        if row.get("doc_id") and row["doc_id"] not in entry["doc_ids"]:
            entry["doc_ids"].append(row["doc_id"])
    return list(merged.values())


def merge_people(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One entry per person name: roles, organisations and doc_ids merged."""
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        name = (row.get("name") or "").strip()
        if not name:
            continue
        entry = merged.setdefault(name, {"name": name, "roles": [], "organizations": [], "doc_ids": []})
        for role in row.get("roles") or []:
            if role and role not in entry["roles"]:
                entry["roles"].append(role)
        org = row.get("organization")
        if org and org not in entry["organizations"]:
            entry["organizations"].append(org)
        if row.get("doc_id") and row["doc_id"] not in entry["doc_ids"]:
            entry["doc_ids"].append(row["doc_id"])
    return list(merged.values())


def group_by_metric(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row.get("metric") or "", []).append(dict(row))
    return out
