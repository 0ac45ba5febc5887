"""Chinese administrative divisions (nlp/data/divisions.tsv): provinces,
prefecture-level cities and counties/districts with their short names.

`divisions()` loads the table once. `resolve(name, text)` gives the
(province, city) of a park or place from its name prefix (拉萨高新区 →
西藏自治区, 拉萨市), or from the cities the text mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from nlp.entities import data_lines


@dataclass(frozen=True)
class Division:
    level: str  # province | city | county
    name: str
    short: str
    province: str
    city: str


@dataclass
class Divisions:
    rows: list[Division]
    by_name: dict[str, list[Division]] = field(default_factory=dict)
    prefixes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for row in self.rows:
            for key in {row.name, row.short}:
                if len(key) >= 2:
                    self.by_name.setdefault(key, []).append(row)
        self.prefixes = sorted(self.by_name, key=len, reverse=True)
        self._prefix_set = set(self.prefixes)
        self._heads = frozenset(p[:2] for p in self.prefixes)
        # the lengths of the names that start (end) with each two characters,
        # longest first: `leading` and `trailing` try only these
        self._head_lengths, self._tail_lengths = _lengths_by_ends(self.prefixes)
        # a name (full or short) of a prefecture-level city → that city
        self.city_of = {k: next(r.name for r in rows if r.level == "city")
                        for k, rows in self.by_name.items() if any(r.level == "city" for r in rows)}
        self.city_heads = frozenset(k[:2] for k in self.city_of)
        self.city_first_chars = re.compile("[" + "".join(sorted({h[0] for h in self.city_heads})) + "]")
        # a first character of a city name followed by a second one: the
        # places `cities_in` looks at (a superset of the city heads)
        firsts, seconds = ("".join(map(re.escape, sorted({h[i] for h in self.city_heads}))) for i in (0, 1))
        self._city_pairs = re.compile(f"[{firsts}](?=[{seconds}])")
        self._max = max((len(p) for p in self.prefixes), default=0)

    def lookup(self, name: str) -> list[Division]:
        return self.by_name.get(name, [])

    def leading(self, text: str) -> str:
        """The longest division name (full or short) that `text` starts with."""
        return self.leading_at(text, 0)

    def leading_at(self, text: str, i: int) -> str:
        """The longest division name (full or short) that starts at `text[i]`."""
        lengths = self._head_lengths.get(text[i:i + 2])
        if lengths is None:
            return ""
        names = self._prefix_set
        for n in lengths:
            s = text[i:i + n]
            if s in names:
                return s
        return ""

    def trailing(self, text: str) -> str:
        """The longest division name (full or short) that `text` ends with."""
        lengths = self._tail_lengths.get(text[-2:])
        if lengths is None or len(text) < 2:
            return ""
        names = self._prefix_set
        for n in lengths:
            s = text[-n:]
            if s in names:
                return s
        return ""

    def leading_chain(self, name: str) -> list[Division]:
        """Divisions named at the start of `name`, outermost first
        (西藏拉萨经济技术开发区 → [西藏自治区, 拉萨市])."""
        out: list[Division] = []
        rest = name
        while rest:
            head = self.leading(rest)
            if not head:
                break
            rows = self.lookup(head)
            if out:
                inner = [r for r in rows if r.province == out[-1].province or r.city == out[-1].name]
                rows = inner or rows
            best = _prefer(rows)
            out.append(best)
            rest = rest[len(head):]
            if rest.startswith(("省", "市", "县")) and not head.endswith(("省", "市", "县")):
                rest = rest[1:]
        return out


def _lengths_by_ends(names: list[str]) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """For the first two and the last two characters of `names` (sorted
    longest first): the lengths of the names that start (end) with them,
    longest first."""
    heads: dict[str, list[int]] = {}
    tails: dict[str, list[int]] = {}
    for name in names:
        n = len(name)
        lengths = heads.setdefault(name[:2], [n])
        if lengths[-1] != n:
            lengths.append(n)
        lengths = tails.setdefault(name[-2:], [n])
        if lengths[-1] != n:
            lengths.append(n)
    return {k: tuple(v) for k, v in heads.items()}, {k: tuple(v) for k, v in tails.items()}


def _prefer(rows: list[Division]) -> Division:
    order = {"province": 0, "city": 1, "county": 2}
    return sorted(rows, key=lambda r: order.get(r.level, 3))[0]


@lru_cache(maxsize=1)
def divisions() -> Divisions:
    rows = []
    for line in data_lines("divisions.tsv"):
        parts = line.split("\t")
        if len(parts) < 4:
            continue
        parts += [""] * (5 - len(parts))
        rows.append(Division(*parts[:5]))
    return Divisions(rows)


def cities_in(text: str) -> dict[str, int]:
    """How often each prefecture-level city (full or short name) is named in `text`."""
    table = divisions()
    heads, city_of, leading_at = table.city_heads, table.city_of, table.leading_at
    counts: dict[str, int] = {}
    skip_to = 0
    for m in table._city_pairs.finditer(text):
        i = m.start()
        if i < skip_to or text[i:i + 2] not in heads:
            continue
        head = leading_at(text, i)      # the longest name there, of any level
        city = city_of.get(head)
        if city:
            counts[city] = counts.get(city, 0) + 1
            skip_to = i + len(head)
    return counts


def resolve(name: str, text: str = "",
            city_counts: dict[str, int] | Callable[[], dict[str, int]] | None = None) -> tuple[str, str]:
    """(province, city) of a place named `name`; '' where unknown. The city
    counts of the text (`cities_in`) may be given, or a function that gives
    them (called only when the name does not settle the city)."""
    table = divisions()
    chain = table.leading_chain(name)
    memo: list[dict[str, int]] = []

    def counts_of() -> dict[str, int]:
        if not memo:
            if callable(city_counts):
                memo.append(city_counts())
            else:
                memo.append(city_counts if city_counts is not None else (cities_in(text) if text else {}))
        return memo[0]

    province = city = ""
    for row in chain:
        if row.level == "province":
            province = row.name
        elif row.level == "city":
            city, province = row.name, row.province
        elif row.level == "county" and not city:
            rows = [r for r in table.lookup(row.name) if r.level == "county"] or [row]
            if not name.startswith(row.name):  # a short county name is a common word too
                counts = counts_of()
                rows = [r for r in rows if counts.get(r.city)]
                if not rows:
                    continue
            if len(rows) > 1 and counts_of():
                counts = counts_of()
                rows.sort(key=lambda r: -counts.get(r.city, 0))
            city, province = rows[0].city, rows[0].province
    if not city and counts_of():
        counts = counts_of()
        best = max(counts.items(), key=lambda kv: kv[1])[0]
        rows = [r for r in table.lookup(best) if r.level == "city"]
        if rows and (not province or rows[0].province == province):
            city, province = rows[0].name, rows[0].province
    if city and not province:
        rows = [r for r in table.lookup(city) if r.level == "city"]
        province = rows[0].province if rows else ""
    return province, city
