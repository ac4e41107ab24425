"""The staff view of the latest evaluation: read the harness's JSON file (the product never imports evals/)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

HOW_TO_RUN = (
    "No evaluation result yet. Run `climate-kb eval --set evals/sets/dev.jsonl --corpus corpus "
    "--json {path} --report {html}` and press Refresh."
)
_NOT_METRICS = frozenset({"n", "by_category", "per_question"})


class EvalFileError(ValueError):
    """The file exists but is not an evaluation result."""


@dataclass(frozen=True)
class EvalView:
    summary: str
    metrics: pd.DataFrame
    chart: pd.DataFrame
    by_category: pd.DataFrame
    failures: pd.DataFrame


def _rounded(value: Any) -> Any:
    return round(value, 3) if isinstance(value, float) else value


def load_eval(path: Path) -> EvalView | None:
    """None when the harness has not written a result yet."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise EvalFileError(f"{path} cannot be read as an evaluation result: {error}") from error
    if not isinstance(data, dict) or "n" not in data:
        raise EvalFileError(f"{path} is not an evaluation result (no 'n' key)")
    metrics = {k: v for k, v in data.items() if k not in _NOT_METRICS}
    written = datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M UTC")
    rates = {k: v for k, v in metrics.items() if isinstance(v, int | float) and not k.startswith("latency")}
    categories = data.get("by_category") or {}
    failed = [q for q in data.get("per_question") or [] if not q.get("passed", True)]
    return EvalView(
        summary=f"{data['n']} questions · {path} · written {written} · {len(failed)} failed",
        metrics=pd.DataFrame({"metric": list(metrics), "value": [_rounded(v) for v in metrics.values()]}),
        chart=pd.DataFrame({"metric": list(rates), "value": list(rates.values())}),
        by_category=pd.DataFrame(
            [{"category": name, **{k: _rounded(v) for k, v in row.items()}} for name, row in categories.items()]
        ),
        failures=pd.DataFrame(
            [
                {
                    "id": q.get("id", ""),
                    "category": q.get("category", ""),
                    "question": q.get("question", ""),
                    "status": q.get("status", ""),
                    "diagnosis": q.get("diagnosis", ""),
                }
                for q in failed
            ]
        ),
    )
