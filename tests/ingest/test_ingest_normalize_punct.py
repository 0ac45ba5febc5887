"""ASCII , ; : ! ? typed in Chinese text become ，；：！？ (one form for every
rule), 1:1 so spans hold; numbers, clock times and ASCII text keep theirs.
A report typed with ASCII punctuation extracts like the same report typed
with Chinese punctuation."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.normalize import normalize
from ingest.pipeline import process_bytes

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("raw, text", [
    ("园区现有企业120家,其中规上企业36家;", "园区现有企业120家，其中规上企业36家；"),
    ("覆盖率达到97.7%,同比提高5个百分点!", "覆盖率达到97.7%，同比提高5个百分点！"),
    ("来源:青梧日报 发布时间:2024-10-09 08:15", "来源：青梧日报 发布时间：2024-10-09 08:15"),
    ("“红色引擎”,党员先锋岗?", "“红色引擎”，党员先锋岗？"),
    ("营业收入12,345万元", "营业收入12,345万元"),
    ("详见 https://example.cn/a?b=1,2", "详见 https://example.cn/a?b=1,2"),
    ("Hello, world: ok!", "Hello, world: ok!"),
])
def test_ingest_normalize_punct_ascii_in_chinese_text(raw, text):
    norm = normalize(raw)
    assert norm.text == text
    assert len(norm.offsets) == len(norm.text) == len(raw)


def test_ingest_normalize_punct_ascii_typed_report_extracts_the_same():
    path = next((ROOT / "tests" / "data" / "heldout4" / "corpus").glob("407_*.txt"))
    full = path.read_text("utf-8")
    ascii_typed = full.translate(str.maketrans("，；：！？", ",;:!?"))
    lists = ("parks", "organizations", "people", "figures", "practices")
    a = process_bytes(full.encode(), path.name)[0]
    b = process_bytes(ascii_typed.encode(), path.name)[0]
    assert {k: a[k] for k in lists} == {k: b[k] for k in lists}


@pytest.mark.parametrize("raw, text", [
    ('推行"红色引擎"工程,打造"楼宇党建"品牌', "推行“红色引擎”工程，打造“楼宇党建”品牌"),
    ("他说:\"要把'支部建在链上'做实。\"", "他说：“要把‘支部建在链上’做实。”"),
    ('只有一个"引号', '只有一个"引号'),                       # odd: kept
    ('He said "yes" twice', 'He said "yes" twice'),            # no hanzi in the line
])
def test_ingest_normalize_punct_ascii_quotes_in_chinese_text(raw, text):
    assert normalize(raw).text == text


def test_ingest_normalize_punct_ascii_quoted_report_extracts_the_same():
    path = next((ROOT / "tests" / "data" / "heldout8" / "corpus").glob("801_*.txt"))
    full = path.read_text("utf-8")
    ascii_quoted = full.translate(str.maketrans({"“": '"', "”": '"'}))
    lists = ("parks", "organizations", "people", "figures", "practices")
    a = process_bytes(full.encode(), path.name)[0]
    b = process_bytes(ascii_quoted.encode(), path.name)[0]
    assert b["practices"] and {k: a[k] for k in lists} == {k: b[k] for k in lists}
    assert b["source"]["title"] == a["source"]["title"].translate(str.maketrans({"“": '"', "”": '"'}))


def test_ingest_normalize_punct_ascii_quote_across_a_wrapped_line():
    text = '园区推行"链主领衔+支部协同+党\n员攻坚"协作机制，打造"三江红链"品牌。'
    assert normalize(text).text.replace("\n", "") == "园区推行“链主领衔+支部协同+党员攻坚”协作机制，打造“三江红链”品牌。"
