"""The public Q&A page: no login, Japanese first, one thing to do (ask).

Safe by construction: this module imports only the chain, rendering and the rate limiter. No knowledge-base
write, feedback export or settings function exists here, so none can be reached through Gradio's API either;
`ask` is the only public endpoint (the language switch is private and only returns labels).
"""

from __future__ import annotations

import html

import gradio as gr

from assistant.chain import Assistant, QuestionRejected
from assistant.web.labels import DEFAULT_LANG, LABELS, LANGUAGES, Labels
from assistant.web.rate_limit import RateLimiter
from assistant.web.render import notice_html, public_answer_html

ASK_API = "ask"


def _heading(labels: Labels) -> str:
    return f"<h1>{html.escape(labels.title)}</h1><p>{html.escape(labels.intro)}</p>"


class PublicPage:
    def __init__(self, assistant: Assistant, limiter: RateLimiter, max_question_chars: int) -> None:
        self._assistant = assistant
        self._limiter = limiter
        self._max_chars = max_question_chars

    def ask(self, question: str, lang: str, request: gr.Request) -> str:
        """Answer one question as HTML; limits and refusals come back as a friendly message, not an error."""
        labels = LABELS.get(lang, LABELS[DEFAULT_LANG])
        question = (question or "").strip()
        if not question:
            return notice_html(labels.empty)
        if len(question) > self._max_chars:
            return notice_html(labels.too_long.format(chars=len(question), limit=self._max_chars))
        client = request.client.host if request is not None and request.client is not None else "unknown"
        if not self._limiter.allow(client):
            return notice_html(labels.rate_limited)
        try:
            answer = self._assistant.ask(question)
        except QuestionRejected as error:
            return notice_html(str(error))
        return public_answer_html(answer, labels)

    @staticmethod
    def relabel(lang: str) -> list:
        labels = LABELS[lang]
        return [
            _heading(labels),
            gr.Textbox(label=labels.question, placeholder=labels.placeholder),
            gr.Button(labels.ask),
            f"<h3>{html.escape(labels.examples)}</h3>",
            *(gr.Button(q) for q in labels.example_questions),
        ]


def build_public_app(assistant: Assistant, limiter: RateLimiter, max_question_chars: int) -> gr.Blocks:
    page = PublicPage(assistant, limiter, max_question_chars)
    labels = LABELS[DEFAULT_LANG]
    with gr.Blocks(title=f"{LABELS['ja'].title} / {LABELS['en'].title}") as app:
        with gr.Row(equal_height=True):
            heading = gr.HTML(_heading(labels), elem_id="heading", scale=4)
            language = gr.Radio(
                [(name, code) for name, code in LANGUAGES.items()],
                value=DEFAULT_LANG,
                label="言語 / Language",
                elem_id="language",
                scale=1,
            )
        question = gr.Textbox(
            label=labels.question,
            placeholder=labels.placeholder,
            max_length=max_question_chars,
            lines=2,
            elem_id="question",
        )
        ask = gr.Button(labels.ask, variant="primary", elem_id="ask")
        examples_heading = gr.HTML(f"<h3>{html.escape(labels.examples)}</h3>")
        with gr.Row():
            examples = [gr.Button(q, size="sm", elem_classes="kb-example") for q in labels.example_questions]
        answer = gr.HTML(elem_id="answer")

        inputs = [question, language]
        ask.click(page.ask, inputs, answer, api_name=ASK_API)
        question.submit(page.ask, inputs, answer, api_visibility="private")
        for example in examples:
            example.click(None, example, question, js="(q) => q").then(
                page.ask, inputs, answer, api_visibility="private"
            )
        language.change(
            page.relabel, language, [heading, question, ask, examples_heading, *examples], api_visibility="private"
        )
    return app
