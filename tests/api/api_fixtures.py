"""Synthetic records with exact parks, practices and figures (spans computed from the text)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ingest.document import doc_id_of


def _span(text: str, phrase: str) -> list[int]:
    i = text.index(phrase)
    return [i, i + len(phrase)]


def record(text: str, park: dict[str, Any], title: str, outlet: str, published: str,
           practices: list[dict[str, Any]], figures: list[dict[str, Any]],
           organizations: list[dict[str, Any]] = (), people: list[dict[str, Any]] = ()) -> dict[str, Any]:
    for p in practices:
        p.setdefault("aliases", [])
        p.setdefault("subject", park["name"])
        p["span"] = _span(text, p["text"])
    for f in figures:
        f.setdefault("qualifier", "exact")
        f.setdefault("cumulative", False)
        f.setdefault("change_from", None)
        f.setdefault("period", None)
        f.setdefault("subject", park["name"])
        f["span"] = _span(text, f["text"])
    return {
        "doc_id": doc_id_of(text),
        "source": {"path": f"synthetic/{doc_id_of(text)}.txt", "title": title, "outlet": outlet,
                   "published": published, "authors": [], "script": "simplified", "url": "",
                   "format": "txt", "encoding": "utf-8"},
        "text": text, "original": text, "captions": [],
        "parks": [park], "organizations": list(organizations), "people": list(people),
        "figures": figures, "practices": practices,
    }


QINGSHAN = {"name": "青山经济开发区", "aliases": ["青山开发区"], "province": "湖北省", "city": "青山市"}
BAIYUN = {"name": "白云高新区", "aliases": [], "province": "江西省", "city": "白云市"}


def synthetic_records() -> list[dict[str, Any]]:
    a_text = ("青山开发区党建工作报告\n青山经济开发区构建“园区党委—片区党支部—楼宇党小组”三级网格化党建体系，"
              "现有党员125名，建立党组织12个，党组织覆盖率达97.7%。园区推行“红色管家”服务品牌。"
              "青山开发区党群服务中心主任李明介绍了经验。")
    a = record(a_text, QINGSHAN, "青山开发区党建工作报告", "青山日报", "2023-05-01",
               practices=[
                   {"name": "三级网格化党建体系", "kind": "体系", "components": [], "category": "organization",
                    "text": "构建“园区党委—片区党支部—楼宇党小组”三级网格化党建体系"},
                   {"name": "红色管家", "kind": "品牌", "components": [], "category": "service",
                    "text": "园区推行“红色管家”服务品牌"}],
               figures=[
                   {"metric": "党员", "value": 125, "unit": "名", "text": "现有党员125名"},
                   {"metric": "党组织", "value": 12, "unit": "个", "text": "建立党组织12个"},
                   {"metric": "党组织覆盖率", "value": 97.7, "unit": "%", "text": "党组织覆盖率达97.7%"}],
               organizations=[{"name": "青山开发区党群服务中心", "aliases": [], "kind": "service_site",
                               "park": "青山经济开发区"}],
               people=[{"name": "李明", "roles": ["主任"], "organization": "青山开发区党群服务中心"}])
    b_text = ("白云高新区打造红色服务驿站\n白云高新区建立“区党工委—街道党工委—社区党委—网格党支部—楼宇党小组”五级联动机制，"
              "现有党员300名，建立党组织8个，服务企业1.2万家。高新区推行“红色管家”楼宇服务品牌，打造“红色驿站”服务网络。")
    b = record(b_text, BAIYUN, "白云高新区打造红色服务驿站", "白云晚报", "2024-01-02",
               practices=[
                   {"name": "五级联动机制", "kind": "机制", "components": [], "category": "governance",
                    "text": "建立“区党工委—街道党工委—社区党委—网格党支部—楼宇党小组”五级联动机制"},
                   {"name": "红色管家", "kind": "品牌", "components": [], "category": "service",
                    "text": "高新区推行“红色管家”楼宇服务品牌"},
                   {"name": "红色驿站", "kind": "网络", "components": [], "category": "service",
                    "text": "打造“红色驿站”服务网络"}],
               figures=[
                   {"metric": "党员", "value": 300, "unit": "名", "text": "现有党员300名"},
                   {"metric": "党组织", "value": 8, "unit": "个", "text": "建立党组织8个"},
                   {"metric": "服务企业", "value": 12000, "unit": "家", "text": "服务企业1.2万家"}])
    c_text = "白云高新区去年党建回顾\n白云高新区去年有党员250名，开展“党建+业务”双融合活动。"
    c = record(c_text, BAIYUN, "白云高新区去年党建回顾", "白云晚报", "2022-12-30",
               practices=[{"name": "党建+业务", "kind": "活动", "components": ["党建", "业务"],
                           "category": "industry", "text": "开展“党建+业务”双融合活动"}],
               figures=[{"metric": "党员", "value": 250, "unit": "名", "text": "有党员250名"}])
    return [a, b, c]


API_KEY = "test-key-123"


def new_store(path: Path):
    """The embedded store the API runs on by default."""
    from kb.sqlite import SQLiteStore

    return SQLiteStore(str(path))
