"""The pipeline, top to bottom, for one input:

    read → normalise → metadata → (doc_id) → extract → record

`process_file(path)` returns the records of a file (a .jsonl file holds
several reports; every other format one). Errors are `IngestError`s naming the
file; nothing here touches a store.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from ingest.document import Document
from ingest.errors import EmptyDocument, TooLarge
from ingest.metadata import find_metadata
from ingest.normalize import normalize
from ingest.readers import RawText, read_path

MAX_CHARS = 1_000_000     # longest normalised text extracted as one document (spaCy's max_length)


def build_document(raw: RawText) -> Document:
    """Stages 2–4: normalise once, find metadata, fix doc_id."""
    norm = normalize(raw.text)
    if not norm.text.strip():
        raise EmptyDocument(raw.path, "no text left after reading and normalising")
    if not any(ch.isalnum() for ch in norm.text):
        raise EmptyDocument(raw.path, "no words left after reading and normalising (only punctuation "
                                      "or symbols); check that the file is the report")
    if len(norm.text) > MAX_CHARS:
        raise TooLarge(raw.path, f"{len(norm.text)} characters of text is over the limit of {MAX_CHARS} "
                                 "characters per document; split the file into separate reports")
    meta = find_metadata(norm.text, hints=raw.meta)
    doc = Document(
        text=norm.text,
        original=raw.text,
        path=raw.path,
        format=raw.format,
        encoding=raw.encoding,
        script=norm.script,
        offsets=norm.offsets,
        captions=norm.captions,
        title=meta.get("title", ""),
        outlet=meta.get("outlet", ""),
        published=meta.get("published", ""),
        authors=meta.get("authors", []),
        url=meta.get("url", ""),
    )
    doc.title = doc.title_as_written(doc.title)       # the title keeps the report's marks
    return doc


def extract_record(document: Document) -> dict[str, Any]:
    """Stages 5–6: extract the five lists and assemble the stored record."""
    from kb.records import make_record
    from nlp.pipeline import extract

    return make_record(document, extract(document))


def documents_from_file(path: str | Path) -> Iterator[Document]:
    for raw in read_path(path):
        yield build_document(raw)


def process_file(path: str | Path) -> list[dict[str, Any]]:
    """Every record of one file (read → normalise → metadata → extract)."""
    return [extract_record(doc) for doc in documents_from_file(path)]


def process_bytes(data: bytes, filename: str) -> list[dict[str, Any]]:
    """The same for an upload: bytes plus the name that tells its type."""
    from ingest.readers import read_bytes

    return [extract_record(build_document(raw)) for raw in read_bytes(data, filename)]
