"""Reading-side embeddings through the model's ONNX export alone: no torch, no sentence-transformers.

A one-off `climate-kb ask` embeds one question and the few dozen sentences it reranks; importing torch and
sentence-transformers and loading the model through them took most of its 16-19 s. The export (kb/onnx_query.py)
holds the whole model, pooling and normalisation included, and the model folder holds its fast tokenizer, so
onnxruntime and `tokenizers` are enough. Used only for an export that sentence-transformers has once confirmed
(the marker written by `mark_agreed`); until then the reader is the sentence-transformers model, which confirms it.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from langchain_core.embeddings import Embeddings

from kb.default_model_name import MODEL_DIR_NAME
from kb.settings import KBSettings

if TYPE_CHECKING:
    from onnxruntime import InferenceSession

MODEL_FILE = "model.onnx"
AGREED_FILE = "agrees-with-sentence-transformers"
"""Written into an export folder once sentence-transformers has measured the export's vectors as its own."""
_TOKENIZER_FILE = "tokenizer.json"
_DEFAULT_MAX_TOKENS = 512


def export_folder(cache_dir: Path, model_name_or_path: str) -> Path:
    """Where a model's export lives: named after the model, keyed by its files and the torch that traced it, so a
    replaced model re-exports. Torch's version is read from its package metadata, not by importing it."""
    source = Path(model_name_or_path)
    files = sorted(source.rglob("*")) if source.is_dir() else []
    stamp = [model_name_or_path, version("torch")] + [
        f"{f.relative_to(source)}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in files if f.is_file()
    ]
    key = hashlib.sha1("\n".join(stamp).encode()).hexdigest()[:12]
    return cache_dir / f"query-onnx-{source.name or 'model'}-{key}"


def onnx_session(graph: Path, threads: int) -> InferenceSession:
    """A CPU session on the exported graph. Its worker threads do not spin: spinning would take the cores torch
    needs for passages between two questions."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])


def mark_agreed(folder: Path) -> None:
    """Record that sentence-transformers confirmed this export, so later processes may read without it."""
    (folder / AGREED_FILE).touch()


class OnnxEmbeddings(Embeddings):
    """Questions and passages embedded by the exported graph (vectors L2-normalised inside it)."""

    def __init__(
        self, model_dir: Path, graph: Path, query_prefix: str, passage_prefix: str, batch_size: int, threads: int
    ) -> None:
        from tokenizers import Tokenizer

        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self._tokenizer = Tokenizer.from_file(str(model_dir / _TOKENIZER_FILE))
        self._tokenizer.enable_truncation(max_length=_max_tokens(model_dir))
        pad = _tokenizer_config(model_dir).get("pad_token", "<pad>")
        self._tokenizer.enable_padding(pad_id=self._tokenizer.token_to_id(pad), pad_token=pad)
        self._session = onnx_session(graph, threads)
        self._inputs = [node.name for node in self._session.get_inputs()]

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self.query_prefix + text])[0]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        prefixed = [self.passage_prefix + text for text in texts]
        batches = (prefixed[start : start + self.batch_size] for start in range(0, len(prefixed), self.batch_size))
        return [vector for batch in batches for vector in self._encode(batch)]

    def _encode(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        encodings = self._tokenizer.encode_batch(texts)
        columns = {
            "input_ids": [e.ids for e in encodings],
            "attention_mask": [e.attention_mask for e in encodings],
            "token_type_ids": [e.type_ids for e in encodings],
        }
        feed = {name: np.asarray(columns[name], dtype=np.int64) for name in self._inputs}
        (vectors,) = self._session.run(None, feed)
        return vectors.astype(np.float32).tolist()


def confirmed_onnx_embeddings(settings: KBSettings) -> OnnxEmbeddings | None:
    """The ONNX reader for the configured model when its export exists and was confirmed; None otherwise (a model
    known only by its Hub name, no export yet, `query_engine` set to sentence-transformers)."""
    if settings.query_engine != "onnx":
        return None
    model = settings.embedding_model or str(settings.model_cache / MODEL_DIR_NAME)
    model_dir = Path(model)
    if not (model_dir / _TOKENIZER_FILE).is_file():
        return None
    folder = export_folder(settings.model_cache, model)
    if not (folder / AGREED_FILE).is_file():
        return None
    return OnnxEmbeddings(
        model_dir,
        folder / MODEL_FILE,
        settings.query_prefix,
        settings.passage_prefix,
        settings.embed_batch_size,
        os.cpu_count() or 1,
    )


def _tokenizer_config(model_dir: Path) -> dict:
    path = model_dir / "tokenizer_config.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _max_tokens(model_dir: Path) -> int:
    """The model's window, as sentence-transformers truncates to it."""
    path = model_dir / "sentence_bert_config.json"
    configured = json.loads(path.read_text(encoding="utf-8")).get("max_seq_length") if path.is_file() else None
    return int(configured or _tokenizer_config(model_dir).get("model_max_length", _DEFAULT_MAX_TOKENS))
