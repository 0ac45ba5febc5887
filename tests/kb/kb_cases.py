"""Store backends and synthetic records shared by the tests of tests/kb.

Import from here (`from kb_cases import ...`), never from `conftest`: with
several conftest.py files in the suite, `import conftest` finds whichever was
loaded first. Another backend joins the contract suite by appending its name
to `BACKENDS` and teaching `make_store()` to build it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

BACKENDS: list[str] = ["sqlite", "opensearch"]


def make_store(backend: str, tmp_path: Path, **options: Any):
    """A fresh, empty store of `backend` whose data lives under `tmp_path`
    (the cluster backend: osmem-server, or a real one at DANGJIAN_TEST_ES_URL)."""
    if backend == "sqlite":
        from kb.sqlite import SQLiteStore

        options.setdefault("index_heap", 15_000_000)
        return SQLiteStore(str(tmp_path / "store"), **options)
    if backend == "opensearch":
        from es_server import make_es_store

        return make_es_store(**options)
    raise ValueError(f"unknown store backend {backend!r}; add it to make_store() in tests/kb/kb_cases.py")


# -- synthetic records (invented places; never the extraction helpers' output) --------------

TEXT_A = ("甲城高新技术产业开发区（以下简称甲城高新区）近年来推进楼宇党建，建成党群服务中心3个。"
          "截至目前，累计转入流动党员125名，党组织覆盖率达97.7%。"
          "园区创新推行“红色管家”服务机制，企业满意度明显提升。")
TEXT_B = ("甲城高新区组织党员志愿者走进商务楼宇，开展“楼宇红色驿站”建设，全年服务企业超过200家。"
          "新增党员42名。")
ORIGINAL_B = ("甲城高新區組織黨員志願者走進商務樓宇，開展「樓宇紅色驛站」建設，全年服務企業超過200家。"
              "新增黨員42名。")
TEXT_C = "丙州经济开发区加强非公企业党建，打造“红链共建”品牌，全区新建党组织15个，覆盖企业1200家。"


def span_of(text: str, phrase: str) -> list[int]:
    start = text.index(phrase)
    return [start, start + len(phrase)]


def figure(text: str, phrase: str, metric: str, value, unit: str, subject: str, **extra) -> dict:
    return {"metric": metric, "value": value, "unit": unit, "qualifier": extra.get("qualifier", "exact"),
            "cumulative": extra.get("cumulative", False), "change_from": None, "period": extra.get("period"),
            "subject": subject, "text": phrase, "span": span_of(text, phrase)}


def practice(text: str, phrase: str, name: str, category: str, subject: str, kind: str = "机制") -> dict:
    return {"name": name, "aliases": [], "kind": kind, "components": [], "category": category,
            "subject": subject, "text": phrase, "span": span_of(text, phrase)}


def record(doc_id: str, path: str, title: str, outlet: str, published: str, text: str, *,
           parks=(), organizations=(), people=(), figures=(), practices=(), original: str | None = None,
           script: str = "simplified") -> dict:
    return {
        "doc_id": doc_id,
        "source": {"path": path, "title": title, "outlet": outlet, "published": published,
                   "authors": ["记者甲"], "script": script, "url": ""},
        "text": text, "original": text if original is None else original, "captions": [],
        "parks": list(parks), "organizations": list(organizations), "people": list(people),
        "figures": list(figures), "practices": list(practices),
    }


def record_a() -> dict:
    from decimal import Decimal

    t = TEXT_A
    return record(
        "a000000000000001", "corpus/a.txt", "甲城高新区推进楼宇党建", "甲城日报", "2023-07-10", t,
        parks=[{"name": "甲城高新技术产业开发区", "aliases": ["甲城高新区"], "province": "广东省", "city": "甲城市"}],
        organizations=[{"name": "甲城高新区党群服务中心", "aliases": [], "kind": "service_site", "park": "甲城高新区"}],
        people=[{"name": "林某某", "roles": ["党委书记"], "organization": "甲城高新区党工委"}],
        figures=[figure(t, "建成党群服务中心3个", "党群服务中心", 3, "个", "甲城高新区"),
                 figure(t, "累计转入流动党员125名", "流动党员", 125, "名", "甲城高新区", cumulative=True,
                        period="截至目前"),
                 figure(t, "党组织覆盖率达97.7%", "党组织覆盖率", Decimal("97.7"), "%", "甲城高新区")],
        practices=[practice(t, "创新推行“红色管家”服务机制", "红色管家", "service", "甲城高新区")])


def record_b() -> dict:
    t = TEXT_B
    return record(
        "b000000000000002", "corpus/b.txt", "甲城高新區黨員走進商務樓宇", "乙报", "2024-03-01", t,
        original=ORIGINAL_B, script="traditional",
        parks=[{"name": "甲城高新区", "aliases": ["甲城高新园"], "province": "广东省", "city": "甲城市"}],
        people=[{"name": "林某某", "roles": ["书记"], "organization": ""}],
        figures=[figure(t, "全年服务企业超过200家", "服务企业", 200, "家", "甲城高新区", qualifier="more_than"),
                 figure(t, "新增党员42名", "新增党员", 42, "名", "甲城高新区")],
        practices=[practice(t, "开展“楼宇红色驿站”建设", "楼宇红色驿站", "organization", "甲城高新区", "项目")])


def record_c() -> dict:
    t = TEXT_C
    return record(
        "c000000000000003", "corpus/c.txt", "丙州经开区非公企业党建", "甲城日报", "2024-05-05", t,
        parks=[{"name": "丙州经济开发区", "aliases": ["丙州经开区"], "province": "福建省", "city": "丙州市"}],
        figures=[figure(t, "全区新建党组织15个", "新建党组织", 15, "个", "丙州经济开发区"),
                 figure(t, "覆盖企业1200家", "覆盖企业", 1200, "家", "丙州经济开发区")],
        practices=[practice(t, "打造“红链共建”品牌", "红链共建", "brand", "丙州经济开发区", "品牌")])
