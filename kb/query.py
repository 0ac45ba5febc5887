"""Query text → clauses, and snippets with exact offsets, for every backend.

A user query is *text*, never syntax: `parse_query()` normalises it (control
characters dropped, NFKC width folding, OpenCC t2s so a traditional-script
query finds the simplified store, lower case), splits it on anything that is
not a letter or digit (so ``"``, ``*``, ``NEAR(``, ``:``, ``-`` … are plain
separators) and segments each clause with the pipeline's segmenter. Backends
build their own query objects from the clauses; all clauses must match. A
clause matches where its text occurs: one term of the word field when the
clause is one dictionary word (`Clause.word`, see `segment_terms()`), else a
phrase over character bigrams.

`build_snippets()` finds the clauses (or, failing that, their words) in the
stored normalised text and returns windows whose `start` and `highlights`
are absolute offsets into `Document.text`.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from operator import add
from dataclasses import dataclass, field
from functools import lru_cache

from kb.store import Snippet

MAX_QUERY_CHARS = 256          # longer queries are cut, not rejected
MAX_CLAUSES = 16
SNIPPET_CHARS = 120
MAX_SNIPPETS = 2
_MAX_HITS = 20          # occurrences per clause considered for snippets

_SPLIT = re.compile(r"[^\w]+|_+")
_SENTENCE_RE = re.compile("[。！？；!?;\n]")


@dataclass(frozen=True)
class Clause:
    text: str                                   # normalised clause, e.g. "楼宇党建"
    terms: tuple[str, ...]                      # segmenter words, lower case
    bigrams: tuple[str, ...]                    # tokens of the bigram field
    word: str = ""                              # set when one term of the word field answers the clause


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    clauses: tuple[Clause, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not self.clauses

    @property
    def cased(self) -> bool:
        """Whether the (lower-case) query holds letters with case: only then must a
        text be lower-cased to find it (CJK characters and digits have no case)."""
        return self.text != self.text.upper()


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text) if text else text


def to_simplified_many(texts: list[str]) -> list[str]:
    """`to_simplified()` of each text, in one OpenCC call: OpenCC converts the
    longest dictionary phrase at each point and no phrase holds a line break, so
    the lines convert as they would alone. Texts holding a line break (or a NUL,
    which ends OpenCC's input) go one at a time."""
    if not texts:
        return []
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1 or "\x00" in joined:
        alone = [i for i, t in enumerate(texts) if "\n" in t or "\x00" in t]
        out = to_simplified_many([t for t in texts if "\n" not in t and "\x00" not in t])
        for i in alone:
            out.insert(i, to_simplified(texts[i]))
        return out
    if not joined:
        return list(texts)
    out = _t2s().convert(joined).split("\n")
    return out if len(out) == len(texts) else [to_simplified(t) for t in texts]


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2EBEF
            or 0xF900 <= o <= 0xFAFF)


def normalize_query(q: str | None) -> str:
    """Plain, simplified, lower-case query text; control characters become spaces."""
    if not q:
        return ""
    q = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in str(q)[: MAX_QUERY_CHARS * 4])
    q = unicodedata.normalize("NFKC", q)[:MAX_QUERY_CHARS]
    return to_simplified(q).lower().strip()


_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
_RUNS = re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)")


def bigram_tokens(text: str) -> list[str]:
    """Tokens of the bigram field: overlapping CJK character pairs (a lone CJK
    character stands for itself) and lower-cased runs of other letters/digits."""
    out: list[str] = []
    for cjk, word in _RUNS.findall(text):
        if word:
            out.append(word.lower())
        elif len(cjk) == 1:
            out.append(cjk)
        else:
            out += map(add, cjk[:-1], cjk[1:])
    return out


def bigram_text(text: str) -> str:
    """`bigram_tokens()` joined by spaces, for a whitespace-analysed field."""
    return " ".join(bigram_tokens(text))


_WORD_RUN = re.compile(f"[^\\W_{_CJK}]+")     # the second group of _RUNS
_SEP = "\x00"                                  # joins a batch of texts (never in a token)
_CHUNK_CHARS = 1 << 18                         # characters per numpy pass (bounds its memory)
_CJK_CLASS, _WORD_CLASS, _UNUSUAL = 1, 2, 4    # bits of `_bmp_classes()`


@lru_cache(maxsize=1)
def _bmp_classes():
    """Class bits of every BMP code point, a numpy table built once: CJK (as
    `is_cjk`), word (matches `_WORD_RUN`), unusual (not ASCII, and either changed
    by `lower()` or unassigned in Python's Unicode database)."""
    import numpy as np

    bmp = "".join(map(chr, range(0x10000)))
    classes = np.zeros(0x10000, dtype=np.uint8)
    for m in _WORD_RUN.finditer(bmp):
        classes[m.start():m.end()] = _WORD_CLASS
    for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)):
        classes[lo:hi + 1] = _CJK_CLASS
    unusual = np.fromiter((ch.lower() != ch or unicodedata.category(ch) == "Cn" for ch in bmp),
                          dtype=bool, count=0x10000)
    unusual[:0x80] = False
    classes[unusual] |= _UNUSUAL
    return classes


