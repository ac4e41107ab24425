"""The words of a question's frame weigh nothing, so the sentence that says the subject clears the bar."""

from __future__ import annotations

from assistant.extractive import SentenceSelector, Weights
from assistant.frame import is_frame
from assistant.question import analyse
from ingest.document import Chunk
from ingest.tokenize import keyword_tokens
from kb.search import SearchHit


def _hit(text: str) -> SearchHit:
    chunk = Chunk(chunk_id="c", doc_id="d", index=0, text=text, start=0, end=len(text), municipality="栃木市")
    return SearchHit(rank=1, score=1.0, chunk=chunk)


def _selector(frame_weighs_nothing: bool) -> SentenceSelector:
    """Every term the documents never use weighs 3.0, as in the assistant; the bar lies between the two scores."""

    def idf(token: str) -> float:
        return 0.0 if frame_weighs_nothing and is_frame(token) else 3.0

    return SentenceSelector(idf=idf, similarity=None, min_score=0.45, max_sentences=1, weights=Weights())


def test_a_casual_yes_no_questions_frame_is_frame_and_its_subject_is_not() -> None:
    tokens = keyword_tokens("栃木市でEVのデモやってたって本当？")
    assert [t for t in tokens if is_frame(t)] == ["やっ", "本当"]
    assert not any(is_frame(t) for t in keyword_tokens("ZEHの導入支援を実施する"))


def test_the_sentence_saying_what_a_yes_no_question_asks_clears_the_bar_once_its_frame_weighs_nothing() -> None:
    text = "各種イベント等でEV車を活用したデモを実施した。"
    question = "栃木市でEVのデモやってたって本当？"
    hits = [_hit(text)]
    assert not _selector(False).select(analyse(question), question, hits, ("栃木市",)).evidence
    chosen = _selector(True).select(analyse(question), question, hits, ("栃木市",)).evidence
    assert chosen[0].sentence == text
