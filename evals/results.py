"""Results as machine-readable JSON (one file per configuration) and a compact text table for the terminal.

`--json OUT` writes the primary configuration to OUT with exactly the keys of `JSON_KEYS`; every other
configuration goes to its own file, OUT with the configuration name before the suffix (dev.json ->
dev.keyword.json), so each file has the same shape and the primary file's key set stays exact.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evals.metrics import HEADLINE
from evals.runner import ConfigRun
from evals.scoring import QuestionResult

JSON_KEYS: tuple[str, ...] = ("n", *HEADLINE, "by_category", "per_question")

_SHORT_LABELS: dict[str, str] = {
    "recall@1": "R@1",
    "recall@5": "R@5",
    "recall@10": "R@10",
    "mrr": "MRR",
    "ndcg@10": "nDCG@10",
    "answer_accuracy": "acc",
    "citation_support": "cite_sup",
    "citation_precision": "cite_prec",
    "abstention_accuracy": "abst_acc",
    "false_abstention_rate": "false_abst",
    "latency_ms_p50": "p50_ms",
    "latency_ms_p95": "p95_ms",
}
"""Terminal-table headers for the HEADLINE metrics; a metric without one is shown under its own name."""
_TABLE_COLUMNS: tuple[str, ...] = ("n", *HEADLINE)


def run_json(run: ConfigRun) -> dict[str, Any]:
    """A configuration's summary, by-category summaries and every row, keyed exactly as `JSON_KEYS`."""
    return {
        **run.summary(),
        "by_category": run.by_category(),
        "per_question": [question_json(result) for result in run.results],
    }


def question_json(result: QuestionResult) -> dict[str, Any]:
    row, prediction = result.row, result.prediction
    return {
        "id": row.id,
        "question": row.question,
        "category": row.category,
        "answer": prediction.answer,
        "abstained": prediction.abstained,
        "abstention": prediction.abstention,
        "citations": [c.model_dump() for c in prediction.citations],
        "retrieved": [p.model_dump() for p in prediction.retrieved],
        "latency_ms": round(prediction.latency_ms, 1),
        "expected_failure": row.expected_failure,
        "passed": result.passed,
        "status": result.status.value,
        "diagnosis": result.diagnosis,
    }


def json_path(out: Path, config: str, primary: str) -> Path:
    """Where a configuration's JSON goes: OUT for the primary, OUT with `.<config>` before the suffix otherwise."""
    return out if config == primary else out.with_name(f"{out.stem}.{config}{out.suffix}")


def write_json(runs: list[ConfigRun], primary: str, out: Path) -> list[Path]:
    """Write one file per configuration; returns the paths written, primary first."""
    ordered = sorted(runs, key=lambda run: run.name != primary)
    paths = []
    for run in ordered:
        path = json_path(out, run.name, primary)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(run_json(run), ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths


def format_metric(name: str, value: float | int | None) -> str:
    """How tables show a metric: '-' when not measured, whole milliseconds, three decimals for shares."""
    if value is None:
        return "-"
    if name == "n":
        return str(value)
    return f"{value:.0f}" if name.startswith("latency") else f"{value:.3f}"


def text_table(runs: list[ConfigRun]) -> str:
    """One line per configuration, columns aligned, for the terminal."""
    header = ["config", *(_SHORT_LABELS.get(key, key) for key in _TABLE_COLUMNS)]
    lines = [header]
    for run in runs:
        summary = run.summary()
        lines.append([run.name, *(format_metric(key, summary[key]) for key in _TABLE_COLUMNS)])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join([line[0].ljust(widths[0]), *(cell.rjust(w) for cell, w in zip(line[1:], widths[1:], strict=True))])
        for line in lines
    )
