"""The models that cross the ingest -> kb boundary.

Pydantic models so they serialise to JSON (CLI output, eval reports) and to Chroma's scalar metadata unchanged.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class DocumentMeta(BaseModel):
    """What a reader needs to judge a source: who published what, when, for which municipality."""

    doc_id: str = Field(description="The file stem; the id used in metadata, citations and eval sets.")
    title: str = ""
    municipality: str = ""
    publisher: str = ""
    date: str = ""
    doc_type: str = ""
    source_file: str = ""


class Page(BaseModel):
    """One page of extracted text; `number` is None for formats without pages (txt, md, html)."""

    number: int | None = None
    text: str


class LoadedDocument(BaseModel):
    """Raw text as a loader read it, before normalisation."""

    doc_id: str
    source_file: str
    format: str
    pages: list[Page]
    title_hint: str = ""


class Chunk(BaseModel):
    """A retrievable passage with everything a citation needs.

    `start`/`end` are character offsets into the normalised document text, so a citation can point back at
    the exact place and the eval harness can check that a gold quote lies inside a chunk.
    """

    chunk_id: str
    doc_id: str
    index: int
    text: str
    start: int
    end: int
    page: int | None = None
    section: str = ""
    title: str = ""
    municipality: str = ""


class PreparedDocument(BaseModel):
    """A document ready to store: normalised text, its chunks and a hash of its content for change detection."""

    meta: DocumentMeta
    text: str
    content_hash: str
    chunks: list[Chunk]
