"""The same reports typed or laid out differently extract the same: ASCII
punctuation and quotes instead of Chinese ones (as scraped pages and all
five samples are typed), hard-wrapped lines (a PDF's text layer), and
traditional script. Each variant of every held-out report must give
exactly the items the report as written gives (spans aside); wrapped, a
report where a paragraph's last line fills the width is left out (nothing
tells that the paragraph ends there)."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import process_bytes

DATA = Path(__file__).resolve().parent / "data"
LISTS = ("parks", "organizations", "people", "figures", "practices")
REPORTS = sorted(DATA.glob("heldout*/corpus/*.txt"))


WIDTH = 34


def _paras(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def _wrap(text: str) -> str:
    return "\n".join("\n".join(p[i:i + WIDTH] for i in range(0, len(p), WIDTH)) for p in _paras(text))


def _ambiguous_when_wrapped(text: str) -> bool:
    """A paragraph whose last line fills the width (as near as a full line may):
    nothing in the wrapped text tells that the paragraph ends there."""
    return any(len(p) > WIDTH and len(p) % WIDTH in (0, WIDTH - 1, WIDTH - 2) for p in _paras(text)[1:])


def _traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


VARIANTS = {
    "ascii_punctuation": lambda t: t.translate(str.maketrans("，；：！？", ",;:!?")),
    "ascii_quotes": lambda t: t.translate(str.maketrans({"“": '"', "”": '"'})),
    "hard_wrapped": _wrap,
    "traditional": _traditional,
}


def _items(text: str, name: str) -> dict:
    record = process_bytes(text.encode("utf-8"), name)[0]
    drop = ("span", "mentions", "text")
    return {k: [{f: v for f, v in item.items() if f not in drop} for item in record[k]] for k in LISTS}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_heldout_variants_extract_the_same(variant):
    changed = []
    for path in REPORTS:
        text = path.read_text("utf-8")
        if variant == "hard_wrapped" and _ambiguous_when_wrapped(text):
            continue
        want, got = _items(text, path.name), _items(VARIANTS[variant](text), path.name)
        changed += [(path.stem, k) for k in LISTS if want[k] != got[k]]
    assert changed == []
