"""Fixtures shared by the answerer's tests: a document stored as passages, read back as the finders read past a
retrieved passage (the whole document's text, the stored passage that covers a span)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

import pytest

from ingest.document import Chunk


class StoredDocument:
    """A document's text stored as passages that start at the given offsets, each ending on the line before the
    next one, as a DocumentSource: a table may run on from one stored passage into the next."""

    doc_id = "doc"

    def __init__(self, text: str, starts: Sequence[int], section: str, title: str) -> None:
        self.text = text
        bounds = [*pairwise([0, *starts]), (starts[-1] if starts else 0, len(text) + 1)]
        self.chunks = [
            Chunk(
                chunk_id=f"c{index}",
                doc_id=self.doc_id,
                index=index,
                text=text[start : end - 1],
                start=start,
                end=end - 1,
                section=section,
                title=title,
                municipality="栃木市",
            )
            for index, (start, end) in enumerate(bounds)
        ]

    def document_text(self, doc_id: str) -> str | None:
        return self.text if doc_id == self.doc_id else None

    def chunk_covering(self, doc_id: str, start: int, end: int) -> Chunk | None:
        return next((c for c in self.chunks if c.doc_id == doc_id and c.start <= start and end <= c.end), None)


@pytest.fixture
def stored_document() -> Callable[..., StoredDocument]:
    """Stores a text as passages: `stored_document(text, starts, section=..., title=...)`."""
    return StoredDocument
