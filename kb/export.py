"""Figure export as streamed chunks: shared by GET /figures and `dangjian export figures`.

    store.figures(filters) → one flat row per figure (with its document's title,
    outlet, date and a link back) → csv | jsonl | json | xlsx bytes

Every writer is a generator of ``bytes`` so a web response or a file can be
fed chunk by chunk. CSV starts with a UTF-8 BOM so that Excel reads Chinese
correctly; xlsx uses openpyxl's write-only workbook (it needs a temporary file,
which is streamed back and removed).
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from decimal import Decimal
from typing import Any, Iterable, Iterator

FORMATS = ("csv", "xlsx", "jsonl", "json")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
COLUMNS = ("park", "metric", "value", "unit", "qualifier", "cumulative", "change_from", "period", "subject",
           "sentence", "doc_id", "title", "outlet", "published", "span_start", "span_end", "link")
BATCH_ROWS = 200


class ExportFormatError(ValueError):
    """An export format that is not one of FORMATS."""


def _number(value: Any) -> Any:
    """Keep exact values: ints stay ints, Decimal strings become Decimal."""
    if isinstance(value, (int, Decimal)) or value is None:
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else Decimal(repr(value))
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return value


def figure_rows(store, park: str | None = None, metric: str | None = None, unit: str | None = None,
                year: int | None = None, base_url: str = "") -> Iterator[dict[str, Any]]:
    """One flat row per figure; document fields are filled from the record when absent."""
    sources: dict[str, dict[str, Any]] = {}

    def source_of(doc_id: str) -> dict[str, Any]:
        if doc_id not in sources:
            record = store.get(doc_id) if doc_id else None
            src = dict((record or {}).get("source") or {})
            src["parks"] = [p.get("name", "") for p in (record or {}).get("parks", [])]
            if len(sources) > 5000:
                sources.clear()
            sources[doc_id] = src
        return sources[doc_id]

    for fig in store.figures(park=park, metric=metric, unit=unit, year=year):
        doc_id = fig.get("doc_id", "")
        span = list(fig.get("span") or [None, None])
        needs_source = not all(k in fig for k in ("title", "outlet", "published")) or not fig.get("park")
        src = source_of(doc_id) if needs_source else {}
        row_park = fig.get("park") or park or next(iter(src.get("parks") or []), "")
        anchor = f"#span={span[0]}-{span[1]}" if span[0] is not None else ""
        yield {
            "park": row_park,
            "metric": fig.get("metric", ""),
            "value": _number(fig.get("value")),
            "unit": fig.get("unit", ""),
            "qualifier": fig.get("qualifier") or "exact",
            "cumulative": bool(fig.get("cumulative")),
            "change_from": _number(fig.get("change_from")),
            "period": fig.get("period") or "",
            "subject": fig.get("subject") or "",
            "sentence": fig.get("sentence") or fig.get("text", ""),
            "doc_id": doc_id,
            "title": fig.get("title", src.get("title", "")),
            "outlet": fig.get("outlet", src.get("outlet", "")),
            "published": fig.get("published", src.get("published", "")),
            "span_start": span[0],
            "span_end": span[1],
            "link": f"{base_url}/documents/{doc_id}{anchor}",
        }


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


def _dumps(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, default=_json_default)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def to_csv(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    first = True
    for i, row in enumerate(rows, 1):
        writer.writerow([_cell(row.get(c)) for c in COLUMNS])
        if i % BATCH_ROWS == 0:
            yield (b"\xef\xbb\xbf" if first else b"") + buf.getvalue().encode("utf-8")
            first = False
            buf.seek(0)
            buf.truncate()
    yield (b"\xef\xbb\xbf" if first else b"") + buf.getvalue().encode("utf-8")


def to_jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    lines = []
    for row in rows:
        lines.append(_dumps(row) + "\n")
        if len(lines) >= BATCH_ROWS:
            yield "".join(lines).encode("utf-8")
            lines = []
    if lines:
        yield "".join(lines).encode("utf-8")


def to_json(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """A JSON array, written element by element."""
    yield b"["
    sep = ""
    parts = []
    for row in rows:
        parts.append(sep + _dumps(row))
        sep = ","
        if len(parts) >= BATCH_ROWS:
            yield "".join(parts).encode("utf-8")
            parts = []
    yield ("".join(parts) + "]").encode("utf-8")


def to_xlsx(rows: Iterable[dict[str, Any]], chunk_size: int = 64 * 1024) -> Iterator[bytes]:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("figures")
    ws.append(list(COLUMNS))
    for row in rows:
        ws.append([_cell(row.get(c)) for c in COLUMNS])
    fd, path = tempfile.mkstemp(suffix=".xlsx", prefix="dangjian-export-")
    os.close(fd)
    try:
        wb.save(path)
        with open(path, "rb") as fh:
            while chunk := fh.read(chunk_size):
                yield chunk
    finally:
        os.unlink(path)


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "jsonl": to_jsonl, "json": to_json}


def export_figures(store, fmt: str = "csv", park: str | None = None, metric: str | None = None,
                   unit: str | None = None, year: int | None = None, base_url: str = "") -> Iterator[bytes]:
    """Figures matching the filters, written as `fmt`, chunk by chunk."""
    if fmt not in WRITERS:
        raise ExportFormatError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    return WRITERS[fmt](figure_rows(store, park=park, metric=metric, unit=unit, year=year, base_url=base_url))
