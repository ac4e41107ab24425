"""One FastAPI app, one knowledge base, one assistant: the public page at `/`, the staff workspace at `/staff`.

Chroma embedded allows one owning process, so both pages share the objects built here. Each page has its own
queue with `concurrency` workers, so a slow question does not hold up everyone behind it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import gradio as gr
from fastapi import FastAPI

from assistant.chain import Assistant
from assistant.settings import AssistantSettings
from assistant.web.auth import UsersFile, UsersFileError
from assistant.web.feedback import FeedbackStore
from assistant.web.library import Library
from assistant.web.public import build_public_app
from assistant.web.rate_limit import RateLimiter
from assistant.web.render import CSS
from assistant.web.staff import build_staff_app
from kb.knowledge_base import KnowledgeBase

STAFF_PATH = "/staff"


@dataclass(frozen=True)
class Server:
    app: FastAPI
    staff_problem: str
    """Why the staff pages are not served; empty when they are."""


def staff_problem(users: UsersFile) -> str:
    """No default password: without at least one user in the users file the staff pages stay off."""
    try:
        if not users.users():
            return f"the users file {users.path} has no users: add one with `climate-kb add-user NAME`"
    except UsersFileError as error:
        return str(error)
    return ""


def build_server(knowledge_base: KnowledgeBase, settings: AssistantSettings) -> Server:
    assistant = Assistant(knowledge_base, settings=settings)
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    common = {
        "server_name": settings.host,
        "server_port": settings.port,
        "css": CSS,
        "footer_links": [],
        "run_history": False,
    }
    users = UsersFile(settings.users_file)
    problem = staff_problem(users)
    if not problem:
        library = Library(knowledge_base, threading.Lock())
        staff = build_staff_app(assistant, library, FeedbackStore(settings.feedback_db), settings.eval_json)
        staff.queue(default_concurrency_limit=settings.concurrency)
        # Mounted before `/`, which would otherwise match every path.
        gr.mount_gradio_app(
            app,
            staff,
            STAFF_PATH,
            auth=users.authenticate,
            auth_message="climate-kb staff: log in with your staff account (created with climate-kb add-user).",
            max_file_size=knowledge_base.settings.max_file_bytes,
            **common,
        )
    limiter = RateLimiter(settings.public_rate_limit_per_minute)
    public = build_public_app(assistant, limiter, settings.max_question_chars)
    public.queue(default_concurrency_limit=settings.concurrency)
    # The public page takes no files: a zero upload limit closes gradio's upload route to anonymous clients.
    gr.mount_gradio_app(app, public, "/", max_file_size=0, **common)
    return Server(app=app, staff_problem=problem)
