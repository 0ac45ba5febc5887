"""nlp/regions.py: division names at the start and end of a text, city counts,
and (province, city) that looks at the city counts only when it needs them."""
from __future__ import annotations

import pytest

from nlp.regions import cities_in, divisions, resolve


@pytest.mark.parametrize("text,leading,trailing", [
    ("广西南宁经济技术开发区", "广西", ""),
    ("南宁市高新区", "南宁市", ""),
    ("柳州", "柳州", "柳州"),
    ("新区西乡塘区", "", "西乡塘区"),
    ("中国", "", ""),
    ("区", "", ""),
    ("", "", ""),
])
def test_regions_leading_and_trailing_longest_name(text, leading, trailing):
    table = divisions()
    assert table.leading(text) == leading
    assert table.trailing(text) == trailing


def test_regions_leading_at_reads_inside_the_text():
    table = divisions()
    assert table.leading_at("在南宁市高新区", 1) == "南宁市"
    assert table.leading_at("在南宁市高新区", 0) == ""


def test_regions_leading_matches_a_scan_of_every_length():
    """`leading`/`trailing` try only the lengths of names with the same first
    (last) two characters: the same answers as trying every length."""
    table = divisions()
    names = table._prefix_set

    def slow_leading(text):
        for n in range(min(table._max, len(text)), 1, -1):
            if text[:n] in names:
                return text[:n]
        return ""

    def slow_trailing(text):
        for n in range(min(table._max, len(text)), 1, -1):
            if text[-n:] in names:
                return text[-n:]
        return ""

    for text in ("广西壮族自治区南宁市", "吉林省吉林市", "南宁东盟经开区", "西乡塘区党委", "市区", "桂林"):
        for i in range(len(text)):
            for j in range(i, len(text) + 1):
                part = text[i:j]
                assert table.leading(part) == slow_leading(part), part
                assert table.trailing(part) == slow_trailing(part), part


@pytest.mark.parametrize("text,expected", [
    ("南宁市和南宁、柳州的企业，吉林省吉林市", {"南宁市": 2, "柳州市": 1, "吉林市": 1}),
    ("桂林山水甲天下，桂林市", {"桂林市": 2}),
    ("没有城市的句子", {}),
])
def test_regions_cities_in_counts_the_longest_name(text, expected):
    assert cities_in(text) == expected


def test_regions_resolve_asks_for_city_counts_only_when_needed():
    calls: list[int] = []

    def counts():
        calls.append(1)
        return cities_in("柳州的园区。柳州")

    assert resolve("南宁高新区", "", counts) == ("广西壮族自治区", "南宁市")
    assert calls == []
    assert resolve("青梧智谷科技园", "", counts) == ("广西壮族自治区", "柳州市")
    assert calls == [1]
    assert resolve("青梧智谷科技园", "柳州的园区。柳州") == ("广西壮族自治区", "柳州市")
    assert resolve("青梧智谷科技园", "", {"柳州市": 2}) == ("广西壮族自治区", "柳州市")
