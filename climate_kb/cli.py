"""The `climate-kb` command: the composition root that wires settings, the knowledge base and the assistant."""

from __future__ import annotations

import json
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from climate_kb.ask_commands import ask, chat
from evals.configs import CONFIG_NAMES, build_configs
from evals.floors import FloorsError, breaches, load_floors, regressions
from evals.report import write_report
from evals.results import text_table, write_json
from evals.runner import run as run_config
from evals.schema import EvalSetError, load_eval_set
from kb.embeddings import load_embeddings
from kb.knowledge_base import IngestProgress, IngestResult, IngestStatus, KnowledgeBase, QueryTooLong
from kb.search import SearchFilters, SearchHit
from kb.settings import PROJECT_ROOT, KBSettings
from kb.vector_identity import EmbeddingModelMismatch

app = typer.Typer(help="Sourced answers from Japanese municipal climate plans.", no_args_is_help=True)
app.command()(ask)
app.command()(chat)


def main() -> None:
    """The console script: a knowledge base built with another embedding model is a message, not a traceback."""
    try:
        app()
    except EmbeddingModelMismatch as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(2)


KBDir = Annotated[
    Path | None,
    typer.Option("--kb", help="Knowledge-base folder (env CLIMATE_KB_DIR).", show_default=False),
]


def open_kb(kb_dir: Path | None) -> KnowledgeBase:
    settings = KBSettings() if kb_dir is None else KBSettings(dir=kb_dir)
    return KnowledgeBase(settings)


class _BarProgress(IngestProgress):
    """One bar over chunks embedded, with a line per finished file."""

    def __init__(self) -> None:
        self._bar: tqdm | None = None

    def file_started(self, path: Path, chunk_count: int) -> None:
        if self._bar is not None:  # the repair bar, when missing vectors were re-embedded first
            self._bar.close()
        self._bar = tqdm(total=chunk_count, desc=path.name, unit="chunk", file=sys.stderr, leave=False)

    def chunks_embedded(self, count: int) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def repair_started(self, chunk_count: int) -> None:
        self._bar = tqdm(total=chunk_count, desc="re-embedding missing vectors", unit="chunk", file=sys.stderr)

    def file_done(self, result: IngestResult) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        detail = result.reason if result.status is IngestStatus.failed else f"{result.chunks} chunks"
        tqdm.write(f"{result.status.value:<9} {result.doc_id}  ({detail})", file=sys.stderr)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to add or update.")],
    kb: KBDir = None,
) -> None:
    """Add or update documents; unchanged ones are skipped, unreadable ones reported with a reason."""
    results = open_kb(kb).ingest(paths, _BarProgress())
    counts = {status: sum(r.status is status for r in results) for status in IngestStatus}
    typer.echo(", ".join(f"{n} {status.value}" for status, n in counts.items()))
    if counts[IngestStatus.failed]:
        raise typer.Exit(code=1)


@app.command()
def docs(kb: KBDir = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List stored documents with their metadata and chunk counts."""
    documents = open_kb(kb).documents()
    if as_json:
        typer.echo(json.dumps([d.model_dump() for d in documents], ensure_ascii=False, indent=2))
        return
    if not documents:
        typer.echo("The knowledge base is empty: run `climate-kb ingest corpus/`.")
    for d in documents:
        meta = d.meta
        typer.echo(f"{meta.doc_id}  {meta.municipality or '-'}  {meta.title}  ({d.chunk_count} chunks)")


@app.command()
def remove(doc_id: Annotated[str, typer.Argument(help="Document id (the file stem).")], kb: KBDir = None) -> None:
    """Delete a document's chunks from the vector store and the keyword index."""
    if not open_kb(kb).remove(doc_id):
        typer.echo(f"No document '{doc_id}' in the knowledge base.", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"removed {doc_id}")


@app.command()
def search(
    question: Annotated[str | None, typer.Argument(help="The question.")] = None,
    queries: Annotated[
        Path | None, typer.Option(help="JSON lines with a 'question' field, or plain lines: one search each.")
    ] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=100)] = 5,
    municipality: Annotated[str | None, typer.Option()] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document id.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    kb: KBDir = None,
) -> None:
    """Hybrid (keyword + dense) search over the stored passages."""
    if (question is None) == (queries is None):
        raise typer.BadParameter("give either a QUESTION or --queries FILE")
    questions = [question] if question is not None else read_questions(queries)
    knowledge_base = open_kb(kb)
    filters = SearchFilters(municipality=municipality, doc_id=doc)
    for text in questions:
        try:
            hits = knowledge_base.search(text, k, filters)
        except QueryTooLong as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(code=2) from error
        if as_json:
            typer.echo(json.dumps({"question": text, "results": [hit_json(h) for h in hits]}, ensure_ascii=False))
        else:
            print_hits(text, hits)


