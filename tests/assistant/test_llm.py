"""The language-model path against a real HTTP server on loopback that speaks the OpenAI chat-completions protocol.

The server replies from a script that reads the request (the numbered passages the prompt gave), so a test can
answer with the right passage number, a made-up figure, a passage that does not exist, an error or silence.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import Embeddings
from typer.testing import CliRunner

import kb.knowledge_base
from assistant.chain import Assistant
from assistant.citations import Answer
from assistant.llm import LLMUnavailable, chat_model_from_settings, reply_text
from assistant.prompt import NOT_FOUND
from assistant.settings import AssistantSettings
from climate_kb.cli import app
from kb.knowledge_base import KnowledgeBase

KAWASAKI_2030 = "川崎市の2030年度の温室効果ガス削減目標は？"
TARGET = "▲50%削減(2013年度比)"
"""The Kawasaki 2030 target as the stored (normalised) passage writes it."""


@dataclass
class Reply:
    content: str = ""
    status: int = 200
    delay_s: float = 0.0


Script = Callable[[dict[str, Any]], Reply]


class ChatServer:
    """An OpenAI-compatible /v1/chat/completions on 127.0.0.1 (a free port), answering with `script(request)`."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.script: Script = lambda request: Reply("")
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(request)
                reply = server.script(request) if self.path == "/v1/chat/completions" else Reply(status=404)
                time.sleep(reply.delay_s)
                if reply.status == 200:
                    body = {
                        "id": f"chatcmpl-{len(server.requests)}",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": request["model"],
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": reply.content},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    }
                else:
                    body = {"error": {"message": "scripted failure", "type": "server_error", "code": None}}
                payload = json.dumps(body, ensure_ascii=False).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout test)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> ChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def server() -> Iterator[ChatServer]:
    with ChatServer() as chat_server:
        yield chat_server


def passages(request: dict[str, Any]) -> dict[int, str]:
    """The numbered passages in the prompt the server received: {n: passage text}."""
    user = next(m["content"] for m in request["messages"] if m["role"] == "user")
    found = re.findall(r"^\[(\d+)\] [^\n]*\n(.*?)(?=\n\n\[\d+\] |\n\n質問: )", user, re.MULTILINE | re.DOTALL)
    return {int(n): text for n, text in found}


def passage_with(request: dict[str, Any], text: str) -> int:
    return next(n for n, passage in passages(request).items() if text in passage)


def llm_assistant(kb: KnowledgeBase, url: str, **settings: Any) -> Assistant:
    settings = {"llm_base_url": url, "llm_model": "test-model", "llm_gguf_path": None, "llm_max_retries": 0} | settings
    return Assistant(kb, settings=AssistantSettings(**settings))


@pytest.fixture(scope="module")
def extractive(seeded_kb: KnowledgeBase) -> Assistant:
    return Assistant(seeded_kb, settings=AssistantSettings(llm_base_url="", llm_gguf_path=None))


def assert_fell_back(answer: Answer, extractive: Assistant, question: str) -> None:
    expected = extractive.ask(question)
    assert answer.answered_by == "extractive"
    assert answer.answer == expected.answer
    assert [c.chunk_id for c in answer.citations] == [c.chunk_id for c in expected.citations]


def fallback_reasons(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "assistant.llm" and r.levelno == logging.WARNING]


# ------------------------------------------------------------------------------------------------ the chain


def test_a_cited_reply_is_used_and_its_citations_point_at_the_passages_it_cites(
    seeded_kb: KnowledgeBase, server: ChatServer, caplog: pytest.LogCaptureFixture
) -> None:
    def script(request: dict[str, Any]) -> Reply:
        n = passage_with(request, TARGET)
        return Reply(f"川崎市は、2030年度までに温室効果ガス排出量を{TARGET}することを目標としています[{n}]。")

    server.script = script
    with caplog.at_level(logging.WARNING, logger="assistant.llm"):
        answer = llm_assistant(seeded_kb, server.url).ask(KAWASAKI_2030)
    assert fallback_reasons(caplog) == []
    assert answer.answered_by == "llm"
    assert not answer.abstained
    assert answer.answer == f"川崎市は、2030年度までに温室効果ガス排出量を{TARGET}することを目標としています[1]。"
    [citation] = answer.citations
    cited = passages(server.requests[0])[passage_with(server.requests[0], TARGET)]
    [chunk] = [h.chunk for h in answer.retrieved if h.chunk.text == cited]
    assert (citation.n, citation.chunk_id, citation.doc, citation.municipality) == (
        1,
        chunk.chunk_id,
        chunk.doc_id,
        "川崎市",
    )
    assert citation.title == chunk.title and citation.page == chunk.page
    assert TARGET in citation.quote and citation.quote in chunk.text


