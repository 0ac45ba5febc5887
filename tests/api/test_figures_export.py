"""GET /figures in every format, and kb.export."""
from __future__ import annotations

import csv
import io
import json


def test_figures_csv_has_bom_and_exact_rows(client, synthetic):
    r = client.get("/figures", params={"park": "青山经济开发区", "format": "csv"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert [(x["metric"], x["value"], x["unit"]) for x in rows] == [
        ("党员", "125", "名"), ("党组织", "12", "个"), ("党组织覆盖率", "97.7", "%")]
    doc = synthetic[0]["doc_id"]
    first = rows[0]
    assert first["park"] == "青山经济开发区"
    assert first["title"] == "青山开发区党建工作报告"
    assert first["outlet"] == "青山日报" and first["published"] == "2023-05-01"
    assert "现有党员125名" in first["sentence"]
    s, e = int(first["span_start"]), int(first["span_end"])
    assert synthetic[0]["text"][s:e] == "现有党员125名"
    assert first["link"] == f"/documents/{doc}#span={s}-{e}"


def test_figures_json_and_jsonl_agree(client):
    params = {"park": "白云高新区", "metric": "党员"}
    as_json = client.get("/figures", params={**params, "format": "json"}).json()
    lines = client.get("/figures", params={**params, "format": "jsonl"}).text.splitlines()
    assert as_json == [json.loads(line) for line in lines]
    assert sorted(x["value"] for x in as_json) == [250, 300]


def test_figures_xlsx_opens_with_chinese(client):
    from openpyxl import load_workbook

    r = client.get("/figures", params={"park": "白云高新区", "unit": "家", "format": "xlsx"})
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("park", "metric", "value", "unit")
    assert rows[1][:4] == ("白云高新区", "服务企业", 12000, "家")


def test_figures_unknown_format_is_422(client):
    assert client.get("/figures", params={"format": "pdf"}).status_code == 422


def test_export_csv_streams_in_chunks():
    from kb.export import to_csv

    rows = ({"park": "园", "metric": "党员", "value": i, "unit": "名"} for i in range(450))
    chunks = list(to_csv(rows))
    assert len(chunks) == 3
    assert chunks[0].startswith(b"\xef\xbb\xbf") and not chunks[1].startswith(b"\xef\xbb\xbf")
    assert b"".join(chunks).decode("utf-8-sig").count("\r\n") == 451


def test_export_unknown_format_raises():
    import pytest

    from kb.export import ExportFormatError, export_figures

    with pytest.raises(ExportFormatError, match="use one of csv, xlsx, jsonl, json"):
        export_figures(None, "pdf")
