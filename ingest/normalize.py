"""Normalisation, once: raw decoded text in, the one text every span indexes.

Stages, in order (each keeps a map back to the original characters):

1. script: OpenCC ``t2s`` over the whole text (1:1 per character in practice;
   a line whose length changes is converted character by character);
   `script` records simplified / traditional / mixed from the share of
   characters the conversion changed, line by line;
2. folding: full-width digits, Latin letters, ％ and （） to ASCII; corner
   quotes 「」『』 to “” ‘’ (mainland style, as the gold records write them);
   other CJK punctuation (，。：；“” …) is kept as written; in Chinese text,
   ASCII double (single) quotes become “ ” (‘ ’) in turn (a quote may close on
   the next line of a wrapped text), and ASCII , ; : ! ? next to a hanzi (or a
   CJK quote or bracket) become ，；：！？, so that every rule sees Chinese
   punctuation in one form (12,345 and 08:15 stay); odd spaces to spaces;
3. paragraphs: one per non-blank line, indentation stripped, runs of spaces
   collapsed, zero-width characters removed; boilerplate lines and fragments
   (``ingest/data/boilerplate.txt``) dropped;
4. captions: a paragraph of at most 100 characters that follows a wider
   blank gap (2+ blank lines) than the text's usual gap between paragraphs is
   a photo caption (pictures sit in such gaps at page breaks). It is kept,
   its span recorded in `captions`, and it is moved after the paragraph it
   interrupted when that paragraph is rejoined. Best effort: texts without
   blank-line structure (one newline per paragraph) get no captions;
5. broken lines: in a hard-wrapped text (most long lines of one width), a
   line that fills the width goes on in the next; otherwise a paragraph cut
   mid-sentence at a page break is joined with the next one. It must end
   with ``,`` ``、`` or (when it is 20+ characters long, holds a comma-like
   mark, and has no space unless it has a full stop, which would make it a
   heading or a label line) with a hanzi or digit; the next paragraph must
   start with a hanzi or digit and not be a byline. The first paragraph (the
   title) is never joined;
6. repeats: a paragraph repeated verbatim is kept once; a lead paragraph that
   the body repeats inside a longer paragraph is dropped (the body keeps it).

Paragraphs are joined with a single ``"\\n"``. `offsets[i]` is the index in
the input of the character that `text[i]` came from (a paragraph break maps
to the end of the line before it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ingest.lines import _join_and_order, _Para
from ingest.marks import _cjk_punctuation, _cjk_quotes


@dataclass
class Normalized:
    text: str
    script: str = "simplified"
    offsets: list[int] = field(default_factory=list)
    captions: list[tuple[int, int]] = field(default_factory=list)


# --- tables and data, loaded once -------------------------------------------

_FOLD = {0xFF10 + i: 0x30 + i for i in range(10)}
_FOLD.update({0xFF21 + i: 0x41 + i for i in range(26)})
_FOLD.update({0xFF41 + i: 0x61 + i for i in range(26)})
_FOLD.update({ord("％"): ord("%"), ord("（"): ord("("), ord("）"): ord(")"),
              ord("＋"): ord("+"), ord("．"): ord("."), ord("／"): ord("/"),
              ord("「"): ord("“"), ord("」"): ord("”"), ord("『"): ord("‘"), ord("』"): ord("’"),
              0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20,
              0x09: 0x20, 0x0D: 0x20, 0x0B: 0x0A, 0x0C: 0x0A, 0x2028: 0x0A, 0x2029: 0x0A,
              0x2027: 0xB7, 0x30FB: 0xB7})   # ‧ and ・ between the parts of a transliterated name

_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff"      # the same set, for str.find pre-checks
_SPACE = re.compile(r"[\u200b-\u200d\u2060\ufeff]+| {2,}")
_FOLD_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")

CAPTION_MAX = 100        # a caption is at most this many characters
FURNITURE_MAX = 120      # boilerplate is looked for in lines up to this long
LEAD_WINDOW = 12         # paragraphs at the top checked for a repeated lead
INT_CACHE_MAX = 1 << 20  # offsets up to this are sliced from one shared list of ints
_ints: list[int] = []


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[re.Pattern[str] | None, re.Pattern[str], re.Pattern[str]]:
    lines: list[str] = []
    fragments: list[str] = []
    text = resources.files("ingest").joinpath("data/boilerplate.txt").read_text("utf-8")
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("~ "):
            fragments.append(line[2:].strip())
        else:
            lines.append(line)
    whole = re.compile("|".join(f"(?:{p})" for p in lines)) if lines else None
    # fragments are cut from short (furniture) lines only; spaces and zero-width everywhere
    fragment = "|".join([*(f"(?:{p})" for p in fragments), _SPACE.pattern])
    firsts = {p[1] if p[0] == "\\" else p[0] for p in fragments}
    trigger = "".join(re.escape(c) for c in sorted(firsts))
    return whole, re.compile(fragment), re.compile(f"[{trigger}\u200b-\u200d\u2060\ufeff]")


def simplify(text: str) -> str:
    """t2s and full-width folding of a short string (titles and names from hints)."""
    return _FOLD_RE.sub(lambda m: chr(_FOLD[ord(m.group())]), _converter().convert(text))


# --- 1. script conversion with a map back ----------------------------------

CONVERTIBLE = 1          # flags of a code point in _char_flags()
FOLDABLE = 2


@lru_cache(maxsize=1)
def _char_flags():
    """Lookup table code point -> CONVERTIBLE (t2s changes the character on its
    own) | FOLDABLE (a key of _FOLD); built once. The last entry is 0: code
    points beyond the table are looked up there (numpy's take(mode="clip"))."""
    import numpy as np

    top = 0x2A6E0                          # through CJK extension B
    chars = [chr(c) for c in range(0x3400, top) if not 0xA000 <= c < 0xF900]
    converted = _converter().convert("\n".join(chars)).split("\n")
    table = np.zeros(top + 1, dtype=np.uint8)
    if len(converted) == len(chars):
        table[[ord(a) for a, b in zip(chars, converted) if a != b]] = CONVERTIBLE
    else:                                  # cannot tell: treat every hanzi as convertible
        table[0x3400:top] = CONVERTIBLE
    table[sorted(_FOLD)] |= FOLDABLE
    return table


def _code_flags(text: str):
    """(code points of `text`, their _char_flags) as numpy arrays: one pass for
    the traditional-script pre-check and the folding."""
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return codes, _char_flags().take(codes, mode="clip")


def _has_traditional(text: str, flags=None) -> bool:
    """Whether any character of `text` is one t2s converts (a pre-check of a few ms/MB)."""
    if flags is None:
        flags = _code_flags(text)[1]
    present = flags.tobytes()             # bytes membership: a memchr, cheaper than numpy reductions
    return bytes((CONVERTIBLE,)) in present or bytes((CONVERTIBLE | FOLDABLE,)) in present


def _fold(text: str, flags=None) -> str:
    """Full-width folding: each character in _FOLD replaced (1:1, so offsets
    are unchanged); in text whose only line ends are CRs, CR is a newline.
    The flags tell whether there is anything to fold (text without such a
    character is not scanned by the regex)."""
    if flags is None:
        flags = _code_flags(text)[1]
    present = flags.tobytes()
    if bytes((FOLDABLE,)) not in present and bytes((CONVERTIBLE | FOLDABLE,)) not in present:
        return text
    fold = _FOLD if "\n" in text or "\r" not in text else {**_FOLD, 0x0D: 0x0A}   # CR-only lines
    return _FOLD_RE.sub(lambda m: chr(fold[ord(m.group())]), text)


def _convert(text: str, flags=None) -> tuple[str, list[int] | None]:
    """t2s of `text`; the map is None when every line kept its length (1:1).

    Text without a single character t2s converts on its own is simplified
    already and is not run through OpenCC (its phrase tables only rewrite
    traditional spellings).
    """
    if not _has_traditional(text, flags):
        return text, None
    cc = _converter()
    conv = cc.convert(text)
    if conv == text:
        return conv, None
    if len(conv) == len(text) and conv.count("\n") == text.count("\n"):
        src_lines = text.split("\n")
        dst_lines = conv.split("\n")
        if all(len(a) == len(b) for a, b in zip(src_lines, dst_lines)):
            return conv, None
    src_lines = text.split("\n")
    dst_lines = conv.split("\n") if conv.count("\n") == text.count("\n") else [None] * len(src_lines)
    out: list[str] = []
    base: list[int] = []
    pos = 0
    for src, dst in zip(src_lines, dst_lines):
        if dst is not None and len(dst) == len(src):
            out.append(dst)
            base.extend(range(pos, pos + len(src)))
        else:                      # phrase conversion changed the length: per character
            for i, ch in enumerate(src):
                c = cc.convert(ch)
                out.append(c)
                base.extend([pos + i] * len(c))
        out.append("\n")
        base.append(pos + len(src))
        pos += len(src) + 1
    out.pop()
    base.pop()
    return "".join(out), base


def _script(text: str, conv: str, aligned: bool = True, codes=None, conv_codes=None) -> str:
    """simplified | traditional | mixed, from the characters t2s changed per line
    (`codes` / `conv_codes`: the code points of text / conv when at hand)."""
    if text == conv:
        return "simplified"
    if not aligned:                     # rare: compare line by line in Python
        changed = [sum(a != b for a, b in zip(s, d)) if len(s) == len(d) else len(s)
                   for s, d in zip(text.split("\n"), conv.split("\n"))]
        cjk = [len(_HAN.findall(s)) for s in text.split("\n")]
    else:
        import numpy as np

        a = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) if codes is None else codes
        b = np.frombuffer(conv.encode("utf-32-le"), dtype=np.uint32) if conv_codes is None else conv_codes
        changed = cjk = []
        if len(a):
            after = (a == 10).nonzero()[0] + 1       # a line starts after each newline, but not at the end
            starts = np.concatenate(([0], after[:-1] if len(after) and after[-1] == len(a) else after))
            # the starts strictly increase: no segment is empty, reduceat sums each line (with its newline)
            changed = np.add.reduceat(a != b, starts, dtype=np.int64).tolist()
            han = (a - 0x3400) <= (0x9FFF - 0x3400)         # [\u3400-\u9fff] (below 0x3400 wraps around)
            cjk = np.add.reduceat(han, starts, dtype=np.int64).tolist()
    trad = simp = 0
    for c, n in zip(changed, cjk):
        if n < 10:
            continue
        if c >= 2 and c >= 0.05 * n:
            trad += n
        elif c <= 0.02 * n:
            simp += n
    if trad + simp == 0:
        total = sum(cjk)
        return "traditional" if total and sum(changed) >= 0.05 * total else "simplified"
    share = trad / (trad + simp)
    return "traditional" if share >= 0.8 else "simplified" if share <= 0.2 else "mixed"


