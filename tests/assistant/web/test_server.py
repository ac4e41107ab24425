from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from gradio_client import Client

from assistant.citations import Answer
from assistant.settings import AssistantSettings
from assistant.web.auth import UsersFile
from assistant.web.server import build_server
from kb.knowledge_base import KnowledgeBase
from kb.settings import KBSettings


@pytest.fixture
def knowledge_base(tmp_path: Path) -> Iterator[KnowledgeBase]:
    """An empty knowledge base: building the pages reads nothing from it and loads no model."""
    kb = KnowledgeBase(KBSettings(dir=tmp_path / "kb", chroma_url=""))
    yield kb
    kb.close()


def settings(tmp_path: Path) -> AssistantSettings:
    return AssistantSettings(
        users_file=tmp_path / "users.json", feedback_db=tmp_path / "feedback.sqlite3", eval_json=tmp_path / "e.json"
    )


def test_without_a_users_file_only_the_public_page_is_served(tmp_path: Path, knowledge_base: KnowledgeBase) -> None:
    server = build_server(knowledge_base, settings(tmp_path))
    assert "climate-kb add-user" in server.staff_problem
    with TestClient(server.app) as client:
        assert client.get("/").status_code == 200
        assert "/ask" in client.get("/gradio_api/info").json()["named_endpoints"]
        assert client.get("/staff/gradio_api/info").status_code == 404


def test_an_empty_users_file_counts_as_missing(tmp_path: Path, knowledge_base: KnowledgeBase) -> None:
    (tmp_path / "users.json").write_text("{}", encoding="utf-8")
    assert "has no users" in build_server(knowledge_base, settings(tmp_path)).staff_problem


def test_staff_pages_need_a_login_and_refuse_a_wrong_password(tmp_path: Path, knowledge_base: KnowledgeBase) -> None:
    UsersFile(tmp_path / "users.json").set_password("alice", "right-password")
    server = build_server(knowledge_base, settings(tmp_path))
    assert server.staff_problem == ""
    with TestClient(server.app) as client:
        assert client.get("/staff/gradio_api/info").status_code == 401
        wrong = client.post("/staff/login", data={"username": "alice", "password": "wrong-password"})
        assert wrong.status_code == 400
        assert client.get("/staff/gradio_api/info").status_code == 401
        assert client.post("/staff/login", data={"username": "alice", "password": "right-password"}).status_code == 200
        endpoints = client.get("/staff/gradio_api/info").json()["named_endpoints"]
        assert {"/ask", "/add_documents", "/remove", "/export_feedback"} <= set(endpoints)


class MeetingAssistant:
    """Answers only once two questions are being answered at the same moment."""

    meeting = threading.Barrier(2, timeout=20)

    def __init__(self, knowledge_base: KnowledgeBase, settings: AssistantSettings) -> None:
        self.settings = settings

    def ask(self, question: str, **_: Any) -> Answer:
        self.meeting.wait()
        return Answer(question=question, answer="met", abstained=False, lang="ja")


def test_one_slow_question_does_not_hold_up_the_next(
    tmp_path: Path, knowledge_base: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("assistant.web.server.Assistant", MeetingAssistant)
    config = settings(tmp_path).model_copy(update={"concurrency": 2})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(build_server(knowledge_base, config).app, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.05)
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(lambda q: client.predict(q, "ja", api_name="/ask"), ["一つ目", "二つ目"]))
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert all("met" in answer for answer in answers)
