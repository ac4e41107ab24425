from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from gradio_client import Client
from gradio_client.exceptions import AuthenticationError
from playwright.sync_api import Page, expect

from assistant.compose import ABSTENTION
from assistant.web.labels import LABELS

pytestmark = pytest.mark.browser

STAFF_API = ["/add_documents", "/remove", "/export_feedback", "/feedback"]


def ask(page: Page, server: Any, question: str) -> None:
    page.goto(f"{server.url}/")
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()
    page.locator("#answer .kb-answer, #answer .kb-abstained").first.wait_for()


def test_a_resident_sees_the_kawasaki_target_with_an_expandable_source(
    page: Page, live_server: Any, save_screenshot: Callable[..., None]
) -> None:
    ask(page, live_server, "川崎市の2030年度の削減目標は？")
    answer = page.locator("#answer")
    expect(answer.locator(".kb-text")).to_contain_text("50%")
    source = answer.locator("details").first
    expect(source.locator("mark")).not_to_be_visible()
    source.locator("summary").click()
    expect(source.locator("mark")).to_be_visible()
    expect(source.locator("summary")).to_contain_text("川崎市")
    expect(answer).to_contain_text(LABELS["ja"].note)
    save_screenshot(page, "public.png", full_page=True)


def test_an_english_question_gets_an_english_page_and_answer(page: Page, live_server: Any) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_label("English").check()
    expect(page.locator("#ask")).to_have_text(LABELS["en"].ask)
    page.locator("#question textarea").fill("What is Kawasaki's 2030 emissions reduction target?")
    page.locator("#ask").click()
    answer = page.locator("#answer .kb-text")
    answer.wait_for()
    expect(answer).to_contain_text("The documents say")
    expect(answer).to_contain_text("50%")
    expect(page.locator("#answer h3")).to_have_text(LABELS["en"].sources)


def test_a_question_the_documents_do_not_cover_gets_the_abstention(page: Page, live_server: Any) -> None:
    ask(page, live_server, "横浜市の2030年度の削減目標は？")
    expect(page.locator("#answer .kb-abstained")).to_contain_text(ABSTENTION["ja"])
    expect(page.locator("#answer details")).to_have_count(0)


def test_staff_functions_cannot_be_called_through_the_public_api(live_server: Any) -> None:
    client = Client(f"{live_server.url}/", verbose=False)
    assert set(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == {"/ask"}
    for api_name in STAFF_API:
        with pytest.raises(ValueError, match="Cannot find a function"):
            client.predict(api_name=api_name)
    assert "50%" in client.predict("川崎市の2030年度の削減目標は？", "ja", api_name="/ask")
    with pytest.raises(AuthenticationError):
        Client(f"{live_server.url}/staff/", verbose=False)
