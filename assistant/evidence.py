"""A quote the answer may cite: the passage it comes from, its text and where it stands in that passage.

The answerer's modules (sentence selection, lists, values, tables, superlatives) all hand these around; they live
here so that each of those modules can build and compare them without importing the selector.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ingest.document import Chunk
from kb.search import SearchHit


@dataclass(frozen=True)
class Evidence:
    hit: SearchHit
    sentence: str
    score: float
    start: int = -1
    """Where the sentence starts in its passage's text; -1 when it was not quoted from one place of it."""
    signals: Mapping[str, float] = field(default_factory=dict, compare=False)
    """What its score was made of (assistant.ranking), for the selector's sentences; empty for the others."""


def overlaps(first: Evidence, second: Evidence) -> bool:
    """Two quotes sharing a line would repeat themselves in the answer."""
    return bool(set(first.sentence.split("\n")) & set(second.sentence.split("\n"))) or (
        first.sentence in second.sentence or second.sentence in first.sentence
    )


def passage_concerns(chunk: Chunk, municipalities: Sequence[str]) -> bool:
    """A passage may answer a question about these municipalities when it is from one of their documents or
    names one of them; any passage may when none is asked. The language-model answerer reads by the same rule."""
    return not municipalities or chunk.municipality in municipalities or any(m in chunk.text for m in municipalities)


def sentence_allowed(hit: SearchHit, sentence: str, municipalities: tuple[str, ...]) -> bool:
    """Evidence from the asked municipality's documents, or a sentence that names that municipality."""
    return hit.chunk.municipality in municipalities or any(m in sentence for m in municipalities)


def located(evidence: Evidence) -> int:
    """Where the quote starts in its passage's text; -1 when it is not there once."""
    text = evidence.hit.chunk.text
    if evidence.start >= 0 and text[evidence.start : evidence.start + len(evidence.sentence)] == evidence.sentence:
        return evidence.start
    start = text.find(evidence.sentence)
    return start if start >= 0 and text.find(evidence.sentence, start + 1) < 0 else -1


def same_stretch(first: Evidence, second: Evidence) -> bool:
    """Two quotes of one passage whose spans overlap."""
    if first.hit.chunk.chunk_id != second.hit.chunk.chunk_id or first.start < 0 or second.start < 0:
        return False
    return first.start < second.start + len(second.sentence) and second.start < first.start + len(first.sentence)


def union(first: Evidence, second: Evidence) -> tuple[int, int]:
    return min(first.start, second.start), max(first.start + len(first.sentence), second.start + len(second.sentence))


def requote(evidence: Evidence, span: tuple[int, int]) -> Evidence:
    """The evidence re-quoted as another span of its passage."""
    return Evidence(evidence.hit, evidence.hit.chunk.text[span[0] : span[1]], evidence.score, span[0])
