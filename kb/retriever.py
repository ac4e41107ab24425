"""The knowledge base as a LangChain retriever, so a chain sees a `BaseRetriever` and nothing of Chroma or BM25."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from ingest.document import Chunk
from kb.knowledge_base import KnowledgeBase
from kb.search import SearchFilters, SearchHit, SearchMode


class KBRetriever(BaseRetriever):
    """Hybrid retrieval with metadata filters; each Document carries the full chunk and its fused score."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    knowledge_base: KnowledgeBase
    k: int = 5
    filters: SearchFilters = SearchFilters()
    mode: SearchMode = SearchMode.hybrid

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = self.knowledge_base.search(query, self.k, self.filters, self.mode)
        return [hit_to_document(hit) for hit in hits]


def hit_to_document(hit: SearchHit) -> Document:
    chunk = hit.chunk
    return Document(
        id=chunk.chunk_id,
        page_content=chunk.text,
        metadata={**chunk.model_dump(exclude={"text"}), "rank": hit.rank, "score": hit.score},
    )


def document_to_hit(document: Document) -> SearchHit:
    """The inverse of `hit_to_document`, for chain steps that need the typed chunk back."""
    metadata = dict(document.metadata)
    rank, score = metadata.pop("rank"), metadata.pop("score")
    return SearchHit(rank=rank, score=score, chunk=Chunk(text=document.page_content, **metadata))
