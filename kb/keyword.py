"""BM25 over fugashi tokens of normalised text, persisted beside Chroma.

Chroma's own sparse index is refused by the local engine (see the environment notes), so the keyword side is a
bm25s index rebuilt from the catalog after each committed change. Each build goes to a fresh folder and a small
pointer file is swapped in atomically, so a reader never sees a half-written index; the pointer records the
catalog generation it was built from, which is how a stale index is detected after a crash.
"""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from ingest.document import Chunk
from ingest.tokenize import search_keys

log = logging.getLogger(__name__)

TOKENS_VERSION = 2
"""Raise when what a passage is indexed by changes (search_keys, _indexed_text): tokens the catalog kept under
another version are read anew."""
_POINTER = "keyword.json"
_ROWS = "rows.json"
_DOCUMENT_FREQUENCY = "document_frequency.json"


@dataclass(frozen=True)
class KeywordHit:
    chunk_id: str
    score: float


@dataclass(frozen=True)
class _Row:
    chunk_id: str
    doc_id: str
    municipality: str


class KeywordIndex:
    """A loaded BM25 index plus, per row, what metadata filters need."""

    def __init__(
        self, bm25: bm25s.BM25 | None, rows: list[_Row], document_frequency: dict[str, int], generation: int
    ) -> None:
        self._bm25 = bm25
        self._rows = rows
        self._document_frequency = document_frequency
        self.generation = generation
        self._doc_ids = np.array([r.doc_id for r in rows], dtype=object)
        self._municipalities = np.array([r.municipality for r in rows], dtype=object)

    @classmethod
    def build(cls, chunks: list[Chunk], generation: int, tokens: list[list[str]] | None = None) -> KeywordIndex:
        """`tokens`: each chunk's `indexed_tokens`, when already read."""
        rows = [_Row(c.chunk_id, c.doc_id, c.municipality) for c in chunks]
        if not chunks:
            return cls(None, rows, {}, generation)
        bm25 = bm25s.BM25()
        corpus_tokens = tokens if tokens is not None else [indexed_tokens(c) for c in chunks]
        bm25.index(corpus_tokens, show_progress=False)
        document_frequency = Counter(token for tokens in corpus_tokens for token in set(tokens))
        return cls(bm25, rows, dict(document_frequency), generation)

    def idf(self, token: str) -> float | None:
        """BM25's inverse document frequency of a token, or None when no passage contains it."""
        frequency = self._document_frequency.get(next(iter(search_keys(token)), token))
        if not frequency:
            return None
        return math.log(1 + (len(self._rows) - frequency + 0.5) / (frequency + 0.5))

    def __len__(self) -> int:
        return len(self._rows)

    def terms(self) -> list[str]:
        """Every token some passage is indexed by: the documents' own vocabulary."""
        return list(self._document_frequency)

    def search(
        self, query: str, k: int, municipality: str | None = None, doc_id: str | None = None
    ) -> list[KeywordHit]:
        tokens = search_keys(query)
        if self._bm25 is None or not tokens:
            return []
        mask = self._filter_mask(municipality, doc_id)
        ids = self._bm25.get_tokens_ids(tokens)
        if not ids:
            return []
        scores = self._bm25.get_scores_from_ids(ids, weight_mask=mask)
        top = np.argsort(-scores, kind="stable")[:k]
        return [KeywordHit(self._rows[i].chunk_id, float(scores[i])) for i in top if scores[i] > 0]

    def _filter_mask(self, municipality: str | None, doc_id: str | None) -> np.ndarray | None:
        if not municipality and not doc_id:
            return None
        mask = np.ones(len(self._rows), dtype=np.float32)
        if municipality:
            mask *= self._municipalities == municipality
        if doc_id:
            mask *= self._doc_ids == doc_id
        return mask

    def save(self, folder: Path) -> None:
        """Write to a new versioned folder, then swap the pointer; older versions are removed afterwards."""
        folder.mkdir(parents=True, exist_ok=True)
        # A fresh name every time: saving the same generation again (a no-change ingest) must not first delete
        # the folder the pointer names, or a crash or a concurrent reader would find no index there.
        version_dir = folder / f"keyword-{self.generation}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        version_dir.mkdir()
        if self._bm25 is not None:
            self._bm25.save(str(version_dir), show_progress=False)
        (version_dir / _ROWS).write_text(
            json.dumps([[r.chunk_id, r.doc_id, r.municipality] for r in self._rows], ensure_ascii=False),
            encoding="utf-8",
        )
        (version_dir / _DOCUMENT_FREQUENCY).write_text(
            json.dumps(self._document_frequency, ensure_ascii=False), encoding="utf-8"
        )
        pointer_tmp = folder / f"{_POINTER}.tmp-{os.getpid()}"
        pointer_tmp.write_text(json.dumps({"dir": version_dir.name, "generation": self.generation}))
        os.replace(pointer_tmp, folder / _POINTER)
        for old in folder.glob("keyword-*"):
            if old != version_dir:
                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex | None:
        """The index the pointer names, or None when there is none yet (or it is unreadable)."""
        try:
            pointer = json.loads((folder / _POINTER).read_text())
            version_dir = folder / pointer["dir"]
            rows = [_Row(*r) for r in json.loads((version_dir / _ROWS).read_text(encoding="utf-8"))]
            frequency = json.loads((version_dir / _DOCUMENT_FREQUENCY).read_text(encoding="utf-8"))
            bm25 = bm25s.BM25.load(str(version_dir), show_progress=False) if rows else None
        except (OSError, ValueError, KeyError) as error:
            log.warning("keyword index in %s unreadable (%s); it will be rebuilt", folder, error)
            return None
        return cls(bm25, rows, frequency, int(pointer["generation"]))


def indexed_tokens(chunk: Chunk) -> list[str]:
    """What a passage is found by; a passage without a token keeps its row with an empty one."""
    return search_keys(_indexed_text(chunk)) or [""]


def _indexed_text(chunk: Chunk) -> str:
    """Section headings are indexed with the body: a question often names the heading, not the sentence."""
    return f"{chunk.section}\n{chunk.text}" if chunk.section else chunk.text
