"""Learning the selector's weights: on questions where one signal marks the gold quote and the hand weights
prefer another, the fit must learn to put gold first, on held-out sets too, and keep the abstention share."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.evidence import Evidence
from assistant.ranking import Ranker
from evals.ranker_training import (
    Question,
    best_scores,
    calibrate,
    cross_validate,
    fit,
    gold_on_top,
    is_gold,
    train,
    weight_vector,
)
from evals.schema import EvalRow, EvalSource
from ingest.document import Chunk
from kb.search import SearchHit

NAMES = ["own_terms", "retrieval", "semantic"]
PRIOR = Ranker({"own_terms": 0.2, "retrieval": 1.0, "semantic": 0.5}, bar=0.6)


def question(set_name: str, seed: int) -> Question:
    """Four candidates; the gold one has the most question terms, a decoy comes from the best passage."""
    rng = np.random.default_rng(seed)
    signals = rng.uniform(0.0, 0.4, size=(4, 3))
    gold = np.zeros(4, dtype=bool)
    gold[2] = True
    signals[2, 0] = 0.9
    signals[0, 1] = 1.0
    return Question(set_name, f"{set_name}-{seed}", signals, gold)


QUESTIONS = [question(name, seed) for name in ("dev", "heldout") for seed in range(12)]


def test_the_fit_learns_the_signal_that_marks_gold() -> None:
    prior = weight_vector(PRIOR, NAMES)
    learned = fit(QUESTIONS, prior, shrinkage=0.01)
    assert gold_on_top(prior, QUESTIONS) == 0
    assert gold_on_top(learned, QUESTIONS) == len(QUESTIONS)
    assert learned[0] > prior[0]


def test_strong_shrinkage_keeps_the_prior_at_its_best_scale() -> None:
    """Here the prior puts a decoy first, so its best scale flattens it; the proportions stay the prior's."""
    prior = weight_vector(PRIOR, NAMES)
    learned = fit(QUESTIONS, prior, shrinkage=1e6)
    scale = learned[0] / prior[0]
    assert 0 < scale < 1
    assert learned == pytest.approx(prior * scale, rel=1e-3)


def test_each_set_is_scored_by_weights_fit_without_it() -> None:
    folds = cross_validate(QUESTIONS, weight_vector(PRIOR, NAMES), shrinkage=0.01)
    assert [(f.set_name, f.questions, f.prior_top, f.learned_top) for f in folds] == [
        ("dev", 12, 0, 12),
        ("heldout", 12, 0, 12),
    ]


def test_one_set_alone_is_not_cross_validated() -> None:
    assert cross_validate(QUESTIONS[:12], weight_vector(PRIOR, NAMES), shrinkage=0.01) == []


def test_the_best_score_is_reranked_with_the_semantic_signal_only_within_the_depth() -> None:
    signals = np.array([[1.0, 0.0, 0.0], [0.5, 0.0, 0.0], [0.1, 0.0, 5.0]])
    found = Question("dev", "q", signals, np.array([False, False, True]))
    assert best_scores(np.array([1.0, 0.0, 1.0]), [found], semantic=2, depth=2) == pytest.approx([1.0])
    assert best_scores(np.array([1.0, 0.0, 1.0]), [found], semantic=2, depth=3) == pytest.approx([5.1])


def test_calibration_keeps_the_prior_scale_and_share_of_abstentions() -> None:
    prior = weight_vector(PRIOR, NAMES)
    weights, bar = calibrate(prior * 3, PRIOR, NAMES, QUESTIONS, depth=16)
    assert weights == pytest.approx(prior)
    prior_best = best_scores(prior, QUESTIONS, 2, 16)
    learned_best = best_scores(weights, QUESTIONS, 2, 16)
    assert (learned_best < bar).sum() == pytest.approx((prior_best < PRIOR.bar).sum(), abs=1)


def test_training_reports_folds_and_writes_every_signal() -> None:
    training = train(QUESTIONS, PRIOR, shrinkage=0.01, depth=16)
    assert set(training.ranker.weights) == set(NAMES)
    about = training.about(["dev", "heldout"], 0.01)
    assert about["cross_validated_gold_on_top"] == {"prior": 0, "learned": 24, "of": 24}


def evidence(text: str, doc: str) -> Evidence:
    chunk = Chunk(
        chunk_id=f"{doc}-1", doc_id=doc, index=0, text=text, start=0, end=len(text), section="", title="計画",
        municipality="川崎市",
    )  # fmt: skip
    return Evidence(SearchHit(rank=1, score=1.0, chunk=chunk), text, 1.0, 0)


def test_a_candidate_is_gold_by_its_documents_quote_or_by_every_key_fact() -> None:
    row = EvalRow(
        id="r",
        question="川崎市の2030年度の目標は？",
        must_include=["▲50%", "2013年度比"],
        sources=[EvalSource(doc="kawasaki", quote="2030年度までに▲50%削減")],
    )
    assert is_gold(evidence("市域目標 2030年度までに▲50%削減(2013年度比)", "kawasaki"), row)
    assert not is_gold(evidence("市域目標 2030年度までに▲50%削減", "saitama"), row)
    assert is_gold(evidence("▲50% (2013年度比)", "saitama"), row)
    assert not is_gold(evidence("▲50%", "saitama"), row)
