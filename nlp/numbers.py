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
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Iterator

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
PERCENT_TENTHS = "成"
_ONE, _TEN = Decimal(1), Decimal(10)
_PER_RE = re.compile(r"[/／](年|季度|月|周|天|日)")  # 5.8万元/年


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


# ---------------------------------------------------------------- lexicon

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


# ---------------------------------------------------------------- quantities

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


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _qualifier_before(text: str, pos: int, lex: QuantityLexicon) -> tuple[str, int, str]:
    """(qualifier, start, word) of a qualifier word ending at pos, or ("exact", pos, "")."""
    for n in range(min(lex.max_before_len, pos), 0, -1):
        word = text[pos - n:pos]
        if word in lex.before:
            if pos - n > 0 and text[pos - n - 1:pos] in lex.blockers:
                continue
            return lex.before[word], pos - n, word
    return "exact", pos, ""


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
        return None
    am = lex.after_unit_re.match(text, end)
    if am and not (am.group() == "上下" and end + 2 < len(text) and "\u4e00" <= text[end + 2] <= "\u9fff"):
        end = am.end()  # (上下游 is not 上下)
        if qualifier == "exact":
            qualifier = lex.after_unit[am.group()]
    pm = _PER_RE.match(text, end)
    per = pm.group(1) if pm else ""
    return value, unit, qualifier, q_start, end, unit_start, per


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
    growth = re.compile(rf"(?:{'|'.join(map(re.escape, verbs))})(?P<q>[^\d{CN_CHARS}，。、；,;]{{0,2}})(?P<num>{num})倍")
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
    """三分之一 → 33.33 %; 超过一半 → 50 % more_than; 增长近一倍 → 100 % approx."""
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
    for m in growth.finditer(text) if "倍" in text else ():
        try:
            value = parse_numeral(m.group("num"), bare=True) * _HUNDRED
        except NumeralError:
            continue
        yield _share_quantity(text, lex, value, m.start("num"), m.start("num"), m.end(), m.group("num") + "倍")


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
