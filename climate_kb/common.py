"""What the command modules share: the --kb option, opening the knowledge base, the ingest progress bar."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from kb.knowledge_base import IngestProgress, IngestResult, IngestStatus, KnowledgeBase
from kb.settings import KBSettings

KBDir = Annotated[
    Path | None,
    typer.Option("--kb", help="Knowledge-base folder (env CLIMATE_KB_DIR).", show_default=False),
]


def kb_settings(kb_dir: Path | None) -> KBSettings:
    """The settings for --kb: the given folder, else the configured one (env CLIMATE_KB_DIR)."""
    return KBSettings() if kb_dir is None else KBSettings(dir=kb_dir)


def open_kb(kb_dir: Path | None) -> KnowledgeBase:
    return KnowledgeBase(kb_settings(kb_dir))


class BarProgress(IngestProgress):
    """One bar over chunks embedded, with a line per finished file."""

    def __init__(self) -> None:
        self._bar: tqdm | None = None

    def file_started(self, path: Path, chunk_count: int) -> None:
        if self._bar is not None:  # the repair bar, when missing vectors were re-embedded first
            self._bar.close()
        self._bar = tqdm(total=chunk_count, desc=path.name, unit="chunk", file=sys.stderr, leave=False)

    def chunks_embedded(self, count: int) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def repair_started(self, chunk_count: int) -> None:
        self._bar = tqdm(total=chunk_count, desc="re-embedding missing vectors", unit="chunk", file=sys.stderr)

    def file_done(self, result: IngestResult) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        detail = result.reason if result.status is IngestStatus.failed else f"{result.chunks} chunks"
        tqdm.write(f"{result.status.value:<9} {result.doc_id}  ({detail})", file=sys.stderr)
