from __future__ import annotations

import csv
import json
import sqlite3
from contextlib import closing
from pathlib import Path

from assistant.abstention import Abstention
from assistant.citations import Answer, Citation
from assistant.web.feedback import COLUMNS, FeedbackStore, Rating


def make_answer() -> Answer:
    cited = Citation(
        n=1,
        doc="004",
        title="川崎市の取組",
        municipality="川崎市",
        page=None,
        section="",
        quote="市域目標2030年度までに▲50%削減",
        chunk_id="004-0007",
        chunk_text="市域目標2030年度までに▲50%削減",
    )
    return Answer(question="川崎市の目標は？", answer="「市域目標…」[1]", abstained=False, lang="ja", citations=[cited])


def test_a_judgement_is_stored_with_question_answer_and_citations(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "sub" / "feedback.sqlite3")
    row_id = store.add(make_answer(), Rating.bad, "  wrong figure ", "alice")
    (row,) = store.rows()
    record = dict(zip(COLUMNS, row, strict=True))
    assert record["id"] == row_id
    assert (record["username"], record["rating"], record["comment"]) == ("alice", "bad", "wrong figure")
    assert record["question"] == "川崎市の目標は？"
    assert json.loads(record["citations"])[0]["quote"] == "市域目標2030年度までに▲50%削減"
    assert record["created_at"].endswith("+00:00")


def test_export_writes_a_csv_spreadsheets_read_as_utf8(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.add(make_answer(), Rating.good)
    store.add(make_answer(), Rating.bad, "引用が違う")
    out = store.export_csv(tmp_path / "feedback.csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["rating"] for r in rows] == ["good", "bad"]
    assert rows[1]["comment"] == "引用が違う"
    assert list(rows[0]) == list(COLUMNS)


def test_an_abstention_is_stored_with_the_check_that_abstained(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    abstained = Answer(
        question="川崎市の2040年度の目標は？",
        answer="申し訳ありません。",
        abstained=True,
        lang="ja",
        abstention=Abstention.asked_year_absent,
    )
    store.add(abstained, Rating.bad, "資料にあるはず")
    store.add(make_answer(), Rating.good)
    records = [dict(zip(COLUMNS, row, strict=True)) for row in store.rows()]
    assert [r["abstention"] for r in records] == ["asked year absent", ""]


def test_a_database_from_before_the_reason_was_kept_keeps_its_rows_and_gains_the_column(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite3"
    with closing(sqlite3.connect(path)) as db, db:
        db.execute(
            "CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, username TEXT NOT"
            " NULL, rating TEXT NOT NULL, comment TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL,"
            " abstained INTEGER NOT NULL, citations TEXT NOT NULL)"
        )
        db.execute("INSERT INTO feedback VALUES (1, '2026-11-01T00:00:00+00:00', 'bob', 'bad', '', 'q', 'a', 1, '[]')")
    store = FeedbackStore(path)
    store.add(
        Answer(question="q2", answer="a2", abstained=True, lang="ja", abstention=Abstention.below_bar), Rating.bad
    )
    records = [dict(zip(COLUMNS, row, strict=True)) for row in store.rows()]
    assert [(r["username"], r["question"], r["abstention"]) for r in records] == [
        ("bob", "q", ""),
        ("", "q2", "below bar"),
    ]
