"""The prompt: the rules the verifier checks, numbered passages with their source, the question and its rewrite."""

from __future__ import annotations

from assistant.prompt import NOT_FOUND, SYSTEM, messages, passage_label
from ingest.document import Chunk


def chunk(n: int, text: str, page: int | None = 3, section: str = "") -> Chunk:
    return Chunk(
        chunk_id=f"c{n}",
        doc_id="d",
        index=n,
        text=text,
        start=0,
        end=len(text),
        page=page,
        section=section,
        title="実行計画",
        municipality="川崎市",
    )


def test_the_system_prompt_states_the_verified_rules() -> None:
    for rule in ("資料", "[1]", "すべての文", "書き写す", "質問と同じ言語", NOT_FOUND):
        assert rule in SYSTEM


def test_passages_are_numbered_with_their_source() -> None:
    system, user = messages("目標は？", "目標は？", "ja", [chunk(1, "本文一"), chunk(2, "本文二", None, "第2章")])
    assert system.content == SYSTEM
    assert "[1] 『実行計画』（川崎市、p.3）\n本文一\n\n[2] 『実行計画』（川崎市、第2章）\n本文二" in user.content
    assert "質問: 目標は？" in user.content
    assert "会話の文脈" not in user.content
    assert user.content.endswith("回答（日本語で。各文の末尾に [番号]）:")


def test_a_follow_up_carries_its_rewrite_and_an_english_question_asks_for_english() -> None:
    _, user = messages("And for 2050?", "川崎市の2050年の目標は？", "en", [chunk(1, "本文")])
    assert "質問: And for 2050?\n（会話の文脈を補った質問: 川崎市の2050年の目標は？）" in user.content
    assert "英語 (English)で" in user.content


def test_a_passage_without_place_details_is_labelled_by_title() -> None:
    bare = chunk(1, "本文", page=None).model_copy(update={"municipality": ""})
    assert passage_label(bare) == "『実行計画』"
