"""Question embedding through an ONNX export of the sentence-transformers model, run by onnxruntime.

A question is one short text. Through sentence-transformers most of its 30-40 ms on our 2 cores is Python around
a dozen small layers (a call per module, device resolution), not arithmetic; the same model exported once to ONNX,
pooling and normalisation inside the graph, embeds it in about 15 ms, and search latency is almost all query
embedding. Passages stay with sentence-transformers: they come in batches, where its bf16 path is fast, and the
stored vectors do not change. onnxruntime comes with chromadb; the `onnx` package is needed only to export.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from sentence_transformers import SentenceTransformer

from kb.build_once import build_once
from kb.onnx_embeddings import MODEL_FILE, export_folder, mark_agreed, onnx_session

log = logging.getLogger(__name__)

MIN_AGREEMENT = 0.999
"""Lowest cosine between the two engines' vectors for one probe question; the export measured 0.99998."""
PROBE = "川崎市の2030年度の温室効果ガス削減目標は？ What is the 2030 target?"
_OPSET = 17


class OnnxQueryEncoder:
    """Embeds one question at a time with the exported graph; tokenises with the model's own tokenizer."""

    def __init__(self, model: SentenceTransformer, path: Path, threads: int) -> None:
        self._session = onnx_session(path, threads)
        self._inputs = [node.name for node in self._session.get_inputs()]
        self._model = model
        self._folder = path.parent

    def embed(self, text: str) -> list[float]:
        features = self._model.preprocess([text])
        feed = {name: features[name].numpy().astype(np.int64) for name in self._inputs}
        (vectors,) = self._session.run(None, feed)
        return vectors[0].astype(np.float32).tolist()

    def agrees_with(self, embed: Callable[[str], list[float]]) -> bool:
        """Whether this encoder and `embed` (sentence-transformers) give the probe question the same vector.

        A model whose forward pass does not trace faithfully must fall back, not return wrong vectors; an export
        that agrees is marked so, and later processes read through it without sentence-transformers
        (kb/onnx_embeddings.py).
        """
        agreement = float(np.dot(self.embed(PROBE), embed(PROBE)))
        if agreement < MIN_AGREEMENT:
            log.warning("ONNX export disagrees with sentence-transformers (cosine %.4f); not used", agreement)
            return False
        mark_agreed(self._folder)
        return True


class _Pipeline(torch.nn.Module):
    """The sentence-transformers modules as one traceable function of the tokenizer's tensors."""

    def __init__(self, model: SentenceTransformer, names: list[str]) -> None:
        super().__init__()
        self.model = model
        self.names = names

    def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
        features = dict(zip(self.names, tensors, strict=True))
        return torch.nn.functional.normalize(self.model(features)["sentence_embedding"], dim=-1)


def export_query_model(model: SentenceTransformer, out: Path) -> None:
    """Write `out/model.onnx`: tokenizer tensors in (any batch and length), L2-normalised sentence vectors out."""
    features = model.preprocess([PROBE])
    names = [name for name in ("input_ids", "attention_mask", "token_type_ids") if name in features]
    axes = {name: {0: "batch", 1: "tokens"} for name in names}
    with warnings.catch_warnings(), torch.inference_mode():
        warnings.simplefilter("ignore")  # the exporter's notes on tracing; the export is checked on load instead
        torch.onnx.export(
            _Pipeline(model, names).eval(),
            tuple(features[name] for name in names),
            str(out / MODEL_FILE),
            input_names=names,
            output_names=["sentence_embedding"],
            dynamic_axes={**axes, "sentence_embedding": {0: "batch"}},
            opset_version=_OPSET,
            dynamo=False,
        )


def load_onnx_query_encoder(
    model: SentenceTransformer, model_name_or_path: str, cache_dir: Path
) -> OnnxQueryEncoder | None:
    """The model's ONNX query encoder, exported on first use; None (and a logged reason) when it cannot be had.

    Call it while the model still has its fp32 weights: the export traces them.
    """
    try:
        folder = build_once(export_folder(cache_dir, model_name_or_path), lambda out: export_query_model(model, out))
        return OnnxQueryEncoder(model, folder / MODEL_FILE, torch.get_num_threads())
    except Exception as error:  # an export failure must cost speed, never the search
        log.warning(
            "No ONNX query encoder for %s (%s: %s); questions are embedded by sentence-transformers",
            model_name_or_path,
            type(error).__name__,
            error,
        )
        return None
