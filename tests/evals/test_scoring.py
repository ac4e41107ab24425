"""Per-row scoring: pass/fail, the expected-failure status and the plain-English diagnosis."""

from __future__ import annotations

from evals.prediction import PredictedCitation, Prediction, RetrievedPassage
from evals.schema import EvalRow, EvalSource
from evals.scoring import Status, score

GOLD = "市域目標 2030年度までに▲50%削減（2013年度比）"
GOLD_PASSAGE = f"川崎市の計画。{GOLD}。"
OTHER = "再エネ目標 2030年度までに33万kW以上導入"


def answerable(**changes: object) -> EvalRow:
    fields = {
        "id": "target",
        "question": "川崎市の2030年度の削減目標は？",
        "category": "numeric_target",
        "must_include": ["50%", "2013"],
        "sources": [EvalSource(doc="kawasaki", quote=GOLD)],
    }
    return EvalRow.model_validate({**fields, **changes})


def unanswerable() -> EvalRow:
    return EvalRow(id="yokohama", question="横浜市の目標は？", category="unanswerable_other_city", answerable=False)


def ranked(*texts: str) -> list[RetrievedPassage]:
    return [RetrievedPassage(rank=rank, doc="kawasaki", text=text) for rank, text in enumerate(texts, 1)]


def cite(text: str) -> PredictedCitation:
    return PredictedCitation(doc="kawasaki", quote=text, chunk_text=text)


def good_prediction() -> Prediction:
    return Prediction(
        answer="2030年度までに2013年度比▲50%削減です。",
        citations=[cite(GOLD_PASSAGE)],
        retrieved=ranked(GOLD_PASSAGE, OTHER),
    )


def test_a_correct_cited_answer_passes_with_its_retrieval_rank_noted() -> None:
    result = score(answerable(), good_prediction())
    assert result.passed
    assert result.status is Status.passed
    assert result.diagnosis == ["gold quote first retrieved at rank 1"]


def test_diagnosis_gives_the_rank_where_the_gold_quote_was_first_retrieved() -> None:
    prediction = good_prediction().model_copy(update={"retrieved": ranked(OTHER, OTHER, OTHER, GOLD_PASSAGE)})
    assert score(answerable(), prediction).diagnosis[0] == "gold quote first retrieved at rank 4"


def test_ranks_are_read_from_the_passages_not_their_list_order() -> None:
    shuffled = [RetrievedPassage(rank=2, doc="kawasaki", text=GOLD_PASSAGE), *ranked(OTHER)]
    result = score(answerable(), good_prediction().model_copy(update={"retrieved": shuffled}))
    assert result.first_relevant_rank == 2


def test_diagnosis_says_when_the_gold_quote_was_not_retrieved_at_all() -> None:
    prediction = good_prediction().model_copy(update={"retrieved": ranked(*[OTHER] * 10)})
    assert "not retrieved in top 10" in score(answerable(), prediction).diagnosis


def test_a_missing_key_fact_fails_the_row_and_is_named() -> None:
    prediction = good_prediction().model_copy(update={"answer": "2030年度までに▲50%削減です。"})
    result = score(answerable(), prediction)
    assert not result.passed
    assert result.missing == ["2013"]
    assert "answer lacks '2013'" in result.diagnosis


def test_a_right_answer_citing_the_wrong_passage_fails() -> None:
    prediction = good_prediction().model_copy(update={"citations": [cite(OTHER)]})
    result = score(answerable(), prediction)
    assert result.correct
    assert not result.passed
    assert "cited passages hold no gold quote" in result.diagnosis


def test_abstaining_on_an_answerable_question_fails() -> None:
    result = score(answerable(), Prediction(answer="資料にありません。", abstained=True, retrieved=ranked(OTHER)))
    assert not result.passed
    assert result.diagnosis[-1] == "abstained on an answerable question"


def test_a_false_abstention_s_diagnosis_names_the_check_that_abstained() -> None:
    result = score(answerable(), Prediction(abstained=True, abstention="below bar", retrieved=ranked(OTHER)))
    assert result.diagnosis[-1] == "abstained on an answerable question (below bar)"


def test_abstaining_on_an_unanswerable_question_passes() -> None:
    result = score(unanswerable(), Prediction(answer="資料にありません。", abstained=True))
    assert result.passed
    assert result.diagnosis == []


def test_answering_an_unanswerable_question_fails() -> None:
    result = score(unanswerable(), good_prediction())
    assert not result.passed
    assert result.diagnosis == ["answered an unanswerable question"]


def test_a_configuration_error_fails_the_row_and_is_reported() -> None:
    result = score(unanswerable(), Prediction(error="RuntimeError: boom"))
    assert not result.passed
    assert result.diagnosis == ["the configuration raised RuntimeError: boom"]


def test_an_expected_failure_that_still_fails_is_not_a_regression() -> None:
    row = answerable(expected_failure="table cell split across chunks")
    assert score(row, Prediction(abstained=True)).status is Status.expected_failure


def test_an_expected_failure_that_now_passes_asks_for_its_mark_to_be_removed() -> None:
    result = score(answerable(expected_failure="was flaky"), good_prediction())
    assert result.status is Status.fixed
    assert result.status.value == "fixed (remove the mark)"


def test_an_unmarked_failure_is_a_regression() -> None:
    assert score(answerable(), Prediction(abstained=True)).status is Status.regression
