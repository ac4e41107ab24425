from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.web.evaluation import EvalFileError, load_eval

RESULT = {
    "n": 3,
    "recall@1": 0.6667,
    "recall@5": 1.0,
    "answer_accuracy": 0.5,
    "latency_ms_p50": 812.4,
    "by_category": {"figure": {"n": 2, "recall@1": 0.5}, "abstain": {"n": 1, "recall@1": None}},
    "per_question": [
        {"id": "q1", "question": "川崎市の目標は？", "category": "figure", "passed": True},
        {"id": "q2", "question": "横浜市は？", "category": "abstain", "passed": False, "diagnosis": "answered"},
    ],
}


def test_no_file_yet_is_not_an_error(tmp_path: Path) -> None:
    assert load_eval(tmp_path / "eval.json") is None


def test_the_result_becomes_tables_and_a_chart_of_rates(tmp_path: Path) -> None:
    path = tmp_path / "eval.json"
    path.write_text(json.dumps(RESULT, ensure_ascii=False), encoding="utf-8")
    view = load_eval(path)
    assert view is not None
    assert view.summary.startswith("3 questions")
    assert "1 failed" in view.summary
    assert dict(zip(view.metrics["metric"], view.metrics["value"], strict=True))["recall@1"] == 0.667
    assert list(view.chart["metric"]) == ["recall@1", "recall@5", "answer_accuracy"]
    assert list(view.by_category["category"]) == ["figure", "abstain"]
    assert list(view.failures["id"]) == ["q2"]


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"recall@1": 1.0}'])
def test_a_file_that_is_not_a_result_is_reported(tmp_path: Path, content: str) -> None:
    path = tmp_path / "eval.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalFileError):
        load_eval(path)
