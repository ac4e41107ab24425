"""`climate-kb train-ranker` end to end on a two-document corpus: the real knowledge base and assistant."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from assistant.ranking import PRIOR_WEIGHTS, Ranker
from climate_kb.cli import app

DOCUMENTS = {
    "kawasaki": "川崎市地球温暖化対策推進基本計画\n\n市域目標 2030年度までに▲50%削減（2013年度比）。\n"
    "再エネ目標 2030年度までに33万kW以上導入。\n市民・事業者と連携して取り組みます。\n",
    "tochigi": "栃木市環境基本計画\n\n栃木市は2050年までに二酸化炭素排出実質ゼロを目指します。\n"
    "脱炭素促進プラットフォームの会員は58団体です。\n",
}
SETS = {
    "first": [
        {
            "id": "kawasaki-target",
            "question": "川崎市の2030年度の温室効果ガス削減目標は？",
            "must_include": ["50%"],
            "sources": [{"doc": "kawasaki", "quote": "2030年度までに▲50%削減"}],
        },
        {"id": "yokohama", "question": "横浜市の削減目標は？", "answerable": False},
    ],
    "second": [
        {
            "id": "tochigi-platform",
            "question": "栃木市のプラットフォームの会員は何団体？",
            "must_include": ["58団体"],
            "sources": [{"doc": "tochigi", "quote": "会員は58団体です"}],
        }
    ],
}


def test_training_reports_each_held_out_set_and_writes_a_ranker_the_assistant_reads(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for doc, text in DOCUMENTS.items():
        (corpus / f"{doc}.txt").write_text(text, encoding="utf-8")
    args = ["train-ranker", "--corpus", str(corpus), "--out", str(tmp_path / "ranker.json")]
    for name, rows in SETS.items():
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        args += ["--set", str(path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    folds = [line.split()[:2] for line in result.stdout.splitlines() if line.startswith(("first", "second"))]
    assert folds == [["first", "1"], ["second", "1"]]
    ranker = Ranker.load(tmp_path / "ranker.json")
    assert set(ranker.weights) == set(PRIOR_WEIGHTS)
    about = json.loads((tmp_path / "ranker.json").read_text(encoding="utf-8"))["about"]
    assert about["trained_on"] == ["first", "second"] and about["questions"] == 2


def test_a_malformed_set_is_refused_without_writing_a_ranker(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["train-ranker", "--set", str(broken), "--out", str(tmp_path / "r.json")])
    assert result.exit_code == 2
    assert not (tmp_path / "r.json").exists()


def test_sets_with_nothing_to_learn_from_end_with_a_message_and_no_ranker(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kawasaki.txt").write_text(DOCUMENTS["kawasaki"], encoding="utf-8")
    unanswerable = tmp_path / "unanswerable.jsonl"
    unanswerable.write_text(json.dumps(SETS["first"][1], ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "ranker.json"
    args = ["train-ranker", "--set", str(unanswerable), "--corpus", str(corpus), "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "nothing to learn from" in result.output
    assert not out.exists()