_HAN = re.compile(r"[\u3400-\u9fff]")


# --- 3. paragraphs ------------------------------------------------------------

_VISIBLE = r"[^\s\u200b-\u200d\u2060\ufeff]"
_LINE = re.compile(rf"[ ]*({_VISIBLE}(?:[^\n]*{_VISIBLE})?)[^\n]*")


def _paragraphs(work: str) -> list[_Para]:
    whole, fragment, trigger = _boilerplate()
    zero_width = any(c in work for c in _ZERO_WIDTH_CHARS)      # str.find: ~10x faster than a regex scan
    paras: list[_Para] = []
    prev_end = -1
    count = work.count
    furniture = whole.fullmatch if whole is not None else _no_match
    has_trigger = trigger.search
    for m in _LINE.finditer(work):
        start, end = m.span(1)
        gap = count("\n", prev_end, start) - 1 if prev_end >= 0 else 0
        prev_end = end
        s = m.group(1)
        if end - start <= FURNITURE_MAX:         # a short line: furniture or fragments of it?
            if furniture(s):
                continue
            if "  " in s:
                cut = fragment if fragment.search(s) else None
            else:       # a fragment starts with a trigger character: try only there
                cut = fragment if has_trigger(s) and _fragment_at_trigger(s, fragment, trigger) else None
        else:
            cut = _SPACE if "  " in s or (zero_width and _ZERO_WIDTH.search(s)) else None
        if cut is None:
            pieces, text = [(start, end)], s
        else:
            pieces, parts, pos = [], [], 0
            for f in cut.finditer(s):
                _keep(pieces, parts, s, start, pos, f.start())
                if f.group()[0] == " " and not f.group().strip(" "):      # a run of spaces: one
                    _keep(pieces, parts, s, start, f.start(), f.start() + 1)
                pos = f.end()
            _keep(pieces, parts, s, start, pos, len(s))
            text = "".join(parts)
            stripped = text.strip(" ")
            if not stripped or (whole is not None and whole.fullmatch(stripped)):
                continue
            if text != stripped:       # a cut left a space at an edge
                pieces, text = _trim(pieces, text)
        paras.append(_Para(pieces, text, gap, not paras))
    return paras


