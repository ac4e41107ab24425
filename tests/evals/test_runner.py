"""The runner drives any configuration over a set, times each answer and survives a failing row."""

from __future__ import annotations

import time

from evals.prediction import PredictedCitation, Prediction, RetrievedPassage
from evals.runner import run
from evals.schema import EvalRow, EvalSource

PASSAGE = "温室効果ガスを2030年度までに50%削減する。"


class EchoConfig:
    """A test double: answers with the one passage it knows, after a short pause; raises on request."""

    name = "echo"

    def __init__(self) -> None:
        self.asked: list[str] = []

    def answer(self, row: EvalRow) -> Prediction:
        self.asked.append(row.id)
        if row.question == "raise":
            raise RuntimeError("backend down")
        time.sleep(0.005)
        return Prediction(
            answer=PASSAGE,
            citations=[PredictedCitation(doc="d", quote=PASSAGE, chunk_text=PASSAGE)],
            retrieved=[RetrievedPassage(rank=1, doc="d", text=PASSAGE)],
        )


def rows() -> list[EvalRow]:
    source = [EvalSource(doc="d", quote="2030年度までに50%削減")]
    return [
        EvalRow(id="one", question="目標は？", must_include=["50%"], sources=source),
        EvalRow(id="two", question="raise", must_include=["50%"], sources=source),
        EvalRow(id="three", question="基準年は？", must_include=["2013"], sources=source),
    ]


def test_every_row_is_answered_in_order_and_scored() -> None:
    config = EchoConfig()
    result = run(config, rows())
    assert result.name == "echo"
    assert config.asked == ["one", "two", "three"]
    assert [r.passed for r in result.results] == [True, False, False]
    assert result.results[2].diagnosis == ["gold quote first retrieved at rank 1", "answer lacks '2013'"]


def test_a_row_that_raises_fails_with_the_error_and_the_run_goes_on() -> None:
    result = run(EchoConfig(), rows())
    assert result.results[1].diagnosis == ["the configuration raised RuntimeError: backend down"]
    assert len(result.results) == 3


def test_latency_is_the_wall_clock_time_of_each_answer() -> None:
    result = run(EchoConfig(), rows()[:1])
    assert result.results[0].prediction.latency_ms >= 5.0


def test_on_row_is_called_once_per_row() -> None:
    calls: list[int] = []
    run(EchoConfig(), rows(), on_row=lambda: calls.append(1))
    assert len(calls) == 3


def test_summary_is_derived_from_the_scored_rows() -> None:
    summary = run(EchoConfig(), rows()).summary()
    assert summary["n"] == 3
    assert summary["answer_accuracy"] == 1 / 3
