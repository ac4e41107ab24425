"""kb.onnx_embeddings: answering reads through the confirmed ONNX export alone, with sentence-transformers' vectors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from kb.embeddings import SentenceTransformerEmbeddings
from kb.onnx_embeddings import AGREED_FILE, OnnxEmbeddings, confirmed_onnx_embeddings, export_folder
from kb.settings import KBSettings

TEXTS = [
    "川崎市の2030年度の温室効果ガス削減目標は？",
    "What is Kawasaki's greenhouse gas reduction target for 2030?",
    "市域全体目標 ▲50%削減(2013年度比)",
    "脱炭素" * 2000,  # longer than the model's 512-token window: truncated alike on both paths
]


@pytest.fixture(scope="module")
def confirmed(default_model_path: Path) -> OnnxEmbeddings:
    """The reader for the default model, its export confirmed by loading the model with it once."""
    settings = KBSettings()
    SentenceTransformerEmbeddings(str(default_model_path), "query: ", "passage: ", 8, onnx_cache=settings.model_cache)
    reader = confirmed_onnx_embeddings(settings)
    assert reader is not None
    return reader


def test_questions_and_passages_get_sentence_transformers_vectors(
    confirmed: OnnxEmbeddings, default_embeddings: SentenceTransformerEmbeddings
) -> None:
    for text in TEXTS:
        assert np.array(confirmed.embed_query(text)) @ np.array(default_embeddings.embed_query(text)) > 0.9999
    passages = np.array(confirmed.embed_documents(TEXTS))  # one padded batch
    expected = np.array(default_embeddings.embed_documents(TEXTS))
    assert passages.shape == expected.shape
    assert np.all(np.sum(passages * expected, axis=1) > 0.9999)


def test_batches_give_the_vectors_of_texts_embedded_alone(confirmed: OnnxEmbeddings) -> None:
    batched = np.array(confirmed.embed_documents(TEXTS[:3]))
    alone = np.array([confirmed.embed_documents([text])[0] for text in TEXTS[:3]])
    assert np.allclose(batched, alone, atol=1e-5)
    assert confirmed.embed_documents([]) == []


def test_an_unconfirmed_export_is_not_read(default_model_path: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    model = cache / default_model_path.name
    cache.mkdir()
    model.symlink_to(default_model_path)
    folder = export_folder(cache, str(model))
    folder.mkdir()
    settings = KBSettings(model_cache=cache)
    assert confirmed_onnx_embeddings(settings) is None  # exported, never checked against the model
    (folder / AGREED_FILE).touch()
    (folder / "model.onnx").symlink_to(export_folder(KBSettings().model_cache, str(default_model_path)) / "model.onnx")
    assert confirmed_onnx_embeddings(settings) is not None
    assert confirmed_onnx_embeddings(KBSettings(model_cache=cache, query_engine="sentence-transformers")) is None


def test_a_model_known_only_by_its_hub_name_has_no_reader() -> None:
    assert confirmed_onnx_embeddings(KBSettings(embedding_model="cl-nagoya/ruri-v3-310m")) is None


def test_reading_imports_neither_torch_nor_sentence_transformers(confirmed: OnnxEmbeddings) -> None:
    script = (
        "import sys; from kb.onnx_embeddings import confirmed_onnx_embeddings; from kb.settings import KBSettings; "
        "confirmed_onnx_embeddings(KBSettings()).embed_documents(['脱炭素']); "
        "print(sorted({'torch', 'sentence_transformers', 'transformers'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_export_folder_changes_when_the_model_files_change(tmp_path: Path) -> None:
    model = tmp_path / "my-model"
    model.mkdir()
    (model / "model.safetensors").write_bytes(b"weights v1")
    before = export_folder(tmp_path / "cache", str(model))
    (model / "model.safetensors").write_bytes(b"weights v2, retrained")
    assert export_folder(tmp_path / "cache", str(model)) != before
