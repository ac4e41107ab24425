"""Embeddings that load their model on the first text to embed.

Kept apart from kb/embeddings.py, which imports torch and sentence-transformers: the knowledge base holds one of
these from the start, and listing or removing documents then imports neither (seconds) nor loads a model.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from langchain_core.embeddings import Embeddings


class LazyEmbeddings(Embeddings):
    """Loads the model on the first text to embed, once even when several threads ask at the same moment.

    Removing a document, listing documents or a keyword-only search then never pays for loading a model (seconds,
    hundreds of MB) it does not use.
    """

    def __init__(self, load: Callable[[], Embeddings]) -> None:
        self._load = load
        self._loaded: Embeddings | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._loaded is not None

    def _model(self) -> Embeddings:
        if self._loaded is None:
            with self._lock:
                if self._loaded is None:
                    self._loaded = self._load()
        return self._loaded

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._model().embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._model().embed_query(text)
