"""Compare two or more parks over any `Store`: shared by GET /compare and `dangjian compare`.

    resolve parks → practices by category → organisational structure → figures aligned

`compare_parks(store, ["A", "B"])` returns a JSON-ready dict:

    {"parks": [{"id", "name", "aliases", "province", "city"}],
     "categories": [{"category", "cells": [[practice…] per park]}],
     "structure": [{"levels", "level_phrases", "units", "chains"} per park],
     "figures": [{"metric", "unit", "cells": [cell | None per park]}]}

Cells line up with ``parks``; a figure cell is None where the park reports no
figure with that metric and unit, otherwise it names its source (doc_id, span).
The structure is read from the practices' own text: "三级"/"五级" level words,
unit words (kb/data/structure_units.txt) and "—"-joined chains.
"""
from __future__ import annotations

import re
import threading
import weakref
from collections import Counter, OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from kb.records import park_key

CATEGORIES = ("organization", "industry", "service", "governance", "talent", "education", "platform", "brand")
UNITS_FILE = Path(__file__).with_name("data") / "structure_units.txt"
_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_LEVEL_RE = re.compile(r"([一二两三四五六七八九十]|\d{1,2})级")
_CHAIN_SPLIT = re.compile(r"\s*(?:—+|–|->|→)\s*")
_CHAIN_RE = re.compile(r"[\u4e00-\u9fff()（）]{2,16}(?:\s*(?:—+|–|→)\s*[\u4e00-\u9fff()（）]{2,16})+")


class ParkNotFound(LookupError):
    """A park named in a comparison is not in the store."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unknown park {name!r}: no park has this name or alias (GET /parks lists them)")
        self.name = name


@lru_cache(maxsize=1)
def unit_words() -> tuple[str, ...]:
    words = [line.strip() for line in UNITS_FILE.read_text(encoding="utf-8").splitlines()]
    words = [w for w in words if w and not w.startswith("#")]
    return tuple(sorted(set(words), key=len, reverse=True))


# -- parks -------------------------------------------------------------------------

def park_summary(park: dict[str, Any]) -> dict[str, Any]:
    """The fields every park view needs, whatever the backend returned."""
    name = park.get("name") or park.get("id") or ""
    return {
        "id": park.get("id") or park_key(name),
        "name": name,
        "aliases": list(park.get("aliases") or []),
        "province": park.get("province") or "",
        "city": park.get("city") or "",
    }


def resolve_park(store, name_or_id: str) -> dict[str, Any]:
    """The store's park for an id, name or alias; ParkNotFound otherwise."""
    found = store.park(name_or_id)
    if found is None and park_key(name_or_id) != name_or_id:
        found = store.park(park_key(name_or_id))
    if found is None:
        wanted = park_key(name_or_id)
        for park in store.parks():
            names = [park.get("id") or "", park.get("name") or ""] + list(park.get("aliases") or [])
            if any(park_key(n) == wanted for n in names if n):
                found = park
                break
    if found is None:
        raise ParkNotFound(name_or_id)
    return found


# -- practices ---------------------------------------------------------------------

def practice_id(practice: dict[str, Any]) -> str:
    """Stable id of a practice: the store's own, else doc_id + span (or name)."""
    if practice.get("id"):
        return str(practice["id"])
    span = practice.get("span") or []
    if len(span) == 2:
        return f"{practice.get('doc_id', '')}-{span[0]}-{span[1]}"
    return f"{practice.get('doc_id', '')}-{park_key(practice.get('name', ''))}"


def practice_brief(practice: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": practice_id(practice),
        "name": practice.get("name", ""),
        "kind": practice.get("kind", ""),
        "components": list(practice.get("components") or []),
        "doc_id": practice.get("doc_id", ""),
        "span": list(practice.get("span") or []) or None,
    }


