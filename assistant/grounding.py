"""Turn a verified language-model answer into the Answer's text and citations, and choose what it may read.

The model cites the prompt's passage numbers ([3], [5]); readers get citations numbered [1], [2] in order of use,
each quoting the passage sentence that holds the answer's figures (or shares most of its wording), verbatim, so
the same checks and highlighting apply as for the extractive answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.citations import Citation
from assistant.evidence import passage_concerns
from assistant.verify import MARKER, Claim, Verdict, figures, marker_numbers, supported
from ingest.chunk import split_sentences
from ingest.document import Chunk
from ingest.normalize import normalize_text
from kb.search import SearchHit


def passages_for(
    hits: Sequence[SearchHit], evidence: Sequence[Chunk], municipalities: Sequence[str], limit: int
) -> list[Chunk]:
    """The passages the model may use: the extractive evidence first, then the other hits, at most `limit`.

    For a question about a municipality, other municipalities' passages are left out unless they name it, the
    same rule the extractive answerer follows, so the model cannot answer with another city's numbers.
    """
    chunks = {c.chunk_id: c for c in [*evidence, *(hit.chunk for hit in hits)]}
    evidence_ids = {c.chunk_id for c in evidence}
    return [c for c in chunks.values() if c.chunk_id in evidence_ids or passage_concerns(c, municipalities)][:limit]


def renumber(answer: str, order: dict[int, int]) -> str:
    """Rewrite each marker from passage numbers to citation numbers: "[3、5]" -> "[1][2]"."""

    def replace(match: re.Match[str]) -> str:
        numbers = dict.fromkeys(order[n] for n in marker_numbers(match.group(1)) if n in order)
        return "".join(f"[{n}]" for n in numbers)

    return MARKER.sub(replace, answer)


def _bigrams(text: str) -> set[str]:
    flat = normalize_text(text).replace(" ", "")
    return {flat[i : i + 2] for i in range(len(flat) - 1)}


def best_quote(text: str, claims: Sequence[Claim]) -> str:
    """The sentence(s) of a passage that best support the claims citing it.

    A sentence scores first by how many of the claims' figures it holds, then by the character pairs it shares
    with them. When the best sentence misses figures its neighbour holds, both are quoted as one span.
    """
    spans = split_sentences(text)
    if not spans:
        return text.strip()
    wanted = [f for claim in claims for f in claim.figures]
    words = _bigrams(" ".join(claim.text for claim in claims))
    held = [
        {i for i, f in enumerate(wanted) if supported(f, figures(normalize_text(text[a:b]), passage=True))}
        for a, b in spans
    ]
    scores = [(len(held[i]), len(_bigrams(text[a:b]) & words)) for i, (a, b) in enumerate(spans)]
    best = max(range(len(spans)), key=lambda i: (scores[i], -i))
    start, end = spans[best]
    missing = set(range(len(wanted))) - held[best]
    neighbours = [i for i in (best - 1, best + 1) if 0 <= i < len(spans) and held[i] & missing]
    if neighbours:
        other = max(neighbours, key=lambda i: len(held[i] & missing))
        start, end = min(start, spans[other][0]), max(end, spans[other][1])
    return text[start:end]


def cite(answer: str, verdict: Verdict, passages: Sequence[Chunk]) -> tuple[str, list[Citation]]:
    """The answer with citation-numbered markers, and one Citation per passage it used, in order of use."""
    order = {passage: n for n, passage in enumerate(verdict.cited, 1)}
    citations: list[Citation] = []
    for passage, n in order.items():
        chunk = passages[passage - 1]
        claims = [claim for claim in verdict.claims if passage in claim.cites]
        citations.append(Citation.of(n, chunk, best_quote(chunk.text, claims)))
    return renumber(answer, order), citations
