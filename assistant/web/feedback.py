"""Staff feedback on answers, kept in SQLite with the question, the answer, why it abstained and its citations,
exportable as CSV.

Each call opens its own connection: the web server answers from several threads and SQLite connections are
cheap, so no connection is shared between them.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from assistant.citations import Answer

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    username TEXT NOT NULL,
    rating TEXT NOT NULL,
    comment TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    abstained INTEGER NOT NULL,
    citations TEXT NOT NULL,
    abstention TEXT NOT NULL DEFAULT ''
)
"""
_ADD_ABSTENTION = "ALTER TABLE feedback ADD COLUMN abstention TEXT NOT NULL DEFAULT ''"
"""A database written before the reason was kept gains the column; its old rows read "" (not recorded)."""
COLUMNS = (
    "id",
    "created_at",
    "username",
    "rating",
    "comment",
    "question",
    "answer",
    "abstained",
    "abstention",
    "citations",
)


class Rating(StrEnum):
    good = "good"
    bad = "bad"


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.execute(_SCHEMA)
            if "abstention" not in {column[1] for column in db.execute("PRAGMA table_info(feedback)")}:
                db.execute(_ADD_ABSTENTION)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def add(self, answer: Answer, rating: Rating, comment: str = "", username: str = "") -> int:
        """Store one judgement with everything needed to reproduce it later, and the check that abstained, so a flagged
        abstention points at the check to look at; returns the row id."""
        citations = json.dumps([c.model_dump() for c in answer.citations], ensure_ascii=False)
        row = (
            datetime.now(UTC).isoformat(timespec="seconds"),
            username,
            rating.value,
            comment.strip(),
            answer.question,
            answer.answer,
            int(answer.abstained),
            answer.abstention.value if answer.abstention else "",
            citations,
        )
        with closing(self._connect()) as db, db:
            cursor = db.execute(
                f"INSERT INTO feedback ({', '.join(COLUMNS[1:])}) VALUES ({', '.join('?' * len(row))})", row
            )
            return int(cursor.lastrowid or 0)

    def rows(self) -> list[tuple]:
        with closing(self._connect()) as db:
            return db.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id").fetchall()

    def export_csv(self, out: Path) -> Path:
        """UTF-8 with a byte-order mark, so spreadsheet programs open the Japanese text correctly."""
        with out.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows(self.rows())
        return out
