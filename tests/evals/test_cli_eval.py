"""`climate-kb eval` end to end on a two-document corpus: the real knowledge base, assistant and baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from climate_kb.cli import app
from climate_kb.eval_command import config_names

DOCUMENTS = {
    "kawasaki": "川崎市地球温暖化対策推進基本計画\n\n市域目標 2030年度までに▲50%削減（2013年度比）。\n"
    "再エネ目標 2030年度までに33万kW以上導入。\n",
    "tochigi": "栃木市環境基本計画\n\n栃木市は2050年までに二酸化炭素排出実質ゼロを目指します。\n",
}
ROWS = [
    {
        "id": "kawasaki-target",
        "question": "川崎市の2030年度の温室効果ガス削減目標は？",
        "category": "numeric_target",
        "must_include": ["50%"],
        "sources": [{"doc": "kawasaki", "quote": "市域目標 2030年度までに▲50%削減（2013年度比）"}],
    },
    {
        "id": "yokohama",
        "question": "横浜市の2030年度の削減目標は？",
        "category": "unanswerable_other_city",
        "answerable": False,
    },
]
JSON_KEYS = {
    "n", "recall@1", "recall@5", "recall@10", "mrr", "ndcg@10", "answer_accuracy", "citation_support",
    "citation_precision", "abstention_accuracy", "false_abstention_rate", "latency_ms_p50", "latency_ms_p95",
    "by_category", "per_question",
}  # fmt: skip


@pytest.fixture(scope="module")
def eval_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("eval")
    corpus = folder / "corpus"
    corpus.mkdir()
    for doc, text in DOCUMENTS.items():
        (corpus / f"{doc}.txt").write_text(text, encoding="utf-8")
    eval_set = folder / "set.jsonl"
    eval_set.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS), encoding="utf-8")
    return corpus, eval_set


@pytest.fixture(scope="module")
def evaluated(eval_files: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    """One real run (loading the model is the slow part): two configs, JSON, report and an unmeetable floor."""
    corpus, eval_set = eval_files
    out = tmp_path_factory.mktemp("out")
    floors = out / "floors.json"
    floors.write_text(json.dumps({"latency_ms_p50": 0.001}), encoding="utf-8")
    args = ["eval", "--set", str(eval_set), "--corpus", str(corpus), "--config", "ours,naive"]
    outputs = ["--json", str(out / "out.json"), "--report", str(out / "report.html"), "--floors", str(floors)]
    return CliRunner().invoke(app, [*args, *outputs]), out


def test_config_names_accept_repeats_and_comma_lists_in_order() -> None:
    assert config_names(["naive,ours", "keyword", "ours"]) == ["naive", "ours", "keyword"]
    assert config_names([]) == ["ours", "keyword", "dense", "naive"]


def test_an_unknown_config_is_refused() -> None:
    with pytest.raises(typer.BadParameter, match="hybrid"):
        config_names(["ours,hybrid"])


def test_corpus_and_kb_together_are_refused(eval_files: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, eval_set = eval_files
    result = CliRunner().invoke(app, ["eval", "--set", str(eval_set), "--corpus", str(corpus), "--kb", str(tmp_path)])
    assert result.exit_code == 2


def test_eval_prints_a_table_and_writes_json_per_config_and_a_report(evaluated: tuple[Result, Path]) -> None:
    result, out = evaluated
    table = [line.split()[0] for line in result.stdout.splitlines()]
    assert table == ["config", "ours", "naive"]
    primary = json.loads((out / "out.json").read_text(encoding="utf-8"))
    assert set(primary) == JSON_KEYS
    assert primary["n"] == 2
    assert [q["id"] for q in primary["per_question"]] == ["kawasaki-target", "yokohama"]
    assert set(json.loads((out / "out.naive.json").read_text(encoding="utf-8"))) == JSON_KEYS
    assert (out / "report.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_a_breached_floor_exits_non_zero_after_writing_the_results(evaluated: tuple[Result, Path]) -> None:
    result, out = evaluated
    assert result.exit_code == 1, result.output
    assert "floor breached: latency_ms_p50" in result.stderr
    assert (out / "out.json").is_file()


@pytest.mark.parametrize(("marked", "exit_code"), [(False, 1), (True, 0)])
def test_a_failing_row_fails_the_run_unless_marked_expected(
    eval_files: tuple[Path, Path], tmp_path: Path, marked: bool, exit_code: int
) -> None:
    corpus, _ = eval_files
    impossible = {**ROWS[0], "id": "impossible", "must_include": ["99%"]}
    if marked:
        impossible["expected_failure"] = "the documents give no 99%"
    eval_set = tmp_path / "set.jsonl"
    eval_set.write_text(json.dumps(impossible, ensure_ascii=False) + "\n", encoding="utf-8")
    args = ["eval", "--set", str(eval_set), "--corpus", str(corpus), "--config", "ours", "--fail-on-regression"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == exit_code, result.output
    assert ("regression: impossible fails:" in result.stderr) is not marked
