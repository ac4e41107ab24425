"""The staff chat's handlers: multi-turn questions with filters, streamed answers, sources, feedback.

The conversation lives in two session values: the Chatbot's messages (inert HTML for display) and the list of
Answer objects (what the chain returned), kept in step: message 2k is question k, message 2k+1 its answer.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.chain import Assistant, QuestionRejected
from assistant.citations import Answer, Citation, Turn
from assistant.web.feedback import FeedbackStore, Rating
from assistant.web.library import Library
from assistant.web.render import document_html, message_html, staff_sources_html
from kb.search import SearchFilters

STREAM_CHARS = 12
"""The extractive answer is ready at once; it is shown in pieces of this many characters so it reads as it
arrives, like a generated one would."""
STREAM_DELAY_S = 0.02
PENDING = "…"

Messages = list[dict[str, str]]


def _history(answers: list[Answer]) -> list[Turn]:
    turns: list[Turn] = []
    for answer in answers:
        turns += [Turn(role="user", content=answer.question), Turn(role="assistant", content=answer.answer)]
    return turns


def _answer_at(answers: list[Answer], message_index: Any) -> tuple[int, Answer] | None:
    """The answer a clicked chat message belongs to (a question or its answer)."""
    if not isinstance(message_index, int) or not 0 <= message_index // 2 < len(answers):
        return None
    return message_index // 2, answers[message_index // 2]


class StaffChat:
    def __init__(self, assistant: Assistant, library: Library, feedback: FeedbackStore) -> None:
        self._assistant = assistant
        self._library = library
        self._feedback = feedback

    def respond(
        self, question: str, municipality: str, doc_id: str, chat: Messages, answers: list[Answer]
    ) -> Iterator[tuple[Messages, list[Answer], str | dict, str]]:
        """Yields (messages, answers, sources panel, question box): the question at once, then the answer as it
        streams in, then its sources."""
        filters = SearchFilters(municipality=municipality or None, doc_id=doc_id or None)
        shown = [*chat, {"role": "user", "content": message_html(question)}]
        yield [*shown, {"role": "assistant", "content": PENDING}], answers, gr.skip(), ""
        try:
            answer = self._assistant.ask(question, history=_history(answers), filters=filters)
        except QuestionRejected as error:
            gr.Warning(str(error))
            yield chat, answers, gr.skip(), question
            return
        text = answer.answer
        for end in range(STREAM_CHARS, len(text), STREAM_CHARS):
            yield [*shown, {"role": "assistant", "content": message_html(text[:end])}], answers, gr.skip(), ""
            time.sleep(STREAM_DELAY_S)
        answers = [*answers, answer]
        final = [*shown, {"role": "assistant", "content": message_html(text)}]
        yield final, answers, staff_sources_html(answer, len(answers) - 1), ""

    @staticmethod
    def show_sources(answers: list[Answer], selected: gr.SelectData) -> str | dict:
        """Clicking a message shows the sources of its answer."""
        found = _answer_at(answers, selected.index)
        return staff_sources_html(found[1], found[0]) if found else gr.skip()

    def record_feedback(self, answers: list[Answer], comment: str, liked: gr.LikeData, request: gr.Request) -> tuple:
        """A 👍/👎 on an answer stores it with the comment box's text; returns (comment box, status line)."""
        found = _answer_at(answers, liked.index)
        if found is None or not isinstance(liked.liked, bool):
            return gr.skip(), gr.skip()
        number, answer = found
        rating = Rating.good if liked.liked else Rating.bad
        self._feedback.add(answer, rating, comment, request.username or "")
        return "", f"Feedback saved for answer {number + 1}: {rating.value}."

    def open_citation(self, answers: list[Answer], event: gr.EventData) -> tuple:
        """'Open in document' on a source: the viewer tab with the passage anchored; returns (viewer html,
        viewer document, selected tab)."""
        index, number = getattr(event, "answer", None), getattr(event, "cite", None)
        if not isinstance(index, int) or not 0 <= index < len(answers):
            return gr.skip(), gr.skip(), gr.skip()
        citation = next((c for c in answers[index].citations if c.n == number), None)
        if citation is None:
            return gr.skip(), gr.skip(), gr.skip()
        return self.view(citation.doc, citation), citation.doc, gr.Tabs(selected="viewer")

    def view(self, doc_id: str, citation: Citation | None = None) -> str:
        """A document in the viewer, with a cited passage anchored and marked when given."""
        text = self._library.document_text(doc_id) if doc_id else None
        meta = next((d.meta for d in self._library.documents() if d.meta.doc_id == doc_id), None)
        if text is None or meta is None:
            return '<p class="kb-note">Choose a document.</p>'
        return document_html(meta, text, citation)
