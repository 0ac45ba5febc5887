"""Hard-wrapped text (a PDF's text layer, a fixed-width export): every line
that fills the text's line width goes on in the next one, whatever mark it
ends with; a shorter line ends its paragraph. Texts that are not wrapped
are joined as before."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.lines import _display_width
from ingest.normalize import normalize
from ingest.pipeline import process_bytes

ROOT = Path(__file__).resolve().parents[2]
PARAS = [
    "青梧高新区：楼宇党建串起发展链",
    "本报讯（记者 林小雨）青梧国家高新技术产业开发区（以下简称青梧高新区）近日召开楼宇党建推进会，"
    "全区已组建楼宇党支部36个，覆盖企业1200余家，党员人数超过2100名。",
    "青梧科技有限公司党支部书记、总经理王小平介绍，“党员技术攻关岗”今年已解决工艺难题58项，"
    "产品良品率由92.3%提升至97.8%，新增产值约9.2亿元。",
    "青梧高新区党工委联合青梧职业技术学院建立产业链人才实训基地，开设“链上工匠班”，今年已培训技术工人860人次，"
    "其中32名骨干被列为入党积极分子。",
    "下一步，青梧高新区将再组建产业链党委2个。",
]


def wrap_chars(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def wrap_columns(text: str, columns: int) -> str:
    lines, line = [], ""
    for ch in text:
        if _display_width(line + ch) > columns:
            lines.append(line)
            line = ""
        line += ch
    return "\n".join(lines + [line])


@pytest.mark.parametrize("wrap", [lambda p: wrap_chars(p, 32), lambda p: wrap_columns(p, 34), lambda p: wrap_columns(p, 60)])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_ingest_normalize_wrap_lines_rejoined(wrap, gap):
    text = gap.join([PARAS[0]] + [wrap(p) for p in PARAS[1:]])
    assert normalize(text).text.split("\n") == [p.replace("（", "(").replace("）", ")") for p in PARAS]


def test_ingest_normalize_wrap_not_detected_in_ordinary_text():
    # one line per paragraph, lengths all different: nothing to rejoin that ends with 。
    text = "\n\n".join(PARAS)
    assert normalize(text).text.count("\n") == len(PARAS) - 1


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_ingest_normalize_wrap_report_extracts_the_same(gap):
    path = next((ROOT / "tests" / "data" / "heldout6" / "corpus").glob("600_*.txt"))
    full = path.read_text("utf-8")
    paras = [p.strip() for p in full.split("\n") if p.strip()]
    wrapped = gap.join(wrap_chars(p, 34) for p in paras)
    lists = ("parks", "organizations", "people", "figures", "practices")
    a = process_bytes(full.encode(), path.name)[0]
    b = process_bytes(wrapped.encode(), path.name)[0]
    strip = lambda items: [{k: v for k, v in i.items() if k not in ("span", "mentions")} for i in items]  # noqa: E731
    assert {k: strip(a[k]) for k in lists} == {k: strip(b[k]) for k in lists}


def test_ingest_normalize_wrap_sentences_of_one_length_are_not_a_wrap():
    # every line a sentence of (nearly) the same width: a list, not a wrapped text
    lines = [f"第{i}段：园区党建工作持续推进，楼宇党支部开展主题党日活动，服务企业{i}家。" for i in range(10, 40)]
    assert normalize("\n".join(lines)).text.split("\n") == lines


def test_ingest_normalize_wrap_a_long_run_of_lines_is_one_paragraph():
    body = "青梧高新区推进楼宇党建，服务企业一千二百家，党员人数持续增长" * 3000
    text = "标题\n" + "\n".join(body[i:i + 34] for i in range(0, len(body), 34))
    assert normalize(text).text == "标题\n" + body