def index_fields(texts: list[str]) -> list[tuple[str, str, bool]]:
    """Index-time analysis of many texts at once: for each text, exactly
    `segment_text(text)`; a string with the same whitespace-separated tokens as
    `bigram_text(text)` (the spacing between tokens may differ); and `plain`:
    whether every character is ASCII, CJK, or a BMP character that Python's
    Unicode database knows and `lower()` leaves alone.

    The bigrams of a whole batch come from one numpy pass over the code points
    (the tokens of `bigram_tokens()` without a Python object per token), which
    also finds the texts holding a character that `lower()` changes: the others
    skip it. A text that is not plain gets `bigram_text()` itself, so Python's
    `lower()` decides every unusual case."""
    out: list[tuple[str, str, bool]] = []
    chunk: list[str] = []
    size = 0
    for text in texts:
        chunk.append(text)
        size += len(text) + 1
        if size >= _CHUNK_CHARS:
            out += _index_chunk(chunk)
            chunk, size = [], 0
    if chunk:
        out += _index_chunk(chunk)
    return out


def _index_chunk(texts: list[str]) -> list[tuple[str, str, bool]]:
    import numpy as np

    joined = _SEP.join(texts)
    if joined.count(_SEP) != len(texts) - 1:           # a text holds the separator itself
        return [(segment_text(t), bigram_text(t), False) for t in texts]
    a = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    n = len(a)
    if n == 0:
        return [("", "", True)] * len(texts)
    classes = _bmp_classes()[np.minimum(a, 0xFFFF)]  # U+FFFF (no class) stands for the astral ones
    cjk = (classes & _CJK_CLASS).astype(bool)
    slow = (classes & _UNUSUAL).astype(bool)           # not plain: bigram_text() and lower()
    astral = a > 0xFFFF
    if astral.any():
        astral_cjk = astral & (a >= 0x20000) & (a <= 0x2EBEF)
        cjk |= astral_cjk
        slow |= astral & ~astral_cjk
    word = (classes & _WORD_CLASS).astype(bool)
    upper = (a - 65) < 26                              # A-Z (uint32 wraps below 'A')
    low = np.where(upper, a + 32, a)                   # ASCII lower case
    # one slot of three code points per character: a bigram's first character, its
    # second one and a space; a lone CJK character and a space; a word character
    # (and a space after the last of its run); the separator; U+0001 fills the rest
    next_cjk = np.zeros(n, dtype=bool)
    next_cjk[:-1] = cjk[1:]
    prev_cjk = np.zeros(n, dtype=bool)
    prev_cjk[1:] = cjk[:-1]
    next_word = np.zeros(n, dtype=bool)
    next_word[:-1] = word[1:]
    pair = cjk & next_cjk
    run_end = cjk & prev_cjk & ~next_cjk               # second character of the run's last pair only
    following = np.empty_like(low)
    following[:-1] = low[1:]
    following[-1] = 1
    slots = np.empty((n, 3), dtype=np.uint32)
    slots[:, 0] = np.where((cjk & ~run_end) | word | (a == 0), low, 1)
    slots[:, 1] = np.where(pair, following, 1)
    slots[:, 2] = np.where((cjk & ~run_end) | (word & ~next_word), 32, 1)
    bigrams = slots.tobytes().decode("utf-32-le").replace("\x01", "").split(_SEP)
    seps = np.flatnonzero(a == 0)
    needs_lower = np.zeros(len(texts), dtype=bool)
    needs_lower[np.searchsorted(seps, np.flatnonzero(upper | slow))] = True
    unusual = set(np.searchsorted(seps, np.flatnonzero(slow)).tolist())
    cut_all = _segmenter().cut_all
    out = []
    for i, (text, lowered) in enumerate(zip(texts, needs_lower.tolist())):
        seg = " ".join(cut_all(text))
        if lowered:
            seg = seg.lower()
        out.append((seg, bigram_text(text), False) if i in unusual else (seg, bigrams[i], True))
    return out


def _segmenter():
    from nlp.segment import get_segmenter

    return get_segmenter()


def query_terms(text: str) -> list[str]:
    """Words of a query clause: the pipeline segmenter (precise mode), lower case, no spaces."""
    from nlp.segment import get_segmenter

    terms = get_segmenter().index_terms(text)
    return [t for t in ("".join(w.split()) for w in terms) if t and not _SPLIT.fullmatch(t)]


def segment_terms(text: str) -> list[str]:
    """Index words of `text` (the `*_seg` fields of every backend): every
    dictionary word wherever it occurs, a word inside a longer one included
    (jieba full mode), each character alone, and the runs of other letters and
    digits; lower case.

    Positions in this stream overlap, so backends query it with single terms only.
    """
    from nlp.segment import get_segmenter

    return [t for t in get_segmenter().index_terms_all(text) if not _SPLIT.fullmatch(t)]


def segment_text(text: str) -> str:
    """The words of `text` joined by spaces for a whitespace-analysed field.

    Same words as `segment_terms()` (whitespace tokens vanish in the join,
    punctuation tokens stay and can never match a query word), but one
    `cut_all()` and one `lower()` per text, which matters at index time.
    """
    from nlp.segment import get_segmenter

    return " ".join(get_segmenter().cut_all(text)).lower()


