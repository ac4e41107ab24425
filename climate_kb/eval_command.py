"""`climate-kb eval`: score configurations over an eval set.

The evaluation stack (the assistant's chain, Chroma for the naive baseline, matplotlib, torch) takes seconds to
import, so it is imported when the command runs, not when `climate-kb` starts for `docs` or `remove`.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from climate_kb.common import KBDir, scratch_or_given
from evals.config_names import CONFIG_NAMES
from evals.floors import FloorsError, breaches, load_floors, regressions
from evals.results import text_table, write_json
from evals.runner import run as run_config
from evals.schema import EvalSetError, load_eval_set
from kb.settings import PROJECT_ROOT

ConfigNames = Annotated[
    list[str] | None,
    typer.Option(
        "--config",
        help=f"Configuration(s) to compare, repeatable or comma-separated: {', '.join(CONFIG_NAMES)} (default: "
        "all). The first is the primary: the one --json writes to OUT and the one the report details.",
        show_default=False,
    ),
]


def evaluate(
    eval_set: Annotated[Path, typer.Option("--set", help="Eval set (JSON lines, evals/schema.py).", exists=True)],
    corpus: Annotated[
        Path | None,
        typer.Option(help="Build a temporary knowledge base from this folder (removed afterwards) instead of --kb."),
    ] = None,
    kb: KBDir = None,
    json_out: Annotated[
        Path | None,
        typer.Option("--json", help="Primary config's results to OUT; each other config to OUT.<config>.json."),
    ] = None,
    report: Annotated[Path | None, typer.Option(help="Self-contained HTML report comparing every config.")] = None,
    config: ConfigNames = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N rows of the set.")] = None,
    floors: Annotated[
        Path | None, typer.Option(help="JSON of metric -> floor; exit 1 if `ours` falls below one (CI).")
    ] = None,
    fail_on_regression: Annotated[
        bool, typer.Option(help="Exit 1 if a row of `ours` fails without being marked expected_failure (CI).")
    ] = False,
) -> None:
    """Score configurations over an eval set: retrieval, answers, citations, abstention and latency."""
    from evals.configs import build_configs
    from evals.report import write_report

    names = config_names(config or [])
    try:
        rows = load_eval_set(eval_set)[:limit]
        floor_values = load_floors(floors) if floors is not None else {}
    except (EvalSetError, FloorsError) as error:
        raise typer.BadParameter(str(error)) from error
    if (floor_values or fail_on_regression) and "ours" not in names:
        raise typer.BadParameter("--floors and --fail-on-regression check 'ours': include it in --config")
    with ExitStack() as stack:
        knowledge_base, embeddings = scratch_or_given(stack, corpus, kb)
        configs = build_configs(names, knowledge_base, embeddings, corpus or PROJECT_ROOT / "corpus")
        runs = []
        for cfg in configs:
            with tqdm(total=len(rows), desc=cfg.name, unit="q", file=sys.stderr) as bar:
                runs.append(run_config(cfg, rows, bar.update))
    typer.echo(text_table(runs))
    if json_out is not None:
        for path in write_json(runs, names[0], json_out):
            typer.echo(f"wrote {path}", err=True)
    if report is not None:
        write_report(runs, names[0], eval_set.name, report)
        typer.echo(f"wrote {report}", err=True)
    ours = next((r for r in runs if r.name == "ours"), None)
    if ours is None:
        return
    problems = [f"floor breached: {p}" for p in breaches(ours.summary(), floor_values)]
    if fail_on_regression:
        problems += [f"regression: {p}" for p in regressions(ours.results)]
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(code=1)


def config_names(values: list[str]) -> list[str]:
    """Repeated and comma-separated --config values, in order, without duplicates; all configs when none given."""
    names = list(dict.fromkeys(part.strip() for value in values for part in value.split(",") if part.strip()))
    unknown = [name for name in names if name not in CONFIG_NAMES]
    if unknown:
        raise typer.BadParameter(f"unknown config(s) {', '.join(unknown)}; known: {', '.join(CONFIG_NAMES)}")
    return names or list(CONFIG_NAMES)
