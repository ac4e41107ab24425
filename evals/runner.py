"""Run one configuration over an eval set and score every row."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from evals.metrics import Summary, by_category, summarise
from evals.prediction import Prediction
from evals.schema import EvalRow
from evals.scoring import QuestionResult, score

log = logging.getLogger(__name__)


class Config(Protocol):
    """Anything that answers eval rows: the assistant in one retrieval mode, a baseline, a test double."""

    name: str

    def answer(self, row: EvalRow) -> Prediction: ...


@dataclass(frozen=True)
class ConfigRun:
    """A configuration's scored rows; summaries are derived, never stored, so they cannot disagree."""

    name: str
    results: list[QuestionResult]

    def summary(self) -> Summary:
        return summarise(self.results)

    def by_category(self) -> dict[str, Summary]:
        return by_category(self.results)


def run(config: Config, rows: Sequence[EvalRow], on_row: Callable[[], None] | None = None) -> ConfigRun:
    """Answer and score every row in order; `on_row` is called after each (a progress bar's update)."""
    results: list[QuestionResult] = []
    for row in rows:
        results.append(score(row, timed_answer(config, row)))
        if on_row is not None:
            on_row()
    return ConfigRun(name=config.name, results=results)


def timed_answer(config: Config, row: EvalRow) -> Prediction:
    """The configuration's answer with its wall-clock latency.

    An exception fails this row (its diagnosis names the error) instead of ending a run of thousands of rows.
    """
    start = time.perf_counter()
    try:
        prediction = config.answer(row)
    except Exception as error:
        log.debug("configuration %s raised on row %s", config.name, row.id, exc_info=True)
        prediction = Prediction(error=f"{type(error).__name__}: {error}")
    latency_ms = (time.perf_counter() - start) * 1000
    return prediction.model_copy(update={"latency_ms": latency_ms})
