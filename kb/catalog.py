"""The catalog: the knowledge base's source of truth for which documents and chunks exist.

Chroma and the keyword index are derived from it. A document's rows change in one SQLite transaction, so a
crash leaves either the old or the new version; vectors Chroma holds for chunks the catalog does not list are
invisible to search and swept on the next write.

Each thread gets its own connection. The web server searches from several threads while an upload ingests; on
one shared connection the readers saw the writer's uncommitted rows (a document with half its chunks). With a
connection per thread and SQLite's WAL journal, a reader sees the last committed state and is never blocked.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

from ingest.document import Chunk, DocumentMeta, PreparedDocument

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    municipality TEXT NOT NULL,
    publisher TEXT NOT NULL,
    date TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    source_file TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    text TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    page INTEGER,
    section TEXT NOT NULL,
    title TEXT NOT NULL,
    municipality TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_by_doc ON chunks(doc_id, idx);
CREATE TABLE IF NOT EXISTS document_names (
    doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    counts TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunk_tokens (
    chunk_id TEXT PRIMARY KEY REFERENCES chunks(chunk_id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    tokens TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS term_vectors (
    identity TEXT NOT NULL,
    term TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (identity, term)
);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO state(key, value) VALUES ('generation', 0);
"""

_CHUNK_COLUMNS = "chunk_id, doc_id, idx, text, start, end, page, section, title, municipality"


class StoredDocument(BaseModel):
    """A catalog entry as `docs` lists it."""

    meta: DocumentMeta
    content_hash: str
    chunk_count: int
    added_at: str


class StoredNames(BaseModel):
    """A document's names (kb/names.py) as the catalog keeps them: JSON, and the version of the reading."""

    version: int
    counts: str


class _Connection:
    """Holds one thread's connection; weak-referenceable (sqlite3.Connection is not) so close() can reach it."""

    __slots__ = ("__weakref__", "db")

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db


