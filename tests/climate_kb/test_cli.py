"""The knowledge-base commands of `climate-kb`: ingest, docs, remove, search (the eval command has its own tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings
from typer.testing import CliRunner, Result

import kb.knowledge_base
from climate_kb.cli import app
from kb.knowledge_base import KnowledgeBase

TOCHIGI_REPORT = "000_56ba6f7bcf1d8ad5"
KAWASAKI_PLAN = "004_71f1e8f213e95c41"
RESULT_KEYS = {"rank", "chunk_id", "doc", "title", "municipality", "page", "section", "text", "score"}
DOCS = {
    "aoba_heat": "# 青葉町 熱中症対策\n\n青葉町はクーリングシェルターとして町立図書館と公民館を指定する。\n",
    "kita_forest": "# 北山村 森林整備計画\n\n北山村は間伐と再造林により二酸化炭素吸収量を年間3,000トン確保する。\n",
}


@pytest.fixture(autouse=True)
def shared_model(monkeypatch: pytest.MonkeyPatch, default_embeddings: Embeddings) -> None:
    """The commands load the model themselves; hand them the session's instance instead of loading it again."""
    monkeypatch.setattr(kb.knowledge_base, "load_embeddings", lambda settings: default_embeddings)
    for name in [name for name in os.environ if name.startswith("CLIMATE_KB_")]:
        monkeypatch.delenv(name)  # a developer's CLIMATE_KB_DIR or CHROMA_URL must not reach these tests


@pytest.fixture
def docs_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for stem, text in DOCS.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    manifest = {"aoba_heat": {"municipality": "青葉町", "title": "青葉町 熱中症対策"}}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return folder


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


# ------------------------------------------------------------------------------------------------- ingest


def test_ingest_prints_a_line_per_file_and_a_summary(docs_folder: Path, tmp_path: Path) -> None:
    result = run("ingest", docs_folder, "--kb", tmp_path / "kb")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "2 added, 0 updated, 0 unchanged, 0 failed"
    lines = [line.split() for line in result.stderr.splitlines() if line.startswith(("added", "failed"))]
    assert lines == [["added", "aoba_heat", "(1", "chunks)"], ["added", "kita_forest", "(1", "chunks)"]]

    again = run("ingest", docs_folder, "--kb", tmp_path / "kb")
    assert again.exit_code == 0
    assert again.stdout.strip() == "0 added, 0 updated, 2 unchanged, 0 failed"
    assert "unchanged aoba_heat" in again.stderr


def test_ingest_exits_1_and_names_the_reason_when_a_file_failed(docs_folder: Path, tmp_path: Path) -> None:
    (docs_folder / "empty.txt").write_bytes(b"")
    (docs_folder / "kita_forest.txt").write_text(DOCS["kita_forest"] + "木質バイオマスを活用する。\n", "utf-8")
    run("ingest", docs_folder / "aoba_heat.txt", "--kb", tmp_path / "kb")

    result = run("ingest", docs_folder, "--kb", tmp_path / "kb")

    assert result.exit_code == 1
    assert result.stdout.strip() == "1 added, 0 updated, 1 unchanged, 1 failed"
    assert "failed    empty  (the file is empty)" in result.stderr
    assert "added     kita_forest  (1 chunks)" in result.stderr


# --------------------------------------------------------------------------------------------- docs, remove


def test_docs_lists_documents_with_municipality_title_and_chunk_count(docs_folder: Path, tmp_path: Path) -> None:
    run("ingest", docs_folder, "--kb", tmp_path / "kb")
    result = run("docs", "--kb", tmp_path / "kb")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "aoba_heat  青葉町  青葉町 熱中症対策  (1 chunks)",
        "kita_forest  -  北山村森林整備計画  (1 chunks)",  # title: the first line, normalised
    ]
    listed = json.loads(run("docs", "--json", "--kb", tmp_path / "kb").stdout)
    assert [(d["meta"]["doc_id"], d["chunk_count"]) for d in listed] == [("aoba_heat", 1), ("kita_forest", 1)]
    assert listed[0]["meta"]["municipality"] == "青葉町"
    assert len(listed[0]["content_hash"]) == 64


