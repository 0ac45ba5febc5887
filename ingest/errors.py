"""Errors of the ingest stage: each names the file and says what to do."""
from __future__ import annotations


class IngestError(Exception):
    """A file could not be turned into a Document."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormat(IngestError):
    """No reader is registered for the file's type."""


class UndecodableText(IngestError):
    """The text's encoding could not be established; nothing is guessed."""


class EmptyDocument(IngestError):
    """The file holds no text once read and normalised."""


class NoTextLayer(EmptyDocument):
    """A PDF (or similar) whose pages carry no extractable text, e.g. a scan."""


class BrokenFile(IngestError):
    """The file is damaged or not what its extension says (html, pdf, docx …)."""


class BinaryContent(BrokenFile):
    """A file named as text holds binary data (NUL or control bytes)."""


class TooLarge(IngestError):
    """The file is over the size limit."""


class BadRecord(IngestError):
    """One record (line) of a multi-record file (.jsonl) is unusable.

    `path` names the record (``reports.jsonl#3``), `line` is 1-based.
    """

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(path, reason)
        self.line = line


class BadRecords(IngestError):
    """Raised after the good records of a multi-record file have been yielded.

    `errors` holds one `BadRecord` per unusable line, `good` counts the
    records that were read. Catch it after consuming the iterator to record
    partial failure and carry on.
    """

    def __init__(self, path: str, errors: list[BadRecord], good: int) -> None:
        lines = ", ".join(str(e.line) for e in errors[:10]) + (" …" if len(errors) > 10 else "")
        super().__init__(
            path,
            f"{len(errors)} bad record(s) on line(s) {lines} ({good} good record(s) were read); "
            "fix or remove those lines and re-run",
        )
        self.errors = errors
        self.good = good
