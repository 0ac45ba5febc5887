"""Lexicons of the practices component, read once from nlp/data/practice_*.txt.

    practice_kinds.txt       kind words (模式, 机制, 品牌 …) with flags q/a/u/i/m
    practice_verbs.txt       action verbs that introduce a practice (打造, 建立 …); placement
                             verbs after 把“X” (设在 …); frame words after a quote (思路);
                             campaign verbs and the party bodies after their quote (创建“X”党组织);
                             verbs that govern a quote through 的 (支部组织的“X”)
    practice_block.txt       contexts that rule a quote out (获评 …, … 称号; 联系人; 作为…的“X”)
    practice_stop.txt        praise words, emphasis, slogans; praise endings
    practice_generic.txt     words that only make a generic phrase (党建制度)
    practice_programmes.txt  national programmes counted unquoted (三会一课)
    practice_category.txt    category cue words (see nlp/practice_category.py)
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator


class PracticeLexiconError(ValueError):
    """A practice data file has a malformed line; the message names file and line."""


def data_lines(name: str) -> Iterator[tuple[int, str]]:
    text = resources.files("nlp").joinpath("data", name).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            yield number, line


def _sections(name: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for number, line in data_lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        elif current is None:
            raise PracticeLexiconError(f"nlp/data/{name}:{number}: put the line under a [section] header")
        else:
            sections[current].append(line)
    return sections


@dataclass(frozen=True)
class Kind:
    word: str
    after_quote: bool      # q: “X”特色惠民项目
    adjacent: bool         # a: only directly after the quote, “X”工作
    unquoted: bool         # u: 建立 X 机制
    inside: bool           # i: “X工程” is a practice by itself
    category: str = ""
    method: bool = False   # m: a verb naming a working method: a quoted manner before it counts
                           #    even when the manner alone is a stop word (“一对一”联系)


@dataclass(frozen=True)
class PracticeLexicon:
    kinds: dict[str, Kind]
    verbs: tuple[str, ...]          # all action verbs, longest first
    quote_verbs: tuple[str, ...]    # those that may govern a bare quote
    block_tail: tuple[str, ...]
    block_before: tuple[str, ...]
    block_after: tuple[str, ...]
    stop_exact: frozenset[str]
    stop_suffix: tuple[str, ...]
    generic: frozenset[str]
    programmes: dict[str, str]
    placements: tuple[str, ...] = ()        # 把“X”设在…: X is a device put in place
    frames: tuple[str, ...] = ()            # “A、B、C”思路: a listed working method
    campaign_verbs: tuple[str, ...] = ()    # 创建“X”党组织: a campaign named X
    campaign_bodies: tuple[str, ...] = ()
    method_nouns: frozenset[str] = frozenset()    # 联系人: a method verb made a noun
    kind_follow: tuple[str, ...] = ()       # “X”品牌建设: a word that may follow a kind word
    sayings: tuple[str, ...] = ()           # “每一条…都有…”: a clause in quotes, not a name
    relative_verbs: tuple[str, ...] = ()    # 支部组织的“X”: a verb governing a quote through 的
    copulas: tuple[str, ...] = ()           # 作为…的“X”: the quote is a predicate noun (praise)
    not_copulas: tuple[str, ...] = ()       # 但是, 于是: conjunctions holding a copula

    def kinds_by_length(self) -> list[Kind]:
        return sorted(self.kinds.values(), key=lambda k: -len(k.word))


def _load_kinds() -> dict[str, Kind]:
    kinds = {}
    for number, line in data_lines("practice_kinds.txt"):
        parts = line.split()
        if len(parts) < 2:
            raise PracticeLexiconError(f"nlp/data/practice_kinds.txt:{number}: write 'word flags [category]'")
        word, rest = parts[0], parts[1:]
        flags = "".join(t for t in rest if len(t) == 1)
        others = [t for t in rest if len(t) > 1]
        if not flags or not set(flags) <= set("qauim") or len(others) > 1:
            raise PracticeLexiconError(
                f"nlp/data/practice_kinds.txt:{number}: write 'word flags [category]' with flags among q a u i m")
        kinds[word] = Kind(word, "q" in flags, "a" in flags, "u" in flags, "i" in flags,
                           others[0] if others else "", "m" in flags)
    return kinds


@lru_cache(maxsize=1)
def load_lexicon() -> PracticeLexicon:
    block = _sections("practice_block.txt")
    stop = _sections("practice_stop.txt")
    programmes = {}
    for _, line in data_lines("practice_programmes.txt"):
        parts = line.split()
        programmes[parts[0]] = parts[1] if len(parts) > 1 else ""
    verb_sections = _sections("practice_verbs.txt")
    practice_verbs = set(verb_sections.get("practice", []))
    verbs = tuple(sorted(practice_verbs | set(verb_sections.get("result", [])), key=len, reverse=True))
    return PracticeLexicon(
        kinds=_load_kinds(),
        verbs=verbs,
        quote_verbs=tuple(v for v in verbs if v in practice_verbs),
        block_tail=tuple(block.get("tail", [])),
        block_before=tuple(block.get("before", [])),
        block_after=tuple(block.get("after", [])),
        stop_exact=frozenset(stop.get("exact", [])),
        stop_suffix=tuple(stop.get("suffix", [])),
        generic=frozenset(line for _, line in data_lines("practice_generic.txt")),
        programmes=programmes,
        placements=tuple(verb_sections.get("placement", [])),
        frames=tuple(verb_sections.get("frame", [])),
        campaign_verbs=tuple(verb_sections.get("campaign", [])),
        campaign_bodies=tuple(verb_sections.get("campaign_body", [])),
        method_nouns=frozenset(block.get("method_noun", [])),
        kind_follow=tuple(verb_sections.get("kind_follow", [])),
        sayings=tuple(stop.get("saying", [])),
        relative_verbs=tuple(verb_sections.get("relative", [])),
        copulas=tuple(sorted(block.get("copula", []), key=len, reverse=True)),
        not_copulas=tuple(block.get("not_copula", [])),
    )
