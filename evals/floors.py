"""The CI floor check: fail the build when a headline metric of `ours` falls below what was last measured.

A floors file maps headline metric names to a minimum, or to a maximum for the metrics where lower is better
(false_abstention_rate, latency). How the numbers are chosen: evals/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path

from evals.metrics import HEADLINE, LOWER_IS_BETTER, Summary
from evals.scoring import QuestionResult, Status


class FloorsError(ValueError):
    """A floors file that cannot be used; the message says why."""


def load_floors(path: Path) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise FloorsError(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise FloorsError(f"{path}: expected an object mapping metric names to numbers")
    unknown = sorted(set(data) - set(HEADLINE))
    if unknown:
        raise FloorsError(f"{path}: unknown metric(s) {', '.join(unknown)} (known: {', '.join(HEADLINE)})")
    bad = sorted(k for k, v in data.items() if isinstance(v, bool) or not isinstance(v, int | float))
    if bad:
        raise FloorsError(f"{path}: not a number for {', '.join(bad)}")
    return {name: float(value) for name, value in data.items()}


def breaches(summary: Summary, floors: dict[str, float]) -> list[str]:
    """One sentence per metric on the wrong side of its floor.

    A metric the set cannot measure counts as a breach: a floor that silently stops being checked protects nothing.
    """
    problems = []
    for name, bound in floors.items():
        value = summary[name]
        if value is None:
            problems.append(f"{name} was not measured on this set (floor {bound:g})")
        elif name in LOWER_IS_BETTER and value > bound:
            problems.append(f"{name} = {value:.4g} is above its maximum {bound:g}")
        elif name not in LOWER_IS_BETTER and value < bound:
            problems.append(f"{name} = {value:.4g} is below its floor {bound:g}")
    return problems


def regressions(results: list[QuestionResult]) -> list[str]:
    """One sentence per row that fails without being marked `expected_failure`: a floor on the average can hide
    a question that used to pass, this cannot."""
    return [f"{r.row.id} fails: {'; '.join(r.diagnosis)}" for r in results if r.status is Status.regression]
