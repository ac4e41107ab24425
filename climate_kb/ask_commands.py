"""`climate-kb ask` and `climate-kb chat`: the assistant in a terminal.

The assistant's chain imports LangChain's runnables and tracers (about a second), so it is imported when one of
these commands runs, not when `climate-kb` starts for `docs` or `remove`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.citations import Answer, Turn
from climate_kb.common import KBDir, open_kb
from kb.search import SearchFilters

if TYPE_CHECKING:
    from assistant.chain import Assistant

Municipality = Annotated[str | None, typer.Option(help="Only this municipality's documents, e.g. 川崎市.")]


def _assistant(kb_dir: Path | None) -> Assistant:
    from assistant.chain import Assistant
    from assistant.llm import LLMUnavailable

    try:
        return Assistant(open_kb(kb_dir))
    except LLMUnavailable as error:  # a configured model that cannot run: say what to fix, not a traceback
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from error


def _ask(assistant: Assistant, question: str, history: list[Turn], municipality: str | None) -> Answer | None:
    """The answer, or None after printing why the assistant refused the question (empty, too long)."""
    from assistant.chain import QuestionRejected

    try:
        return assistant.ask(question, history, SearchFilters(municipality=municipality))
    except QuestionRejected as error:
        typer.echo(f"error: {error}", err=True)
        return None


def answer_json(answer: Answer) -> dict:
    return {
        "answer": answer.answer,
        "abstained": answer.abstained,
        "abstention": answer.abstention,
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
    answer = _ask(_assistant(kb), question, [], municipality)
    if answer is None:
        raise typer.Exit(code=2)
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
        answer = _ask(assistant, question, history, municipality)
        if answer is None:
            continue
        print_answer(answer)
        history += [Turn(role="user", content=question), Turn(role="assistant", content=answer.answer)]
