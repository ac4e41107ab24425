"""Headline metrics on small hand-made cases with known values."""

from __future__ import annotations

import math

import pytest

from evals.metrics import UNCATEGORISED, by_category, ndcg_at_k, recall_at_k, reciprocal_rank, summarise
from evals.prediction import PredictedCitation, Prediction, RetrievedPassage
from evals.schema import EvalRow, EvalSource
from evals.scoring import QuestionResult, score

GOLD = "2030年度までに▲50%削減"
GOLD_PASSAGE = f"市域目標 {GOLD}（2013年度比）"
OTHER = "再エネ目標 2030年度までに33万kW以上導入"


def row(row_id: str, category: str = "numeric_target", answerable: bool = True, sources: int = 1) -> EvalRow:
    return EvalRow(
        id=row_id,
        question="質問",
        category=category,
        answerable=answerable,
        must_include=["50%"] if answerable else [],
        sources=[EvalSource(doc="d", quote=GOLD)] * sources if answerable else [],
    )


def prediction(
    gold_rank: int | None = 1,
    answer: str = "▲50%削減",
    abstained: bool = False,
    cited: tuple[str, ...] = (GOLD_PASSAGE,),
    latency_ms: float = 10.0,
) -> Prediction:
    texts = [OTHER] * 10
    if gold_rank is not None:
        texts[gold_rank - 1] = GOLD_PASSAGE
    return Prediction(
        answer=answer,
        abstained=abstained,
        citations=[PredictedCitation(doc="d", quote=t, chunk_text=t) for t in cited],
        retrieved=[RetrievedPassage(rank=rank, doc="d", text=t) for rank, t in enumerate(texts, 1)],
        latency_ms=latency_ms,
    )


def test_recall_at_k_counts_a_relevant_passage_within_k() -> None:
    ranking = [False, False, False, True]
    assert recall_at_k(ranking, 1) == 0.0
    assert recall_at_k(ranking, 3) == 0.0
    assert recall_at_k(ranking, 4) == 1.0
    assert recall_at_k(ranking, 5) == 1.0


def test_reciprocal_rank_is_one_over_the_first_relevant_rank() -> None:
    assert reciprocal_rank([False, False, False, True, True]) == 0.25
    assert reciprocal_rank([True]) == 1.0
    assert reciprocal_rank([False, False]) == 0.0


def test_reciprocal_rank_ignores_passages_beyond_the_cutoff() -> None:
    assert reciprocal_rank([False] * 10 + [True]) == 0.0


def test_ndcg_of_a_perfect_ranking_is_one() -> None:
    assert ndcg_at_k([True, False], gold_count=1) == 1.0
    assert ndcg_at_k([True, True, False], gold_count=2) == 1.0


def test_ndcg_discounts_a_relevant_passage_at_rank_two() -> None:
    assert ndcg_at_k([False, True], gold_count=1) == pytest.approx(1 / math.log2(3))


def test_ndcg_with_two_gold_sources_and_one_found_late() -> None:
    expected = (1 + 1 / math.log2(4)) / (1 + 1 / math.log2(3))
    assert ndcg_at_k([True, False, True], gold_count=2) == pytest.approx(expected)


def test_ndcg_is_capped_at_one_when_overlapping_chunks_both_hold_the_quote() -> None:
    assert ndcg_at_k([True, True], gold_count=1) == 1.0


def test_ndcg_ideal_is_capped_at_ten_sources() -> None:
    assert ndcg_at_k([True] * 10, gold_count=12) == pytest.approx(1.0)


def test_ndcg_without_relevant_passages_is_zero() -> None:
    assert ndcg_at_k([False] * 10, gold_count=1) == 0.0
    assert ndcg_at_k([], gold_count=1) == 0.0


def test_retrieval_metrics_average_over_answerable_rows_with_sources() -> None:
    results = [
        score(row("first"), prediction(gold_rank=1)),
        score(row("fourth"), prediction(gold_rank=4)),
        score(row("missed"), prediction(gold_rank=None)),
        score(row("other-city", answerable=False), prediction(gold_rank=None)),
    ]
    summary = summarise(results)
    assert summary["recall@1"] == pytest.approx(1 / 3)
    assert summary["recall@5"] == pytest.approx(2 / 3)
    assert summary["recall@10"] == pytest.approx(2 / 3)
    assert summary["mrr"] == pytest.approx((1 + 0.25 + 0) / 3)
    assert summary["ndcg@10"] == pytest.approx((1 + 1 / math.log2(5) + 0) / 3)


def test_answer_and_abstention_metrics() -> None:
    results = [
        score(row("right"), prediction()),
        score(row("wrong"), prediction(answer="▲45%削減")),
        score(row("refused"), prediction(abstained=True, cited=())),
        score(row("city-a", answerable=False), prediction(abstained=True, cited=())),
        score(row("city-b", answerable=False), prediction()),
    ]
    summary = summarise(results)
    assert summary["n"] == 5
    assert summary["answer_accuracy"] == pytest.approx(1 / 3)
    assert summary["false_abstention_rate"] == pytest.approx(1 / 3)
    assert summary["abstention_accuracy"] == pytest.approx(1 / 2)


def test_citation_metrics_count_answered_answerable_rows_only() -> None:
    results = [
        score(row("supported"), prediction(cited=(GOLD_PASSAGE, OTHER))),
        score(row("unsupported"), prediction(cited=(OTHER,))),
        score(row("refused"), prediction(abstained=True, cited=(GOLD_PASSAGE,))),
        score(row("city", answerable=False), prediction(cited=(OTHER, OTHER))),
    ]
    summary = summarise(results)
    assert summary["citation_support"] == pytest.approx(1 / 2)
    assert summary["citation_precision"] == pytest.approx(1 / 3)


def test_a_metric_with_no_qualifying_rows_is_none_not_zero() -> None:
    summary = summarise([score(row("only-answerable"), prediction())])
    assert summary["abstention_accuracy"] is None
    assert summary["answer_accuracy"] == 1.0


def test_latency_percentiles_cover_every_row() -> None:
    results = [
        score(row(f"r{i}", answerable=i % 2 == 0), prediction(latency_ms=ms))
        for i, ms in enumerate([10.0, 20.0, 30.0, 40.0])
    ]
    summary = summarise(results)
    assert summary["latency_ms_p50"] == pytest.approx(25.0)
    assert summary["latency_ms_p95"] == pytest.approx(38.5)


def test_by_category_scores_each_category_on_its_own_rows() -> None:
    results: list[QuestionResult] = [
        score(row("a", category="numeric_target"), prediction()),
        score(row("b", category="numeric_target"), prediction(abstained=True)),
        score(row("c", category="date"), prediction()),
        score(row("d", category=""), prediction(gold_rank=None)),
    ]
    groups = by_category(results)
    assert list(groups) == ["date", "numeric_target", UNCATEGORISED]
    assert groups["numeric_target"]["n"] == 2
    assert groups["numeric_target"]["answer_accuracy"] == 0.5
    assert groups["date"]["answer_accuracy"] == 1.0
    assert groups[UNCATEGORISED]["recall@10"] == 0.0
