"""The CI floor check: minimums, maximums for lower-is-better metrics, and a floor nobody can measure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.floors import FloorsError, breaches, load_floors
from evals.metrics import HEADLINE

ROOT = Path(__file__).resolve().parents[2]


def summary(**values: float | None) -> dict[str, float | int | None]:
    return {"n": 10, **dict.fromkeys(HEADLINE, 0.5), **values}


def test_metrics_at_or_above_their_floors_pass() -> None:
    assert breaches(summary(), {"recall@5": 0.5, "answer_accuracy": 0.4}) == []


def test_a_metric_below_its_floor_is_a_breach() -> None:
    assert breaches(summary(**{"recall@5": 0.49}), {"recall@5": 0.5}) == ["recall@5 = 0.49 is below its floor 0.5"]


def test_lower_is_better_metrics_have_a_maximum() -> None:
    floors = {"false_abstention_rate": 0.2, "latency_ms_p95": 3000}
    problems = breaches(summary(false_abstention_rate=0.1, latency_ms_p95=4000.0), floors)
    assert problems == ["latency_ms_p95 = 4000 is above its maximum 3000"]


def test_a_floor_on_an_unmeasured_metric_is_a_breach() -> None:
    assert breaches(summary(abstention_accuracy=None), {"abstention_accuracy": 0.5}) == [
        "abstention_accuracy was not measured on this set (floor 0.5)"
    ]


def test_unknown_metric_names_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"recall@3": 0.5}), encoding="utf-8")
    with pytest.raises(FloorsError, match="recall@3"):
        load_floors(path)


def test_non_numbers_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"recall@5": "high"}), encoding="utf-8")
    with pytest.raises(FloorsError, match="recall@5"):
        load_floors(path)


def test_the_committed_floors_file_is_valid() -> None:
    floors = load_floors(ROOT / "evals" / "floors.json")
    assert floors
