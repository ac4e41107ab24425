"""The configurations one run compares: the assistant in each retrieval mode, and the naive baseline.

The assistant configurations drive the product through `Assistant.ask`, the same call users get; the eval
row's municipality is not passed as a filter, because users do not pass one either.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from langchain_core.embeddings import Embeddings

from assistant.chain import Assistant
from assistant.citations import Answer, Turn
from evals.config_names import CONFIG_NAMES
from evals.naive import NaiveConfig, read_corpus
from evals.prediction import PredictedCitation, Prediction, RetrievedPassage
from evals.runner import Config
from evals.schema import EvalRow
from kb.knowledge_base import KnowledgeBase
from kb.search import SearchMode

ASSISTANT_MODES: dict[str, SearchMode] = {
    "ours": SearchMode.hybrid,
    "keyword": SearchMode.keyword,
    "dense": SearchMode.dense,
}


class Asks(Protocol):
    """The part of `Assistant` the harness uses."""

    def ask(self, question: str, history: list[Turn] | None = None) -> Answer: ...


class AssistantConfig:
    def __init__(self, name: str, assistant: Asks) -> None:
        self.name = name
        self.assistant = assistant

    def answer(self, row: EvalRow) -> Prediction:
        history = [Turn(role=turn.role, content=turn.content) for turn in row.history]
        return prediction_from_answer(self.assistant.ask(row.question, history=history or None))


def prediction_from_answer(answer: Answer) -> Prediction:
    return Prediction(
        answer=answer.answer,
        abstained=answer.abstained,
        abstention=answer.abstention or "",
        citations=[PredictedCitation(doc=c.doc, quote=c.quote, chunk_text=c.chunk_text) for c in answer.citations],
        retrieved=[RetrievedPassage(rank=h.rank, doc=h.chunk.doc_id, text=h.chunk.text) for h in answer.retrieved],
    )


def build_configs(
    names: Sequence[str], knowledge_base: KnowledgeBase, embeddings: Embeddings, corpus: Path
) -> list[Config]:
    """The named configurations, in the order given. `corpus` is the raw folder the naive baseline splits."""
    configs: list[Config] = []
    for name in names:
        if name in ASSISTANT_MODES:
            configs.append(AssistantConfig(name, Assistant(knowledge_base, ASSISTANT_MODES[name])))
        elif name == NaiveConfig.name:
            documents = read_corpus(corpus, knowledge_base.settings.max_file_bytes)
            configs.append(NaiveConfig(documents, embeddings))
        else:
            raise ValueError(f"unknown configuration '{name}' (known: {', '.join(CONFIG_NAMES)})")
    return configs
