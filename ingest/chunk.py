"""Sentences -> chunks of about `chunk_tokens` fugashi tokens, each with an exact span into the document text.

Chunks are packed from whole sentences so a passage never starts or ends mid-sentence; `overlap_tokens` of
trailing sentences are repeated at the start of the next chunk so an answer that straddles a cut is still
found whole. A page break always ends a chunk (a citation names one page); a heading ends it too unless the
chunk so far is tiny (tables of contents and slide labels would otherwise become one-line chunks).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ingest.document import Chunk, DocumentMeta
from ingest.tokenize import count_tokens, token_spans

TERMINATORS = "。！？!?"
"""The characters that end a sentence wherever they stand; the assistant reads sentences by the same ones."""
_TERMINATORS = frozenset(TERMINATORS)
_OPENERS = {"「": "」", "『": "』", "(": ")", "（": "）", "【": "】"}
_CLOSERS = frozenset(_OPENERS.values())
_CLAUSE_ENDS = frozenset("、,)」』】]:;")
_MIN_CHUNK_FRACTION = 4
"""A heading starts a new chunk only once the current one holds chunk_tokens / 4 tokens."""


@dataclass(frozen=True)
class Block:
    """A paragraph `text[start:end]` of the document, with the page and section heading it belongs to."""

    start: int
    end: int
    page: int | None
    section: str
    heading: bool = False


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    tokens: int
    page: int | None
    section: str
    opens_section: bool


def _sentence_ends(text: str, start: int, end: int, *, brackets: bool) -> list[int]:
    ends: list[int] = []
    expected: list[str] = []
    index = start
    while index < end:
        char = text[index]
        if brackets and char in _OPENERS:
            expected.append(_OPENERS[char])
        elif brackets and char in _CLOSERS:
            if expected and expected[-1] == char:
                expected.pop()
        elif char in _TERMINATORS and not expected:
            while index + 1 < end and text[index + 1] in _TERMINATORS:
                index += 1
            ends.append(index + 1)
        index += 1
    if expected:
        # A bracket never closed is extraction debris, not a quotation: split the rest as if it were absent.
        tail_start = ends[-1] if ends else start
        return ends + _sentence_ends(text, tail_start, end, brackets=False)
    return ends


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in `text[start:end]`: cut after 。！？!? but never inside 「」『』()【】.

    Spans are stripped of surrounding whitespace; text after the last terminator is a sentence too.
    """
    stop = len(text) if end is None else end
    bounds = [start, *_sentence_ends(text, start, stop, brackets=True)]
    if bounds[-1] < stop:
        bounds.append(stop)
    spans: list[tuple[int, int]] = []
    for left, right in pairwise(bounds):
        piece = text[left:right]
        stripped = piece.strip()
        if stripped:
            offset = left + len(piece) - len(piece.lstrip())
            spans.append((offset, offset + len(stripped)))
    return spans


def _split_long(text: str, start: int, end: int, limit: int) -> list[tuple[int, int, int]]:
    """Cut an over-long sentence into pieces of at most `limit` tokens, of near-equal size.

    Each cut is made at a token boundary, preferably one at a space or after 、,)」』】 (a table cell or clause
    edge) within the last quarter of the piece, rather than between two tokens of one compound (民生|系目標).
    """
    spans = token_spans(text[start:end])
    size = math.ceil(len(spans) / math.ceil(len(spans) / limit))
    pieces: list[tuple[int, int, int]] = []
    first = 0
    while len(spans) - first > limit:
        target = first + size
        good = [
            cut
            for cut in range(target, first + size - size // 4, -1)
            if text[start + spans[cut - 1][1] - 1] in _CLAUSE_ENDS or spans[cut - 1][1] < spans[cut][0]
        ]
        cut = good[0] if good else target
        pieces.append((start + spans[first][0], start + spans[cut - 1][1], cut - first))
        first = cut
    pieces.append((start + spans[first][0], start + spans[-1][1], len(spans) - first))
    return pieces


def _units(text: str, blocks: Sequence[Block], chunk_tokens: int) -> list[_Unit]:
    units: list[_Unit] = []
    for block in blocks:
        for index, (start, end) in enumerate(split_sentences(text, block.start, block.end)):
            tokens = count_tokens(text[start:end])
            pieces = _split_long(text, start, end, chunk_tokens) if tokens > chunk_tokens else []
            for piece_index, (piece_start, piece_end, piece_tokens) in enumerate(pieces or [(start, end, tokens)]):
                opens = block.heading and index == 0 and piece_index == 0
                units.append(_Unit(piece_start, piece_end, piece_tokens, block.page, block.section, opens))
    return units


def _overlap(previous: list[_Unit], overlap_tokens: int) -> list[_Unit]:
    """Trailing whole sentences of `previous` within `overlap_tokens`, never the whole chunk."""
    tail: list[_Unit] = []
    total = 0
    for unit in reversed(previous[1:]):
        if total + unit.tokens > overlap_tokens:
            break
        tail.insert(0, unit)
        total += unit.tokens
    return tail


def _chunk_id(doc_id: str, text: str, occurrence: int) -> str:
    key = f"{doc_id}\n{text}" if occurrence == 0 else f"{doc_id}\n{text}\n{occurrence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def chunk_document(
    text: str, blocks: Sequence[Block], meta: DocumentMeta, *, chunk_tokens: int, overlap_tokens: int
) -> list[Chunk]:
    """Pack the sentences of `blocks` into chunks; `text[chunk.start:chunk.end] == chunk.text` for each.

    Chunk ids hash doc id + text (plus an occurrence number for a passage repeated verbatim in the document),
    so re-ingesting unchanged text gives the same ids.
    """
    if chunk_tokens < 1 or overlap_tokens < 0 or overlap_tokens >= chunk_tokens:
        raise ValueError("need chunk_tokens >= 1 and 0 <= overlap_tokens < chunk_tokens")
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    for unit in _units(text, blocks, chunk_tokens):
        size = sum(u.tokens for u in current)
        new_page = bool(current) and unit.page != current[0].page
        new_section = bool(current) and unit.opens_section and size * _MIN_CHUNK_FRACTION >= chunk_tokens
        full = bool(current) and size + unit.tokens > chunk_tokens
        if new_page or new_section or full:
            groups.append(current)
            current = _overlap(current, overlap_tokens) if full and not (new_page or new_section) else []
            while current and sum(u.tokens for u in current) + unit.tokens > chunk_tokens:
                current.pop(0)
        current.append(unit)
    if current:
        groups.append(current)

    chunks: list[Chunk] = []
    seen: Counter[str] = Counter()
    for index, group in enumerate(groups):
        start, end = group[0].start, group[-1].end
        chunk_text = text[start:end]
        chunks.append(
            Chunk(
                chunk_id=_chunk_id(meta.doc_id, chunk_text, seen[chunk_text]),
                doc_id=meta.doc_id,
                index=index,
                text=chunk_text,
                start=start,
                end=end,
                page=group[0].page,
                section=next((u.section for u in group if not u.opens_section), group[0].section),
                title=meta.title,
                municipality=meta.municipality,
            )
        )
        seen[chunk_text] += 1
    return chunks