def _no_match(_s: str) -> None:
    return None


def _fragment_at_trigger(s: str, fragment: re.Pattern[str], trigger: re.Pattern[str]) -> bool:
    """fragment.search(s) for a line without a run of spaces: every fragment
    starts with a trigger character, so it is tried at those only."""
    match = fragment.match
    return any(match(s, t.start()) for t in trigger.finditer(s))


def _keep(pieces: list[tuple[int, int]], parts: list[str], s: str, offset: int, i: int, j: int) -> None:
    """Keep s[i:j], without a space that would double the one kept before it."""
    if i < j and s[i] == " " and parts and parts[-1].endswith(" "):
        i += 1
    if i < j:
        pieces.append((offset + i, offset + j))
        parts.append(s[i:j])


def _trim(pieces: list[tuple[int, int]], text: str) -> tuple[list[tuple[int, int]], str]:
    lead = len(text) - len(text.lstrip(" "))
    trail = len(text) - len(text.rstrip(" "))
    out, skip = [], lead
    for s, e in pieces:
        if skip:
            d = min(skip, e - s)
            s, skip = s + d, skip - d
        if e > s:
            out.append((s, e))
    skip = trail
    while skip and out:
        s, e = out[-1]
        d = min(skip, e - s)
        skip -= d
        if e - d > s:
            out[-1] = (s, e - d)
        else:
            out.pop()
    return out, text.strip(" ")


