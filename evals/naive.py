"""The naive LangChain baseline: what a team gets from the tutorial, to show what our pipeline adds.

Fixed-size character chunks of the raw files (RecursiveCharacterTextSplitter, 500/50), dense search only with
the same embedding model as the knowledge base, and the top passage returned as the answer: it never abstains,
and its one citation is that passage. It ignores conversation history. The in-memory Chroma is given our
Embeddings object (Chroma's default embedding function downloads a model) and near-exact HNSW settings, so
the baseline loses only on what it is meant to show, not on approximate search.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from uuid import uuid4

import chromadb
from chromadb.config import Settings as ChromaClientSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from evals.metrics import CUTOFF
from evals.prediction import PredictedCitation, Prediction, RetrievedPassage
from evals.schema import EvalRow
from ingest.errors import IngestError
from ingest.loaders import list_ingestible_files, load_document

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50
_HNSW = {"space": "cosine", "ef_construction": 400, "ef_search": 500, "max_neighbors": 32}

log = logging.getLogger(__name__)


def read_corpus(folder: Path, max_file_bytes: int) -> dict[str, str]:
    """Raw text by document id (file stem) of every file in `folder` the knowledge base would ingest.

    Read with the project's loaders (encodings, PDF pages) but not normalised: raw text is the baseline's input.
    A file the loaders refuse is skipped, as ingestion skips it.
    """
    documents: dict[str, str] = {}
    for path in list_ingestible_files(folder):
        try:
            loaded = load_document(path, max_file_bytes=max_file_bytes)
        except IngestError as error:
            log.warning("naive baseline skips %s: %s", path.name, error)
            continue
        documents[loaded.doc_id] = "\n".join(page.text for page in loaded.pages)
    return documents


class NaiveConfig:
    name = "naive"

    def __init__(self, documents: Mapping[str, str], embeddings: Embeddings, k: int = CUTOFF) -> None:
        if not documents:
            raise ValueError("the naive baseline needs at least one document")
        splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
        passages = splitter.create_documents(list(documents.values()), [{"doc": doc} for doc in documents])
        self._k = k
        self._store = Chroma.from_documents(
            passages,
            embedding=embeddings,
            client=chromadb.EphemeralClient(settings=ChromaClientSettings(anonymized_telemetry=False)),
            collection_name=f"naive-{uuid4().hex}",
            collection_configuration={"hnsw": _HNSW},
        )

    def answer(self, row: EvalRow) -> Prediction:
        found = self._store.similarity_search(row.question, k=self._k)
        retrieved = [
            RetrievedPassage(rank=rank, doc=d.metadata["doc"], text=d.page_content) for rank, d in enumerate(found, 1)
        ]
        if not retrieved:
            return Prediction()
        top = retrieved[0]
        return Prediction(
            answer=top.text,
            citations=[PredictedCitation(doc=top.doc, quote=top.text, chunk_text=top.text)],
            retrieved=retrieved,
        )
