"""The one exception ingest raises for a file it cannot turn into text."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be ingested; `reason` says why in words an operator can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