def _word_of(terms: tuple[str, ...], bigrams: tuple[str, ...]) -> str:
    """The clause's one word when the word field alone answers it exactly: a
    dictionary word of three or more CJK characters (two-character words are one
    bigram already). Such a word occurs in a text exactly when `segment_terms()`
    of the text holds it, which spares the bigram phrase (the costly query)."""
    if len(terms) != 1 or terms == bigrams:
        return ""
    word = terms[0]
    if len(word) < 3 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
        return ""
    from nlp.segment import get_segmenter

    return word if get_segmenter().has_word(word) else ""


@lru_cache(maxsize=2048)
def parse_query(q: str | None) -> ParsedQuery:
    text = normalize_query(q)
    clauses: list[Clause] = []
    seen: set[str] = set()
    for part in _SPLIT.split(text):
        if not part or part in seen:
            continue
        seen.add(part)
        terms = tuple(query_terms(part)) or (part,)
        bigrams = tuple(bigram_tokens(part))
        clauses.append(Clause(part, terms, bigrams, _word_of(terms, bigrams)))
        if len(clauses) >= MAX_CLAUSES:
            break
    return ParsedQuery(text, tuple(clauses))


def lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _occurrences(haystack: str, needle: str, limit: int) -> list[int]:
    out: list[int] = []
    if limit <= 0:
        return out
    find, step, i = haystack.find, len(needle), haystack.find(needle)
    while i >= 0:
        out.append(i)
        if len(out) == limit:
            break
        i = find(needle, i + step)
    return out


def find_matches(text: str, query: ParsedQuery) -> list[tuple[int, int, int]]:
    """(start, end, clause number) of every place a clause — or, when the whole
    clause is absent, one of its words — occurs in `text`."""
    low = lower_same_length(text) if query.cased else text
    hits: list[tuple[int, int, int]] = []
    for n, clause in enumerate(query.clauses):
        found = [(s, s + len(clause.text), n) for s in _occurrences(low, clause.text, _MAX_HITS)]
        if not found:
            for term in clause.terms:
                if len(term) > 1 or len(clause.text) == 1:
                    found += [(s, s + len(term), n) for s in _occurrences(low, term, _MAX_HITS)]
        hits += found
    hits.sort()
    return hits[: _MAX_HITS * 2]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def build_snippets(text: str, query: ParsedQuery, size: int = SNIPPET_CHARS,
                   max_snippets: int = MAX_SNIPPETS) -> list[Snippet]:
    """Windows of `text` covering the most distinct clauses, best first; the
    lead of the text (no highlights) when nothing matches."""
    if not text:
        return []
    hits = find_matches(text, query) if not query.empty else []
    if not hits:
        return [Snippet(text[:size], 0, [])]
    n_hits, length, lead = len(hits), len(text), size // 4
    # one window per hit (starting `lead` before it), scored by the distinct clauses
    # and the hits it holds; the windows do not depend on the snippets chosen
    windows: list[tuple[tuple[int, int], int, int, int, int]] = []
    counts: dict[int, int] = {}
    j = 0
    for i, (s, _e, _n) in enumerate(hits):
        if i and j > i - 1:                         # hits[i-1] leaves the window
            prev = hits[i - 1][2]
            counts[prev] -= 1
            if not counts[prev]:
                del counts[prev]
        if j < i:
            j = i
        ws = s - lead
        if ws > length - size:
            ws = length - size
        if ws < 0:
            ws = 0
        we = ws + size if ws + size < length else length
        while j < n_hits and hits[j][1] <= we:
            n = hits[j][2]
            counts[n] = counts.get(n, 0) + 1
            j += 1
        windows.append(((len(counts), j - i), ws, we, i, j))
    snippets: list[Snippet] = []
    used: list[tuple[int, int]] = []
    for _ in range(max_snippets):
        best, best_key = None, (-1, -1)
        for key, ws, we, i, j in windows:           # the first best window that overlaps no chosen one
            if key > best_key and not (used and any(ws < ue and us < we for us, ue in used)):
                best, best_key = (ws, we, i, j), key
        if best is None:
            break
        ws, we, i, j = best
        used.append((ws, we))
        snippets.append(Snippet(text[ws:we], ws, _merge([(h[0], h[1]) for h in hits[i:j]])))
    return snippets


def sentence_ends(text: str) -> list[int]:
    """Offsets just past every sentence-ending character of `text`."""
    return [m.end() for m in _SENTENCE_RE.finditer(text)]


def sentence_at(text: str, start: int, end: int, ends: list[int] | None = None) -> str:
    """The sentence of `text` holding the span [start, end); pass `sentence_ends(text)`
    as `ends` when asking for many spans of one text."""
    if not text:
        return ""
    if ends is None:
        ends = sentence_ends(text)
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    i = bisect_right(ends, start)
    s = ends[i - 1] if i else 0
    j = bisect_left(ends, max(end, start + 1))
    e = ends[j] if j < len(ends) else len(text)
    return text[s:e].strip()
