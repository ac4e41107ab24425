"""Text embeddings for the knowledge base: any sentence-transformers model, by default the offline e5 build.

The prefixes live here, not in the model folder, because asymmetric models (e5: "query: " / "passage: ") need
different text on each side and the store and retriever should not have to know which model is in use.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from langchain_core.embeddings import Embeddings
from sentence_transformers import SentenceTransformer
from transformers.utils import logging as transformers_logging

from kb.default_model import ensure_default_model
from kb.onnx_query import load_onnx_query_encoder
from kb.settings import KBSettings


class SentenceTransformerEmbeddings(Embeddings):
    """LangChain embeddings over one SentenceTransformer on the CPU; vectors are L2-normalised.

    Inputs longer than the model's window (512 tokens for e5) are truncated; knowledge-base chunks are far
    shorter. On CPUs with native bf16 matmuls (`bf16=None` detects them) the model runs under bf16 autocast: on
    our 2-core machines that embeds about 1.6x the passages per second, and the default model still agrees with
    its native engine at cosine 0.9999.
    """

    def __init__(
        self,
        model_name_or_path: str,
        query_prefix: str,
        passage_prefix: str,
        batch_size: int,
        bf16: bool | None = None,
        onnx_cache: Path | None = None,
    ) -> None:
        self.model_name_or_path = model_name_or_path
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        # Loading local weights is no download: its progress bar would only clutter `ask`'s terminal and logs.
        transformers_logging.disable_progress_bar()
        self._model = SentenceTransformer(model_name_or_path, device="cpu")
        onnx = load_onnx_query_encoder(self._model, model_name_or_path, onnx_cache) if onnx_cache else None
        self._bf16 = cpu_has_native_bf16() if bf16 is None else bf16
        if self._bf16:
            store_linear_weights_in_bf16(self._model)
        self._query_encoder = onnx if onnx and onnx.agrees_with(lambda text: self._encode([text])[0]) else None

    @property
    def query_engine(self) -> str:
        return "onnx" if self._query_encoder else "sentence-transformers"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode([self.passage_prefix + text for text in texts])

    def embed_query(self, text: str) -> list[float]:
        if self._query_encoder:
            return self._query_encoder.embed(self.query_prefix + text)
        return self._encode([self.query_prefix + text])[0]

    def _encode(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self._bf16):
            vectors = self._model.encode(
                texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
            )
        return np.asarray(vectors, dtype=np.float32).tolist()


def store_linear_weights_in_bf16(model: torch.nn.Module) -> None:
    """Cast the linear layers' weights to bf16 once, instead of autocast casting them on every call.

    Autocast converts each linear layer's fp32 weight and bias to bf16 before its matmul; for a single query
    that copying took as long as the matmuls themselves (about 10 ms of 40 on 2 cores). Done once, it is the same
    rounding, so the vectors are bit-identical (tested), and the weights take half the memory. The model must
    then run under bf16 autocast, as `_encode` does.
    """
    for module in model.modules():
        if isinstance(module, torch.nn.Linear):
            module.to(torch.bfloat16)


def cpu_has_native_bf16() -> bool:
    """Whether bf16 matmuls run in hardware here; emulated bf16 would be slower than fp32."""
    capabilities = torch.cpu.get_capabilities()
    return bool(capabilities.get("avx512_bf16") or capabilities.get("amx_bf16"))


def load_embeddings(settings: KBSettings) -> SentenceTransformerEmbeddings:
    """The configured model (any sentence-transformers name or path), else the offline default, built if missing."""
    model = settings.embedding_model or str(ensure_default_model(settings.model_cache))
    onnx_cache = settings.model_cache if settings.query_engine == "onnx" else None
    return SentenceTransformerEmbeddings(
        model, settings.query_prefix, settings.passage_prefix, settings.embed_batch_size, onnx_cache=onnx_cache
    )
