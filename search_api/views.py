"""Turning store dicts into response models: ids, exact numbers, text annotations."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from kb.compare import practice_id
from search_api.models import Annotation, FigureOut, PracticeOut

LABELS = (("parks", "PARK"), ("organizations", "ORG"), ("people", "PERSON"), ("figures", "FIGURE"),
          ("practices", "PRACTICE"))
MAX_MENTIONS = 50


def plain_number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _span(value: Any) -> list[int] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return [value[0], value[1]]
    return None


def practice_out(p: dict[str, Any]) -> PracticeOut:
    data = {k: v for k, v in p.items() if k not in ("id", "span")}
    return PracticeOut(**data, id=practice_id(p), span=_span(p.get("span")))


def figure_out(f: dict[str, Any]) -> FigureOut:
    data = {k: v for k, v in f.items() if k not in ("value", "change_from", "span")}
    return FigureOut(**data, value=plain_number(f.get("value")), change_from=plain_number(f.get("change_from")),
                     span=_span(f.get("span")))


def _spans_of(item: dict[str, Any], text: str) -> list[tuple[int, int]]:
    spans = []
    for s in [item.get("span"), *(item.get("mentions") or [])]:
        s = _span(s)
        if s and 0 <= s[0] < s[1] <= len(text):
            spans.append((s[0], s[1]))
    if spans or item.get("span"):
        return spans
    names = [n for n in [item.get("name", ""), *(item.get("aliases") or [])] if n and len(n) >= 2]
    for name in names:
        i = text.find(name)
        while i >= 0 and len(spans) < MAX_MENTIONS:
            spans.append((i, i + len(name)))
            i = text.find(name, i + len(name))
    return spans


def _place(candidates: list[tuple[int, int, str, str, int]]) -> list[tuple[int, int, str, str, int]]:
    """Longest spans first; a span overlapping one already placed is dropped."""
    placed: list[tuple[int, int, str, str, int]] = []
    for c in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if all(c[1] <= p[0] or c[0] >= p[1] for p in placed):
            placed.append(c)
    return sorted(placed)


def annotations(record: dict[str, Any]) -> list[Annotation]:
    """Spans of the record's items in its text, for displaCy-style rendering.

    Practices form an outer layer; parks, organisations, people and figures an
    inner one that never crosses a practice's boundary.
    """
    text = record.get("text", "")
    outer, inner = [], []
    for list_name, label in LABELS:
        for index, item in enumerate(record.get(list_name) or []):
            for s, e in _spans_of(item, text):
                (outer if label == "PRACTICE" else inner).append((s, e, label, list_name, index))
    outer = _place(outer)
    inner = [c for c in _place(inner)
             if all(c[1] <= o[0] or c[0] >= o[1] or (o[0] <= c[0] and c[1] <= o[1]) for o in outer)]
    return [Annotation(start=s, end=e, label=label, list=name, index=i, text=text[s:e])
            for s, e, label, name, i in sorted(outer + inner, key=lambda a: (a[0], -a[1]))]
