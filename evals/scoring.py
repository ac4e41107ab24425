"""Score one eval row: what a configuration got right, whether the row passed, and why not in plain English.

A row passes when an evaluator would accept the answer:
- answerable: not abstained, every `must_include` item present, and (when the row has gold sources) at least
  one cited passage holds a gold quote: a right figure with a wrong source is not a sourced answer;
- unanswerable: abstained.
Retrieval ranks are reported in the diagnosis but do not decide a pass: the answer and its citation do.
A configuration that raises fails the row, whatever the row asks.
"""

from __future__ import annotations

from enum import StrEnum
from operator import attrgetter

from pydantic import BaseModel

from evals.matching import holds_source, missing_items
from evals.prediction import Prediction
from evals.schema import EvalRow


class Status(StrEnum):
    passed = "pass"
    regression = "regression"
    expected_failure = "expected failure"
    fixed = "fixed (remove the mark)"


class QuestionResult(BaseModel):
    """One row's prediction and the facts every metric is computed from."""

    row: EvalRow
    prediction: Prediction
    relevance: list[bool]
    """Per retrieved passage, in rank order: does it hold a gold quote of its own document."""
    cited_relevance: list[bool]
    """Per citation: does the cited passage hold a gold quote."""
    missing: list[str]
    """`must_include` items absent from the answer."""

    @property
    def answered(self) -> bool:
        return not self.prediction.abstained and not self.prediction.error

    @property
    def abstained(self) -> bool:
        return self.prediction.abstained and not self.prediction.error

    @property
    def correct(self) -> bool:
        """Answer accuracy for an answerable row: answered, with every key fact."""
        return self.answered and not self.missing

    @property
    def supported(self) -> bool:
        """Some cited passage holds a gold quote."""
        return any(self.cited_relevance)

    @property
    def first_relevant_rank(self) -> int | None:
        return next((rank for rank, relevant in enumerate(self.relevance, 1) if relevant), None)

    @property
    def passed(self) -> bool:
        if not self.row.answerable:
            return self.abstained
        return self.correct and (self.supported or not self.row.sources)

    @property
    def status(self) -> Status:
        if self.row.expected_failure:
            return Status.fixed if self.passed else Status.expected_failure
        return Status.passed if self.passed else Status.regression

    @property
    def diagnosis(self) -> list[str]:
        """Plain-English reasons an evaluator reads first: where retrieval put the gold quote, what is missing,
        which check abstained on an answerable question."""
        row, prediction = self.row, self.prediction
        if prediction.error:
            return [f"the configuration raised {prediction.error}"]
        notes = [self._retrieval_note()] if row.answerable and row.sources else []
        if not row.answerable:
            return notes if prediction.abstained else [*notes, "answered an unanswerable question"]
        if prediction.abstained:
            why = f" ({prediction.abstention})" if prediction.abstention else ""
            return [*notes, f"abstained on an answerable question{why}"]
        notes.extend(f"answer lacks '{item}'" for item in self.missing)
        if row.sources and not self.supported:
            notes.append("cited passages hold no gold quote" if prediction.citations else "answer cites no passage")
        return notes

    def _retrieval_note(self) -> str:
        rank = self.first_relevant_rank
        if rank is not None:
            return f"gold quote first retrieved at rank {rank}"
        if not self.relevance:
            return "nothing retrieved"
        return f"not retrieved in top {len(self.relevance)}"


def score(row: EvalRow, prediction: Prediction) -> QuestionResult:
    """Check every retrieved and cited passage against the gold sources and the answer against `must_include`."""
    ranked = sorted(prediction.retrieved, key=attrgetter("rank"))
    return QuestionResult(
        row=row,
        prediction=prediction,
        relevance=[holds_source(p.doc, p.text, row.sources) for p in ranked],
        cited_relevance=[holds_source(c.doc, c.chunk_text, row.sources) for c in prediction.citations],
        missing=missing_items(prediction.answer, row.must_include) if row.answerable else [],
    )
