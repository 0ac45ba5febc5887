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


class BrokenFile(IngestError):
    """The file is damaged or not what its extension says (html, pdf, docx …)."""


class TooLarge(IngestError):
    """The file is over the size limit."""
