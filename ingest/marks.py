"""ASCII punctuation and quotes typed in Chinese text, in the Chinese forms
(stage 2 of :mod:`ingest.normalize`): every rule downstream sees one form.
Each change is one character for one, so offsets are unchanged."""
from __future__ import annotations

import re

_CJK_SIDE = "\u3400-\u9fff\uf900-\ufaff“”‘’「」『』《》〈〉【】（）()、。"
# one pattern per mark, led by the mark itself (a fast literal search), then a
# CJK character before it or after it
_CJK_PUNCT = str.maketrans(",;:!?", "，；：！？")
_ASCII_PUNCT_SUBS = tuple(
    (ascii_mark, re.compile(rf"{re.escape(ascii_mark)}(?:(?<=[{_CJK_SIDE}]{re.escape(ascii_mark)})|(?=[{_CJK_SIDE}]))"),
     ascii_mark.translate(_CJK_PUNCT)) for ascii_mark in ",;:!?")
_HAN_RE = re.compile(r"[\u3400-\u9fff]")


def _cjk_quotes(text: str) -> str:
    """ASCII quotes in Chinese text as “ ” (double) and ‘ ’ (single), opening
    and closing in turn (1:1). A quote left open at the end of a line closes on
    the next (a wrapped line), until a blank line or a line without hanzi; a
    quote still open there stays ASCII."""
    if '"' not in text and "'" not in text:
        return text
    lines = text.split("\n")
    for ascii_mark, pair in (('"', "“”"), ("'", "‘’")):
        if ascii_mark not in text:
            continue
        run: list[int] = []          # lines of the current paragraph holding the mark
        count = 0

        def close_run() -> None:
            n = count - count % 2    # an odd one out, at the end, stays ASCII
            k = 0
            for i in run:
                parts = lines[i].split(ascii_mark)
                out = [parts[0]]
                for part in parts[1:]:
                    out.append(pair[k % 2] if k < n else ascii_mark)
                    out.append(part)
                    k += 1
                lines[i] = "".join(out)

        for i, line in enumerate(lines):
            if not line.strip() or not _HAN_RE.search(line):
                close_run()
                run, count = [], 0
                continue
            c = line.count(ascii_mark)
            if c:
                run.append(i)
                count += c
        close_run()
    return "\n".join(lines)


def _cjk_punctuation(text: str) -> str:
    """ASCII , ; : ! ? beside a hanzi (or a CJK quote or bracket) as ，；：！？
    (1:1, so offsets are unchanged)."""
    for ascii_mark, pattern, wide in _ASCII_PUNCT_SUBS:
        if ascii_mark in text:
            text = pattern.sub(wide, text)
    return text
