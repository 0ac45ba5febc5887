"""Numerals as Chinese reports write them, resolved exactly (`int` / `Decimal`).

    parse_numeral("1.2万")    → Decimal("12000")
    parse_numeral("三十五")   → Decimal("35")
    parse_numeral("十二点五") → Decimal("12.5")

Arabic numerals with an optional 万/亿/千 multiplier (1.2万, 13,470), Chinese
numerals 一 二 两 … 十 百 千 万 亿 (三万五 = 35000, 一千五 = 1500) and decimals
written in words (十二点五, 一点二亿). Also the numeral part of the quantity
scanner's pattern (`_SCAN_NUMERAL`) and `data_text`, the reader of nlp/data.
The quantities built on these numerals are in `nlp.numbers`.
"""
from __future__ import annotations

import re
from decimal import Decimal
from importlib import resources

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
             "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
             "八": 8, "捌": 8, "九": 9, "玖": 9}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10 ** 4, "亿": 10 ** 8}
MULTIPLIERS = {**CN_SMALL_UNITS, **CN_BIG_UNITS}
CN_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
CN_POINT = "点"  # 十二点五, 一点二亿, 零点五: a decimal written in words
_CN_FRACTION_DIGITS = "零〇一二三四五六七八九"
CN_DECIMAL = rf"[{CN_CHARS}]+{CN_POINT}[{_CN_FRACTION_DIGITS}]+[万亿]?"

NUMERAL_RE = re.compile(
    r"(?P<ar>\d+(?:,\d{3}(?!\d))*(?:\.\d+)?)(?P<mul>[十百千万亿]*)"
    rf"|(?P<cn>{CN_DECIMAL}|[{CN_CHARS}]+)"
)


class NumeralError(ValueError):
    """A string that is not a well-formed numeral (e.g. 百千万, 五一)."""


def data_text(name: str) -> str:
    """A text file of nlp/data (lexicons and rules), read as UTF-8."""
    return resources.files("nlp").joinpath("data", name).read_text(encoding="utf-8")


# ---------------------------------------------------------------- numerals

