"""kb.onnx_query: questions embedded through the ONNX export get sentence-transformers' vectors, or the fallback."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

import kb.onnx_query
from kb.embeddings import SentenceTransformerEmbeddings
from kb.onnx_query import OnnxQueryEncoder, load_onnx_query_encoder
from kb.settings import KBSettings

QUESTIONS = [
    "川崎市の2030年度の温室効果ガス削減目標は？",
    "What is Kawasaki's greenhouse gas reduction target for 2030?",
    "さいたま市ゼロカーボンシティ推進戦略の7つの基本的施策を教えてください。",
    "脱炭素" * 2000,  # longer than the model's 512-token window: truncated alike on both paths
]


@pytest.fixture(scope="module")
def onnx_embeddings(default_model_path: Path) -> SentenceTransformerEmbeddings:
    """The default model with questions through its ONNX export, made in the usual model cache."""
    embeddings = SentenceTransformerEmbeddings(
        str(default_model_path), "query: ", "passage: ", batch_size=8, onnx_cache=KBSettings().model_cache
    )
    assert embeddings.query_engine == "onnx"
    return embeddings


@pytest.mark.parametrize("question", QUESTIONS, ids=["ja", "en", "list", "too-long"])
def test_onnx_question_vectors_match_sentence_transformers(
    onnx_embeddings: SentenceTransformerEmbeddings, default_embeddings: SentenceTransformerEmbeddings, question: str
) -> None:
    onnx_vector = np.array(onnx_embeddings.embed_query(question))
    assert onnx_vector.shape == (384,)
    assert abs(np.linalg.norm(onnx_vector) - 1) < 1e-5
    assert onnx_vector @ np.array(default_embeddings.embed_query(question)) > 0.9999


def test_passages_are_still_embedded_by_sentence_transformers(
    onnx_embeddings: SentenceTransformerEmbeddings, default_embeddings: SentenceTransformerEmbeddings
) -> None:
    assert onnx_embeddings.embed_documents(QUESTIONS[:2]) == default_embeddings.embed_documents(QUESTIONS[:2])


def test_an_existing_export_is_reused_not_made_again(
    onnx_embeddings: SentenceTransformerEmbeddings, default_model_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_export(*_: object) -> None:
        raise AssertionError("exported again")

    monkeypatch.setattr(kb.onnx_query, "export_query_model", must_not_export)
    encoder = load_onnx_query_encoder(onnx_embeddings._model, str(default_model_path), KBSettings().model_cache)
    assert isinstance(encoder, OnnxQueryEncoder)


def test_a_failed_export_falls_back_to_sentence_transformers_and_leaves_nothing_behind(
    default_model_path: Path,
    default_embeddings: SentenceTransformerEmbeddings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def failing_export(_: object, out: Path) -> None:
        (out / "model.onnx").write_bytes(b"half a graph")
        raise OSError("No space left on device")

    monkeypatch.setattr(kb.onnx_query, "export_query_model", failing_export)
    with caplog.at_level(logging.WARNING, logger="kb.onnx_query"):
        embeddings = SentenceTransformerEmbeddings(
            str(default_model_path), "query: ", "passage: ", batch_size=8, onnx_cache=tmp_path
        )
    assert embeddings.query_engine == "sentence-transformers"
    assert "No space left on device" in caplog.text
    assert embeddings.embed_query(QUESTIONS[0]) == default_embeddings.embed_query(QUESTIONS[0])
    assert not [path for path in tmp_path.iterdir() if path.is_dir()]


def test_an_export_that_disagrees_with_the_model_is_not_used(
    onnx_embeddings: SentenceTransformerEmbeddings, caplog: pytest.LogCaptureFixture
) -> None:
    encoder = onnx_embeddings._query_encoder
    assert encoder is not None
    with caplog.at_level(logging.WARNING, logger="kb.onnx_query"):
        assert not encoder.agrees_with(lambda _: encoder.embed("熱中症対策としてクーリングシェルターを指定します。"))
    assert "disagrees" in caplog.text
    assert encoder.agrees_with(encoder.embed)
