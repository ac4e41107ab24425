from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

LogIn = Callable[..., None]
FICTIONAL_PLAN = (
    "架空市の気候変動対策実行計画\n\n架空市は、2035年度までに市の公用車をすべて電気自動車に切り替えます。\n"
)
HOSTILE_PLAN = (
    "テスト市 <script>window.__pwned = 1</script> 気候計画\n\n"
    'テスト市は、2030年度までに市内の街路灯をすべてLEDに切り替えます。<img src=x onerror="window.__pwned = 2">\n'
)


@pytest.fixture
def locale() -> str:
    """The staff workspace is in English; so are gradio's own labels then."""
    return "en-US"


def ask(page: Page, question: str) -> None:
    """Send a chat question and wait until its sources are shown (the answer has finished streaming)."""
    page.locator("#staff-question textarea").fill(question)
    page.locator("#staff-question textarea").press("Enter")
    expect(page.locator("#sources")).to_contain_text(f"Sources for: {question}", timeout=90_000)


def upload(page: Page, path: Path, municipality: str) -> None:
    page.get_by_role("tab", name="Documents").click()
    page.locator("#upload-files input[type=file]").set_input_files(path)
    page.get_by_text("Metadata for every file").click()
    page.locator("#upload-municipality").get_by_role("textbox").fill(municipality)
    page.locator("#upload-add").click()
    expect(page.locator("#documents")).to_contain_text(path.stem, timeout=90_000)
    expect(page.locator("#upload-results").get_by_role("gridcell", name="added", exact=True)).to_be_visible()
    page.get_by_role("tab", name="Chat").click()


def remove(page: Page, doc_id: str) -> None:
    page.get_by_role("tab", name="Documents").click()
    page.locator("#remove-document input").fill(doc_id)
    page.get_by_role("option", name=doc_id).click()
    page.locator("#remove").click()
    expect(page.locator("#remove-status")).to_contain_text("Tick")
    expect(page.locator("#documents")).to_contain_text(doc_id)
    page.get_by_label("Yes, remove it").check()
    page.locator("#remove").click()
    expect(page.locator("#remove-status")).to_contain_text(f"Removed {doc_id}")
    expect(page.locator("#documents")).not_to_contain_text(doc_id)
    page.get_by_role("tab", name="Chat").click()


def test_a_wrong_password_is_refused(page: Page, log_in: LogIn) -> None:
    log_in(page, password="not-the-password")
    expect(page.get_by_text("Incorrect Credentials")).to_be_visible()
    expect(page.locator("#staff-question")).to_have_count(0)


def test_staff_chat_follow_up_sources_and_feedback(
    page: Page, live_server: Any, log_in: LogIn, save_screenshot: Callable[..., None]
) -> None:
    log_in(page)
    ask(page, "川崎市の2030年度の削減目標は？")
    expect(page.locator("#chat")).to_contain_text("50%")
    ask(page, "その2050年の目標は？")
    expect(page.locator("#sources .kb-source").first).to_contain_text("川崎市")
    expect(page.locator("#chat")).to_contain_text("2050")
    save_screenshot(page, "staff.png")

    page.locator("#feedback-comment textarea").fill("follow-up cites the right plan")
    page.locator("#chat button[aria-label='Like']").last.click()
    expect(page.locator("#feedback-status")).to_contain_text("Feedback saved for answer 2: good")
    with sqlite3.connect(live_server.settings.feedback_db) as db:
        rows = db.execute("SELECT rating, comment, question, citations FROM feedback").fetchall()
    assert rows[-1][:3] == ("good", "follow-up cites the right plan", "その2050年の目標は？")
    assert "chunk_text" in rows[-1][3]

    quote = page.locator("#sources .kb-source mark").first.inner_text()
    page.locator("#sources a.kb-open").first.click()
    passage = page.locator("#viewer .kb-passage")
    expect(passage).to_be_visible()
    assert (passage.get_attribute("id") or "").startswith("chunk-")
    expect(passage.locator("mark").first).to_have_text(quote)
    expect(passage).to_be_in_viewport()

    page.get_by_role("tab", name="Chat").click()
    page.locator("#chat button[aria-label='Clear']").click()
    expect(page.locator("#sources")).to_contain_text("The sources of the selected answer appear here.")
    ask(page, "さいたま市の削減目標は？")
    expect(page.locator("#sources .kb-source").first).to_contain_text("さいたま市")


def test_an_uploaded_document_answers_until_it_is_removed(page: Page, log_in: LogIn, tmp_path: Path) -> None:
    plan = tmp_path / "kakuu_plan.txt"
    plan.write_text(FICTIONAL_PLAN, encoding="utf-8")
    log_in(page)
    upload(page, plan, "架空市")
    ask(page, "架空市の公用車の目標は？")
    expect(page.locator("#sources .kb-source").first).to_contain_text("kakuu_plan")
    expect(page.locator("#chat")).to_contain_text("電気自動車")
    remove(page, "kakuu_plan")
    ask(page, "架空市の公用車を電気自動車にする目標は？")
    expect(page.locator("#sources")).not_to_contain_text("kakuu_plan")
    expect(page.locator("#sources")).not_to_contain_text("架空市は")


def test_html_in_a_document_is_shown_as_text_and_never_runs(
    page: Page, live_server: Any, log_in: LogIn, tmp_path: Path
) -> None:
    plan = tmp_path / "hostile_plan.txt"
    plan.write_text(HOSTILE_PLAN, encoding="utf-8")
    log_in(page)
    try:
        upload(page, plan, "テスト市")
        expect(page.locator("#documents")).to_contain_text("<script>window.__pwned = 1</script>")
        ask(page, "テスト市の街路灯の目標は？")
        expect(page.locator("#sources")).to_contain_text('<img src=x onerror="window.__pwned = 2">')
        expect(page.locator("#chat")).to_contain_text("<script>window.__pwned = 1</script>")
        page.locator("#sources a.kb-open").first.click()
        expect(page.locator("#viewer")).to_contain_text("<script>window.__pwned = 1</script>")
        assert page.evaluate("() => window.__pwned") is None

        page.goto(f"{live_server.url}/")
        page.locator("#question textarea").fill("テスト市の街路灯の目標は？")
        page.locator("#ask").click()
        page.locator("#answer details summary").first.click()
        expect(page.locator("#answer")).to_contain_text('<img src=x onerror="window.__pwned = 2">')
        expect(page.locator("#answer summary").first).to_contain_text("<script>window.__pwned = 1</script>")
        assert page.evaluate("() => window.__pwned") is None
    finally:
        live_server.knowledge_base.remove("hostile_plan")
