"""The facade every caller uses: add files, remove a document, list documents, search.

Write order per document, chosen so that any interruption leaves the previous knowledge base intact:
embed and upsert the new vectors (invisible until the catalog lists them) -> swap the catalog rows in one
transaction (the commit point) -> delete vectors of the old version -> rebuild the keyword index from the
catalog. Vectors orphaned by a crash are swept on the next write, chunks the catalog lists but Chroma lacks (a
crash between steps, a wiped Chroma folder) are re-embedded by the next ingest, and a keyword index older than
the catalog is rebuilt before it is used.

The embedding model is loaded on the first text to embed, so removing or listing documents never loads it; listing
them imports neither torch nor Chroma either.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock
from langchain_core.embeddings import Embeddings
from pydantic import BaseModel

from ingest.document import Chunk, DocumentMeta
from ingest.errors import IngestError
from ingest.loaders import list_ingestible_files
from ingest.manifest import load_manifest
from ingest.normalize import normalize_text
from ingest.pipeline import prepare_document
from kb.catalog import Catalog, StoredDocument, StoredNames
from kb.keyword import TOKENS_VERSION, KeywordIndex, indexed_tokens
from kb.lazy_embeddings import LazyEmbeddings
from kb.loanwords import Loanwords
from kb.names import NAMES_VERSION, DocumentNames, NameCounts, count_names
from kb.neighbours import NearestTerms
from kb.passage import passage_text
from kb.per_generation import PerGeneration
from kb.query import QueryExpander
from kb.search import HybridSearcher, SearchFilters, SearchHit, SearchMode
from kb.settings import KBSettings
from kb.term_vectors import StoredTermVectors
from kb.vector_identity import VectorIdentity

if TYPE_CHECKING:
    from kb.store import VectorStore

log = logging.getLogger(__name__)


class IngestStatus(StrEnum):
    added = "added"
    updated = "updated"
    unchanged = "unchanged"
    failed = "failed"


class IngestResult(BaseModel):
    path: str
    doc_id: str
    status: IngestStatus
    chunks: int = 0
    reason: str = ""


class IngestProgress:
    """Hooks a caller overrides to show progress (a CLI bar, a web progress component)."""

    def file_started(self, path: Path, chunk_count: int) -> None:
        """A file was read and chunked; `chunk_count` chunks will be embedded."""

    def chunks_embedded(self, count: int) -> None:
        """Another `count` chunks of the current file are embedded."""

    def file_done(self, result: IngestResult) -> None:
        """The file is stored, skipped or failed."""

    def repair_started(self, chunk_count: int) -> None:
        """`chunk_count` stored chunks have no vector (a crash, a wiped Chroma folder) and will be re-embedded."""


class QueryTooLong(ValueError):
    pass


class KnowledgeBase:
    def __init__(
        self, settings: KBSettings | None = None, embeddings: Embeddings | None = None, reader: Embeddings | None = None
    ) -> None:
        """`embeddings` embeds the passages stored; `reader` what a question compares with them (the question, the
        sentences it reranks, its English words): by default the ONNX export when one is confirmed
        (kb/onnx_embeddings.py), so answering never imports torch; else `embeddings`."""
        self.settings = settings or KBSettings()
        self.settings.dir.mkdir(parents=True, exist_ok=True)
        self._catalog = Catalog(self.settings.dir / "catalog.sqlite3")
        self._embeddings = embeddings or LazyEmbeddings(lambda: load_embeddings(self.settings))
        self._reader = (
            reader or embeddings or LazyEmbeddings(lambda: reading_embeddings(self.settings, self._embeddings))
        )
        self._write_lock = FileLock(str(self.settings.dir / "write.lock"))
        self._keyword_lock = threading.Lock()
        self._keyword: KeywordIndex | None = None
        self._term_vectors = StoredTermVectors(
            self._catalog, self._reader.embed_documents, VectorIdentity.of(self.settings)
        )
        self._expander = PerGeneration(
            self._catalog.generation,
            lambda: QueryExpander(
                self._catalog.municipalities(),
                DocumentNames.merge(self._document_names()),
                Loanwords(self._texts()),
                self._nearest_terms(),
            ),
        )
        self._vectors_lock = threading.Lock()
        self._vector_store: VectorStore | None = None

    def close(self) -> None:
        self._catalog.close()

    @property
    def _vectors(self) -> VectorStore:
        """Opened on first use (and checked against the stored embedding set-up then); embeds nothing itself."""
        if self._vector_store is None:
            with self._vectors_lock:
                if self._vector_store is None:
                    from kb.store import VectorStore  # imports Chroma, which listing documents does not need

                    self._vector_store = VectorStore(
                        self.settings, self._embeddings, VectorIdentity.of(self.settings), self._reader
                    )
        return self._vector_store

    def documents(self) -> list[StoredDocument]:
        return self._catalog.documents()

    def document_text(self, doc_id: str) -> str | None:
        return self._catalog.document_text(doc_id)

    def chunk_covering(self, doc_id: str, start: int, end: int) -> Chunk | None:
        return self._catalog.chunk_covering(doc_id, start, end)

    def ingest(self, paths: list[Path], progress: IngestProgress | None = None) -> list[IngestResult]:
        """Store each file whole or not at all; a bad file is reported and the rest go on."""
        progress = progress or IngestProgress()
        results: list[IngestResult] = []
        with self._write_lock:
            self._reconcile_vectors(progress)
            for path, meta in _expand(paths):
                result = self._ingest_one(path, meta, progress)
                results.append(result)
                progress.file_done(result)
            self._refresh_keyword_index()
        return results

    def remove(self, doc_id: str) -> bool:
        with self._write_lock:
            old_ids = self._catalog.chunk_ids(doc_id)
            removed = self._catalog.remove_document(doc_id)
            self._vectors.delete(old_ids)
            self._refresh_keyword_index()
        return removed

    def search(
        self, query: str, k: int | None = None, filters: SearchFilters | None = None, mode: SearchMode | None = None
    ) -> list[SearchHit]:
        if len(query) > self.settings.max_query_chars:
            raise QueryTooLong(
                f"the question has {len(query):,} characters; the limit is {self.settings.max_query_chars:,}"
            )
        return self.searcher(mode).search(query, k or self.settings.default_k, filters)

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait seconds for: the embedding model (and its query
        export), Chroma, the keyword index and the document terms English words are read as. A server calls this
        before it takes requests."""
        if self._catalog.generation():
            self.search("温室効果ガス削減目標", k=1)
            self._expander.get().prepare()

    def term_rarity(self, token: str) -> float | None:
        """BM25 idf of a keyword token over the stored passages; None when no passage contains it."""
        return self._current_keyword_index().idf(token)

    def similarity(self, query: str, texts: list[str]) -> list[float]:
        """How close each text is to the query in the embedding model's judgement (cosine)."""
        return self._vectors.similarity(query, texts)

    def municipalities(self) -> set[str]:
        return self._catalog.municipalities()

    def japanese_wording(self, english: str) -> list[str]:
        """The Japanese words search adds to an English query (kb/query.py), for callers that score the
        Japanese text themselves."""
        return self._expander.get().japanese(english)

    def documents_spelling(self, japanese: str) -> str:
        """A Japanese text with the names it writes in kana or romaji spelled as the documents do (kb/names.py),
        for callers that score the text themselves."""
        return self._expander.get().respell(japanese)

    def _nearest_terms(self) -> NearestTerms:
        """English words to the stored documents' own terms (kb/neighbours.py); embeds nothing until asked."""
        return NearestTerms(
            self._current_keyword_index().terms(),
            self._reader.embed_documents,
            similarity=self.settings.neighbour_similarity,
            margin=self.settings.neighbour_margin,
            min_letters=self.settings.neighbour_min_letters,
            embed_terms=self._term_vectors,
        )

    def generation(self) -> int:
        """Increases with every committed change: what callers derive from the documents is cached by it."""
        return self._catalog.generation()

    def searcher(self, mode: SearchMode | None = None) -> HybridSearcher:
        return HybridSearcher(
            self._catalog,
            self._current_keyword_index(),
            self._vectors,
            candidates=self.settings.candidates,
            rrf_k=self.settings.rrf_k,
            dense_weight=self.settings.dense_weight,
            mode=mode or SearchMode.hybrid,
            expander=self._expander.get(),
        )

    def _ingest_one(self, path: Path, meta: DocumentMeta | None, progress: IngestProgress) -> IngestResult:
        doc_id = path.stem
        try:
            prepared = prepare_document(
                path,
                meta,
                chunk_tokens=self.settings.chunk_tokens,
                overlap_tokens=self.settings.chunk_overlap_tokens,
                max_file_bytes=self.settings.max_file_bytes,
            )
        except IngestError as error:
            return IngestResult(path=str(path), doc_id=doc_id, status=IngestStatus.failed, reason=str(error))
        previous_hash = self._catalog.content_hash(doc_id)
        if previous_hash == prepared.content_hash:
            return IngestResult(
                path=str(path), doc_id=doc_id, status=IngestStatus.unchanged, chunks=len(prepared.chunks)
            )
        old_ids = self._catalog.chunk_ids(doc_id)
        kept, reworded = _split_kept(prepared.chunks, self._catalog.chunks_by_ids(sorted(old_ids)))
        # A kept chunk whose embedded text changed (a corrected municipality is part of it) needs a new vector;
        # the others only get their filter metadata rewritten. Both before the commit, so an interrupted update is
        # redone: the catalog still holds the old hash.
        to_embed = [c for c in prepared.chunks if c.chunk_id not in old_ids] + reworded
        progress.file_started(path, len(to_embed))
        self._vectors.add(to_embed, on_batch=progress.chunks_embedded)
        self._vectors.update_metadata(kept)
        self._catalog.replace_document(prepared, _stored(count_names(prepared.text)))
        self._vectors.delete(old_ids - {c.chunk_id for c in prepared.chunks})
        status = IngestStatus.added if previous_hash is None else IngestStatus.updated
        return IngestResult(path=str(path), doc_id=doc_id, status=status, chunks=len(prepared.chunks))

    def _texts(self) -> Iterator[str]:
        """Every stored document's text, normalised as passages are."""
        for document in self.documents():
            text = self.document_text(document.meta.doc_id)
            if text:
                yield normalize_text(text)

    def _document_names(self) -> list[NameCounts]:
        """Each document's names as ingest kept them; a document stored before names were kept (or under an
        older reading) is read now, once."""
        stored, unread = self._catalog.document_names(NAMES_VERSION)
        names = [NameCounts.model_validate_json(counts) for counts in stored]
        for doc_id, content_hash, text in unread:
            counts = count_names(text)
            self._catalog.keep_document_names(doc_id, content_hash, _stored(counts))
            names.append(counts)
        return names

    def _reconcile_vectors(self, progress: IngestProgress) -> None:
        """Make Chroma hold exactly the catalog's chunks: sweep vectors of uncommitted writes, re-embed missing ones."""
        stored, listed = self._vectors.ids(), self._catalog.chunk_ids()
        orphans, missing = stored - listed, listed - stored
        if orphans:
            log.info("removing %d vectors left by an interrupted write", len(orphans))
            self._vectors.delete(orphans)
        if missing:
            log.warning("re-embedding %d stored chunks that have no vector in Chroma", len(missing))
            progress.repair_started(len(missing))
            chunks = self._catalog.chunks_by_ids(sorted(missing))
            self._vectors.add([chunks[i] for i in sorted(chunks)], on_batch=progress.chunks_embedded)

    def _keyword_dir(self) -> Path:
        return self.settings.dir / "keyword"

    def _refresh_keyword_index(self) -> KeywordIndex:
        with self._keyword_lock:
            generation = self._catalog.generation()
            chunks = self._catalog.all_chunks()
            index = KeywordIndex.build(chunks, generation, self._chunk_tokens(chunks))
            index.save(self._keyword_dir())
            self._keyword = index
            return index

    def _chunk_tokens(self, chunks: list[Chunk]) -> list[list[str]]:
        """Each chunk's keyword tokens, read once and kept in the catalog: tagging every passage again after
        every write would make each new document cost as much as the whole knowledge base."""
        kept = self._catalog.chunk_tokens(TOKENS_VERSION)
        tokens: list[list[str]] = []
        fresh: dict[str, str] = {}
        for chunk in chunks:
            stored = kept.get(chunk.chunk_id)
            if stored is None:
                read = indexed_tokens(chunk)
                fresh[chunk.chunk_id] = json.dumps(read, ensure_ascii=False)
            else:
                read = json.loads(stored)
            tokens.append(read)
        if fresh:
            self._catalog.keep_chunk_tokens(TOKENS_VERSION, fresh)
        return tokens

    def _current_keyword_index(self) -> KeywordIndex:
        """The in-memory index if it matches the catalog, else the saved one, else a rebuild."""
        generation = self._catalog.generation()
        if self._keyword is not None and self._keyword.generation == generation:
            return self._keyword
        loaded = KeywordIndex.load(self._keyword_dir())
        if loaded is not None and loaded.generation == generation:
            self._keyword = loaded
            return loaded
        return self._refresh_keyword_index()


