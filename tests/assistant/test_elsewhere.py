"""How one municipality appears in the other municipalities' documents."""

from __future__ import annotations

from assistant.elsewhere import asked_elsewhere, naming, select_elsewhere
from assistant.extractive import SentenceSelector, Weights
from ingest.document import Chunk
from kb.search import SearchHit


def hit(text: str, municipality: str, rank: int) -> SearchHit:
    chunk = Chunk(
        chunk_id=f"{municipality}-{rank}",
        doc_id=municipality,
        index=rank,
        text=text,
        start=0,
        end=len(text),
        section="",
        title="計画書",
        municipality=municipality,
    )
    return SearchHit(rank=rank, score=1.0 / rank, chunk=chunk)


def selector() -> SentenceSelector:
    return SentenceSelector(idf=lambda _: 1.0, similarity=None, min_score=0.3, max_sentences=3, weights=Weights())


def test_a_question_about_the_other_municipalities_documents_is_recognised() -> None:
    assert asked_elsewhere("さいたま市は、他の自治体の資料ではどのように登場しますか?", ("さいたま市",)) == "さいたま市"
    assert asked_elsewhere("他自治体のZEB施設を視察したことはありますか?", ("さいたま市",)) == "さいたま市"
    assert asked_elsewhere("さいたま市の2030年の目標は?", ("さいたま市",)) is None
    assert asked_elsewhere("葛飾区は他区とどう連携していますか?", ("葛飾区",)) is None
    assert asked_elsewhere("川崎市とさいたま市は他の自治体とどう違う?", ("川崎市", "さいたま市")) is None


def test_only_other_municipalities_passages_that_name_the_place_are_kept() -> None:
    hits = [
        hit("さいたま市は2050年の排出実質ゼロを目指します。", "さいたま市", 1),
        hit("九都県市(埼玉県、千葉県、さいたま市、川崎市)と連携します。", "川崎市", 2),
        hit("川崎市の削減目標は50%です。", "川崎市", 3),
    ]
    assert [h.chunk.chunk_id for h in naming(hits, "さいたま市")] == ["川崎市-2"]


def test_each_other_municipality_gives_its_sentence_naming_the_place() -> None:
    hits = [
        hit("さいたま市は2050年の排出実質ゼロを目指します。", "さいたま市", 1),
        hit("広域連携を進めます。九都県市(埼玉県、千葉県、さいたま市、川崎市)と連携します。", "川崎市", 2),
        hit("清掃事務所の視察を受け入れました。参加者は環境省、杉並区、さいたま市です。", "葛飾区", 3),
    ]
    question = "さいたま市は他の自治体の資料でどのように登場しますか?"
    found = select_elsewhere(selector(), question, "ja", "さいたま市", hits, 1)
    assert {e.hit.chunk.municipality for e in found} == {"川崎市", "葛飾区"}
    assert all("さいたま市" in e.sentence for e in found)
