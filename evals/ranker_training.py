"""Learn the answer selector's signal weights and abstention bar from the eval sets (`climate-kb train-ranker`).

Which of the quotes the selector's rules admit answers best was a weighted sum with hand-chosen weights, tuned
row by row until the development sets passed, and it did not carry over to questions nobody had tuned on. Here
the weights are fit to every labelled row at once. For each question, the candidates are the quotes the selector
scores at answer time, with the same signals; a candidate is gold when it holds a gold source quote or every key
fact. A conditional-logit model (a softmax over one question's candidates) is fit by L-BFGS, shrunk toward the
hand-chosen weights so a signal the rows say little about keeps its sense. Leave-one-set-out cross-validation
reports how often the top candidate is gold on a set the fit never saw.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize, minimize_scalar

from assistant.citations import Turn
from assistant.evidence import Evidence
from assistant.extractive import in_context
from assistant.ranking import Ranker
from evals.matching import holds, includes
from evals.schema import EvalRow

SEMANTIC = "semantic"
"""The signal only the few best candidates get (the embedding model is too slow for all)."""


@dataclass(frozen=True)
class Question:
    """One answerable eval row's candidates: a row of signal values each, and which of them are gold."""

    set_name: str
    row_id: str
    signals: np.ndarray
    gold: np.ndarray


@dataclass(frozen=True)
class FoldResult:
    """One held-out set: how many of its questions' top candidates are gold, by the prior and the learned weights."""

    set_name: str
    questions: int
    prior_top: int
    learned_top: int


Candidates = Callable[[str, list[Turn]], list[list[Evidence]]]
"""A question and its history -> the selector's rankings of candidates (`Assistant.candidates`)."""


def is_gold(evidence: Evidence, row: EvalRow, one_of_several: bool = False) -> bool:
    """Whether the quote, as the answer would cite it, holds a gold quote of its document or every key fact;
    `one_of_several`: the ranking answers one municipality of a comparison, so one key fact will do."""
    quoted = in_context(evidence).sentence
    if any(s.doc == evidence.hit.chunk.doc_id and holds(quoted, s.quote) for s in row.sources):
        return True
    found = [includes(quoted, item) for item in row.must_include]
    return bool(found) and (any(found) if one_of_several else all(found))


def collect(candidates: Candidates, set_name: str, rows: Iterable[EvalRow], names: Sequence[str]) -> list[Question]:
    """Each ranking of an answerable row that has a gold candidate; the others teach nothing about the order
    (an unanswerable row's abstention comes from the selector's rules, not its weights)."""
    questions = []
    for row in rows:
        if not row.answerable:
            continue
        rankings = candidates(row.question, [Turn(role=t.role, content=t.content) for t in row.history])
        for n, found in enumerate(rankings):
            gold = np.array([is_gold(e, row, len(rankings) > 1) for e in found], dtype=bool)
            if gold.any():
                signals = np.array([[e.signals.get(name, 0.0) for name in names] for e in found])
                questions.append(Question(set_name, f"{row.id}#{n}", signals, gold))
    return questions


def weight_vector(ranker: Ranker, names: Sequence[str]) -> np.ndarray:
    return np.array([ranker.weights.get(name, 0.0) for name in names])


def fit(questions: Sequence[Question], prior: np.ndarray, shrinkage: float) -> np.ndarray:
    """The weights that make each question's gold candidates most probable under a softmax over its candidates,
    with an L2 pull of `shrinkage` toward the prior weights at their own best scale: the softmax wants sharper
    scores than the hand weights give, and only the order they make, not their scale, is the prior's to keep."""
    anchor = prior * _best_scale(questions, prior)

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        total, gradient = _log_loss(questions, weights)
        total += shrinkage * float(((weights - anchor) ** 2).sum())
        return total / len(questions), (gradient + 2 * shrinkage * (weights - anchor)) / len(questions)

    return np.asarray(minimize(loss, anchor, jac=True, method="L-BFGS-B").x)


