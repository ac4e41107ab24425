"""JSON results (exact key set, one file per configuration) and the terminal table."""

from __future__ import annotations

import json
from pathlib import Path

from evals.prediction import PredictedCitation, Prediction, RetrievedPassage
from evals.results import json_path, question_json, run_json, text_table, write_json
from evals.runner import ConfigRun
from evals.schema import EvalRow, EvalSource
from evals.scoring import score

REQUIRED_KEYS = {
    "n",
    "recall@1",
    "recall@5",
    "recall@10",
    "mrr",
    "ndcg@10",
    "answer_accuracy",
    "citation_support",
    "citation_precision",
    "abstention_accuracy",
    "false_abstention_rate",
    "latency_ms_p50",
    "latency_ms_p95",
    "by_category",
    "per_question",
}
PASSAGE = "2030年度までに50%削減する。"


def config_run(name: str) -> ConfigRun:
    row = EvalRow(
        id="q1",
        question="目標は？",
        category="numeric_target",
        must_include=["50%"],
        sources=[EvalSource(doc="d", quote=PASSAGE)],
        expected_failure="",
    )
    prediction = Prediction(
        answer="50%削減",
        citations=[PredictedCitation(doc="d", quote="50%削減する。", chunk_text=PASSAGE)],
        retrieved=[RetrievedPassage(rank=1, doc="d", text=PASSAGE)],
        latency_ms=12.34,
    )
    return ConfigRun(name=name, results=[score(row, prediction)])


def test_run_json_has_exactly_the_required_top_level_keys() -> None:
    assert set(run_json(config_run("ours"))) == REQUIRED_KEYS


def test_per_question_rows_carry_the_answer_evidence_and_verdict() -> None:
    question = run_json(config_run("ours"))["per_question"][0]
    assert question["id"] == "q1"
    assert question["category"] == "numeric_target"
    assert question["passed"] is True
    assert question["expected_failure"] == ""
    assert question["diagnosis"] == ["gold quote first retrieved at rank 1"]
    assert question["citations"] == [{"doc": "d", "quote": "50%削減する。", "chunk_text": PASSAGE}]
    assert question["retrieved"] == [{"rank": 1, "doc": "d", "text": PASSAGE}]
    assert question["latency_ms"] == 12.3
    assert {"answer", "abstained"} <= set(question)
    assert question["abstention"] == ""


def test_per_question_rows_say_which_check_abstained() -> None:
    row = config_run("ours").results[0].row
    question = question_json(score(row, Prediction(abstained=True, abstention="asked year absent")))
    assert question["abstention"] == "asked year absent"
    assert question["diagnosis"][-1] == "abstained on an answerable question (asked year absent)"


def test_by_category_holds_a_summary_per_category() -> None:
    by_category = run_json(config_run("ours"))["by_category"]
    assert list(by_category) == ["numeric_target"]
    assert by_category["numeric_target"]["answer_accuracy"] == 1.0


def test_other_configurations_go_to_their_own_files_in_a_folder_made_for_them(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "dev.json"
    written = write_json([config_run("keyword"), config_run("ours")], primary="ours", out=out)
    assert written == [out, tmp_path / "reports" / "dev.keyword.json"]
    for path in written:
        assert set(json.loads(path.read_text(encoding="utf-8"))) == REQUIRED_KEYS


def test_json_path_inserts_the_config_name_before_the_suffix() -> None:
    assert json_path(Path("out/dev.json"), "naive", primary="ours") == Path("out/dev.naive.json")
    assert json_path(Path("out/dev.json"), "ours", primary="ours") == Path("out/dev.json")


def test_text_table_has_a_header_and_one_line_per_config() -> None:
    lines = text_table([config_run("ours"), config_run("naive")]).splitlines()
    assert len(lines) == 3
    assert lines[0].split()[:3] == ["config", "n", "R@1"]
    assert lines[1].split()[:3] == ["ours", "1", "1.000"]
    assert lines[2].startswith("naive")


def test_text_table_shows_unmeasured_metrics_as_a_dash() -> None:
    header, ours = text_table([config_run("ours")]).splitlines()
    assert ours.split()[header.split().index("abst_acc")] == "-"
