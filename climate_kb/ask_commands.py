"""`climate-kb ask` and `climate-kb chat`: the assistant in a terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from assistant.chain import Assistant, QuestionRejected
from assistant.citations import Answer, Turn
from assistant.llm import LLMUnavailable
from kb.knowledge_base import KnowledgeBase
from kb.search import SearchFilters
from kb.settings import KBSettings

KBDir = Annotated[
    Path | None,
    typer.Option("--kb", help="Knowledge-base folder (env CLIMATE_KB_DIR).", show_default=False),
]
Municipality = Annotated[str | None, typer.Option(help="Only this municipality's documents, e.g. 川崎市.")]


def _assistant(kb_dir: Path | None) -> Assistant:
    settings = KBSettings() if kb_dir is None else KBSettings(dir=kb_dir)
    try:
        return Assistant(KnowledgeBase(settings))
    except LLMUnavailable as error:  # a configured model that cannot run: say what to fix, not a traceback
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from error


def answer_json(answer: Answer) -> dict:
    return {
        "answer": answer.answer,
        "abstained": answer.abstained,
        "citations": [c.model_dump(exclude={"chunk_text"}) for c in answer.citations],
        "retrieved": [
            {
                "rank": h.rank,
                "doc": h.chunk.doc_id,
                "chunk_id": h.chunk.chunk_id,
                "text": h.chunk.text,
                "score": h.score,
            }
            for h in answer.retrieved
        ],
        "timings_ms": answer.timings_ms,
    }


def print_answer(answer: Answer) -> None:
    typer.echo(answer.answer)
    for c in answer.citations:
        where = f"p.{c.page}" if c.page is not None else (c.section or "-")
        typer.echo(f"  [{c.n}] {c.title} ({c.municipality or '-'}) · {where} · {c.doc}")


def ask(
    question: Annotated[str, typer.Argument(help="The question, in Japanese or English.")],
    municipality: Municipality = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    kb: KBDir = None,
) -> None:
    """Answer one question from the documents, with citations, or say that they don't cover it."""
    try:
        answer = _assistant(kb).ask(question, filters=SearchFilters(municipality=municipality))
    except QuestionRejected as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from error
    if as_json:
        typer.echo(json.dumps(answer_json(answer), ensure_ascii=False))
    else:
        print_answer(answer)


def chat(municipality: Municipality = None, kb: KBDir = None) -> None:
    """A conversation: follow-up questions ("その2050年の目標は？") resolve against the earlier turns."""
    assistant = _assistant(kb)
    history: list[Turn] = []
    typer.echo("Ask about the climate plans (empty line or Ctrl-D to leave).")
    while True:
        try:
            question = input("> ").strip()
        except EOFError:
            break
        if not question:
            break
        try:
            answer = assistant.ask(question, history, SearchFilters(municipality=municipality))
        except QuestionRejected as error:
            typer.echo(f"error: {error}", err=True)
            continue
        print_answer(answer)
        history += [Turn(role="user", content=question), Turn(role="assistant", content=answer.answer)]