def _best_scale(questions: Sequence[Question], weights: np.ndarray) -> float:
    """The factor of the weights that makes the gold candidates most probable, the order kept."""
    found = minimize_scalar(lambda scale: _log_loss(questions, weights * scale)[0], bounds=(0.1, 100.0))
    return float(found.x)


def _log_loss(questions: Iterable[Question], weights: np.ndarray) -> tuple[float, np.ndarray]:
    """Minus the log probability of each question's gold candidates, summed, and its gradient."""
    total, gradient = 0.0, np.zeros_like(weights)
    for q in questions:
        scores = q.signals @ weights
        p = np.exp(scores - scores.max())
        p /= p.sum()
        p_gold = p[q.gold].sum()
        total -= float(np.log(p_gold))
        gradient -= (np.where(q.gold, p, 0.0) / p_gold - p) @ q.signals
    return total, gradient


def gold_on_top(weights: np.ndarray, questions: Iterable[Question]) -> int:
    return sum(bool(q.gold[int(np.argmax(q.signals @ weights))]) for q in questions)


def cross_validate(questions: Sequence[Question], prior: np.ndarray, shrinkage: float) -> list[FoldResult]:
    """Each set held out in turn: the weights fit on the others, scored on it; none from a single set."""
    results = []
    names = sorted({q.set_name for q in questions})
    for held_out in names if len(names) > 1 else ():
        train = [q for q in questions if q.set_name != held_out]
        test = [q for q in questions if q.set_name == held_out]
        weights = fit(train, prior, shrinkage)
        results.append(FoldResult(held_out, len(test), gold_on_top(prior, test), gold_on_top(weights, test)))
    return results


def best_scores(weights: np.ndarray, questions: Iterable[Question], semantic: int, depth: int) -> np.ndarray:
    """Each question's best score as the selector finds it: ranked without the semantic signal, then the top
    `depth` reranked with it."""
    lexical = weights.copy()
    lexical[semantic] = 0.0
    best = []
    for q in questions:
        head = np.argsort(-(q.signals @ lexical), kind="stable")[:depth]
        best.append(float((q.signals[head] @ weights).max()))
    return np.array(best)


def calibrate(
    weights: np.ndarray, prior: Ranker, names: Sequence[str], questions: Sequence[Question], depth: int
) -> tuple[np.ndarray, float]:
    """The learned weights rescaled to the prior's range of scores, so the selector's ratios of one score to
    another (a runner-up quoted within 60% of the best) keep their sense, and the bar below which the same share
    of these answerable questions abstains as under the prior weights and bar."""
    semantic = names.index(SEMANTIC)
    prior_best = best_scores(weight_vector(prior, names), questions, semantic, depth)
    learned_best = best_scores(weights, questions, semantic, depth)
    scale = float(prior_best @ learned_best / (learned_best @ learned_best))
    share_under_bar = float((prior_best < prior.bar).mean())
    return weights * scale, float(np.quantile(learned_best * scale, share_under_bar))


@dataclass(frozen=True)
class Training:
    """A trained ranker and what the run measured of it."""

    ranker: Ranker
    folds: list[FoldResult]
    questions: int

    def about(self, sets: Sequence[str], shrinkage: float) -> dict[str, object]:
        """What the ranker file records of its training, for the next engineer to check or repeat it."""
        return {
            "trained_on": list(sets),
            "questions": self.questions,
            "shrinkage": shrinkage,
            "cross_validated_gold_on_top": {
                "prior": sum(f.prior_top for f in self.folds),
                "learned": sum(f.learned_top for f in self.folds),
                "of": sum(f.questions for f in self.folds),
            },
        }


def train(questions: Sequence[Question], prior: Ranker, shrinkage: float, depth: int) -> Training:
    """Cross-validate by set, then fit on all of them and calibrate."""
    names = list(prior.weights)
    start = weight_vector(prior, names)
    folds = cross_validate(questions, start, shrinkage)
    weights, bar = calibrate(fit(questions, start, shrinkage), prior, names, questions, depth)
    return Training(
        Ranker(dict(zip(names, (round(float(w), 4) for w in weights), strict=True)), round(bar, 4)),
        folds,
        len(questions),
    )