def _parse_small(s: str) -> int:
    """0 … 9999 written with 十 百 千 (一百零五, 十二, 两千, 一千五)."""
    if not s:
        raise NumeralError("empty numeral section")
    total, digit, last_unit, zero_seen = 0, None, 10 ** 4, False
    for i, ch in enumerate(s):
        if ch in CN_DIGITS:
            d = CN_DIGITS[ch]
            if d == 0:
                if digit is not None:
                    raise NumeralError(f"零 after a digit in {s!r}")
                zero_seen = True
                continue
            if digit is not None:
                raise NumeralError(f"two digits in a row in {s!r}")
            digit = d
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if unit >= last_unit:
                raise NumeralError(f"units out of order in {s!r}")
            if digit is None:
                if i == 0 and unit == 10:
                    digit = 1  # 十二 = 12
                else:
                    raise NumeralError(f"unit without digit in {s!r}")
            total += digit * unit
            digit, last_unit, zero_seen = None, unit, False
        else:
            raise NumeralError(f"not a numeral character {ch!r} in {s!r}")
    if digit is not None:
        if last_unit < 10 ** 4 and last_unit >= 100 and not zero_seen:
            total += digit * (last_unit // 10)  # 一千五 = 1500
        else:
            total += digit
    return total


def _parse_sections(s: str) -> int:
    if "亿" in s:
        high, _, low = s.partition("亿")
        if "亿" in low:
            raise NumeralError(f"two 亿 in {s!r}")
        return _parse_wan(high) * 10 ** 8 + (_parse_low(low, 10 ** 7) if low else 0)
    return _parse_wan(s)


def _parse_wan(s: str) -> int:
    if "万" in s:
        high, _, low = s.partition("万")
        if "万" in low:
            raise NumeralError(f"two 万 in {s!r}")
        return _parse_small(high) * 10 ** 4 + (_parse_low(low, 1000) if low else 0)
    return _parse_small(s)


def _parse_low(s: str, lone_digit_scale: int) -> int:
    """The part after 万/亿: a lone digit is colloquial (三万五 = 35000)."""
    if len(s) == 1 and s in CN_DIGITS and CN_DIGITS[s]:
        return CN_DIGITS[s] * lone_digit_scale
    return _parse_wan(s) if lone_digit_scale > 1000 else _parse_small(s)


def parse_chinese_decimal(s: str) -> Decimal:
    """十二点五 → 12.5, 零点五 → 0.5, 一点二亿 → 120000000: X点Y with an optional 万/亿."""
    whole, _, frac = s.partition(CN_POINT)
    scale = 1
    if frac and frac[-1] in CN_BIG_UNITS:
        frac, scale = frac[:-1], CN_BIG_UNITS[frac[-1]]
    if not whole or not frac or any(ch not in _CN_FRACTION_DIGITS for ch in frac):
        raise NumeralError(f"not a decimal written in words: {s!r} (expected X点Y, e.g. 十二点五)")
    digits = "".join(str(CN_DIGITS[ch]) for ch in frac)
    return (Decimal(_parse_sections(whole)) + Decimal("0." + digits)) * scale


def parse_chinese(s: str, *, bare: bool = False) -> int | Decimal:
    """Chinese numerals to int (Decimal for X点Y). ``bare`` allows a leading 万/千/百
    (超万人次 → 10000)."""
    if not s:
        raise NumeralError("empty numeral")
    if CN_POINT in s:
        return parse_chinese_decimal(s)
    if s[0] in MULTIPLIERS and s[0] != "十":
        if not bare:
            raise NumeralError(f"{s!r} starts with a multiplier")
        s = "一" + s
    return _parse_sections(s)


def parse_numeral(s: str, *, bare: bool = False) -> Decimal:
    """Any numeral this module knows: 13470, 13,470, 97.7, 1.2万, 2000万, 三十, 两千五百."""
    m = NUMERAL_RE.fullmatch(s)
    if not m:
        raise NumeralError(f"not a numeral: {s!r}")
    if m.group("cn"):
        return Decimal(parse_chinese(m.group("cn"), bare=bare))
    value = Decimal(m.group("ar").replace(",", ""))
    for ch in m.group("mul"):
        value *= MULTIPLIERS[ch]
    return value


def json_number(value: Decimal) -> int | float:
    """int when whole (12000), float otherwise (97.7): the value as JSON writes it."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# NUMERAL_RE with its first character taken by a character class of its own: the
# regex engine then skips in C to the characters a numeral starts with (a leading
# lookahead would try a match at every position). A digit goes on as `ar`, a
# Chinese numeral as `cn` (no character is both); `_numeral_groups` puts them back.
_SCAN_NUMERAL = (rf"(?P<first>[\d{CN_CHARS}])"
                 rf"(?:(?<=\d)(?P<ar_rest>\d*(?:,\d{{3}}(?!\d))*(?:\.\d+)?)(?P<mul>[十百千万亿]*)"
                 rf"|(?<=[{CN_CHARS}])(?P<cn_rest>[{CN_CHARS}]*{CN_POINT}[{_CN_FRACTION_DIGITS}]+[万亿]?|[{CN_CHARS}]*))")


def _numeral_groups(m: re.Match) -> tuple[str | None, str | None, str | None]:
    """(ar, mul, cn) of a NUMERAL_RE match or of a `QuantityLexicon.scan_re` match."""
    if "first" not in m.re.groupindex:
        return m.group("ar", "mul", "cn")
    return _scan_groups(m.groups())


def _scan_groups(groups: tuple) -> tuple[str | None, str | None, str | None]:
    """(ar, mul, cn) from the groups (first, ar_rest, mul, cn_rest) of a scan_re match."""
    first, ar_rest, mul, cn_rest = groups
    return (first + ar_rest, mul, None) if ar_rest is not None else (None, None, first + cn_rest)
