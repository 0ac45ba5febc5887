"""Numbers as Chinese reports write them, resolved exactly.

    parse_numeral("1.2万")    → Decimal("12000")
    parse_numeral("三十五")   → Decimal("35")
    find_quantities("年均服务超1.2万人次") → [Quantity(value=12000, unit="人次",
                                            qualifier="more_than", span=(4, 11))]

A *quantity* is a numeral (Arabic with optional 万/亿/千 multiplier, or
Chinese numerals 一 二 两 … 十 百 千 万 亿, decimals written 十二点五 / 一点二亿)
followed by a measure word or unit from ``nlp/data/figures_units.txt`` (a
measure word + 次 stays whole: 家次, 台次 — ``figures_compound_units.json``),
with the qualifier words around it
(``nlp/data/figures_qualifiers.json``): 超/逾 → more_than, 余/多/以上 →
at_least, 近/约/左右 → approx, 不到/不足 → less_than, 最多/至多 → up_to.
Percentages (97.7%, 百分之九十一点四, 百分之百) and 成 (四成 → 40 %) are resolved
to unit ``%``.

Whether a quantity is a *figure* of the contract (not an ordinal, a duration,
a number inside a name …) is decided by `nlp.components.figures`.
Arithmetic is `int`/`Decimal` throughout; `json_number()` turns a value into
the int or float that goes into a record.

Layout: numerals in nlp/numerals.py, the lexicon of words around them and the
`Quantity` record in nlp/quantity_lexicon.py, shares written in words in
nlp/number_shares.py; this module finds the quantities of a text. Every name
those modules define that was imported from here still is.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from nlp.number_shares import _fraction_matches, _percent_words, _share_rules, _share_words  # noqa: F401
from nlp.numerals import (CN_BIG_UNITS, CN_CHARS, CN_DECIMAL, CN_DIGITS, CN_POINT, CN_SMALL_UNITS,  # noqa: F401
                          MULTIPLIERS, NUMERAL_RE, NumeralError, _numeral_groups, _scan_groups, data_text,
                          json_number, parse_chinese, parse_chinese_decimal, parse_numeral)
from nlp.quantity_lexicon import (PERCENT_TENTHS, Quantity, QuantityLexicon, _qualifier_before,  # noqa: F401
                                  load_lexicon)

_ONE, _TEN = Decimal(1), Decimal(10)
_PER_RE = re.compile(r"[/／](年|季度|月|周|天|日)")  # 5.8万元/年


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _match_unit(text: str, pos: int, lex: QuantityLexicon) -> tuple[str, str]:
    m = lex.unit_re.match(text, pos)
    return (m.group(), lex.units[m.group()]) if m else ("", "")


# quantity_at reads at most this many characters before the numeral and after it
# (qualifiers, vague words, units, compound suffix, 以上/左右, /年); generous bounds
_CONTEXT_BEFORE, _CONTEXT_AFTER = 8, 24


def quantity_at(text: str, m: re.Match, lex: QuantityLexicon | None = None) -> Quantity | None:
    """The quantity whose numeral is the regex match ``m`` of NUMERAL_RE, if any."""
    lex = lex or load_lexicon()
    s, e = m.span()
    before = text[max(0, s - _CONTEXT_BEFORE):s]
    groups = _numeral_groups(m)
    after = text[e:e + _CONTEXT_AFTER]
    if lex is load_lexicon():
        found = _context_default(before, groups, after)
    else:
        found = _context_quantity(before, groups, after, lex)
    if found is None:
        return None
    value, unit, qualifier, start, end, unit_start, per = found
    shift = s - len(before)
    return Quantity(value=value, unit=unit, qualifier=qualifier, start=start + shift, end=end + shift,
                    num_start=s, num_end=e, numeral=m.group(0), unit_start=unit_start + shift, per=per)


@lru_cache(maxsize=8192)
def _context_default(before: str, groups: tuple, after: str) -> tuple | None:
    """`_context_quantity` with the lexicon of nlp/data; ``groups`` are (ar, mul, cn)
    or the groups of a scan_re match as they come (`_scan_groups`)."""
    if len(groups) == 4:
        groups = _scan_groups(groups)
    return _context_quantity(before, groups, after, load_lexicon())


def _context_quantity(left: str, groups: tuple, right: str, lex: QuantityLexicon) -> tuple | None:
    """`quantity_at` on the numeral with the few characters around it (the
    same contexts recur, so this is cached): the fields of the Quantity, its
    offsets in ``left + numeral + right``."""
    ar, mul, cn = groups
    numeral = ar + mul if ar else cn
    text = left + numeral + right
    s, e = len(left), len(left) + len(numeral)
    if ar:
        if s > 0 and (_ascii_alnum(text[s - 1]) or text[s - 1] in ".．"):
            return None
    elif s > 0 and (text[s - 1] in CN_CHARS
                    or (text[s - 1] == CN_POINT and s > 1 and text[s - 2] in CN_CHARS)):
        return None  # inside a longer numeral (十二点五 is not 五)
    pos = e
    qualifier = "exact"
    scale = _ONE
    if pos < len(text) and text[pos] in lex.after_number:
        qualifier = lex.after_number[text[pos]]
        pos += 1
        if pos < len(text) and text[pos] in CN_BIG_UNITS:  # 350多万名, 5000余万元
            scale = Decimal(CN_BIG_UNITS[text[pos]])
            pos += 1
    if ar and pos < len(text) and text[pos] == " ":
        pos += 1
    unit_start = pos
    written, unit = _match_unit(text, pos, lex)
    factor = _ONE
    if not written:
        if pos < len(text) and text[pos] == PERCENT_TENTHS:
            written, unit, factor = PERCENT_TENTHS, "%", _TEN
        else:
            return None
    end = pos + len(written)
    if factor is _TEN and text[end:end + 1] in lex.after_number and qualifier == "exact":
        qualifier = lex.after_number[text[end]]     # 一成多: 多/余 after the tenths
        end += 1
    if written in lex.compound_with and text.startswith(lex.compound_suffix, end) and \
            text[end + len(lex.compound_suffix):end + len(lex.compound_suffix) + 1] not in lex.compound_not_before:
        unit += lex.compound_suffix  # 家次, 个次, 台次: a count of visits or services
        end += len(lex.compound_suffix)
    if ar and unit not in ("%", "‰") and end < len(text) and _ascii_alnum(text[end]):
        return None  # 5G, 3D …
    if cn and text.endswith(lex.vague, 0, s) and not text.endswith(lex.not_vague, 0, s):
        return None  # 数十家, 几百人
    before, q_start, word = _qualifier_before(text, s, lex)
    bare = cn and numeral[0] in MULTIPLIERS and numeral[0] != "十"
    if bare and not (word in lex.bare_ok or qualifier != "exact"):
        return None
    if word in lex.before_only_bare and not bare:
        before, q_start = "exact", s
    if before != "exact":
        qualifier = before
    try:
        if cn:
            value = Decimal(parse_chinese(numeral, bare=bool(bare)))
        else:
            value = Decimal(ar.replace(",", ""))
            for ch in mul:
                value *= MULTIPLIERS[ch]
        if factor is not _ONE or scale is not _ONE:
            value = value * factor * scale
    except NumeralError:
        upper = _range_upper(numeral) if cn else None
        if upper is None:
            return None
        value, qualifier = Decimal(upper), "up_to"    # 五六场: a range 5–6, its upper bound
    am = lex.after_unit_re.match(text, end)
    if am and not (am.group() == "上下" and end + 2 < len(text) and "\u4e00" <= text[end + 2] <= "\u9fff"):
        end = am.end()  # (上下游 is not 上下)
        if qualifier == "exact":
            qualifier = lex.after_unit[am.group()]
    pm = _PER_RE.match(text, end)
    per = pm.group(1) if pm else ""
    return value, unit, qualifier, q_start, end, unit_start, per


_RANGE_DIGITS = {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _range_upper(numeral: str) -> int | None:
    """The upper bound of two neighbouring digits written together (两三, 五六, 八九),
    a vague range; None for any other numeral (一二 and 一两 are no counts)."""
    if len(numeral) != 2:
        return None
    low, high = _RANGE_DIGITS.get(numeral[0]), _RANGE_DIGITS.get(numeral[1])
    return high if low is not None and high == low + 1 else None


def find_quantities(text: str, lex: QuantityLexicon | None = None) -> list[Quantity]:
    """Every numeral-with-unit in ``text``, left to right."""
    lex = lex or load_lexicon()
    if lex is load_lexicon():   # `quantity_at` inlined: one call per numeral, not three
        found = []
        for m in lex.scan_re.finditer(text):
            s, e = m.span()
            b = s - _CONTEXT_BEFORE if s > _CONTEXT_BEFORE else 0
            ctx = _context_default(text[b:s], m.groups(), text[e:e + _CONTEXT_AFTER])
            if ctx is not None:
                value, unit, qualifier, start, end, unit_start, per = ctx
                found.append(Quantity(value, unit, qualifier, start + b, end + b,
                                      s, e, text[s:e], unit_start + b, per))
    else:
        found = [q for m in lex.scan_re.finditer(text) if (q := quantity_at(text, m, lex)) is not None]
    extra = list(_percent_words(text, lex))
    shares = list(_share_words(text, lex))
    if shares:                             # a share replaces what it overlaps (增长2倍: 200 %, not 2 倍)
        found = [q for q in found if not any(s.start < q.end and q.start < s.end for s in shares)]
        extra += shares
    if extra:
        found = sorted(found + extra, key=lambda q: q.start)
    return found
