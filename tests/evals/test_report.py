"""The HTML report: escaped text, an embedded chart, the comparison and every failure grouped by status."""

from __future__ import annotations

import base64
import re

from evals.prediction import PredictedCitation, Prediction, RetrievedPassage
from evals.report import render_report
from evals.runner import ConfigRun
from evals.schema import EvalRow, EvalSource
from evals.scoring import score

GOLD = "2030年度までに50%削減"
HOSTILE = "<script>alert('x')</script>"


def row(row_id: str, expected_failure: str = "", question: str = "目標は？") -> EvalRow:
    return EvalRow(
        id=row_id,
        question=question,
        category="numeric_target",
        must_include=["50%"],
        sources=[EvalSource(doc="d", quote=GOLD)],
        expected_failure=expected_failure,
    )


def right() -> Prediction:
    return Prediction(
        answer="50%削減",
        citations=[PredictedCitation(doc="d", quote=GOLD, chunk_text=GOLD)],
        retrieved=[RetrievedPassage(rank=1, doc="d", text=GOLD)],
    )


def wrong(passage: str = "再エネを導入する。") -> Prediction:
    return Prediction(
        answer=passage,
        citations=[PredictedCitation(doc="d", quote=passage, chunk_text=passage)],
        retrieved=[RetrievedPassage(rank=1, doc="d", text=passage)],
    )


def runs() -> list[ConfigRun]:
    ours = ConfigRun(
        name="ours",
        results=[
            score(row("passes"), right()),
            score(row("regressed"), wrong()),
            score(row("still-known", expected_failure="table split across pages"), wrong()),
            score(row("now-fixed", expected_failure="was wrong before"), right()),
        ],
    )
    naive = ConfigRun(name="naive", results=[score(row("passes"), wrong())])
    return [naive, ours]


def test_document_question_and_answer_text_is_escaped() -> None:
    hostile = ConfigRun(
        name="ours",
        results=[score(row("xss", question=f"質問{HOSTILE}"), wrong(f"本文{HOSTILE}"))],
    )
    page = render_report([hostile], "ours", f"set{HOSTILE}.jsonl")
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_the_chart_is_an_embedded_png() -> None:
    page = render_report(runs(), "ours", "dev.jsonl")
    encoded = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert encoded is not None
    assert base64.b64decode(encoded.group(1)).startswith(b"\x89PNG")


def test_the_page_fetches_nothing() -> None:
    page = render_report(runs(), "ours", "dev.jsonl")
    assert not re.search(r"(?:src|href)=\"(?!data:)", page)


def test_the_comparison_lists_every_config_primary_first() -> None:
    page = render_report(runs(), "ours", "dev.jsonl")
    comparison = page.split("<h2>Comparison</h2>")[1].split("<img")[0]
    assert comparison.index(">ours<") < comparison.index(">naive<")


def test_failures_are_grouped_into_regressions_fixed_and_expected() -> None:
    page = render_report(runs(), "ours", "dev.jsonl")
    ours_failures = page.split("<h2>Failures: ours</h2>")[1].split("<details><summary>Failures: naive")[0]
    regressions, rest = ours_failures.split("<h3>Fixed")
    fixed, expected = rest.split("<h3>Expected failures")
    assert "Regressions: failures not marked as expected (1)" in regressions
    assert "regressed" in regressions
    assert "now-fixed" in fixed
    assert "remove the mark" in fixed
    assert "still-known" in expected
    assert "table split across pages" in expected
    assert ">passes<" not in ours_failures


def test_each_failure_shows_its_diagnosis_question_answer_and_citations() -> None:
    page = render_report(runs(), "ours", "dev.jsonl")
    failure = page.split("regressed")[1].split("</div>")[0]
    assert "cited passages hold no gold quote" in failure
    assert "目標は？" in failure
    assert "再エネを導入する。" in failure
    assert "Citations (1)" in failure


def test_the_by_category_breakdown_is_shown_for_the_primary_config() -> None:
    page = render_report(runs(), "ours", "dev.jsonl")
    section = page.split("<h2>By category: ours</h2>")[1]
    assert "<td>numeric_target</td><td>4</td>" in section
