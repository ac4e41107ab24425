from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from assistant.chain import QuestionRejected
from assistant.citations import Answer, Citation, Turn
from assistant.web.feedback import FeedbackStore
from assistant.web.staff_chat import PENDING, StaffChat
from kb.search import SearchFilters


class FakeAssistant:
    def __init__(self) -> None:
        self.calls: list[tuple[str, list[Turn], SearchFilters | None]] = []

    def ask(self, question: str, history: list[Turn] | None = None, filters: SearchFilters | None = None) -> Answer:
        if not question.strip():
            raise QuestionRejected("The question is empty.")
        self.calls.append((question, history or [], filters))
        cited = Citation(
            n=1, doc="d", title="t", municipality="", page=None, section="", quote="q", chunk_id="c", chunk_text="q"
        )
        return Answer(
            question=question, answer=f"answer to {question} " * 4, abstained=False, lang="ja", citations=[cited]
        )


def chat(tmp_path: Path) -> tuple[StaffChat, FakeAssistant, FeedbackStore]:
    assistant, store = FakeAssistant(), FeedbackStore(tmp_path / "feedback.sqlite3")
    return StaffChat(assistant, library=None, feedback=store), assistant, store  # type: ignore[arg-type]


def test_an_answer_streams_in_growing_pieces_then_shows_its_sources(tmp_path: Path) -> None:
    handlers, _, _ = chat(tmp_path)
    steps = list(handlers.respond("目標は？", "", "", [], []))
    assert PENDING in steps[0][0][-1]["content"]
    shown = [messages[-1]["content"] for messages, *_ in steps[1:]]
    assert len(shown) > 2
    assert all(len(a) < len(b) for a, b in pairwise(shown))
    messages, answers, sources, box = steps[-1]
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert PENDING not in messages[-1]["content"]
    assert len(answers) == 1
    assert "Sources for: 目標は？" in sources
    assert box == ""


def test_a_follow_up_carries_the_history_and_the_filters(tmp_path: Path) -> None:
    handlers, assistant, _ = chat(tmp_path)
    *_, (messages, answers, _, _) = handlers.respond("川崎市の目標は？", "", "", [], [])
    list(handlers.respond("2050年は？", "川崎市", "004", messages, answers))
    question, history, filters = assistant.calls[-1]
    assert question == "2050年は？"
    assert [t.role for t in history] == ["user", "assistant"]
    assert history[0].content == "川崎市の目標は？"
    assert filters == SearchFilters(municipality="川崎市", doc_id="004")


def test_a_rejected_question_changes_nothing(tmp_path: Path) -> None:
    handlers, _, _ = chat(tmp_path)
    with pytest.warns(UserWarning, match="The question is empty."):  # gr.Warning outside a running app
        *_, (messages, answers, _, box) = handlers.respond("  ", "", "", [], [])
    assert (messages, answers, box) == ([], [], "  ")


def test_like_and_dislike_store_feedback_for_the_clicked_answer(tmp_path: Path) -> None:
    handlers, _, store = chat(tmp_path)
    *_, (messages, answers, _, _) = handlers.respond("一つ目", "", "", [], [])
    *_, (messages, answers, _, _) = handlers.respond("二つ目", "", "", messages, answers)
    liked: Any = SimpleNamespace(index=3, liked=False)
    comment, status = handlers.record_feedback(answers, "数字が違う", liked, SimpleNamespace(username="alice"))
    assert (comment, status) == ("", "Feedback saved for answer 2: bad.")
    ((_, _, user, rating, text, question, *_),) = store.rows()
    assert (user, rating, text, question) == ("alice", "bad", "数字が違う", "二つ目")
