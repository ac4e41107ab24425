from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from assistant.chain import QuestionRejected
from assistant.citations import Answer
from assistant.web.labels import LABELS
from assistant.web.public import PublicPage, build_public_app
from assistant.web.rate_limit import RateLimiter


class FakeAssistant:
    """Answers with the question echoed back, so tests see exactly what the page renders of it."""

    def __init__(self, refuse: str = "") -> None:
        self.refuse = refuse
        self.questions: list[str] = []

    def ask(self, question: str, **_: Any) -> Answer:
        if self.refuse:
            raise QuestionRejected(self.refuse)
        self.questions.append(question)
        return Answer(question=question, answer=f"echo: {question}", abstained=False, lang="ja")


def request_from(host: str) -> Any:
    return SimpleNamespace(client=SimpleNamespace(host=host))


def page(assistant: FakeAssistant, per_minute: int = 5, max_chars: int = 50) -> PublicPage:
    return PublicPage(assistant, RateLimiter(per_minute), max_chars)  # type: ignore[arg-type]


def test_the_only_api_endpoint_is_ask() -> None:
    app = build_public_app(FakeAssistant(), RateLimiter(5), 50)  # type: ignore[arg-type]
    api = app.get_api_info()
    assert set(api["named_endpoints"]) == {"/ask"}
    assert not api.get("unnamed_endpoints")
    assert {fn.name for fn in app.fns.values() if fn.fn is not None} == {"ask", "relabel"}
    assert [fn.api_name for fn in app.fns.values() if fn.api_visibility != "private"] == ["ask"]


def test_question_text_comes_back_inert() -> None:
    html = page(FakeAssistant()).ask("<img src=x onerror=alert(1)>", "ja", request_from("1.1.1.1"))
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_limits_answer_with_a_friendly_message_in_the_page_language(lang: str) -> None:
    assistant = FakeAssistant()
    public = page(assistant, per_minute=1, max_chars=10)
    assert LABELS[lang].empty in public.ask("   ", lang, request_from("a"))
    too_long = public.ask("あ" * 11, lang, request_from("a"))
    assert LABELS[lang].too_long.format(chars=11, limit=10) in too_long
    public.ask("質問", lang, request_from("a"))
    assert LABELS[lang].rate_limited in public.ask("質問", lang, request_from("a"))
    assert "echo" in public.ask("質問", lang, request_from("b"))
    assert assistant.questions == ["質問", "質問"]


def test_a_rejected_question_shows_the_chain_message() -> None:
    html = page(FakeAssistant(refuse="The question is empty.")).ask("x", "en", request_from("a"))
    assert "The question is empty." in html