def practice_cells(practices: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """One park's practices by category, the first of each name, briefly."""
    cells: dict[str, list[dict[str, Any]]] = {}
    seen: dict[str, set[str]] = {}
    for p in practices:
        category = p.get("category") or "other"
        key = park_key(p.get("name", ""))
        names = seen.setdefault(category, set())
        if key in names:
            continue
        names.add(key)
        cells.setdefault(category, []).append(practice_brief(p))
    return cells


def _category_rows(per_park: list[dict[str, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    present = {category for cells in per_park for category in cells}
    order = [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))
    return [{"category": category, "cells": [list(cells.get(category, [])) for cells in per_park]}
            for category in order]


def practices_by_category(per_park: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return _category_rows([practice_cells(practices) for practices in per_park])


# -- structure ---------------------------------------------------------------------

def _level_number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMERALS.get(token, 0)


@lru_cache(maxsize=1)
def _units_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in unit_words()))


def _units_in(text: str) -> list[str]:
    """Unit words in order of appearance, longest match first, no overlaps."""
    return _units_re().findall(text)


def _clean_part(part: str) -> str:
    return re.sub(r"[(（][^)）]*[)）]", "", part).strip(" “”\"")


def _from_first_unit(part: str) -> str:
    starts = [part.find(w) for w in unit_words() if w in part]
    return part[min(starts):] if starts else part


def _to_last_unit(part: str) -> str:
    ends = [part.rfind(w) + len(w) for w in unit_words() if w in part]
    return part[:max(ends)] if ends else part


def _chains_in(text: str) -> list[list[str]]:
    """"A—B—C" runs whose parts name units; quoted runs first, then bare ones."""
    chains: list[list[str]] = []
    quoted = re.findall(r"[“\"]([^”\"]{4,80})[”\"]", text)
    bare = _CHAIN_RE.findall(re.sub(r"[“\"][^”\"]{4,80}[”\"]", "。", text))
    for run, is_bare in [(q, False) for q in quoted] + [(b, True) for b in bare]:
        parts = [_clean_part(p) for p in _CHAIN_SPLIT.split(run)]
        if len(parts) < 2:
            continue
        if is_bare:          # a bare run's ends carry the words around it
            parts[0] = _from_first_unit(parts[0][-8:])
            parts[-1] = _to_last_unit(parts[-1][:8])
        if sum(bool(_units_in(p)) for p in parts) >= 2 and all(parts) and parts not in chains:
            chains.append(parts)
    return chains


def structure_of(practices: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Levels, unit kinds and chains of a park, read from its practices' text."""
    levels: list[dict[str, Any]] = []
    units: Counter[str] = Counter()
    chains: list[dict[str, Any]] = []
    seen_levels: set[str] = set()
    for p in practices:
        texts = [p.get("name", ""), p.get("text", "")] + list(p.get("components") or [])
        for text in texts:
            for m in _LEVEL_RE.finditer(text):
                phrase_units = _units_in(text[m.end():m.end() + 8])
                phrase = m.group(0) + re.match(r"[\u4e00-\u9fff]{0,6}", text[m.end():]).group(0)
                n = _level_number(m.group(1))
                if not 1 < n <= 10 or phrase in seen_levels:
                    continue
                seen_levels.add(phrase)
                levels.append({"levels": n, "phrase": phrase, "units": phrase_units,
                               "doc_id": p.get("doc_id", ""), "span": list(p.get("span") or []) or None})
        units.update(set(_units_in(" ".join(texts))))
        for chain in _chains_in(p.get("text", "") or p.get("name", "")):
            if all(c["chain"] != chain for c in chains):
                chains.append({"chain": chain, "doc_id": p.get("doc_id", ""),
                               "span": list(p.get("span") or []) or None})
    counts = [lv["levels"] for lv in levels] + [len(c["chain"]) for c in chains]
    return {
        "levels": max(counts) if counts else None,
        "level_phrases": levels,
        "units": [{"unit": u, "count": n} for u, n in sorted(units.items(), key=lambda kv: (-kv[1], kv[0]))],
        "chains": chains,
    }


# -- figures -----------------------------------------------------------------------

def _figure_cell(figures: list[dict[str, Any]]) -> dict[str, Any]:
    """The latest report of a metric is the park's value; the others ride along."""
    ordered = sorted(figures, key=lambda f: (str(f.get("published") or ""), str(f.get("doc_id") or "")),
                     reverse=True)
    best = ordered[0]
    return {
        "value": best.get("value"),
        "qualifier": best.get("qualifier") or "exact",
        "period": best.get("period"),
        "cumulative": best.get("cumulative"),
        "text": best.get("text", ""),
        "doc_id": best.get("doc_id", ""),
        "span": list(best.get("span") or []) or None,
        "published": best.get("published") or "",
        "reports": len(figures),
    }


def figure_cells(figures: Iterable[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """One park's figure cell per (metric, unit)."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for f in figures:
        groups.setdefault(((f.get("metric") or "").strip(), (f.get("unit") or "").strip()), []).append(f)
    return {key: _figure_cell(group) for key, group in groups.items()}


def _figure_rows(per_park: list[dict[tuple[str, str], dict[str, Any]]]) -> list[dict[str, Any]]:
    keys = dict.fromkeys(key for cells in per_park for key in cells)
    rows = [{"metric": metric, "unit": unit,                  # cells are copied: callers may edit them
             "cells": [dict(cells[(metric, unit)]) if (metric, unit) in cells else None for cells in per_park]}
            for metric, unit in keys]
    rows.sort(key=lambda r: (-sum(c is not None for c in r["cells"]), r["metric"], r["unit"]))
    return rows


def align_figures(per_park: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return _figure_rows([figure_cells(figures) for figures in per_park])


# -- the comparison ----------------------------------------------------------------

def _has(park: dict[str, Any], key: str) -> bool:
    return isinstance(park.get(key), (list, dict))


def _listed(park: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """A profile's list; figures may come grouped by metric ({metric: [figure…]})."""
    value = park[key]
    if isinstance(value, dict):
        return [item for items in value.values() for item in items]
    return list(value)


ParkView = tuple[dict[str, Any], dict[str, list[dict[str, Any]]], dict[tuple[str, str], dict[str, Any]],
                 dict[str, Any]]


def _park_view(store, name: str) -> ParkView:
    """Summary, practice cells, figure cells and structure of one park (callers
    must not change them)."""
    park = resolve_park(store, name)
    summary = park_summary(park)
    practices = _listed(park, "practices") if _has(park, "practices") else list(store.practices(park=summary["name"]))
    figures = _listed(park, "figures") if _has(park, "figures") else list(store.figures(park=summary["name"]))
    return summary, practice_cells(practices), figure_cells(figures), structure_of(practices)


_VIEWS: "weakref.WeakKeyDictionary[Any, OrderedDict]" = weakref.WeakKeyDictionary()
_VIEWS_LOCK = threading.Lock()
VIEW_CACHE_SIZE = 512


def park_view(store, name: str) -> ParkView:
    """`_park_view()`, cached per store while its `generation()` stays the same (a
    store without `generation()` — the cluster — is asked every time). A profile
    costs tens of milliseconds to read; a comparison asks for two or more."""
    generation = getattr(store, "generation", None)
    if not callable(generation):
        return _park_view(store, name)
    key = (name, generation())
    with _VIEWS_LOCK:
        try:
            views = _VIEWS.setdefault(store, OrderedDict())
        except TypeError:                        # a store that cannot be weakly referenced
            return _park_view(store, name)
        if key in views:
            views.move_to_end(key)
            return views[key]
    view = _park_view(store, name)
    with _VIEWS_LOCK:
        views[key] = view
        while len(views) > VIEW_CACHE_SIZE:
            views.popitem(last=False)
    return view


def compare_parks(store, names: list[str]) -> dict[str, Any]:
    """Practices, structure and figures of each park, side by side."""
    if not names:
        raise ValueError("name at least one park to compare")
    parks, practices, figures, structures = [], [], [], []
    for name in names:
        summary, p_cells, f_cells, structure = park_view(store, name)
        if all(p["id"] != summary["id"] for p in parks):
            parks.append(dict(summary, aliases=list(summary["aliases"])))
            practices.append(p_cells)
            figures.append(f_cells)
            structures.append(structure)
    return {
        "parks": parks,
        "categories": _category_rows(practices),
        "structure": structures,
        "figures": _figure_rows(figures),
    }


def _format_value(cell: dict[str, Any] | None) -> str:
    if cell is None:
        return ""
    marks = {"approx": "约", "at_least": "≥", "more_than": ">", "less_than": "<", "up_to": "≤"}
    return f"{marks.get(cell.get('qualifier') or '', '')}{cell.get('value')}"


def figure_table_rows(result: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """The aligned figures as flat rows for a table: metric, unit, one column per park."""
    names = [p["name"] for p in result["parks"]]
    rows = []
    for row in result["figures"]:
        flat = {"metric": row["metric"], "unit": row["unit"]}
        for name, cell in zip(names, row["cells"]):
            flat[name] = _format_value(cell)
        rows.append(flat)
    return rows, ["metric", "unit", *names]
