"""What the command modules share: the --kb option, opening the knowledge base (or a temporary one built from a
corpus, for eval and train-ranker), the ingest progress bar."""

from __future__ import annotations

import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer
from langchain_core.embeddings import Embeddings
from tqdm import tqdm

from kb.knowledge_base import IngestProgress, IngestResult, IngestStatus, KnowledgeBase, reading_embeddings
from kb.lazy_embeddings import LazyEmbeddings
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


def scratch_or_given(stack: ExitStack, corpus: Path | None, kb: Path | None) -> tuple[KnowledgeBase, Embeddings]:
    """A temporary knowledge base built from `corpus` (removed when the stack closes), else the one at --kb; the
    command ends with a message when it holds no document."""
    from kb.embeddings import load_embeddings

    if corpus is not None and kb is not None:
        raise typer.BadParameter("give --corpus (a temporary knowledge base) or --kb, not both")
    if corpus is not None:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="climate-kb-eval-")))
        # Embedded Chroma in the scratch folder, never a configured server's collection.
        settings = KBSettings(dir=scratch, chroma_url="")
    else:
        settings = kb_settings(kb)
    embeddings = load_embeddings(settings)
    # Questions read as `ask` reads them: through the confirmed ONNX export (kb/onnx_embeddings.py).
    knowledge_base = KnowledgeBase(
        settings, embeddings, LazyEmbeddings(lambda: reading_embeddings(settings, embeddings))
    )
    stack.callback(knowledge_base.close)
    if corpus is not None:
        knowledge_base.ingest([corpus], BarProgress())
    if not knowledge_base.documents():
        typer.echo("The knowledge base is empty: give --corpus DIR or run `climate-kb ingest` first.", err=True)
        raise typer.Exit(code=2)
    return knowledge_base, embeddings


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
