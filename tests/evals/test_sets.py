"""Every committed eval set is internally consistent with the corpus.

Parametrised per row, so a failure names the set and the row id. Checks that gold quotes are verbatim,
that the key facts are checkable against the cited documents, and that the conventions documented in
evals/schema.py (answerable vs unanswerable, wrong_premise, follow_up) hold.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from evals.schema import CATEGORIES, EvalRow, EvalSetError, alternatives, load_eval_set, normalise

ROOT = Path(__file__).resolve().parents[2]
SETS_DIR = ROOT / "evals" / "sets"
BLIND_DIR = ROOT / "evals" / "blind"
CORPUS_DIR = ROOT / "corpus"
SET_PATHS = sorted([*SETS_DIR.glob("*.jsonl"), *BLIND_DIR.glob("*.jsonl")])

UNANSWERABLE_CATEGORIES = {"unanswerable_other_city", "unanswerable_year"}
QUOTE_MIN_CHARS = 8  # a few table cells ("330t-CO2", "48 8 2 58") are shorter than a sentence
QUOTE_MAX_CHARS = 60


def _rows() -> list[tuple[str, EvalRow]]:
    rows: list[tuple[str, EvalRow]] = []
    for path in SET_PATHS:
        try:
            rows.extend((path.stem, row) for row in load_eval_set(path))
        except EvalSetError:
            continue  # reported by test_set_loads
    return rows


ROWS = _rows()


@cache
def raw_document(doc: str) -> str:
    return (CORPUS_DIR / f"{doc}.txt").read_text(encoding="utf-8")


@cache
def normalised_document(doc: str) -> str:
    return normalise(raw_document(doc))


def test_there_are_eval_sets() -> None:
    assert SET_PATHS, f"no *.jsonl in {SETS_DIR}"


@pytest.mark.parametrize("path", SET_PATHS, ids=lambda p: p.name)
def test_set_loads(path: Path) -> None:
    assert load_eval_set(path)


row_params = pytest.mark.parametrize(("set_name", "row"), ROWS, ids=[f"{name}/{row.id}" for name, row in ROWS])


@row_params
def test_category_is_known(set_name: str, row: EvalRow) -> None:
    assert row.category in CATEGORIES


@row_params
def test_answerability_matches_category(set_name: str, row: EvalRow) -> None:
    # wrong_premise rows are answerable: the answer corrects the premise with the documented fact.
    assert row.answerable == (row.category not in UNANSWERABLE_CATEGORIES)


@row_params
def test_answerable_rows_have_sources_and_facts(set_name: str, row: EvalRow) -> None:
    if row.answerable:
        assert row.sources, "answerable row without sources"
        assert row.must_include, "answerable row without must_include"
        assert all(alternatives(item) for item in row.must_include), "empty must_include item"
    else:
        assert not row.sources, "unanswerable row with sources"
        assert not row.must_include, "unanswerable row with must_include"


@row_params
def test_quotes_are_verbatim(set_name: str, row: EvalRow) -> None:
    for source in row.sources:
        assert (CORPUS_DIR / f"{source.doc}.txt").is_file(), f"unknown document {source.doc}"
        assert "\n" not in source.quote, f"multi-line quote {source.quote!r}"
        assert QUOTE_MIN_CHARS <= len(source.quote) <= QUOTE_MAX_CHARS, f"quote length {len(source.quote)}"
        assert source.quote in raw_document(source.doc), f"not verbatim in {source.doc}: {source.quote!r}"


@row_params
def test_key_facts_appear_in_cited_documents(set_name: str, row: EvalRow) -> None:
    cited = [normalised_document(doc) for doc in dict.fromkeys(source.doc for source in row.sources)]
    for item in row.must_include:
        options = alternatives(item)
        assert any(option in text for option in options for text in cited), (
            f"must_include {item!r} is in none of the cited documents"
        )


@row_params
def test_follow_ups_have_history(set_name: str, row: EvalRow) -> None:
    if row.category == "follow_up":
        roles = [turn.role for turn in row.history]
        assert "user" in roles, "follow_up without a previous user question"
        assert "assistant" in roles, "follow_up without a previous assistant answer"
        assert all(turn.content.strip() for turn in row.history)


@row_params
def test_cross_document_rows_cite_several_documents(set_name: str, row: EvalRow) -> None:
    if row.category == "cross_document":
        assert len({source.doc for source in row.sources}) >= 2


@row_params
def test_english_rows_are_marked_english(set_name: str, row: EvalRow) -> None:
    if row.category == "english":
        assert row.lang == "en"


def test_dev_set_coverage() -> None:
    """The development set keeps the coverage it was built for, so edits cannot quietly drop a category."""
    path = SETS_DIR / "dev.jsonl"
    if not path.exists():
        pytest.skip("no dev set")
    rows = load_eval_set(path)
    assert len(rows) >= 130
    by_category = Counter(row.category for row in rows)
    minimum = {category: 8 for category in CATEGORIES} | {"english": 15, "follow_up": 10}
    short = {c: by_category[c] for c, n in minimum.items() if by_category[c] < n}
    assert not short, f"categories below their minimum: {short}"
    by_doc = Counter(doc for row in rows for doc in {source.doc for source in row.sources})
    documents = sorted(p.stem for p in CORPUS_DIR.glob("*.txt"))
    big = {doc for doc in documents if doc.startswith(("003_", "004_"))}
    thin = {doc: by_doc[doc] for doc in documents if by_doc[doc] < (15 if doc in big else 10)}
    assert not thin, f"documents with too few questions: {thin}"
