"""The headline metrics: pure functions over scored rows, overall and by category.

Choices an evaluator should know:
- Retrieval metrics (recall@k, MRR, nDCG@10) count only answerable rows with gold sources, and only the first
  10 retrieved passages (so MRR is MRR@10): configurations that retrieve deeper gain nothing from it.
- nDCG@10 uses binary relevance (a passage is relevant when it holds any gold quote of its document). The ideal
  DCG assumes one relevant passage per distinct gold source, capped at 10. Two consequences: two gold quotes
  inside one passage lower the attainable score, and overlapping chunks that both hold a quote could exceed
  the ideal, so the score is capped at 1.
- Citation metrics count answered (not abstained) answerable rows with gold sources; citation_precision
  pools their citations (micro average), citation_support is per row.
- A metric whose denominator is empty (abstention_accuracy on a set without unanswerable rows) is None,
  never 0, so "not measured" cannot read as "failed".
- Latency percentiles are over every row, answerable or not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import groupby

import numpy as np

from evals.matching import comparable
from evals.scoring import QuestionResult

CUTOFF = 10
RECALL_KS = (1, 5, 10)
HEADLINE: tuple[str, ...] = (
    "recall@1",
    "recall@5",
    "recall@10",
    "mrr",
    "ndcg@10",
    "answer_accuracy",
    "citation_support",
    "citation_precision",
    "abstention_accuracy",
    "false_abstention_rate",
    "latency_ms_p50",
    "latency_ms_p95",
)
LOWER_IS_BETTER = frozenset({"false_abstention_rate", "latency_ms_p50", "latency_ms_p95"})
UNCATEGORISED = "uncategorised"

Summary = dict[str, float | int | None]
"""`n` then every HEADLINE metric, in that order."""


def recall_at_k(relevance: Sequence[bool], k: int) -> float:
    """1.0 when a relevant passage is within the first k, else 0.0."""
    return float(any(relevance[:k]))


def reciprocal_rank(relevance: Sequence[bool], k: int = CUTOFF) -> float:
    """1 / rank of the first relevant passage within the first k, else 0."""
    return next((1.0 / rank for rank, relevant in enumerate(relevance[:k], 1) if relevant), 0.0)


def ndcg_at_k(relevance: Sequence[bool], gold_count: int, k: int = CUTOFF) -> float:
    """Binary-relevance nDCG@k with an ideal ranking of `gold_count` relevant passages (capped at k)."""
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    ideal = discounts[: min(gold_count, k)].sum()
    if not ideal:
        return 0.0
    gains = np.asarray(relevance[:k], dtype=float)
    return float(min(1.0, gains @ discounts[: len(gains)] / ideal))


def gold_count(result: QuestionResult) -> int:
    """Distinct gold sources of a row: the same quote listed twice is one source."""
    return len({(source.doc, comparable(source.quote)) for source in result.row.sources})


def summarise(results: Sequence[QuestionResult]) -> Summary:
    """Every headline metric over `results`; None where no row qualifies."""
    answerable = [r for r in results if r.row.answerable]
    unanswerable = [r for r in results if not r.row.answerable]
    with_sources = [r for r in answerable if r.row.sources]
    answered = [r for r in with_sources if r.answered]
    citations = [relevant for r in answered for relevant in r.cited_relevance]
    latencies = [r.prediction.latency_ms for r in results]
    summary: Summary = {"n": len(results)}
    for k in RECALL_KS:
        summary[f"recall@{k}"] = _mean(with_sources, lambda r, k=k: recall_at_k(r.relevance, k))
    summary["mrr"] = _mean(with_sources, lambda r: reciprocal_rank(r.relevance))
    summary["ndcg@10"] = _mean(with_sources, lambda r: ndcg_at_k(r.relevance, gold_count(r)))
    summary["answer_accuracy"] = _mean(answerable, lambda r: r.correct)
    summary["citation_support"] = _mean(answered, lambda r: r.supported)
    summary["citation_precision"] = float(np.mean(citations)) if citations else None
    summary["abstention_accuracy"] = _mean(unanswerable, lambda r: r.abstained)
    summary["false_abstention_rate"] = _mean(answerable, lambda r: r.abstained)
    summary["latency_ms_p50"] = float(np.percentile(latencies, 50)) if latencies else None
    summary["latency_ms_p95"] = float(np.percentile(latencies, 95)) if latencies else None
    return summary


def by_category(results: Sequence[QuestionResult]) -> dict[str, Summary]:
    """`summarise` per eval-set category, categories in alphabetical order."""
    ordered = sorted(results, key=_category)
    return {category: summarise(list(group)) for category, group in groupby(ordered, key=_category)}


def _category(result: QuestionResult) -> str:
    return result.row.category or UNCATEGORISED


def _mean(results: Sequence[QuestionResult], value: Callable[[QuestionResult], float | bool]) -> float | None:
    return float(np.mean([value(r) for r in results])) if results else None
