"""The naive baseline: 500-character splits of the raw files, dense top passage as the answer, never abstains."""

from __future__ import annotations

from pathlib import Path

from langchain_core.embeddings import Embeddings

from evals.naive import CHUNK_SIZE, NaiveConfig, read_corpus
from evals.schema import EvalRow

DIMENSIONS = 1024


class CharacterEmbeddings(Embeddings):
    """A test double: a normalised bag of characters, so texts sharing characters are close. No model, no network."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(text) for text in texts]

    def embed_query(self, text: str) -> list[float]:
        vector = [0.0] * DIMENSIONS
        for character in text:
            vector[ord(character) % DIMENSIONS] += 1.0
        norm = sum(v * v for v in vector) ** 0.5 or 1.0
        return [v / norm for v in vector]


DOCUMENTS = {
    "apples": "りんごは赤い果物です。" * 80,
    "bananas": "バナナは黄色い果物です。",
}


def naive() -> NaiveConfig:
    return NaiveConfig(DOCUMENTS, CharacterEmbeddings(), k=3)


def question(text: str) -> EvalRow:
    return EvalRow(id="q", question=text)


def test_the_top_passage_is_the_answer_and_its_only_citation() -> None:
    prediction = naive().answer(question("バナナは何色？"))
    assert prediction.answer == DOCUMENTS["bananas"]
    assert not prediction.abstained
    assert len(prediction.citations) == 1
    citation = prediction.citations[0]
    assert (citation.doc, citation.chunk_text) == ("bananas", prediction.answer)


def test_it_answers_even_an_off_topic_question() -> None:
    prediction = naive().answer(question("横浜市の削減目標は？"))
    assert not prediction.abstained
    assert prediction.answer


def test_retrieved_passages_are_ranked_from_one_with_their_document() -> None:
    prediction = naive().answer(question("りんごは何色？"))
    assert [p.rank for p in prediction.retrieved] == [1, 2, 3]
    assert prediction.retrieved[0].doc == "apples"


def test_passages_are_at_most_the_chunk_size() -> None:
    prediction = naive().answer(question("りんごは赤い果物です。"))
    assert all(len(p.text) <= CHUNK_SIZE for p in prediction.retrieved)
    assert len(prediction.retrieved[0].text) > CHUNK_SIZE // 2


def test_read_corpus_keeps_the_raw_text_and_skips_non_documents(tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_text("削減目標は５０％\n（令和 5 年度）", encoding="utf-8")
    (tmp_path / "manifest.json").write_text("{}", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert read_corpus(tmp_path, max_file_bytes=10_000) == {"plan": "削減目標は５０％\n（令和 5 年度）"}
