"""Shared output options of the CLI: --json (JSON Lines), --csv, --table."""
from __future__ import annotations

import csv
import json
import sys
import unicodedata
from typing import Any, Iterable, Sequence

import click


def output_options(default: str = "table"):
    """Decorator adding --json/--csv/--table as one `fmt` argument."""
    def deco(fn):
        fn = click.option("--table", "fmt", flag_value="table", default=default == "table",
                          help="Aligned table (default for people).")(fn)
        fn = click.option("--csv", "fmt", flag_value="csv", default=default == "csv", help="CSV with a header row.")(fn)
        fn = click.option("--json", "fmt", flag_value="json", default=default == "json",
                          help="JSON, one object per line.")(fn)
        return fn
    return deco


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _cell(value: Any, limit: int = 60) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    s = str(value).replace("\n", " ")
    out, w = [], 0
    for ch in s:
        cw = _width(ch)
        if w + cw > limit:
            out.append("…")
            break
        out.append(ch)
        w += cw
    return "".join(out)


def emit(rows: Iterable[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    n = 0
    if fmt == "json":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            n += 1
        return n
    rows = list(rows)
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c), 10**9) for c in columns])
        return len(rows)
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(values):
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out.write(line(columns) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in cells:
        out.write(line(r) + "\n")
    return len(rows)
