"""The `climate-kb` command: the composition root that wires settings, the knowledge base and the assistant."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from climate_kb.ask_commands import ask, chat
from climate_kb.common import BarProgress, KBDir, open_kb
from climate_kb.eval_command import evaluate
from climate_kb.train_command import train_ranker
from kb.knowledge_base import IngestStatus, QueryTooLong
from kb.search import SearchFilters, SearchHit
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


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to add or update.")],
    kb: KBDir = None,
) -> None:
    """Add or update documents; unchanged ones are skipped, unreadable ones reported with a reason."""
    results = open_kb(kb).ingest(paths, BarProgress())
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


app.command("eval")(evaluate)
app.command("train-ranker")(train_ranker)


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
    typer.echo("loading the embedding model...", err=True)
    knowledge_base.warm_up()
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