def test_docs_on_an_empty_knowledge_base_says_how_to_fill_it(tmp_path: Path) -> None:
    result = run("docs", "--kb", tmp_path / "kb")
    assert result.exit_code == 0
    assert "climate-kb ingest" in result.stdout


def test_remove_deletes_a_document_and_reports_an_unknown_one(docs_folder: Path, tmp_path: Path) -> None:
    run("ingest", docs_folder, "--kb", tmp_path / "kb")

    result = run("remove", "aoba_heat", "--kb", tmp_path / "kb")
    assert (result.exit_code, result.stdout.strip()) == (0, "removed aoba_heat")
    assert [line.split()[0] for line in run("docs", "--kb", tmp_path / "kb").stdout.splitlines()] == ["kita_forest"]
    search = json_lines(run("search", "クーリングシェルター", "--json", "--kb", tmp_path / "kb").stdout)
    assert "aoba_heat" not in {r["doc"] for r in search[0]["results"]}

    unknown = run("remove", "aoba_heat", "--kb", tmp_path / "kb")
    assert unknown.exit_code == 1
    assert "No document 'aoba_heat'" in unknown.stderr


MODEL_STACK = {"torch", "sentence_transformers", "transformers"}
HEAVY_MODULES = (*sorted(MODEL_STACK), "matplotlib", "chromadb", "langsmith")
"""Seconds of imports: the embedding model's stack, the eval report's charts, Chroma and LangChain's tracers."""


def modules_loaded_by(*args: str | Path) -> tuple[str, set[str]]:
    """Run the command in a fresh interpreter; its output and which of the heavy modules it imported."""
    script = (
        "import json, sys\n"
        "from typer.testing import CliRunner\n"
        "from climate_kb.cli import app\n"
        "result = CliRunner().invoke(app, sys.argv[1:])\n"
        f"loaded = [m for m in {HEAVY_MODULES!r} if m in sys.modules]\n"
        "print(json.dumps({'output': result.output, 'loaded': loaded}))\n"
    )
    env = {name: value for name, value in os.environ.items() if not name.startswith("CLIMATE_KB_")}
    completed = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)], env=env, capture_output=True, text=True, check=True
    )
    report = json.loads(completed.stdout.splitlines()[-1])
    return report["output"], set(report["loaded"])


def test_docs_and_remove_start_without_importing_the_embedding_model(docs_folder: Path, tmp_path: Path) -> None:
    run("ingest", docs_folder, "--kb", tmp_path / "kb")
    output, loaded = modules_loaded_by("docs", "--kb", tmp_path / "kb")
    assert "aoba_heat" in output and loaded == set()
    output, loaded = modules_loaded_by("remove", "aoba_heat", "--kb", tmp_path / "kb")
    assert output.strip() == "removed aoba_heat"
    assert "chromadb" in loaded and not loaded & (MODEL_STACK | {"matplotlib"})  # vectors are deleted, not embedded


# --------------------------------------------------------------------------------------------------- search


def test_search_json_prints_one_line_with_the_documented_keys(seeded_kb: KnowledgeBase) -> None:
    question = "川崎市の2030年度の温室効果ガス削減目標は？"
    result = run("search", question, "--json", "--kb", seeded_kb.settings.dir)
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    payload = json.loads(line)
    assert set(payload) == {"question", "results"}
    assert payload["question"] == question
    assert [r["rank"] for r in payload["results"]] == [1, 2, 3, 4, 5]
    assert all(set(r) == RESULT_KEYS for r in payload["results"])
    top = payload["results"][0]
    assert (top["doc"], top["municipality"]) == (KAWASAKI_PLAN, "川崎市")
    assert top["title"] == "川崎市における脱炭素社会の実現に向けた取組について"
    assert isinstance(top["score"], float)
    assert "川崎市" in line  # Japanese is written as is, not as \\u escapes


def test_search_k_and_filters_reach_the_knowledge_base(seeded_kb: KnowledgeBase) -> None:
    args = ["search", "脱炭素の取組", "--json", "--kb", seeded_kb.settings.dir, "--k", "8"]
    by_town = json_lines(run(*args, "--municipality", "栃木市").stdout)[0]["results"]
    assert len(by_town) == 8
    assert {r["municipality"] for r in by_town} == {"栃木市"}
    by_doc = json_lines(run(*args, "--doc", KAWASAKI_PLAN).stdout)[0]["results"]
    assert {r["doc"] for r in by_doc} == {KAWASAKI_PLAN}


