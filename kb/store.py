"""The dense side: chunk vectors in Chroma, embedded in the KB folder or on a `chroma run` server.

Always through langchain-chroma with our own Embeddings object: Chroma's default embedding function downloads
a model on first use and fails offline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaClientSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from ingest.document import Chunk
from kb.passage import passage_text
from kb.settings import KBSettings
from kb.vector_cache import VectorCache
from kb.vector_identity import EmbeddingModelMismatch, VectorIdentity, mismatch_message

log = logging.getLogger(__name__)

# Default HNSW settings gave recall@10 of 0.54 on random vectors here; these gave 1.00 (environment notes).
_HNSW = {"space": "cosine", "ef_construction": 400, "ef_search": 500, "max_neighbors": 32}
_ADD_BATCH = 64
_QUERY_CACHE_SIZE = 256
_PASSAGE_CACHE_SIZE = 8192
"""Sentences the answerer reranks: the corpus's quotable sentences (1,800 in corpus/) fit with room to spare."""


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
    """Chroma access. Only `add`, `embed_query` and `similarity` embed text: deleting and listing never do, so a
    lazily loaded model (kb.lazy_embeddings.LazyEmbeddings) stays unloaded for them."""

    def __init__(
        self, settings: KBSettings, embeddings: Embeddings, identity: VectorIdentity, reader: Embeddings | None = None
    ) -> None:
        """`embeddings` embeds what is stored; `reader` (default: the same) questions and reranked sentences."""
        self._reader = reader or embeddings
        self._chroma = Chroma(
            collection_name=settings.collection,
            embedding_function=embeddings,
            client=chroma_client(settings),
            collection_metadata=identity.as_metadata(),
            collection_configuration={"hnsw": _HNSW},
        )
        stored = VectorIdentity.from_metadata(self._chroma._collection.metadata)
        if stored != identity:
            raise EmbeddingModelMismatch(mismatch_message(settings, stored, identity))
        self._query_vectors = VectorCache(_QUERY_CACHE_SIZE)
        self._passage_vectors = VectorCache(_PASSAGE_CACHE_SIZE, np.float32)

    def add(self, chunks: list[Chunk], on_batch: Callable[[int], None] | None = None) -> None:
        """Embed and upsert in small batches so a progress bar moves and memory stays flat."""
        for start in range(0, len(chunks), _ADD_BATCH):
            batch = chunks[start : start + _ADD_BATCH]
            self._chroma.add_texts(
                texts=[passage_text(c) for c in batch],
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
        return self._query_vectors.get(query, self._reader.embed_query).tolist()

    def forget_query_vectors(self) -> None:
        """Empty the query-vector cache (benchmarks time the embedding of each question)."""
        self._query_vectors.clear()

    def forget_passage_vectors(self) -> None:
        """Empty the passage-vector cache (benchmarks time answers that embed every reranked sentence)."""
        self._passage_vectors.clear()

    def similarity(self, query: str, texts: list[str]) -> list[float]:
        """Cosine similarity of the query to each passage text (vectors are normalised); passage vectors are
        cached by text, so a sentence reranked for an earlier question is not embedded again."""
        if not texts:
            return []
        query_vector = np.asarray(self.embed_query(query), dtype=np.float32)
        passages = self._passage_vectors.get_many(texts, self._reader.embed_documents)
        return (passages @ query_vector).tolist()

    def search(
        self, query_vector: list[float], k: int, municipality: str | None = None, doc_id: str | None = None
    ) -> list[DenseHit]:
        """The k nearest chunks, or all of them when fewer match: Chroma answers an empty collection or a k beyond
        its size itself, so no count precedes the query (that was a second call into Chroma per search)."""
        conditions = []
        if municipality:
            conditions.append({"municipality": municipality})
        if doc_id:
            conditions.append({"doc_id": doc_id})
        where = conditions[0] if len(conditions) == 1 else ({"$and": conditions} if conditions else None)
        results = self._chroma.similarity_search_by_vector_with_relevance_scores(query_vector, k=k, filter=where)
        return [DenseHit(doc.id or "", 1.0 - distance) for doc, distance in results]