def test_the_request_carries_the_rules_the_model_and_the_token_limit(
    seeded_kb: KnowledgeBase, server: ChatServer
) -> None:
    server.script = lambda request: Reply(NOT_FOUND)
    llm_assistant(seeded_kb, server.url, llm_max_tokens=321, llm_api_key="secret").ask(KAWASAKI_2030)
    [request] = server.requests
    assert request["model"] == "test-model"
    assert request["max_tokens"] == 321
    assert request["temperature"] == 0
    system = request["messages"][0]
    assert system["role"] == "system" and NOT_FOUND in system["content"]
    assert 1 <= len(passages(request)) <= 8
    assert KAWASAKI_2030 in request["messages"][1]["content"]


def test_citations_are_renumbered_in_order_of_use(seeded_kb: KnowledgeBase, server: ChatServer) -> None:
    def script(request: dict[str, Any]) -> Reply:
        target = passage_with(request, TARGET)
        other = max(n for n in passages(request) if n != target)
        return Reply(f"川崎市の2030年度の目標は{TARGET}です[{target}]。資料は他にもあります[{other}、{target}]。")

    server.script = script
    answer = llm_assistant(seeded_kb, server.url).ask(KAWASAKI_2030)
    assert answer.answered_by == "llm"
    assert answer.answer == f"川崎市の2030年度の目標は{TARGET}です[1]。資料は他にもあります[2][1]。"
    assert [c.n for c in answer.citations] == [1, 2]
    assert all(c.quote in c.chunk_text for c in answer.citations)


def test_a_made_up_figure_is_rejected_and_the_extractive_answer_returned(
    seeded_kb: KnowledgeBase, server: ChatServer, extractive: Assistant, caplog: pytest.LogCaptureFixture
) -> None:
    def script(request: dict[str, Any]) -> Reply:
        n = passage_with(request, TARGET)
        return Reply(f"川崎市は、2030年度までに▲60%削減(2013年度比)を目指しています[{n}]。")

    server.script = script
    with caplog.at_level(logging.WARNING, logger="assistant.llm"):
        answer = llm_assistant(seeded_kb, server.url).ask(KAWASAKI_2030)
    assert len(server.requests) == 1
    assert_fell_back(answer, extractive, KAWASAKI_2030)
    assert "60%" not in answer.answer
    [reason] = fallback_reasons(caplog)
    assert "rejected" in reason and "'60%'" in reason


@pytest.mark.parametrize(
    ("script", "reason"),
    [
        (lambda request: Reply(f"川崎市の2030年度の目標は{TARGET}です[9]。"), "[9]"),
        (
            lambda request: Reply(
                f"川崎市の2030年度の目標は{TARGET}です[{passage_with(request, TARGET)}]。これは野心的な目標です。"
            ),
            "sentence 2 cites no passage",
        ),
        (lambda request: Reply(f"<think>資料を確認します。</think>\n{NOT_FOUND}"), "found no answer"),
    ],
    ids=["cites-a-passage-not-given", "sentence-without-citation", "model-found-nothing"],
)
def test_an_unusable_reply_keeps_the_extractive_answer_and_logs_why(
    seeded_kb: KnowledgeBase,
    server: ChatServer,
    extractive: Assistant,
    caplog: pytest.LogCaptureFixture,
    script: Callable[[dict[str, Any]], Reply],
    reason: str,
) -> None:
    server.script = script
    with caplog.at_level(logging.WARNING, logger="assistant.llm"):
        answer = llm_assistant(seeded_kb, server.url).ask(KAWASAKI_2030)
    assert_fell_back(answer, extractive, KAWASAKI_2030)
    [logged] = fallback_reasons(caplog)
    assert reason in logged


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    ("failure", "logged"),
    [("down", "Connection refused"), ("timeout", "timed out"), ("500", "Error code: 500")],
)
def test_an_endpoint_that_is_down_slow_or_failing_falls_back_with_the_reason_logged(
    seeded_kb: KnowledgeBase,
    server: ChatServer,
    extractive: Assistant,
    caplog: pytest.LogCaptureFixture,
    failure: str,
    logged: str,
) -> None:
    url = server.url
    if failure == "down":
        url = f"http://127.0.0.1:{free_port()}/v1"
    elif failure == "timeout":
        server.script = lambda request: Reply(f"川崎市の目標は{TARGET}です[1]。", delay_s=3.0)
    else:
        server.script = lambda request: Reply(status=500)
    with caplog.at_level(logging.WARNING, logger="assistant.llm"):
        started = time.perf_counter()
        answer = llm_assistant(seeded_kb, url, llm_timeout_s=0.5).ask(KAWASAKI_2030)
        elapsed = time.perf_counter() - started
    assert_fell_back(answer, extractive, KAWASAKI_2030)
    [reason] = fallback_reasons(caplog)
    assert "language model failed" in reason and logged in reason, reason
    assert elapsed < 2.5
    assert len(server.requests) == (0 if failure == "down" else 1)


def test_a_failing_endpoint_is_retried_as_configured(seeded_kb: KnowledgeBase, server: ChatServer) -> None:
    server.script = lambda request: Reply(status=500)
    answer = llm_assistant(seeded_kb, server.url, llm_max_retries=1).ask(KAWASAKI_2030)
    assert answer.answered_by == "extractive"
    assert len(server.requests) == 2


