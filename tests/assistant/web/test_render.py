from __future__ import annotations

from assistant.citations import Answer, Citation
from assistant.web.labels import LABELS
from assistant.web.render import (
    chunk_anchor,
    document_html,
    highlight,
    message_html,
    public_answer_html,
    quote_span,
    staff_sources_html,
)
from ingest.document import DocumentMeta

SCRIPT = "<script>window.__pwned = 1</script>"


def citation(**changes: object) -> Citation:
    values = {
        "n": 1,
        "doc": "004_kawasaki",
        "title": "川崎市の取組",
        "municipality": "川崎市",
        "page": 3,
        "section": "第2章",
        "quote": "市域目標2030年度までに▲50%削減",
        "chunk_id": "004_kawasaki-0007",
        "chunk_text": "基本理念\n市域目標2030年度までに▲50%削減\n再エネ目標",
    }
    return Citation.model_validate({**values, **changes})


def answer(**changes: object) -> Answer:
    values = {
        "question": "川崎市の2030年度の削減目標は？",
        "answer": "「市域目標2030年度までに▲50%削減」[1]",
        "abstained": False,
        "lang": "ja",
        "citations": [citation()],
    }
    return Answer.model_validate({**values, **changes})


def test_public_answer_marks_the_quote_inside_a_folded_source() -> None:
    page = public_answer_html(answer(), LABELS["ja"])
    assert "<details><summary>[1] <strong>川崎市の取組</strong> — 川崎市 · p.3 · 第2章</summary>" in page
    assert "基本理念\n<mark>市域目標2030年度までに▲50%削減</mark>\n再エネ目標" in page
    assert LABELS["ja"].note in page


def test_script_in_answer_title_passage_and_quote_is_escaped_everywhere() -> None:
    hostile = citation(title=SCRIPT, municipality=SCRIPT, section=SCRIPT, quote=SCRIPT, chunk_text=f"前 {SCRIPT} 後")
    pages = [
        public_answer_html(answer(answer=SCRIPT, citations=[hostile]), LABELS["en"]),
        staff_sources_html(answer(question=SCRIPT, citations=[hostile])),
        message_html(SCRIPT),
        document_html(DocumentMeta(doc_id="x", title=SCRIPT, publisher=SCRIPT), f"本文 {SCRIPT} 本文", hostile),
    ]
    for page in pages:
        assert "<script>" not in page
        assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page


def test_quote_is_found_across_line_breaks_the_pdf_put_inside_it() -> None:
    passage = "前文。市域目標2030年度\nまでに▲50%削減。後文。"
    assert quote_span(passage, "市域目標2030年度までに▲50%削減。") == (3, 24)
    assert highlight(passage, "市域目標2030年度までに▲50%削減。").startswith("前文。<mark>市域目標")


def test_a_quote_not_in_the_passage_leaves_it_unmarked() -> None:
    assert highlight("a < b", "missing") == "a &lt; b"


def test_abstention_has_no_sources_list() -> None:
    page = public_answer_html(answer(abstained=True, answer="見つかりませんでした。", citations=[]), LABELS["ja"])
    assert 'class="kb-abstained"' in page
    assert "<details>" not in page


def test_staff_sources_link_back_to_their_answer_and_citation() -> None:
    page = staff_sources_html(answer(), index=4)
    assert 'data-answer="4" data-cite="1"' in page
    assert "<mark>市域目標2030年度までに▲50%削減</mark>" in page


def test_document_view_anchors_the_cited_passage() -> None:
    text = "序文\n基本理念\n市域目標2030年度までに▲50%削減\n再エネ目標\n結び"
    page = document_html(DocumentMeta(doc_id="004_kawasaki", title="川崎市の取組"), text, citation())
    assert f'<span class="kb-passage" id="{chunk_anchor("004_kawasaki-0007")}">' in page
    assert page.index("序文") < page.index("kb-passage") < page.index("結び")


def test_document_view_says_when_the_passage_has_changed() -> None:
    page = document_html(DocumentMeta(doc_id="d", title="t"), "新しい本文", citation())
    assert "no longer in this document" in page
    assert "kb-passage" not in page
