"""The eval-set loader: good files load, bad lines are reported by number, ids are unique."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.schema import EvalRow, EvalSetError, alternatives, load_eval_set

GOOD_ROW = {
    "id": "kw-2030",
    "question": "川崎市の2030年度の温室効果ガス削減目標は？",
    "lang": "ja",
    "municipality": "川崎市",
    "category": "numeric_target",
    "answerable": True,
    "must_include": ["50%", "2013"],
    "sources": [{"doc": "004_71f1e8f213e95c41", "quote": "2030年度までに▲50%削減（2013年度比）"}],
    "answer": "2013年度比▲50%削減",
    "history": [{"role": "user", "content": "こんにちは"}, {"role": "assistant", "content": "ご質問をどうぞ"}],
}


def write_lines(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def dump(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False)


def test_loads_a_good_file(tmp_path: Path) -> None:
    second = {"id": "other", "question": "What is Kawasaki's target?", "lang": "en"}
    path = write_lines(tmp_path, [dump(GOOD_ROW), "", dump(second)])

    rows = load_eval_set(path)

    assert [row.id for row in rows] == ["kw-2030", "other"]
    assert rows[0].sources[0].quote == "2030年度までに▲50%削減（2013年度比）"
    assert rows[0].history[1].role == "assistant"
    assert rows[1].lang == "en"


def test_invalid_json_reports_its_line_number(tmp_path: Path) -> None:
    path = write_lines(tmp_path, [dump(GOOD_ROW), '{"id": "broken", "question": '])

    with pytest.raises(EvalSetError, match=r"set\.jsonl:2: invalid JSON"):
        load_eval_set(path)


def test_invalid_row_reports_its_line_number_and_field(tmp_path: Path) -> None:
    bad = {"id": "no-question", "lang": "fr"}
    path = write_lines(tmp_path, [dump(GOOD_ROW), "", dump(bad)])

    with pytest.raises(EvalSetError, match=r"set\.jsonl:3: invalid row") as excinfo:
        load_eval_set(path)
    assert "question" in str(excinfo.value)
    assert "lang" in str(excinfo.value)


def test_unknown_keys_are_rejected(tmp_path: Path) -> None:
    typo = {"id": "typo", "question": "q", "must_includes": ["50%"]}
    path = write_lines(tmp_path, [dump(typo)])

    with pytest.raises(EvalSetError, match=r"set\.jsonl:1: invalid row: must_includes"):
        load_eval_set(path)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    path = write_lines(tmp_path, [dump(GOOD_ROW), dump({"id": "x", "question": "q"}), dump(GOOD_ROW)])

    with pytest.raises(EvalSetError, match=r"set\.jsonl:3: duplicate id 'kw-2030' \(first used on line 1\)"):
        load_eval_set(path)


def test_optional_fields_default() -> None:
    row = EvalRow(id="minimal", question="川崎市の目標は？")

    assert row.lang == "ja"
    assert row.municipality == ""
    assert row.category == ""
    assert row.answerable is True
    assert row.must_include == []
    assert row.sources == []
    assert row.answer == ""
    assert row.history == []
    assert row.expected_failure == ""


def test_defaults_are_not_shared_between_rows() -> None:
    first = EvalRow(id="a", question="q")
    first.must_include.append("50%")

    assert EvalRow(id="b", question="q").must_include == []


def test_alternatives_are_split_and_nfkc_normalised() -> None:
    assert alternatives("５０％|▲50%削減| ") == ["50%", "▲50%削減"]
    assert alternatives("CO₂") == ["CO2"]
