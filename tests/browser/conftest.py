"""A real server on a free loopback port over a temporary knowledge base of the five seeds, and Debian's
Chromium driven by Playwright (never `playwright install`: it downloads a browser and fails offline)."""

from __future__ import annotations

import io
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from PIL import Image
from playwright.sync_api import Page, Playwright, sync_playwright

from assistant.settings import AssistantSettings
from assistant.web.auth import UsersFile
from assistant.web.server import build_server
from kb.embeddings import SentenceTransformerEmbeddings
from kb.knowledge_base import KnowledgeBase
from kb.settings import PROJECT_ROOT, KBSettings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
USER, PASSWORD = "staff-tester", "correct-horse-battery"
WAIT_MS = 90_000
"""How long a page waits for an element: an answer takes seconds on a busy two-core machine."""
SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
REFRESH_SCREENSHOTS = "CLIMATE_KB_REFRESH_SCREENSHOTS"
"""Set to 1 to rewrite the README's screenshots; otherwise a test run leaves the working tree as it was."""


@dataclass(frozen=True)
class LiveServer:
    url: str
    knowledge_base: KnowledgeBase
    settings: AssistantSettings


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, default_embeddings: SentenceTransformerEmbeddings
) -> Iterator[LiveServer]:
    root = tmp_path_factory.mktemp("web")
    knowledge_base = KnowledgeBase(KBSettings(dir=root / "kb", chroma_url=""), default_embeddings)
    knowledge_base.ingest([PROJECT_ROOT / "corpus"])
    UsersFile(root / "users.json").set_password(USER, PASSWORD)
    settings = AssistantSettings(
        port=_free_port(),
        users_file=root / "users.json",
        feedback_db=root / "feedback.sqlite3",
        eval_json=root / "eval.json",
    )
    server = uvicorn.Server(
        uvicorn.Config(
            build_server(knowledge_base, settings).app, host="127.0.0.1", port=settings.port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the web server did not start")
        time.sleep(0.1)
    yield LiveServer(f"http://127.0.0.1:{settings.port}", knowledge_base, settings)
    server.should_exit = True
    thread.join(timeout=30)
    knowledge_base.close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.fail("browser tests need Debian's Chromium: apt-get install chromium chromium-driver fonts-noto-cjk")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def locale() -> str:
    """The browser's language; gradio translates its own labels (the login form, buttons) to it."""
    return "ja-JP"


@pytest.fixture
def page(playwright: Playwright, tmp_path: Path, locale: str) -> Iterator[Page]:
    """A fresh browser profile per test: no login cookie carries over."""
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
        viewport={"width": 1280, "height": 860},
        locale=locale,
    )
    page = context.pages[0] if context.pages else context.new_page()
    page.set_default_timeout(WAIT_MS)
    yield page
    context.close()


@pytest.fixture
def log_in(live_server: LiveServer) -> Callable[..., None]:
    """Log a page in to the staff workspace (or try to, with another password)."""

    def submit(page: Page, password: str = PASSWORD) -> None:
        page.goto(f"{live_server.url}/staff/")
        page.get_by_label("username").fill(USER)
        page.get_by_label("password").fill(password)
        page.get_by_role("button", name="Login").click()

    return submit


@pytest.fixture(scope="session")
def save_screenshot(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., None]:
    """Writes NAME as a palette PNG, small enough to commit: to docs/screenshots when asked to refresh them, else to a
    scratch folder (the page is still drawn, so a page that cannot be drawn fails)."""
    folder = SCREENSHOTS if os.environ.get(REFRESH_SCREENSHOTS) == "1" else tmp_path_factory.mktemp("screenshots")

    def save(page: Page, name: str, full_page: bool = False) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        image = Image.open(io.BytesIO(page.screenshot(full_page=full_page))).convert("RGB")
        image.quantize(colors=128).save(folder / name, optimize=True)

    return save
