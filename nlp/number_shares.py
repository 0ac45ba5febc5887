"""Shares written in words, resolved to percent: 百分之九十 → 90 %,
三分之一 → 33.33 %, 超过一半 → 50 % more_than, 增长近一倍 → 100 % approx.
The fraction, half and growth-multiple patterns are built from
nlp/data/figures_shares.json. Used by `nlp.numbers.find_quantities`.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from nlp.numerals import CN_CHARS, CN_DECIMAL, CN_POINT, NumeralError, data_text, parse_numeral
from nlp.quantity_lexicon import Quantity, QuantityLexicon, _qualifier_before

_PERCENT_WORDS_RE = re.compile(rf"百分之(?P<num>\d+(?:\.\d+)?|{CN_DECIMAL}|[{CN_CHARS}]+)")


def _percent_words(text: str, lex: QuantityLexicon) -> Iterator[Quantity]:
    """百分之九十 → 90 %; 超过百分之十二点五 → 12.5 % more_than; 百分之百 → 100 %."""
    if "百分之" not in text:
        return
    for m in _PERCENT_WORDS_RE.finditer(text):
        try:
            value = parse_numeral(m.group("num"), bare=True)  # 百分之百 = 100 %
        except NumeralError:
            continue
        qualifier, start, _ = _qualifier_before(text, m.start(), lex)
        end = m.end()
        am = lex.after_unit_re.match(text, end)
        if am and am.group() != "上下":
            end = am.end()
            if qualifier == "exact":
                qualifier = lex.after_unit[am.group()]
        yield Quantity(value=value, unit="%", qualifier=qualifier, start=start, end=end,
                       num_start=m.start("num"), num_end=m.end(), numeral=m.group("num"),
                       unit_start=m.end())


@lru_cache(maxsize=1)
def _share_rules() -> tuple[re.Pattern, re.Pattern, re.Pattern, tuple[str, ...]]:
    """(fraction-or-half pattern, half-only pattern, growth-multiple pattern, the half words).
    The fraction pattern starts with a lookahead on the characters a match can start
    with, and the half-only one serves texts without 分之 (the same matches, faster)."""
    rules = json.loads(data_text("figures_shares.json"))
    num = rf"(?:\d+(?:\.\d+)?|{CN_DECIMAL}|[{CN_CHARS}]+)"
    halves = tuple(rules["halves"])
    half = "|".join(map(re.escape, halves))
    first = "".join(sorted({re.escape(h[0]) for h in halves if h}))
    fraction = re.compile(rf"(?=[\d{CN_CHARS}{first}])(?:(?P<den>{num})分之(?P<num>{num})|(?P<half>{half}))")
    verbs = tuple(sorted(rules["growth_verbs"], key=len, reverse=True))
    doubling = "|".join(map(re.escape, sorted(rules["doubling_verbs"], key=len, reverse=True)))
    growth = re.compile(rf"(?:{'|'.join(map(re.escape, verbs))})(?P<q>[^\d{CN_CHARS}，。、；,;]{{0,2}})(?P<num>{num})倍"
                        rf"|(?:{doubling})(?P<dnum>{num}){re.escape(rules['doubling_word'])}")
    return fraction, re.compile(rf"(?P<half>{half})"), growth, halves


_HUNDRED, _CENT = Decimal(100), Decimal("0.01")


_DENOMINATOR_CHARS = frozenset(CN_CHARS + CN_POINT + ".")


def _fraction_matches(text: str, fraction: re.Pattern, halves: tuple[str, ...]) -> Iterator[re.Match]:
    """``fraction.finditer(text)``, trying only where a match can start: in the run
    of numeral characters before a 分之 (the denominator ends there) or at a half
    word. The pattern never matches empty, so the scan resumes at a match's end."""
    if not all(halves):
        yield from fraction.finditer(text)
        return
    starts = set()
    at = text.find("分之")
    while at >= 0:
        i = at
        while i > 0 and (text[i - 1] in _DENOMINATOR_CHARS or text[i - 1].isdecimal()):   # (isdecimal: \d)
            i -= 1
        starts.update(range(i, at))
        at = text.find("分之", at + 1)
    for half in halves:
        at = text.find(half)
        while at >= 0:
            starts.add(at)
            at = text.find(half, at + 1)
    resume = 0
    for p in sorted(starts):
        if p >= resume:
            m = fraction.match(text, p)
            if m:
                yield m
                resume = m.end()


def _share_words(text: str, lex: QuantityLexicon) -> Iterator[Quantity]:
    """三分之一 → 33.33 %; 超过一半 → 50 % more_than; 增长近一倍 → 100 % approx; 翻了一番 → 100 %."""
    fraction, halves_re, growth, halves = _share_rules()
    if "分之" in text:
        matches = _fraction_matches(text, fraction, halves)
    elif any(h in text for h in halves):
        matches = halves_re.finditer(text)   # without 分之 only a half can match
    else:
        matches = ()
    for m in matches:
        if m.group("half"):
            value, num_start, numeral = Decimal(50), m.start(), m.group("half")
        else:
            if m.group("den") == "百":
                continue                   # 百分之X: _percent_words
            try:
                den, share = parse_numeral(m.group("den"), bare=True), parse_numeral(m.group("num"), bare=True)
            except NumeralError:
                continue
            if not den or share > den:
                continue
            value = (share * _HUNDRED / den).quantize(_CENT).normalize()
            num_start, numeral = m.start(), m.group()
        yield _share_quantity(text, lex, value, m.start(), num_start, m.end(), numeral)
    for m in growth.finditer(text) if ("倍" in text or "番" in text) else ():
        group = "num" if m.group("num") else "dnum"
        try:
            times = parse_numeral(m.group(group), bare=True)
            # 翻N番: doubled N times, a growth of 2^N - 1 (翻一番 100 %, 翻两番 300 %)
            value = times * _HUNDRED if group == "num" else (2 ** int(times) - 1) * _HUNDRED
        except NumeralError:
            continue
        if group == "dnum" and times != times.to_integral_value():
            continue
        yield _share_quantity(text, lex, value, m.start(group), m.start(group), m.end(), m.group(group) + m.group()[-1])


def _share_quantity(text: str, lex: QuantityLexicon, value: Decimal, start: int, num_start: int, end: int,
                    numeral: str) -> Quantity:
    qualifier, start, _ = _qualifier_before(text, start, lex)
    am = lex.after_unit_re.match(text, end)
    unit_start = end
    if am and am.group() != "上下":
        end = am.end()
        if qualifier == "exact":
            qualifier = lex.after_unit[am.group()]
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return Quantity(value=value, unit="%", qualifier=qualifier, start=start, end=end,
                    num_start=num_start, num_end=unit_start, numeral=numeral, unit_start=unit_start)
