"""File -> PreparedDocument: load, normalise page by page, chunk. Pure: it stores nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.chunk import Block, chunk_document
from ingest.document import DocumentMeta, LoadedDocument, PreparedDocument
from ingest.errors import IngestError
from ingest.loaders import load_document
from ingest.normalize import normalize_document, normalize_text

_MAX_TITLE_CHARS = 80


def _layout(loaded: LoadedDocument) -> tuple[str, list[Block]]:
    """Join the normalised pages with "\\n" and locate every paragraph with its page and section heading."""
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    section = ""
    for page in loaded.pages:
        normalized = normalize_document(page.text)
        if not normalized.text:
            continue
        for paragraph in normalized.paragraphs:
            if paragraph.heading:
                section = normalized.text[paragraph.start : paragraph.end]
            blocks.append(
                Block(offset + paragraph.start, offset + paragraph.end, page.number, section, paragraph.heading)
            )
        parts.append(normalized.text)
        offset += len(normalized.text) + 1
    return "\n".join(parts), blocks


def _content_hash(text: str, meta: DocumentMeta, chunk_tokens: int, overlap_tokens: int) -> str:
    """Covers the metadata too, so a corrected manifest entry updates the stored document (ids stay, no re-embed)."""
    return hashlib.sha256(f"{chunk_tokens}\n{overlap_tokens}\n{meta.model_dump_json()}\n{text}".encode()).hexdigest()


def prepare_document(
    path: Path, meta: DocumentMeta | None, *, chunk_tokens: int, overlap_tokens: int, max_file_bytes: int
) -> PreparedDocument:
    """Load, normalise and chunk one file.

    Without `meta` (no manifest entry) the doc id is the file stem and the title is the HTML title or the
    first line of the text; a given `meta` keeps its fields and only fills an empty title / source file.
    `content_hash` covers the normalised text, the metadata and the chunk parameters: a change in any re-stores.
    """
    loaded = load_document(path, max_file_bytes=max_file_bytes)
    text, blocks = _layout(loaded)
    if not text:
        raise IngestError("the file contains no text after normalisation")
    first_line = text[blocks[0].start : blocks[0].end][:_MAX_TITLE_CHARS]
    base = meta or DocumentMeta(doc_id=loaded.doc_id)
    resolved = base.model_copy(
        update={
            "title": base.title or normalize_text(loaded.title_hint) or first_line,
            "source_file": base.source_file or loaded.source_file,
        }
    )
    chunks = chunk_document(text, blocks, resolved, chunk_tokens=chunk_tokens, overlap_tokens=overlap_tokens)
    return PreparedDocument(
        meta=resolved,
        text=text,
        content_hash=_content_hash(text, resolved, chunk_tokens, overlap_tokens),
        chunks=chunks,
    )
