"""HTML for answers, sources and documents. Every string from a document or a user passes through `html.escape`
here before it meets markup, so HTML or JavaScript inside a document or a question is shown, never run."""

from __future__ import annotations

import html
import re

from assistant.citations import Answer, Citation
from assistant.web.labels import Labels
from ingest.document import DocumentMeta

CSS = """
.kb-answer .kb-text, .kb-answer .kb-abstained { font-size: 1.05rem; line-height: 1.7; }
.kb-abstained { border-left: 4px solid #d97706; padding-left: .75rem; }
.kb-sources { padding-left: 0; list-style: none; }
.kb-sources details { border: 1px solid #d1d5db; border-radius: 6px; padding: .4rem .7rem; margin: .4rem 0; }
.kb-sources summary { cursor: pointer; }
.kb-passage-text { white-space: pre-wrap; line-height: 1.7; }
.kb-note { color: #6b7280; font-size: .9rem; }
.kb-source { border: 1px solid #d1d5db; border-radius: 6px; padding: .5rem .75rem; margin-bottom: .6rem; }
.kb-source-head { font-size: .9rem; margin-bottom: .3rem; }
.kb-doc { white-space: pre-wrap; line-height: 1.8; max-height: 70vh; overflow-y: auto; }
.kb-doc .kb-passage { background: #fef9c3; outline: 2px solid #facc15; }
mark { background: #fde047; color: inherit; }
"""


def text_html(text: str) -> str:
    """Escaped text with its line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def quote_span(passage: str, quote: str) -> tuple[int, int] | None:
    """Where the quoted sentence lies in its passage; whitespace may differ (line breaks inside PDF sentences)."""
    start = passage.find(quote)
    if start >= 0:
        return start, start + len(quote)
    characters = [re.escape(c) for c in quote if not c.isspace()]
    match = re.search(r"\s*".join(characters), passage) if characters else None
    return match.span() if match else None


def highlight(passage: str, quote: str) -> str:
    """The passage, escaped, with the quoted sentence in <mark>."""
    span = quote_span(passage, quote)
    if span is None:
        return html.escape(passage)
    start, end = span
    return f"{html.escape(passage[:start])}<mark>{html.escape(passage[start:end])}</mark>{html.escape(passage[end:])}"


def location(citation: Citation) -> str:
    """Page and section, as far as the document has them."""
    parts = [f"p.{citation.page}" if citation.page is not None else "", citation.section]
    return " · ".join(p for p in parts if p)


def _source_head(citation: Citation) -> str:
    where = " · ".join(p for p in (citation.municipality, location(citation)) if p)
    head = f"[{citation.n}] <strong>{html.escape(citation.title)}</strong>"
    return f"{head} — {html.escape(where)}" if where else head


def public_answer_html(answer: Answer, labels: Labels) -> str:
    """The answer, then each source folded (title, municipality, place; the passage with the quote marked)."""
    css_class = "kb-abstained" if answer.abstained else "kb-text"
    parts = [f'<div class="kb-answer"><p class="{css_class}" lang="{html.escape(answer.lang)}">']
    parts.append(f"{text_html(answer.answer)}</p>")
    if answer.citations:
        parts.append(f'<h3>{html.escape(labels.sources)}</h3><ol class="kb-sources">')
        for citation in answer.citations:
            parts.append(
                f"<li><details><summary>{_source_head(citation)}</summary>"
                f'<div class="kb-passage-text" lang="ja">{highlight(citation.chunk_text, citation.quote)}</div>'
                "</details></li>"
            )
        parts.append(f'</ol><p class="kb-note">{html.escape(labels.note)}</p>')
    parts.append("</div>")
    return "".join(parts)


def message_html(text: str) -> str:
    """A chat message (question or answer) as inert HTML for a Chatbot that renders no markdown."""
    return f'<div class="kb-message">{text_html(text)}</div>'


def notice_html(text: str) -> str:
    return f'<p class="kb-abstained">{html.escape(text)}</p>'


def staff_sources_html(answer: Answer | None, index: int = 0) -> str:
    """Every source of one answer, open, each with a link that shows the passage in its document; `index` is the
    answer's place in the conversation, which the link reports back with the citation number."""
    if answer is None:
        return '<p class="kb-note">The sources of the selected answer appear here.</p>'
    parts = [f'<p class="kb-note">Sources for: {html.escape(answer.question)}</p>']
    if not answer.citations:
        parts.append('<p class="kb-note">None: the assistant did not find an answer in the documents.</p>')
    for citation in answer.citations:
        parts.append(
            f'<div class="kb-source"><div class="kb-source-head">{_source_head(citation)}'
            f" <code>{html.escape(citation.doc)}</code></div>"
            f'<div class="kb-passage-text" lang="ja">{highlight(citation.chunk_text, citation.quote)}</div>'
            f'<a href="#" class="kb-open" data-answer="{index}" data-cite="{citation.n}">Open in document</a></div>'
        )
    return "".join(parts)


def chunk_anchor(chunk_id: str) -> str:
    return f"chunk-{chunk_id}"


def document_html(meta: DocumentMeta, text: str, citation: Citation | None = None) -> str:
    """The normalised document text with the cited passage anchored at `#chunk-<id>` and its quote marked."""
    facts = [meta.municipality, meta.publisher, meta.date, meta.doc_type, meta.doc_id]
    head = f'<h3>{html.escape(meta.title)}</h3><p class="kb-note">{html.escape(" · ".join(f for f in facts if f))}</p>'
    start = text.find(citation.chunk_text) if citation is not None else -1
    if citation is None or start < 0:
        note = "" if citation is None else '<p class="kb-note">The cited passage is no longer in this document.</p>'
        return f'{head}{note}<div class="kb-doc" lang="ja">{html.escape(text)}</div>'
    end = start + len(citation.chunk_text)
    anchor = html.escape(chunk_anchor(citation.chunk_id))
    return (
        f'{head}<div class="kb-doc" lang="ja">{html.escape(text[:start])}'
        f'<span class="kb-passage" id="{anchor}">{highlight(citation.chunk_text, citation.quote)}</span>'
        f"{html.escape(text[end:])}</div>"
    )
