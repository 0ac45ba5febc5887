"""Synthetic records for parity tests and the bulk benchmark: invented parks,
organisations and figures, bodies from the sample corpus (tests may use it)."""
from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

PARKS = [("甲城高新技术产业开发区", ["甲城高新区"], "广东省", "甲城市"),
         ("乙州经济技术开发区", ["乙州经开区"], "福建省", "乙州市"),
         ("丙县工业园", [], "江西省", "丙县"),
         ("丁市科技城", ["丁市科创城"], "浙江省", "丁市"),
         ("戊区商务楼宇群", [], "", "")]
OUTLETS = ["甲城日报", "乙报", "丙州晚报", ""]
METRICS = [("流动党员", "名"), ("党组织", "个"), ("服务企业", "家"), ("覆盖率", "%"), ("投入资金", "元"),
           ("党群服务中心", "个"), ("志愿服务", "次")]
PRACTICES = [("红色管家", "service", "机制"), ("楼宇红色驿站", "organization", "项目"), ("红链共建", "brand", "品牌"),
             ("党建+网格", "governance", "模式"), ("先锋课堂", "education", "平台"), ("人才港湾", "talent", "计划")]
QUALIFIERS = ["exact", "approx", "at_least", "more_than"]


def corpus_paragraphs() -> list[str]:
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        out += [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 20]
    return out


def make_record(n: int, rng: random.Random, paragraphs: list[str], path: str | None = None,
                paras: int = 3) -> dict:
    parks = rng.sample(PARKS, rng.choice([0, 1, 1, 1, 2]))
    main = parks[0][1][0] if parks and parks[0][1] else (parks[0][0] if parks else "本区")
    pieces, figures, practices = [], [], []
    for i in range(rng.randint(1, 3)):
        metric, unit = rng.choice(METRICS)
        value = Decimal(f"{rng.randint(1, 999)}.{rng.randint(1, 9)}") if unit == "%" else rng.randint(1, 50000)
        phrase = f"{main}累计{metric}达{value}{unit}"
        figures.append({"metric": metric, "value": value, "unit": unit, "qualifier": rng.choice(QUALIFIERS),
                        "cumulative": rng.choice([True, False, None]),
                        "change_from": rng.choice([None, rng.randint(1, 40)]), "period": rng.choice([None, "截至目前"]),
                        "subject": main if rng.random() < 0.8 else "某企业", "text": phrase})
        pieces.append(phrase + "。")
    for name, category, kind in rng.sample(PRACTICES, rng.randint(0, 2)):
        phrase = f"创新推行“{name}”{kind}"
        practices.append({"name": name, "aliases": [], "kind": kind, "category": category,
                          "components": name.split("+") if "+" in name else [], "subject": main, "text": phrase})
        pieces.append(phrase + "，成效明显。")
    body = rng.sample(paragraphs, min(paras, len(paragraphs)))
    text = "\n".join([f"第{n}号报道。"] + body[:1] + pieces + body[1:])
    for item in figures + practices:
        start = text.index(item["text"])
        item["span"] = [start, start + len(item["text"])]
    year = rng.choice([2021, 2022, 2023, 2024, None])
    published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if year else ""
    orgs = [{"name": f"{p[0]}党群服务中心", "aliases": [], "kind": "service_site", "park": (p[1] or [p[0]])[0]}
            for p in parks]
    people = [{"name": rng.choice(["林某某", "陈某", "王某某"]), "roles": [rng.choice(["党委书记", "书记", "主任"])],
               "organization": orgs[0]["name"] if orgs else ""}] if rng.random() < 0.6 else []
    from ingest.document import doc_id_of

    return {
        "doc_id": doc_id_of(text),
        "source": {"path": path or f"synthetic/{n:05d}.txt", "title": f"{main}党建工作报道{n}",
                   "outlet": rng.choice(OUTLETS), "published": published, "authors": ["记者甲"],
                   "script": "simplified", "url": ""},
        "text": text, "original": text, "captions": [],
        "parks": [{"name": p[0], "aliases": list(p[1]), "province": p[2], "city": p[3]} for p in parks],
        "organizations": orgs, "people": people, "figures": figures, "practices": practices,
    }


def make_records(count: int, seed: int = 7, paras: int = 3) -> list[dict]:
    rng = random.Random(seed)
    paragraphs = corpus_paragraphs()
    return [make_record(n, rng, paragraphs, paras=paras) for n in range(count)]