@pytest.mark.parametrize(
    "question", ["横浜市の2030年度の削減目標は？", "What is Osaka's 2030 target?", "川崎市の2040年度の削減目標は？"]
)
def test_a_question_the_extractive_step_abstains_on_never_reaches_the_model(
    seeded_kb: KnowledgeBase, server: ChatServer, question: str
) -> None:
    server.script = lambda request: Reply(f"2030年度の目標は{TARGET}です[1]。")
    answer = llm_assistant(seeded_kb, server.url).ask(question)
    assert answer.abstained
    assert answer.citations == []
    assert answer.answered_by == "extractive"
    assert server.requests == []


def test_an_english_question_gets_an_english_answer_with_the_figures_as_written(
    seeded_kb: KnowledgeBase, server: ChatServer
) -> None:
    def script(request: dict[str, Any]) -> Reply:
        assert "英語" in request["messages"][-1]["content"]
        n = passage_with(request, TARGET)
        return Reply(f"Kawasaki aims to cut its emissions by ▲50% by fiscal 2030, compared with fiscal 2013 [{n}].")

    server.script = script
    answer = llm_assistant(seeded_kb, server.url).ask("What is Kawasaki's greenhouse gas reduction target for 2030?")
    assert answer.lang == "en"
    assert answer.answered_by == "llm"
    assert answer.answer.endswith("[1].")
    assert TARGET in answer.citations[0].quote


def test_another_citys_passage_is_not_shown_to_the_model(seeded_kb: KnowledgeBase, server: ChatServer) -> None:
    server.script = lambda request: Reply(NOT_FOUND)
    answer = llm_assistant(seeded_kb, server.url).ask("栃木市で脱炭素を担当している課は？")
    others = [
        h.chunk.text for h in answer.retrieved if h.chunk.municipality != "栃木市" and "栃木市" not in h.chunk.text
    ]
    assert others, "the search should also find other cities' passages, or this test shows nothing"
    sent = list(passages(server.requests[0]).values())
    assert sent
    assert not [text for text in others if text in sent]


# --------------------------------------------------------------------------------------------- the command


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, default_embeddings: Embeddings) -> pytest.MonkeyPatch:
    """The command with the session's model and no CLIMATE_KB_* variables but the ones a test sets."""
    monkeypatch.setattr(kb.knowledge_base, "load_embeddings", lambda settings: default_embeddings)
    for name in [name for name in os.environ if name.startswith("CLIMATE_KB_")]:
        monkeypatch.delenv(name)
    return monkeypatch


def test_ask_uses_the_endpoint_set_in_the_environment(
    seeded_kb: KnowledgeBase, server: ChatServer, cli_env: pytest.MonkeyPatch
) -> None:
    server.script = lambda request: Reply(f"2030年度の目標は{TARGET}です[{passage_with(request, TARGET)}]。")
    cli_env.setenv("CLIMATE_KB_LLM_BASE_URL", server.url)
    cli_env.setenv("CLIMATE_KB_LLM_MODEL", "qwen2.5:7b-instruct")
    result = CliRunner().invoke(app, ["ask", KAWASAKI_2030, "--json", "--kb", str(seeded_kb.settings.dir)])
    assert result.exit_code == 0, result.output
    reply = json.loads(result.stdout)
    assert reply["answer"] == f"2030年度の目標は{TARGET}です[1]。"
    assert [c["n"] for c in reply["citations"]] == [1]
    assert server.requests[0]["model"] == "qwen2.5:7b-instruct"


def test_ask_with_an_incomplete_model_setting_exits_2_saying_what_is_missing(
    seeded_kb: KnowledgeBase, cli_env: pytest.MonkeyPatch
) -> None:
    cli_env.setenv("CLIMATE_KB_LLM_BASE_URL", "http://127.0.0.1:11434/v1")
    result = CliRunner().invoke(app, ["ask", KAWASAKI_2030, "--kb", str(seeded_kb.settings.dir)])
    assert result.exit_code == 2
    assert "CLIMATE_KB_LLM_MODEL is empty" in result.stderr


# --------------------------------------------------------------------------------------- model configuration


def test_no_model_is_configured_by_default() -> None:
    assert chat_model_from_settings(AssistantSettings(llm_base_url="", llm_gguf_path=None)) is None


def test_an_endpoint_without_a_model_name_is_a_clear_error() -> None:
    with pytest.raises(LLMUnavailable, match="CLIMATE_KB_LLM_MODEL"):
        chat_model_from_settings(
            AssistantSettings(llm_base_url="http://127.0.0.1:11434/v1", llm_model="", llm_gguf_path=None)
        )


def test_a_gguf_without_the_llama_extra_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # as if the extra were not installed
    settings = AssistantSettings(llm_gguf_path=gguf, llm_base_url="http://127.0.0.1:11434/v1", llm_model="m")
    with pytest.raises(LLMUnavailable, match=r"llama-cpp-python is not installed.*\.\[llama\]"):
        chat_model_from_settings(settings)


def test_reasoning_is_stripped_from_the_reply() -> None:
    assert reply_text("<think>\n考え中[3]\n</think>\n答えです[1]。") == "答えです[1]。"
