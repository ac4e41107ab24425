"""`climate-kb ask`: the answer as text, or as one JSON object for scripts and staff diagnosing an abstention."""

from __future__ import annotations

import json
import os

import pytest
from langchain_core.embeddings import Embeddings
from typer.testing import CliRunner

import kb.knowledge_base
from climate_kb.cli import app
from kb.knowledge_base import KnowledgeBase


@pytest.fixture(autouse=True)
def shared_model(monkeypatch: pytest.MonkeyPatch, default_embeddings: Embeddings) -> None:
    """The command loads the model itself; hand it the session's instance, and no developer's CLIMATE_KB_*."""
    monkeypatch.setattr(kb.knowledge_base, "load_embeddings", lambda settings: default_embeddings)
    for name in [name for name in os.environ if name.startswith("CLIMATE_KB_")]:
        monkeypatch.delenv(name)


def ask_json(question: str, seeded_kb: KnowledgeBase) -> dict:
    result = CliRunner().invoke(app, ["ask", question, "--json", "--kb", str(seeded_kb.settings.dir)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ask_json_says_which_check_abstained(seeded_kb: KnowledgeBase) -> None:
    reply = ask_json("横浜市の2030年度の削減目標は？", seeded_kb)
    assert reply["abstained"] is True
    assert reply["abstention"] == "uncovered place"
    assert reply["citations"] == []


def test_ask_json_has_no_abstention_reason_for_an_answer(seeded_kb: KnowledgeBase) -> None:
    reply = ask_json("川崎市の2030年度の温室効果ガス削減目標は？", seeded_kb)
    assert reply["abstained"] is False
    assert reply["abstention"] is None
    assert reply["citations"]
