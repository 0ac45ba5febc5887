"""The words around a numeral, from nlp/data (units and measure words,
qualifiers, compound units: `QuantityLexicon`, `load_lexicon`), and the
`Quantity` record a numeral with its unit makes. `_qualifier_before` finds the
qualifier word before a numeral (超, 近, 不到 …). Used by `nlp.numbers` and
`nlp.number_shares`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from nlp.numerals import _SCAN_NUMERAL, data_text, json_number

PERCENT_TENTHS = "成"


@dataclass(frozen=True)
class QuantityLexicon:
    units: dict[str, str]          # as written → canonical
    before: dict[str, str]
    bare_ok: frozenset[str]
    before_only_bare: frozenset[str]
    after_number: dict[str, str]
    after_unit: dict[str, str]
    blockers: frozenset[str]
    vague: tuple[str, ...]
    not_vague: tuple[str, ...]
    max_before_len: int
    compound_suffix: str               # 次: 家 + 次 → 家次
    compound_with: frozenset[str]      # measure words that take it
    compound_not_before: frozenset[str]
    scan_re: re.Pattern  # a numeral followed by something that may be a unit
    unit_re: re.Pattern  # the longest unit at a position
    after_unit_re: re.Pattern


@lru_cache(maxsize=1)
def load_lexicon() -> QuantityLexicon:
    """Units and qualifiers from nlp/data, read once per process."""
    units: dict[str, str] = {}
    for line in data_text("figures_units.txt").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        units[parts[0]] = parts[1] if len(parts) > 1 else parts[0]
    q = json.loads(data_text("figures_qualifiers.json"))
    compound = json.loads(data_text("figures_compound_units.json"))
    unit_alt = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return QuantityLexicon(
        units=units,
        before=q["before"],
        bare_ok=frozenset(q["bare_ok"]),
        before_only_bare=frozenset(q["before_only_bare"]),
        after_number=q["after_number"],
        after_unit=q["after_unit"],
        blockers=frozenset(q["blockers"]),
        vague=tuple(q.get("vague_before", [])),
        not_vague=tuple(q.get("not_vague", [])),
        max_before_len=max(map(len, q["before"])),
        compound_suffix=compound["suffix"],
        compound_with=frozenset(compound["with"]),
        compound_not_before=frozenset(compound["not_before"]),
        unit_re=re.compile(unit_alt),
        after_unit_re=re.compile("|".join(re.escape(w) for w in sorted(q["after_unit"], key=len, reverse=True))),
        scan_re=re.compile(_SCAN_NUMERAL + rf"(?=[余多]?[万亿]?\s?(?:{unit_alt}|{PERCENT_TENTHS}))"),
    )


@dataclass(slots=True)
class Quantity:
    """A number with its unit as written in a text; spans index that text."""

    value: Decimal
    unit: str
    qualifier: str
    start: int          # qualifier (if any) or numeral start
    end: int            # after unit and trailing qualifier (以上, 左右)
    num_start: int
    num_end: int
    numeral: str        # the numeral as written (两, 1.2万)
    unit_start: int
    per: str = ""       # "年" for 5.8万元/年 (also 月 季度 周 天 日)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def number(self) -> int | float:
        return json_number(self.value)

    @property
    def chinese(self) -> bool:
        return not self.numeral[:1].isdigit()


def _qualifier_before(text: str, pos: int, lex: QuantityLexicon) -> tuple[str, int, str]:
    """(qualifier, start, word) of a qualifier word ending at pos, or ("exact", pos, "")."""
    for n in range(min(lex.max_before_len, pos), 0, -1):
        word = text[pos - n:pos]
        if word in lex.before:
            if pos - n > 0 and text[pos - n - 1:pos] in lex.blockers:
                continue
            return lex.before[word], pos - n, word
    return "exact", pos, ""
