"""Optional language-model answering: an OpenAI-compatible endpoint, or a local GGUF through llama-cpp-python.

The model only rewords what the retrieved passages say; assistant.verify checks its reply, and any failure (the
endpoint down, slow or erroring; a reply that breaks a rule; the model finding nothing) returns None, so the
chain keeps the extractive answer. Each fallback is logged with its reason. Model libraries are imported only
when a model is configured: langchain-openai takes about 2 s to import, llama-cpp-python is an optional extra.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.citations import Citation
from assistant.grounding import cite, passages_for
from assistant.prompt import NOT_FOUND, messages
from assistant.settings import AssistantSettings
from assistant.verify import verify
from ingest.document import Chunk
from kb.search import SearchHit

logger = logging.getLogger(__name__)

ChatModel = Runnable[list[BaseMessage], BaseMessage]
"""What the answerer calls: a LangChain chat model, or anything with the same invoke(messages) -> message."""

_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL)
_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


class LLMUnavailable(RuntimeError):
    """The configured language model cannot be used (missing extra, missing file, incomplete settings)."""


@dataclass(frozen=True)
class LLMAnswer:
    text: str
    citations: list[Citation]


def openai_chat_model(settings: AssistantSettings) -> ChatModel:
    """ChatOpenAI pointed at any OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp server, a cloud API).

    Only chat completions are called: nothing counts tokens, so tiktoken never fetches an encoding.
    """
    if not settings.llm_model:
        raise LLMUnavailable(
            "CLIMATE_KB_LLM_BASE_URL is set but CLIMATE_KB_LLM_MODEL is empty: name the model the endpoint serves, "
            "e.g. qwen2.5:7b-instruct"
        )
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        # Local servers ignore the key but the client insists on one; never fall back to OPENAI_API_KEY.
        api_key=settings.llm_api_key.get_secret_value() or "not-needed",
        timeout=settings.llm_timeout_s,
        max_retries=settings.llm_max_retries,
        temperature=settings.llm_temperature,
        # The classic field every OpenAI-compatible server reads; Ollama ignores langchain's max_completion_tokens.
        extra_body={"max_tokens": settings.llm_max_tokens},
    )


def llama_cpp_chat_model(path: Path, settings: AssistantSettings) -> ChatModel:
    """A user-supplied GGUF run in-process by llama-cpp-python, loaded on the first question.

    llama.cpp contexts are not thread-safe, so calls are serialised (the web app answers several at once).
    """
    try:
        import llama_cpp
    except ImportError as error:
        raise LLMUnavailable(
            f"CLIMATE_KB_LLM_GGUF_PATH is set ({path}) but llama-cpp-python is not installed; install the extra with "
            "`.venv/bin/pip install -e '.[llama]'` (it compiles llama.cpp, several minutes) or unset the path"
        ) from error
    if not path.is_file():
        raise LLMUnavailable(f"CLIMATE_KB_LLM_GGUF_PATH: no such file: {path}")
    lock = threading.Lock()

    @cache
    def load() -> Any:
        return llama_cpp.Llama(model_path=str(path), n_ctx=settings.llm_context_tokens, verbose=False)

    def chat(prompt: list[BaseMessage]) -> AIMessage:
        turns = [{"role": _ROLES.get(m.type, "user"), "content": m.text} for m in prompt]
        with lock:
            result = load().create_chat_completion(
                messages=turns, temperature=settings.llm_temperature, max_tokens=settings.llm_max_tokens
            )
        return AIMessage(result["choices"][0]["message"]["content"] or "")

    return RunnableLambda(chat, name="llama-cpp")


def chat_model_from_settings(settings: AssistantSettings) -> ChatModel | None:
    """The configured model (a GGUF path wins over a URL), or None for extractive answers only."""
    if settings.llm_gguf_path is not None:
        return llama_cpp_chat_model(settings.llm_gguf_path, settings)
    if settings.llm_base_url:
        return openai_chat_model(settings)
    return None


def reply_text(reply: BaseMessage | str) -> str:
    """The reply's text, without the <think> block reasoning models put before the answer."""
    text = reply if isinstance(reply, str) else reply.text
    return _THINKING.sub("", text).strip()


def describe(error: BaseException, depth: int = 3) -> str:
    """An exception with its causes, "OpenAIConnectionError: Connection error. <- ConnectError: [Errno 111] ...",
    since a client's own message alone rarely says what went wrong."""
    parts: list[str] = []
    current: BaseException | None = error
    while current is not None and len(parts) < depth:
        message = " ".join(str(current).split())
        parts.append(f"{type(current).__name__}: {message}" if message else type(current).__name__)
        current = current.__cause__ or current.__context__
    return " <- ".join(parts)


class LLMAnswerer:
    def __init__(self, model: ChatModel, max_passages: int) -> None:
        self.model = model
        self._max_passages = max_passages

    def answer(
        self,
        question: str,
        standalone: str,
        lang: str,
        hits: Sequence[SearchHit],
        evidence: Sequence[Chunk],
        municipalities: Sequence[str],
    ) -> LLMAnswer | None:
        """A verified, cited answer from the model, or None (logged) when the extractive one should stand."""
        passages = passages_for(hits, evidence, municipalities, self._max_passages)
        if not passages:
            return None
        try:
            reply = reply_text(self.model.invoke(messages(question, standalone, lang, passages)))
        except Exception as error:  # any failure of the model, its server or the network means: answer extractively
            logger.warning("language model failed (%s); using the extractive answer", describe(error))
            return None
        if NOT_FOUND in reply:
            logger.warning("language model found no answer in the passages; using the extractive answer")
            return None
        verdict = verify(reply, [chunk.text for chunk in passages])
        if not verdict.ok:
            logger.warning("language-model answer rejected: %s; using the extractive answer", verdict.reason)
            logger.debug("rejected reply: %r", reply)
            return None
        text, citations = cite(reply, verdict, passages)
        return LLMAnswer(text, citations)


def answerer_from_settings(settings: AssistantSettings) -> LLMAnswerer | None:
    model = chat_model_from_settings(settings)
    return None if model is None else LLMAnswerer(model, settings.passages)