# --- 4.–6. captions, broken lines, repeats ------------------------------------

def _mark_captions(paras: list[_Para]) -> None:
    gaps = [p.gap for p in paras if not p.first]
    if not gaps:
        return
    usual = max(set(gaps), key=lambda g: (gaps.count(g), -g))
    for p in paras:
        if not p.first and p.gap >= 2 and p.gap > usual and len(p.text) <= CAPTION_MAX:
            p.caption = True


def _drop_repeats(groups: list[tuple[_Para, list[_Para]]]) -> list[tuple[_Para, list[_Para]]]:
    """Keep a repeated paragraph (10+ chars) once; drop a top lead repeated inside the body."""
    seen: set[str] = set()
    nearby = [p.text for p, _ in groups[:LEAD_WINDOW + 30]]
    window = "\n".join(nearby)
    out: list[tuple[_Para, list[_Para]]] = []
    for i, (para, caps) in enumerate(groups):
        if caps:
            caps = [c for c in caps if len(c.text) < 10 or c.text not in seen and not seen.add(c.text)]
        text = para.text
        repeated = len(text) >= 10 and text in seen
        seen.add(text)
        if not repeated and i < LEAD_WINDOW and len(text) >= 40:
            # inside a longer paragraph nearby (a verbatim copy is dropped as a repeat instead)
            repeated = window.count(text) > nearby.count(text)
        if not repeated:
            out.append((para, caps))
        elif out:
            out[-1][1].extend(caps)
    return out


# --- assembly -----------------------------------------------------------------

def normalize(text: str) -> Normalized:
    """Normalise once; see the module docstring for the stages."""
    codes, flags = _code_flags(text)
    conv, base = _convert(text, flags)                                      # 1
    conv_codes, conv_flags = (codes, flags) if conv is text else _code_flags(conv)
    script = _script(text, conv, aligned=base is None, codes=codes, conv_codes=conv_codes)
    work = _cjk_punctuation(_cjk_quotes(_fold(conv, conv_flags)))          # 2
    paras = _paragraphs(work)                                              # 3
    _mark_captions(paras)                                                  # 4
    groups = _drop_repeats(_join_and_order(paras))                         # 5, 6
    out, offsets, captions = _assemble(groups, len(work))
    if base is not None:
        offsets = [base[i] for i in offsets]
    return Normalized(text=out, script=script, offsets=offsets, captions=captions)


def _int_range(n: int):
    """range(n) as a list of shared int objects (slicing it allocates no ints)."""
    global _ints
    if len(_ints) < n and len(_ints) < INT_CACHE_MAX:
        _ints = list(range(min(max(n, 2 * len(_ints)), INT_CACHE_MAX)))
    return _ints if n <= len(_ints) else range(n)


def _assemble(groups: list[tuple[_Para, list[_Para]]], size: int
              ) -> tuple[str, list[int], list[tuple[int, int]]]:
    """Paragraphs joined by "\n", their offsets into the working text, caption spans.

    The offsets are collected as runs of consecutive working-text indices (a
    paragraph break maps to the index after the line before, which continues
    the run when the next line follows it directly) and sliced out at the end.
    """
    ints = _int_range(size)
    texts: list[str] = []
    captions: list[tuple[int, int]] = []
    runs: list[tuple[int, int]] = []
    run_start = run_end = 0          # the open run [run_start, run_end); offsets[-1] == run_end - 1
    pos = 0
    for para, caps in groups:
        for unit in (para, *caps) if caps else (para,):
            if texts:                   # the paragraph break maps to the end of the line before
                if run_end < size:
                    run_end += 1
                else:
                    runs.append((run_start, run_end))
                    run_start, run_end = size - 1, size
                pos += 1
            if unit.caption:
                captions.append((pos, pos + len(unit.text)))
            texts.append(unit.text)
            for s, e in unit.pieces:
                if s != run_end:
                    if run_end > run_start:
                        runs.append((run_start, run_end))
                    run_start = s
                run_end = e
            pos += len(unit.text)
    if run_end > run_start:
        runs.append((run_start, run_end))
    offsets: list[int] = []
    for s, e in runs:
        offsets += ints[s:e]
    return "\n".join(texts), offsets, captions
