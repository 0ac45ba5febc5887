"""The bare suffix forms a text uses for its main park (该开发区, 经开区) become
aliases in a fixed order: longest first, equally long ones in the order of
their first mention, under every hash seed (no set's iteration order)."""
from __future__ import annotations

import pytest

from nlp.components import parks
from nlp.pipeline import run

LONG_FIRST = "青梧经济技术开发区党工委召开会议。该开发区企业众多，开发区党建工作扎实。经开区党员积极参与，经开区面貌一新。"
SHORT_FIRST = "青梧经济技术开发区党工委召开会议。经开区党员积极参与，经开区面貌一新。该开发区企业众多，开发区党建工作扎实。"
CASES = [
    (LONG_FIRST, ["开发区", "经开区"], [[0, 9], [18, 21], [26, 29], [36, 39], [46, 49]]),
    (SHORT_FIRST, ["经开区", "开发区"], [[0, 9], [17, 20], [27, 30], [36, 39], [44, 47]]),
]


@pytest.mark.parametrize("text,aliases,mentions", CASES)
def test_parks_bare_aliases_equally_long_in_order_of_first_mention(text, aliases, mentions):
    items = [{"name": "青梧经济技术开发区", "aliases": [], "mentions": [[0, 9]]}]
    parks._add_bare_aliases(text, items, parks._lexicon())
    assert items[0]["aliases"] == aliases
    assert items[0]["mentions"] == mentions


@pytest.mark.parametrize("text,aliases,mentions", CASES)
def test_parks_bare_aliases_in_the_record(text, aliases, mentions):
    # the two texts name the same forms in opposite orders: an order taken from a
    # set would be the same for both, so one of them would fail under any seed
    assert run(text, {"title": ""}).user_data["dangjian"]["parks"] == [
        {"name": "青梧经济技术开发区", "aliases": aliases, "province": "", "city": "", "mentions": mentions}]


def test_parks_bare_aliases_need_two_mentions_outside_park_names():
    text = "青梧经济技术开发区与青梧经开区共建，开发区党员参与。"
    items = [{"name": "青梧经济技术开发区", "aliases": ["青梧经开区"], "mentions": [[0, 9], [10, 15]]}]
    parks._add_bare_aliases(text, items, parks._lexicon())
    assert items[0] == {"name": "青梧经济技术开发区", "aliases": ["青梧经开区"], "mentions": [[0, 9], [10, 15]]}
