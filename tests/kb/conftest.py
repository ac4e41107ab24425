"""Fixtures for the knowledge-base tests: three small documents, a counting embeddings wrapper, Chroma's view."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from kb.knowledge_base import KnowledgeBase
from kb.store import chroma_client

SMALL_DOCS: dict[str, tuple[str, str]] = {
    "midori_solar": (
        "緑ヶ丘市",
        "# 緑ヶ丘市 再生可能エネルギー導入計画\n\n"
        "緑ヶ丘市は2030年度までに市内の公共施設50か所へ太陽光発電設備を設置する。\n"
        "屋根置き太陽光の発電量は年間1,200万kWhを見込む。\n",
    ),
    "aoba_heat": (
        "青葉町",
        "# 青葉町 熱中症対策\n\n"
        "青葉町は暑さをしのげるクーリングシェルターとして町立図書館と公民館を指定する。\n"
        "高齢者への声掛けを民生委員と連携して行う。\n",
    ),
    "kita_forest": (
        "北山村",
        "# 北山村 森林整備計画\n\n"
        "北山村は間伐と再造林により森林による二酸化炭素吸収量を年間3,000トン確保する。\n"
        "木質バイオマスボイラーを村営温泉に導入する。\n",
    ),
}
"""Three one-chunk documents with words found in no other (クーリングシェルター, 間伐, 太陽光)."""


def write_manifest(folder: Path, entries: dict[str, dict[str, str]]) -> None:
    (folder / "manifest.json").write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def write_docs(tmp_path: Path) -> Callable[..., Path]:
    """`write_docs(*stems, folder=None)`: the named small documents (all by default) plus their manifest."""

    def write(*stems: str, folder: Path | None = None) -> Path:
        folder = folder or tmp_path / "docs"
        folder.mkdir(parents=True, exist_ok=True)
        for stem in stems or SMALL_DOCS:
            (folder / f"{stem}.txt").write_text(SMALL_DOCS[stem][1], encoding="utf-8")
        write_manifest(
            folder,
            {
                stem: {"title": f"{municipality} {stem}", "municipality": municipality}
                for stem, (municipality, _) in SMALL_DOCS.items()
            },
        )
        return folder

    return write


def vector_ids(knowledge_base: KnowledgeBase) -> set[str]:
    """The ids Chroma holds, read through Chroma's own client (not through the store under test)."""
    settings = knowledge_base.settings
    collection = chroma_client(settings).get_collection(settings.collection)
    return set(collection.get(include=[])["ids"])


def vector_metadata(knowledge_base: KnowledgeBase, chunk_ids: set[str]) -> dict[str, dict]:
    settings = knowledge_base.settings
    got = chroma_client(settings).get_collection(settings.collection).get(ids=sorted(chunk_ids), include=["metadatas"])
    return dict(zip(got["ids"], got["metadatas"], strict=True))


@pytest.fixture
def small_docs() -> dict[str, tuple[str, str]]:
    """Document id -> (municipality, text) of the small documents `write_docs` writes."""
    return SMALL_DOCS


@pytest.fixture
def chroma_ids() -> Callable[[KnowledgeBase], set[str]]:
    """`chroma_ids(kb)`: the ids Chroma holds for that knowledge base."""
    return vector_ids


@pytest.fixture
def chroma_metadata() -> Callable[[KnowledgeBase, set[str]], dict[str, dict]]:
    """`chroma_metadata(kb, ids)`: the metadata Chroma holds for those ids."""
    return vector_metadata


class CountingEmbeddings(Embeddings):
    """Delegates to a real model and records every passage it was asked to embed."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner
        self.embedded: list[str] = []
        self.queries: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        self.queries.append(text)
        return self.inner.embed_query(text)


@pytest.fixture
def counting_embeddings(default_embeddings: Embeddings) -> CountingEmbeddings:
    return CountingEmbeddings(default_embeddings)
