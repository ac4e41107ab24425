"""The dense side: chunk vectors in Chroma, embedded in the KB folder or on a `chroma run` server.

Always through langchain-chroma with our own Embeddings object: Chroma's default embedding function downloads
a model on first use and fails offline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaClientSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from ingest.document import Chunk
from kb.settings import KBSettings

log = logging.getLogger(__name__)

# Default HNSW settings gave recall@10 of 0.54 on random vectors here; these gave 1.00 (environment notes).
_HNSW = {"space": "cosine", "ef_construction": 400, "ef_search": 500, "max_neighbors": 32}
_ADD_BATCH = 64


class EmbeddingModelMismatch(RuntimeError):
    """The collection was built with another embedding model; its vectors cannot be compared with ours."""


@dataclass(frozen=True)
class DenseHit:
    chunk_id: str
    similarity: float


def _metadata(chunk: Chunk) -> dict[str, str]:
    """What dense-side filters read; everything else about a chunk comes from the catalog."""
    return {"doc_id": chunk.doc_id, "municipality": chunk.municipality}


def chroma_client(settings: KBSettings) -> chromadb.ClientAPI:
    client_settings = ChromaClientSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or 8000,
            ssl=url.scheme == "https",
            settings=client_settings,
        )
    return chromadb.PersistentClient(path=str(settings.dir / "chroma"), settings=client_settings)


class VectorStore:
    def __init__(self, settings: KBSettings, embeddings: Embeddings, model_id: str) -> None:
        self._embeddings = embeddings
        self._chroma = Chroma(
            collection_name=settings.collection,
            embedding_function=embeddings,
            client=chroma_client(settings),
            collection_metadata={"embedding_model": model_id},
            collection_configuration={"hnsw": _HNSW},
        )
        stored_model = (self._chroma._collection.metadata or {}).get("embedding_model")
        if stored_model != model_id:
            raise EmbeddingModelMismatch(
                f"collection '{settings.collection}' holds vectors of embedding model '{stored_model}', "
                f"not '{model_id}': use another --kb folder or collection for this model"
            )

    def add(self, chunks: list[Chunk], on_batch: Callable[[int], None] | None = None) -> None:
        """Embed and upsert in small batches so a progress bar moves and memory stays flat."""
        for start in range(0, len(chunks), _ADD_BATCH):
            batch = chunks[start : start + _ADD_BATCH]
            self._chroma.add_texts(
                texts=[c.text for c in batch],
                metadatas=[_metadata(c) for c in batch],
                ids=[c.chunk_id for c in batch],
            )
            if on_batch is not None:
                on_batch(len(batch))

    def update_metadata(self, chunks: list[Chunk]) -> None:
        """Rewrite the filter metadata of stored vectors without re-embedding (a corrected manifest entry)."""
        for start in range(0, len(chunks), 1000):
            batch = chunks[start : start + 1000]
            self._chroma._collection.update(ids=[c.chunk_id for c in batch], metadatas=[_metadata(c) for c in batch])

    def delete(self, chunk_ids: set[str]) -> None:
        ids = sorted(chunk_ids)
        for start in range(0, len(ids), 1000):
            self._chroma.delete(ids=ids[start : start + 1000])

    def ids(self) -> set[str]:
        return set(self._chroma._collection.get(include=[])["ids"])

    def embed_query(self, query: str) -> list[float]:
        return list(self._cached_query_vector(query))

    @lru_cache(maxsize=256)  # noqa: B019 - one store lives as long as its process; the cache is bounded
    def _cached_query_vector(self, query: str) -> tuple[float, ...]:
        """A chat turn searches the same text several times (rewrite, filters, sentence ranking)."""
        return tuple(self._embeddings.embed_query(query))

    def similarity(self, query: str, texts: list[str]) -> list[float]:
        """Cosine similarity of the query to each passage text (vectors are normalised)."""
        if not texts:
            return []
        query_vector = np.asarray(self.embed_query(query), dtype=np.float32)
        passages = np.asarray(self._embeddings.embed_documents(texts), dtype=np.float32)
        return (passages @ query_vector).tolist()

    def search(
        self, query_vector: list[float], k: int, municipality: str | None = None, doc_id: str | None = None
    ) -> list[DenseHit]:
        conditions = []
        if municipality:
            conditions.append({"municipality": municipality})
        if doc_id:
            conditions.append({"doc_id": doc_id})
        where = conditions[0] if len(conditions) == 1 else ({"$and": conditions} if conditions else None)
        count = self._chroma._collection.count()
        if count == 0:
            return []
        results = self._chroma.similarity_search_by_vector_with_relevance_scores(
            query_vector, k=min(k, count), filter=where
        )
        return [DenseHit(doc.id or "", 1.0 - distance) for doc, distance in results]
