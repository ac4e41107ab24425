"""The HTML report: one self-contained file an evaluator can open or attach anywhere.

Inline CSS and the chart as a base64 PNG (matplotlib's Agg canvas, no display needed), so nothing is fetched
when it opens. Every piece of document, question and answer text is escaped: documents may contain markup.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from html import escape
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from evals.metrics import HEADLINE, LOWER_IS_BETTER, Summary
from evals.results import format_metric
from evals.runner import ConfigRun
from evals.scoring import QuestionResult, Status

CHART_METRICS: tuple[str, ...] = tuple(
    m for m in HEADLINE if not m.startswith("latency") and m not in {"recall@1", "recall@10"}
)
"""The HEADLINE shares between 0 and 1, so they fit one axis; latency and recall@1/@10 stay in the tables."""

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem; max-width: 80rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #f3f3f3; }
.primary td { font-weight: 600; }
.failure { border: 1px solid #ddd; border-left: 4px solid #c33; padding: 0.5rem 1rem; margin: 0.75rem 0; }
.failure.expected { border-left-color: #c90; }
.failure.fixed { border-left-color: #393; }
.failure h4 { margin: 0.25rem 0; }
.tag { font-weight: normal; font-size: 0.8rem; background: #eee; padding: 0 0.4rem; border-radius: 3px; }
.diagnosis { color: #a22; }
.passage { white-space: pre-wrap; background: #fafafa; padding: 0.5rem; font-size: 0.85rem; }
img { max-width: 100%; }
"""

_FAILURE_GROUPS: tuple[tuple[Status, str, str], ...] = (
    (Status.regression, "Regressions: failures not marked as expected", ""),
    (Status.fixed, "Fixed: marked as expected failures but now passing (remove the mark)", "fixed"),
    (Status.expected_failure, "Expected failures (known, still failing)", "expected"),
)


def write_report(runs: list[ConfigRun], primary: str, set_name: str, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(runs, primary, set_name), encoding="utf-8")


def render_report(runs: list[ConfigRun], primary: str, set_name: str) -> str:
    """The whole page: comparison table and chart, by-category breakdowns, and every failure with its diagnosis."""
    ordered = sorted(runs, key=lambda run: run.name != primary)
    first, others = ordered[0], ordered[1:]
    parts = [
        f"<h1>Evaluation of {escape(set_name)}</h1>",
        f"<p>{len(first.results)} questions; primary configuration <b>{escape(first.name)}</b>. "
        "Lower is better for false_abstention_rate and latency; '-' means no row qualified.</p>",
        "<h2>Comparison</h2>",
        _summary_table("config", [(run.name, run.summary()) for run in ordered], highlight=first.name),
        f'<img alt="headline metrics per configuration" src="data:image/png;base64,{headline_chart(ordered)}">',
        f"<h2>By category: {escape(first.name)}</h2>",
        _category_table(first),
        *(_details(f"By category: {run.name}", _category_table(run)) for run in others),
        f"<h2>Failures: {escape(first.name)}</h2>",
        _failures(first),
        *(_details(f"Failures: {run.name}", _failures(run)) for run in others),
    ]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Evaluation of {escape(set_name)}</title><style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body></html>\n"
    )


def headline_chart(runs: list[ConfigRun]) -> str:
    """Grouped bars of `CHART_METRICS` per configuration, as base64 PNG; unmeasured metrics leave a gap."""
    figure = Figure(figsize=(11, 4.5), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = np.arange(len(CHART_METRICS))
    width = 0.8 / max(len(runs), 1)
    for i, run in enumerate(runs):
        summary = run.summary()
        values = [np.nan if summary[m] is None else summary[m] for m in CHART_METRICS]
        bars = axes.bar(positions + (i - (len(runs) - 1) / 2) * width, values, width, label=run.name)
        axes.bar_label(bars, fmt="%.2f", fontsize=7)
    axes.set_xticks(positions, [m.replace("_", " ") for m in CHART_METRICS], rotation=20, ha="right")
    axes.set_ylim(0, 1.05)
    axes.set_ylabel("share (false abstention: lower is better)")
    axes.legend(ncols=len(runs), loc="upper center", bbox_to_anchor=(0.5, 1.12), frameon=False)
    axes.grid(axis="y", alpha=0.3)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _summary_table(label: str, rows: list[tuple[str, Summary]], highlight: str = "") -> str:
    columns = ("n", *HEADLINE)
    head = "".join(f"<th>{escape(c)}{' ↓' if c in LOWER_IS_BETTER else ''}</th>" for c in columns)
    body = "".join(
        ("<tr class='primary'>" if name == highlight else "<tr>")
        + f"<td>{escape(name)}</td>"
        + "".join(f"<td>{format_metric(c, summary[c])}</td>" for c in columns)
        + "</tr>"
        for name, summary in rows
    )
    return f"<table><tr><th>{escape(label)}</th>{head}</tr>{body}</table>"


def _category_table(run: ConfigRun) -> str:
    return _summary_table("category", list(run.by_category().items()))


def _failures(run: ConfigRun) -> str:
    sections = []
    for status, heading, css in _FAILURE_GROUPS:
        results = [r for r in run.results if r.status is status]
        items = "".join(_failure(r, css) for r in results) or "<p>None.</p>"
        sections.append(f"<h3>{escape(heading)} ({len(results)})</h3>{items}")
    return "\n".join(sections)


def _failure(result: QuestionResult, css: str) -> str:
    row, prediction = result.row, result.prediction
    answer = "(abstained) " + prediction.answer if prediction.abstained else prediction.answer
    parts = [
        f"<h4>{escape(row.id)} <span class='tag'>{escape(row.category or 'uncategorised')}</span> "
        f"<span class='tag'>{escape(result.status.value)}</span></h4>",
        _list("diagnosis", result.diagnosis),
    ]
    if row.expected_failure:
        parts.append(f"<p><b>Marked expected:</b> {escape(row.expected_failure)}</p>")
    parts.extend(f"<p><b>{escape(turn.role)} (earlier):</b> {escape(turn.content)}</p>" for turn in row.history)
    parts.append(f"<p><b>Question:</b> {escape(row.question)}</p>")
    parts.append(f"<p><b>Answer:</b> {escape(answer) or '<i>(empty)</i>'}</p>")
    if row.must_include:
        parts.append(f"<p><b>Must include:</b> {escape(' / '.join(row.must_include))}</p>")
    if row.sources:
        parts.append("<p><b>Gold quotes:</b></p>" + _list("", [f"{s.doc}: {s.quote}" for s in row.sources]))
    parts.append(f"<p><b>Citations ({len(prediction.citations)}):</b></p>")
    parts.append(
        "<ol>"
        + "".join(
            f"<li>{escape(c.doc)}: {escape(c.quote)}"
            + _details("passage", f"<div class='passage'>{escape(c.chunk_text)}</div>")
            + "</li>"
            for c in prediction.citations
        )
        + "</ol>"
    )
    return f"<div class='failure {css}'>{''.join(parts)}</div>"


def _list(css: str, items: Iterable[str]) -> str:
    return f"<ul class='{css}'>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _details(summary: str, body: str) -> str:
    return f"<details><summary>{escape(summary)}</summary>{body}</details>"
