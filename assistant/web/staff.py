"""The staff workspace at /staff (login required): chat with sources and feedback, a document viewer, the
documents tab (upload, list, remove), the feedback export and the latest evaluation result."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

import gradio as gr

from assistant.chain import Assistant
from assistant.web.evaluation import HOW_TO_RUN, EvalFileError, load_eval
from assistant.web.feedback import FeedbackStore
from assistant.web.library import UPLOAD_FIELDS, Library
from assistant.web.render import staff_sources_html
from assistant.web.staff_chat import StaffChat

UPLOAD_TYPES = [".txt", ".md", ".pdf", ".html", ".htm"]
DOCUMENT_COLUMNS = ["doc_id", "title", "municipality", "publisher", "date", "type", "chunks", "added"]
RESULT_COLUMNS = ["file", "doc_id", "status", "chunks", "reason"]

# The sources panel is plain HTML; its "Open in document" links report which citation was clicked.
OPEN_LINK_JS = """
element.addEventListener('click', (event) => {
  const link = event.target.closest('a.kb-open');
  if (!link) return;
  event.preventDefault();
  trigger('click', {answer: Number(link.dataset.answer), cite: Number(link.dataset.cite)});
});
"""
SCROLL_TO_PASSAGE_JS = """
() => setTimeout(() => document.querySelector('#viewer .kb-passage')?.scrollIntoView({block: 'center'}), 150)
"""


class StaffPage:
    def __init__(self, library: Library, feedback: FeedbackStore, eval_json: Path) -> None:
        self._library = library
        self._feedback = feedback
        self._eval_json = eval_json
        self._exports = Path(tempfile.mkdtemp(prefix="climate-kb-feedback-"))

    def catalog(self, removed: str = "") -> tuple:
        """Everything that lists documents: (table, municipality filter, document filter, viewer, remove); the
        removal choice is cleared once its document is gone."""
        documents = self._library.documents()
        rows = [
            [m.doc_id, m.title, m.municipality, m.publisher, m.date, m.doc_type, d.chunk_count, d.added_at]
            for d in documents
            for m in [d.meta]
        ]
        places = sorted({d.meta.municipality for d in documents if d.meta.municipality})
        named = [(f"{d.meta.title} ({d.meta.doc_id})", d.meta.doc_id) for d in documents]
        return (
            rows,
            gr.Dropdown(choices=[("All municipalities", ""), *[(p, p) for p in places]]),
            gr.Dropdown(choices=[("All documents", ""), *named]),
            gr.Dropdown(choices=named),
            gr.Dropdown(choices=named, value=None) if removed else gr.Dropdown(choices=named),
        )

    def add_documents(
        self,
        files: list[str] | None,
        municipality: str,
        publisher: str,
        date: str,
        doc_type: str,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 - gradio finds its progress bar by this default
    ) -> tuple:
        """Returns (per-file results, upload box, *catalog)."""
        if not files:
            gr.Warning("Choose one or more files first.")
            return gr.skip(), gr.skip(), *self.catalog()
        metadata = {"municipality": municipality, "publisher": publisher, "date": date, "doc_type": doc_type}
        results = self._library.add([Path(f) for f in files], metadata, lambda f, d: progress(f, desc=d))
        rows = [[Path(r.path).name, r.doc_id, r.status.value, r.chunks, r.reason] for r in results]
        return rows, None, *self.catalog()

    def remove_document(self, doc_id: str | None, confirmed: bool) -> tuple:
        """Needs the confirmation box ticked; returns (status, confirmation box, *catalog)."""
        if not doc_id:
            return "Choose a document to remove.", gr.skip(), *self.catalog()
        if not confirmed:
            return f"Tick “Yes, remove it” to remove `{doc_id}`.", gr.skip(), *self.catalog()
        removed = self._library.remove(doc_id)
        status = f"Removed `{doc_id}`." if removed else f"`{doc_id}` was not in the knowledge base."
        return status, False, *self.catalog(removed=doc_id)

    def export_feedback(self) -> tuple[str, str]:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        out = self._feedback.export_csv(self._exports / f"feedback-{stamp}.csv")
        return str(out), f"{len(self._feedback.rows())} feedback rows exported."

    def evaluation(self) -> tuple:
        """(summary, metrics, chart, by category, failures), or a note how to produce a result."""
        try:
            view = load_eval(self._eval_json)
        except EvalFileError as error:
            return str(error), None, None, None, None
        if view is None:
            html_report = self._eval_json.with_suffix(".html")
            return HOW_TO_RUN.format(path=self._eval_json, html=html_report), None, None, None, None
        chart = gr.BarPlot(view.chart, sort=list(view.chart["metric"]))
        return view.summary, view.metrics, chart, view.by_category, view.failures


def build_staff_app(assistant: Assistant, library: Library, feedback: FeedbackStore, eval_json: Path) -> gr.Blocks:
    chat_handlers = StaffChat(assistant, library, feedback)
    page = StaffPage(library, feedback, eval_json)
    max_chars = assistant.settings.max_question_chars
    with gr.Blocks(title="climate-kb staff", delete_cache=(3600, 86400)) as app:
        gr.HTML('<h2>climate-kb — staff</h2><p><a href="logout">Log out</a></p>')
        answers = gr.State([])
        with gr.Tabs() as tabs:
            with gr.Tab("Chat", id="chat"), gr.Row():
                with gr.Column(scale=3):
                    with gr.Row():
                        municipality = gr.Dropdown(
                            [("All municipalities", "")], value="", label="Municipality", elem_id="filter-municipality"
                        )
                        document = gr.Dropdown(
                            [("All documents", "")], value="", label="Document", elem_id="filter-document"
                        )
                    chatbot = gr.Chatbot(
                        label="Conversation",
                        render_markdown=False,
                        latex_delimiters=[],
                        # No copy buttons (they would copy the messages' HTML); the bin starts a new conversation.
                        buttons=[],
                        height=460,
                        elem_id="chat",
                    )
                    question = gr.Textbox(
                        label="Question", max_length=max_chars, elem_id="staff-question", submit_btn="Send"
                    )
                    comment = gr.Textbox(
                        label="Feedback comment (optional; saved when you press Like or Dislike under an answer)",
                        elem_id="feedback-comment",
                    )
                    feedback_status = gr.Markdown(elem_id="feedback-status")
                with gr.Column(scale=2):
                    gr.Markdown("### Sources")
                    sources = gr.HTML(staff_sources_html(None), js_on_load=OPEN_LINK_JS, elem_id="sources")
            with gr.Tab("Document viewer", id="viewer"):
                viewer_doc = gr.Dropdown(label="Document", elem_id="viewer-document")
                viewer = gr.HTML(chat_handlers.view(""), elem_id="viewer")
            with gr.Tab("Documents", id="documents"):
                files = gr.File(
                    label="Files to add", file_count="multiple", file_types=UPLOAD_TYPES, elem_id="upload-files"
                )
                with gr.Accordion("Metadata for every file of this upload (optional)", open=False), gr.Row():
                    fields = [
                        gr.Textbox(label=name.replace("_", " ").capitalize(), elem_id=f"upload-{name}")
                        for name in UPLOAD_FIELDS
                    ]
                add = gr.Button("Add to knowledge base", variant="primary", elem_id="upload-add")
                results = gr.Dataframe(
                    headers=RESULT_COLUMNS, label="Upload results", interactive=False, elem_id="upload-results"
                )
                table = gr.Dataframe(
                    headers=DOCUMENT_COLUMNS, label="Documents", interactive=False, wrap=True, elem_id="documents"
                )
                with gr.Row(equal_height=True):
                    to_remove = gr.Dropdown(label="Document to remove", elem_id="remove-document", scale=3)
                    confirm = gr.Checkbox(label="Yes, remove it", elem_id="remove-confirm", scale=1)
                    remove = gr.Button("Remove", variant="stop", elem_id="remove", scale=1)
                remove_status = gr.Markdown(elem_id="remove-status")
            with gr.Tab("Feedback", id="feedback"):
                export = gr.Button("Export feedback as CSV", elem_id="export-feedback")
                export_status = gr.Markdown()
                export_file = gr.File(label="CSV", interactive=False, elem_id="feedback-csv")
            with gr.Tab("Evaluation", id="evaluation"):
                refresh = gr.Button("Refresh", size="sm")
                eval_summary = gr.Markdown(elem_id="eval-summary")
                eval_chart = gr.BarPlot(x="metric", y="value", y_lim=[0, 1], x_label_angle=-30, label="Headline rates")
                eval_metrics = gr.Dataframe(label="Headline metrics", interactive=False)
                eval_categories = gr.Dataframe(label="By category", interactive=False)
                eval_failures = gr.Dataframe(label="Failed questions", interactive=False, wrap=True)

        catalog_outputs = [table, municipality, document, viewer_doc, to_remove]
        eval_outputs = [eval_summary, eval_metrics, eval_chart, eval_categories, eval_failures]
        app.load(page.catalog, None, catalog_outputs, api_visibility="private")
        app.load(page.evaluation, None, eval_outputs, api_visibility="private")

        question.submit(
            chat_handlers.respond,
            [question, municipality, document, chatbot, answers],
            [chatbot, answers, sources, question],
            api_name="ask",
        )
        chatbot.clear(lambda: ([], staff_sources_html(None)), None, [answers, sources], api_visibility="private")
        chatbot.select(chat_handlers.show_sources, answers, sources, api_visibility="private")
        chatbot.like(chat_handlers.record_feedback, [answers, comment], [comment, feedback_status], api_name="feedback")
        sources.click(chat_handlers.open_citation, answers, [viewer, viewer_doc, tabs], api_visibility="private").then(
            None, js=SCROLL_TO_PASSAGE_JS
        )
        viewer_doc.input(chat_handlers.view, viewer_doc, viewer, api_visibility="private")

        add.click(
            page.add_documents,
            [files, *fields],
            [results, files, *catalog_outputs],
            api_name="add_documents",
            show_progress_on=results,
        )
        remove.click(
            page.remove_document, [to_remove, confirm], [remove_status, confirm, *catalog_outputs], api_name="remove"
        )
        export.click(page.export_feedback, None, [export_file, export_status], api_name="export_feedback")
        refresh.click(page.evaluation, None, eval_outputs, api_visibility="private")
    return app