def load_embeddings(settings: KBSettings) -> Embeddings:
    """The configured model (kb.embeddings), imported on first use: torch and sentence-transformers take seconds
    to import, which listing or removing documents should not pay."""
    from kb.embeddings import load_embeddings as load

    return load(settings)


def reading_embeddings(settings: KBSettings, fallback: Embeddings) -> Embeddings:
    """The confirmed ONNX reader, else `fallback` (whose loading confirms the export for the next process)."""
    from kb.onnx_embeddings import confirmed_onnx_embeddings

    onnx = confirmed_onnx_embeddings(settings)
    return onnx or fallback


def _split_kept(chunks: list[Chunk], old: dict[str, Chunk]) -> tuple[list[Chunk], list[Chunk]]:
    """The new version's chunks that already have a vector: (embedded text unchanged, embedded text changed)."""
    same: list[Chunk] = []
    reworded: list[Chunk] = []
    for chunk in chunks:
        if chunk.chunk_id in old:
            unchanged = passage_text(chunk) == passage_text(old[chunk.chunk_id])
            (same if unchanged else reworded).append(chunk)
    return same, reworded


def _expand(paths: list[Path]) -> list[tuple[Path, DocumentMeta | None]]:
    """Folders become their ingestible files, each with the folder manifest's metadata when it has some."""
    expanded: list[tuple[Path, DocumentMeta | None]] = []
    for path in paths:
        if path.is_dir():
            manifest = load_manifest(path)
            expanded.extend((file, manifest.get(file.stem)) for file in list_ingestible_files(path))
        else:
            expanded.append((path, load_manifest(path.parent).get(path.stem) if path.parent.is_dir() else None))
    return expanded


def _stored(names: NameCounts) -> StoredNames:
    return StoredNames(version=NAMES_VERSION, counts=names.model_dump_json())