class Catalog:
    """SQLite file of documents and chunks; `generation` increases with every committed change."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._local = threading.local()
        # Weak: a finished thread's connection is closed when its thread-local storage goes.
        self._connections: weakref.WeakSet[_Connection] = weakref.WeakSet()
        self._connections_lock = threading.Lock()
        self._closed = False
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    @property
    def _db(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        held: _Connection | None = getattr(self._local, "connection", None)
        if held is None:
            with self._connections_lock:
                if self._closed:
                    raise sqlite3.ProgrammingError("the catalog is closed")
                # check_same_thread=False only so that close() may close it from another thread.
                db = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None, timeout=30)
                db.execute("PRAGMA foreign_keys=ON")
                held = self._local.connection = _Connection(db)
                self._connections.add(held)
        return held.db

    def close(self) -> None:
        with self._connections_lock:
            self._closed = True
            for held in list(self._connections):
                held.db.close()
            self._connections.clear()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("UPDATE state SET value = value + 1 WHERE key = 'generation'")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """One committed state for a read of several statements (a write may commit between two of them)."""
        db = self._db
        if db.in_transaction:
            yield db
            return
        db.execute("BEGIN")
        try:
            yield db
        finally:
            db.execute("COMMIT")

    def generation(self) -> int:
        return int(self._db.execute("SELECT value FROM state WHERE key = 'generation'").fetchone()[0])

    def content_hash(self, doc_id: str) -> str | None:
        row = self._db.execute("SELECT content_hash FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def documents(self) -> list[StoredDocument]:
        rows = self._db.execute(
            "SELECT d.doc_id, d.title, d.municipality, d.publisher, d.date, d.doc_type, d.source_file,"
            " d.content_hash, d.added_at, (SELECT COUNT(*) FROM chunks c WHERE c.doc_id = d.doc_id)"
            " FROM documents d ORDER BY d.doc_id"
        ).fetchall()
        return [
            StoredDocument(
                meta=DocumentMeta(
                    doc_id=r[0],
                    title=r[1],
                    municipality=r[2],
                    publisher=r[3],
                    date=r[4],
                    doc_type=r[5],
                    source_file=r[6],
                ),
                content_hash=r[7],
                added_at=r[8],
                chunk_count=r[9],
            )
            for r in rows
        ]

    def municipalities(self) -> set[str]:
        rows = self._db.execute("SELECT DISTINCT municipality FROM documents WHERE municipality != ''")
        return {r[0] for r in rows}

    def document_text(self, doc_id: str) -> str | None:
        row = self._db.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def chunk_ids(self, doc_id: str | None = None) -> set[str]:
        if doc_id is None:
            rows = self._db.execute("SELECT chunk_id FROM chunks")
        else:
            rows = self._db.execute("SELECT chunk_id FROM chunks WHERE doc_id = ?", (doc_id,))
        return {r[0] for r in rows}

    def all_chunks(self) -> list[Chunk]:
        """Every chunk in a stable order (document, position): the keyword index is built in this order."""
        rows = self._db.execute(f"SELECT {_CHUNK_COLUMNS} FROM chunks ORDER BY doc_id, idx").fetchall()
        return [_chunk_from_row(r) for r in rows]

    def chunks_by_ids(self, chunk_ids: list[str]) -> dict[str, Chunk]:
        found: dict[str, Chunk] = {}
        with self._snapshot() as db:
            for start in range(0, len(chunk_ids), 500):
                batch = chunk_ids[start : start + 500]
                marks = ",".join("?" * len(batch))
                rows = db.execute(f"SELECT {_CHUNK_COLUMNS} FROM chunks WHERE chunk_id IN ({marks})", batch)
                found.update((r[0], _chunk_from_row(r)) for r in rows)
        return found

    def chunk_covering(self, doc_id: str, start: int, end: int) -> Chunk | None:
        """The first chunk of the document whose span holds [start, end): where a quote found in the document
        text lives, so it can be cited (overlapping chunks may both hold it; the earlier one is returned)."""
        row = self._db.execute(
            f"SELECT {_CHUNK_COLUMNS} FROM chunks WHERE doc_id = ? AND start <= ? AND end >= ? ORDER BY idx LIMIT 1",
            (doc_id, start, end),
        ).fetchone()
        return _chunk_from_row(row) if row else None

    def replace_document(self, prepared: PreparedDocument, names: StoredNames | None = None) -> None:
        """Swap a document's rows, and the names read from it, for a new version in one transaction."""
        meta = prepared.meta
        with self._transaction() as db:
            db.execute("DELETE FROM documents WHERE doc_id = ?", (meta.doc_id,))
            db.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    meta.doc_id,
                    meta.title,
                    meta.municipality,
                    meta.publisher,
                    meta.date,
                    meta.doc_type,
                    meta.source_file,
                    prepared.content_hash,
                    prepared.text,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            db.executemany(
                f"INSERT INTO chunks ({_CHUNK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (c.chunk_id, c.doc_id, c.index, c.text, c.start, c.end, c.page, c.section, c.title, c.municipality)
                    for c in prepared.chunks
                ],
            )
            if names is not None:
                db.execute("INSERT INTO document_names VALUES (?, ?, ?)", (meta.doc_id, names.version, names.counts))

    def document_names(self, version: int) -> tuple[list[str], list[tuple[str, str, str]]]:
        """The names kept for each document under this version, and (doc_id, content_hash, text) of the
        documents that have none yet (stored before names were kept, or under another version)."""
        with self._snapshot() as db:
            kept = db.execute("SELECT counts FROM document_names WHERE version = ? ORDER BY doc_id", (version,))
            stored = [r[0] for r in kept]
            unread = db.execute(
                "SELECT d.doc_id, d.content_hash, d.text FROM documents d WHERE NOT EXISTS"
                " (SELECT 1 FROM document_names n WHERE n.doc_id = d.doc_id AND n.version = ?) ORDER BY d.doc_id",
                (version,),
            ).fetchall()
        return stored, [(r[0], r[1], r[2]) for r in unread]

    def keep_document_names(self, doc_id: str, content_hash: str, names: StoredNames) -> None:
        """Keep names read after the document was stored, unless it changed meanwhile. A cache of its text, so
        the generation stays: nothing searched from changes."""
        self._db.execute(
            "INSERT OR REPLACE INTO document_names SELECT ?, ?, ?"
            " WHERE EXISTS (SELECT 1 FROM documents WHERE doc_id = ? AND content_hash = ?)",
            (doc_id, names.version, names.counts, doc_id, content_hash),
        )

    def chunk_tokens(self, version: int) -> dict[str, str]:
        """The keyword tokens kept for each chunk under this version (a JSON list), by chunk id."""
        rows = self._db.execute("SELECT chunk_id, tokens FROM chunk_tokens WHERE version = ?", (version,))
        return dict(rows.fetchall())

    def keep_chunk_tokens(self, version: int, tokens: dict[str, str]) -> None:
        """Keep tokens read from chunks, except a chunk's removed meanwhile. A cache of their text, so the
        generation stays: nothing searched from changes."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(
                "INSERT OR REPLACE INTO chunk_tokens SELECT ?, ?, ?"
                " WHERE EXISTS (SELECT 1 FROM chunks WHERE chunk_id = ?)",
                [(chunk_id, version, kept, chunk_id) for chunk_id, kept in tokens.items()],
            )
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def term_vectors(self, identity: str) -> dict[str, bytes]:
        """The vectors kept for document terms under this embedding set-up, by term."""
        rows = self._db.execute("SELECT term, vector FROM term_vectors WHERE identity = ?", (identity,))
        return dict(rows.fetchall())

    def keep_term_vectors(self, identity: str, vectors: dict[str, bytes]) -> None:
        """Keep terms' vectors. A cache of the embedding model's reading, so the generation stays; a term of a
        removed document is kept too, since it costs a row and is embedded again as soon as it comes back."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(
                "INSERT OR REPLACE INTO term_vectors VALUES (?, ?, ?)",
                [(identity, term, vector) for term, vector in vectors.items()],
            )
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def remove_document(self, doc_id: str) -> bool:
        with self._transaction() as db:
            deleted = db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,)).rowcount
        return deleted > 0


def _chunk_from_row(row: tuple) -> Chunk:
    return Chunk(
        chunk_id=row[0],
        doc_id=row[1],
        index=row[2],
        text=row[3],
        start=row[4],
        end=row[5],
        page=row[6],
        section=row[7],
        title=row[8],
        municipality=row[9],
    )
