"""The staff page's write side of the knowledge base: upload, list, remove.

The server holds one KnowledgeBase for both pages; every write goes through one lock here so two uploads or an
upload and a removal never interleave, while questions keep being answered from the committed catalog.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from ingest.document import DocumentMeta
from ingest.manifest import MANIFEST_NAME
from kb.catalog import StoredDocument
from kb.knowledge_base import IngestProgress, IngestResult, KnowledgeBase

ProgressReport = Callable[[float, str], None]
"""fraction done (0..1) and what is happening, e.g. a gr.Progress."""

UPLOAD_FIELDS = ("municipality", "publisher", "date", "doc_type")


class _Progress(IngestProgress):
    """Turns the knowledge base's per-file, per-batch hooks into one fraction over the whole upload."""

    def __init__(self, files: int, report: ProgressReport) -> None:
        self._files = files
        self._report = report
        self._done_files = 0
        self._chunks = 0
        self._embedded = 0
        self._name = ""

    def _emit(self) -> None:
        within = self._embedded / self._chunks if self._chunks else 0.0
        self._report((self._done_files + within) / self._files, f"{self._name}: embedding passages")

    def file_started(self, path: Path, chunk_count: int) -> None:
        self._name, self._chunks, self._embedded = path.name, chunk_count, 0
        self._emit()

    def chunks_embedded(self, count: int) -> None:
        self._embedded += count
        self._emit()

    def file_done(self, result: IngestResult) -> None:
        self._done_files += 1
        self._report(self._done_files / self._files, f"{Path(result.path).name}: {result.status.value}")


class Library:
    def __init__(self, knowledge_base: KnowledgeBase, write_lock: threading.Lock) -> None:
        self._kb = knowledge_base
        self._lock = write_lock

    def documents(self) -> list[StoredDocument]:
        return self._kb.documents()

    def document_text(self, doc_id: str) -> str | None:
        return self._kb.document_text(doc_id)

    def add(self, files: list[Path], metadata: dict[str, str], report: ProgressReport) -> list[IngestResult]:
        """Ingest uploaded files under their own names (the name is the doc id); non-empty `metadata` fields
        apply to every file, passed the way the CLI gets them: a manifest beside the files."""
        fields = {k: v.strip() for k, v in metadata.items() if k in UPLOAD_FIELDS and v.strip()}
        with tempfile.TemporaryDirectory(prefix="climate-kb-upload-") as scratch:
            folder = Path(scratch)
            staged = [Path(shutil.copyfile(f, folder / f.name)) for f in files]
            if fields:
                entries = {p.stem: DocumentMeta(doc_id=p.stem, **fields) for p in staged}
                manifest = {stem: meta.model_dump(exclude={"doc_id"}) for stem, meta in entries.items()}
                (folder / MANIFEST_NAME).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
            with self._lock:
                return self._kb.ingest(staged, _Progress(len(staged), report))

    def remove(self, doc_id: str) -> bool:
        with self._lock:
            return self._kb.remove(doc_id)
