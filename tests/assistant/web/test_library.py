from __future__ import annotations

import threading
from pathlib import Path

from assistant.web.library import Library
from ingest.manifest import load_manifest
from kb.knowledge_base import IngestProgress, IngestResult, IngestStatus


class RecordingKnowledgeBase:
    """Ingests nothing: records what it was given and drives the progress hooks like the real one."""

    def __init__(self, lock: threading.Lock) -> None:
        self.lock = lock
        self.seen: list[tuple[str, str]] = []

    def ingest(self, paths: list[Path], progress: IngestProgress) -> list[IngestResult]:
        assert self.lock.locked(), "writes go through the library's lock"
        manifest = load_manifest(paths[0].parent)
        results = []
        for path in paths:
            meta = manifest.get(path.stem)
            self.seen.append((path.read_text(encoding="utf-8"), meta.municipality if meta else ""))
            progress.file_started(path, 4)
            progress.chunks_embedded(2)
            progress.chunks_embedded(2)
            result = IngestResult(path=str(path), doc_id=path.stem, status=IngestStatus.added, chunks=4)
            progress.file_done(result)
            results.append(result)
        return results


def uploads(tmp_path: Path) -> list[Path]:
    files = []
    for name, text in [("a.txt", "一つ目"), ("b.md", "二つ目")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    return files


def test_upload_metadata_reaches_every_file_and_progress_runs_to_one(tmp_path: Path) -> None:
    lock = threading.Lock()
    kb = RecordingKnowledgeBase(lock)
    reports: list[float] = []
    results = Library(kb, lock).add(  # type: ignore[arg-type]
        uploads(tmp_path), {"municipality": " 架空市 ", "publisher": "", "ignored": "x"}, lambda f, _: reports.append(f)
    )
    assert [r.doc_id for r in results] == ["a", "b"]
    assert kb.seen == [("一つ目", "架空市"), ("二つ目", "架空市")]
    assert reports == [0.0, 0.25, 0.5, 0.5, 0.5, 0.75, 1.0, 1.0]
    assert not lock.locked()


def test_without_metadata_no_manifest_is_written(tmp_path: Path) -> None:
    lock = threading.Lock()
    kb = RecordingKnowledgeBase(lock)
    Library(kb, lock).add(uploads(tmp_path), {"municipality": "  "}, lambda *_: None)  # type: ignore[arg-type]
    assert kb.seen == [("一つ目", ""), ("二つ目", "")]