def read_questions(path: Path) -> list[str]:
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        questions.append(json.loads(line)["question"] if line.startswith("{") else line)
    return questions


def hit_json(hit: SearchHit) -> dict:
    c = hit.chunk
    return {
        "rank": hit.rank,
        "chunk_id": c.chunk_id,
        "doc": c.doc_id,
        "title": c.title,
        "municipality": c.municipality,
        "page": c.page,
        "section": c.section,
        "text": c.text,
        "score": round(hit.score, 6),
    }


def print_hits(question: str, hits: list[SearchHit]) -> None:
    typer.echo(f"Q: {question}")
    if not hits:
        typer.echo("  (no passages found)")
    for hit in hits:
        c = hit.chunk
        where = f"p.{c.page}" if c.page is not None else (c.section or "-")
        typer.echo(f"  [{hit.rank}] {c.municipality or '-'} {c.title} · {where} · {c.doc_id}")
        typer.echo(f"      {c.text[:160]}")


ConfigNames = Annotated[
    list[str] | None,
    typer.Option(
        "--config",
        help=f"Configuration(s) to compare, repeatable or comma-separated: {', '.join(CONFIG_NAMES)} (default: "
        "all). The first is the primary: the one --json writes to OUT and the one the report details.",
        show_default=False,
    ),
]


@app.command("eval")
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
    if corpus is not None and kb is not None:
        raise typer.BadParameter("give --corpus (a temporary knowledge base) or --kb, not both")
    names = config_names(config or [])
    try:
        rows = load_eval_set(eval_set)[:limit]
        floor_values = load_floors(floors) if floors is not None else {}
    except (EvalSetError, FloorsError) as error:
        raise typer.BadParameter(str(error)) from error
    if (floor_values or fail_on_regression) and "ours" not in names:
        raise typer.BadParameter("--floors and --fail-on-regression check 'ours': include it in --config")
    with ExitStack() as stack:
        if corpus is not None:
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="climate-kb-eval-")))
            # Embedded Chroma in the scratch folder, never a configured server's collection.
            settings = KBSettings(dir=scratch, chroma_url="")
        else:
            settings = KBSettings() if kb is None else KBSettings(dir=kb)
        embeddings = load_embeddings(settings)
        knowledge_base = KnowledgeBase(settings, embeddings)
        stack.callback(knowledge_base.close)
        if corpus is not None:
            knowledge_base.ingest([corpus], _BarProgress())
        if not knowledge_base.documents():
            typer.echo("The knowledge base is empty: give --corpus DIR or run `climate-kb ingest` first.", err=True)
            raise typer.Exit(code=2)
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


@app.command()
def serve(
    kb: KBDir = None,
    host: Annotated[
        str | None, typer.Option(help="Listen address (env CLIMATE_KB_HOST; default 127.0.0.1).", show_default=False)
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(min=1, max=65535, help="Port (env CLIMATE_KB_PORT; default 7860).", show_default=False),
    ] = None,
) -> None:
    """Serve the public Q&A page at / and the staff workspace at /staff. Ingests nothing: run `ingest` first."""
    # Imported here so the other commands do not pay for importing gradio and the web server.
    import uvicorn

    from assistant.settings import AssistantSettings
    from assistant.web.server import STAFF_PATH, build_server

    settings = AssistantSettings(**{k: v for k, v in {"host": host, "port": port}.items() if v is not None})
    knowledge_base = open_kb(kb)
    if not knowledge_base.documents():
        typer.echo("warning: the knowledge base is empty: run `climate-kb ingest corpus/`.", err=True)
    server = build_server(knowledge_base, settings)
    base = f"http://{settings.host}:{settings.port}"
    typer.echo(f"public page: {base}/", err=True)
    if server.staff_problem:
        typer.echo(f"staff pages are off: {server.staff_problem}", err=True)
    else:
        typer.echo(f"staff pages: {base}{STAFF_PATH}", err=True)
    uvicorn.run(server.app, host=settings.host, port=settings.port, log_level="warning")


@app.command("add-user")
def add_user(name: Annotated[str, typer.Argument(help="Staff login name.")]) -> None:
    """Add a staff login to the users file, or set a new password; the password is asked twice, never echoed."""
    from assistant.settings import AssistantSettings
    from assistant.web.auth import UsersFile, UsersFileError, check_username

    try:
        check_username(name)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    users = UsersFile(AssistantSettings().users_file)
    try:
        is_new = users.set_password(name, password)
    except (ValueError, UsersFileError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=1) from error
    typer.echo(f"{'added' if is_new else 'updated'} {name} in {users.path}")
