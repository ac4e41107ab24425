"""The `ask` section of scripts/bench.py: warm `Assistant.ask` latency in extractive mode, and its ratio to a
hybrid search of the same questions timed alternately in the same process (so both see the same load).

Warm means the model, Chroma and BM25 are loaded and the sentence vectors the answerer reranks are cached (a
server's steady state: corpus/ has about 1,800 quotable sentences and the cache holds 8,192); the query-vector
cache is emptied before each question, so every question is embedded as if new. The first pass, with no
sentence vector cached yet, is printed too: it is what the first questions after a start cost.
"""

from __future__ import annotations

import statistics

from bench_support import percentile, print_profile, summary, timed_ms

from assistant.chain import Assistant
from assistant.citations import Answer, Turn
from assistant.settings import AssistantSettings
from evals.schema import EvalRow
from kb.knowledge_base import KnowledgeBase


def extractive_assistant(knowledge_base: KnowledgeBase) -> Assistant:
    """The assistant with no language model, whatever CLIMATE_KB_LLM_* says."""
    return Assistant(knowledge_base, settings=AssistantSettings(llm_base_url="", llm_gguf_path=None))


def bench_ask(knowledge_base: KnowledgeBase, rows: list[EvalRow], profile: bool = False) -> None:
    assistant = extractive_assistant(knowledge_base)
    vectors = knowledge_base._vectors
    answers: list[Answer] = []

    def ask(row: EvalRow) -> None:
        history = [Turn(role=turn.role, content=turn.content) for turn in row.history]
        answers.append(assistant.ask(row.question, history=history or None))

    def search(row: EvalRow) -> None:
        knowledge_base.search(row.question)

    assistant.ask("warm-up: 2030年度の削減目標は？")
    vectors.forget_passage_vectors()
    first = timed_ms(ask, rows, vectors.forget_query_vectors)
    print(f"ask first   {summary(first)}   ({len(rows)} answerable questions, no sentence vector cached yet)")
    answers.clear()
    asks: list[float] = []
    searches: list[float] = []
    for row in rows:  # alternately, so that both see the same load
        searches += timed_ms(search, [row], vectors.forget_query_vectors)
        asks += timed_ms(ask, [row], vectors.forget_query_vectors)
    retrieve = statistics.mean(a.timings_ms["retrieve"] for a in answers)
    answer = statistics.mean(a.timings_ms["answer"] for a in answers)
    print(f"ask warm    {summary(asks)}   (mean: retrieve {retrieve:.1f} ms, answer {answer:.1f} ms)")
    print(f"search      {summary(searches)}   (hybrid, the same questions, timed alternately with the asks)")
    p50 = statistics.median(asks) / statistics.median(searches)
    p95 = percentile(asks, 0.95) / percentile(searches, 0.95)
    print(f"ratio       ask / hybrid search latency: p50 {p50:.2f}, p95 {p95:.2f}")
    if profile:

        def ask_anew(row: EvalRow) -> None:
            vectors.forget_query_vectors()
            ask(row)

        print_profile(ask_anew, rows)
