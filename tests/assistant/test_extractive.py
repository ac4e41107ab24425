"""The sentence selector on small in-memory passages."""

from __future__ import annotations

from assistant.extractive import SentenceSelector, Weights
from assistant.question import analyse
from ingest.document import Chunk
from kb.search import SearchHit


def test_a_running_head_repeating_the_documents_title_is_not_quoted_as_the_answer() -> None:
    title = "ゼロカーボンシティ特別区に向けた取組について"
    text = f"{title}森林整備の取組\n23区が一体となって森林整備に取り組み、吸収量を確保します。"
    chunk = Chunk(
        chunk_id="c",
        doc_id="d",
        index=0,
        text=text,
        start=0,
        end=len(text),
        section="",
        title=title,
        municipality="葛飾区",
    )
    selector = SentenceSelector(idf=lambda _: 1.0, similarity=None, min_score=0.1, max_sentences=1, weights=Weights())
    question = "特別区の森林整備の取組はどうなっていますか？"
    selection = selector.select(analyse(question), question, [SearchHit(rank=1, score=1.0, chunk=chunk)], ("葛飾区",))
    assert selection.evidence[0].sentence.startswith("23区が一体となって")