def test_search_queries_file_prints_one_json_line_per_query(seeded_kb: KnowledgeBase, tmp_path: Path) -> None:
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        json.dumps(
            {"id": "q1", "question": "栃木市脱炭素促進プラットフォームの会員は何団体ですか？"}, ensure_ascii=False
        )
        + "\n\n"
        + "What is Kawasaki's greenhouse gas reduction target for 2030?\n"
        + json.dumps({"question": "さいたま市の2050年の目標は？"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    result = run("search", "--queries", queries, "--json", "--kb", seeded_kb.settings.dir)
    assert result.exit_code == 0, result.output
    lines = json_lines(result.stdout)
    assert [line["question"] for line in lines] == [
        "栃木市脱炭素促進プラットフォームの会員は何団体ですか？",
        "What is Kawasaki's greenhouse gas reduction target for 2030?",
        "さいたま市の2050年の目標は？",
    ]
    assert lines[0]["results"][0]["doc"] == TOCHIGI_REPORT
    assert all(len(line["results"]) == 5 for line in lines)


def test_search_without_json_prints_readable_hits(seeded_kb: KnowledgeBase) -> None:
    result = run("search", "栃木市脱炭素促進プラットフォーム", "--k", "2", "--kb", seeded_kb.settings.dir)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Q: 栃木市脱炭素促進プラットフォーム"
    assert lines[1].startswith("  [1] 栃木市 令和5年度 事務報告 第7節 カーボンニュートラル推進課 · ")
    assert lines[1].endswith(TOCHIGI_REPORT)
    assert sum(line.startswith("  [") for line in lines) == 2


def test_search_needs_exactly_one_of_question_and_queries(seeded_kb: KnowledgeBase, tmp_path: Path) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text("脱炭素\n", encoding="utf-8")
    assert run("search", "--kb", seeded_kb.settings.dir).exit_code == 2
    both = run("search", "脱炭素", "--queries", queries, "--kb", seeded_kb.settings.dir)
    assert both.exit_code == 2
    assert "give either a QUESTION or --queries FILE" in both.output


def test_too_long_question_exits_2_with_the_limit(seeded_kb: KnowledgeBase) -> None:
    limit = seeded_kb.settings.max_query_chars
    result = run("search", "脱" * (limit + 5), "--kb", seeded_kb.settings.dir)
    assert result.exit_code == 2
    assert f"the limit is {limit:,}" in result.stderr


# ------------------------------------------------------------------------------------------ choosing the KB


def test_kb_option_and_environment_variable_select_the_folder(
    docs_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    run("ingest", docs_folder / "aoba_heat.txt", "--kb", first)
    monkeypatch.setenv("CLIMATE_KB_DIR", str(second))
    run("ingest", docs_folder / "kita_forest.txt")  # no --kb: the environment decides

    assert run("docs").stdout.split()[0] == "kita_forest"
    assert run("docs", "--kb", first).stdout.split()[0] == "aoba_heat"  # the option wins over the environment
    assert (second / "catalog.sqlite3").is_file()
    hits = json_lines(run("search", "クーリングシェルター 間伐", "--json").stdout)[0]["results"]
    assert {h["doc"] for h in hits} == {"kita_forest"}


def test_installed_command_reads_the_kb_folder_from_the_environment(docs_folder: Path, tmp_path: Path) -> None:
    run("ingest", docs_folder, "--kb", tmp_path / "kb")
    command = Path(sys.executable).parent / "climate-kb"
    env = {name: value for name, value in os.environ.items() if not name.startswith("CLIMATE_KB_")}
    env.update(CLIMATE_KB_DIR=str(tmp_path / "kb"), HF_HUB_OFFLINE="1")
    result = subprocess.run([str(command), "docs", "--json"], env=env, capture_output=True, text=True, check=True)
    assert [d["meta"]["doc_id"] for d in json.loads(result.stdout)] == ["aoba_heat", "kita_forest"]
