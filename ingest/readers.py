"""Readers, registered by file type (placeholder: UTF-8 .txt only)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ingest.errors import UnsupportedFormat

MAX_BYTES = 64 * 1024 * 1024


@dataclass
class RawText:
    text: str
    path: str
    format: str
    encoding: str = "utf-8"
    meta: dict[str, Any] = field(default_factory=dict)   # title/url/published/outlet hints


Reader = Callable[[bytes, str], Iterator[RawText]]
READERS: dict[str, Reader] = {}


def register_reader(*suffixes: str):
    def deco(fn: Reader) -> Reader:
        for s in suffixes:
            READERS[s.lower()] = fn
        return fn
    return deco


@register_reader(".txt", ".md")
def read_text(data: bytes, path: str) -> Iterator[RawText]:
    yield RawText(data.decode("utf-8"), path, "txt")


def read_bytes(data: bytes, filename: str) -> Iterator[RawText]:
    suffix = Path(filename).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise UnsupportedFormat(filename, f"no reader for {suffix or 'files without extension'}")
    yield from reader(data, filename)


def read_path(path: str | Path) -> Iterator[RawText]:
    path = Path(path)
    yield from read_bytes(path.read_bytes(), str(path))
