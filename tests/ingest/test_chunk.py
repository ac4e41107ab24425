from __future__ import annotations

from itertools import pairwise

import pytest

from ingest.chunk import Block, chunk_document, split_sentences
from ingest.document import DocumentMeta
from ingest.tokenize import count_tokens

META = DocumentMeta(doc_id="doc", title="計画", municipality="川崎市")
SENTENCES = [
    "川崎市は2050年までに温室効果ガス排出量の実質ゼロを目指します。",
    "市域の再生可能エネルギー導入量を2030年度までに33万kW以上に増やします。",
    "市民・事業者・行政が一体となって地球温暖化対策に取り組みます。",
    "地域エネルギー会社を設立し、廃棄物発電の電力を市内で循環させます。",
    "公共施設には再エネ100%電力を導入し、照明のLED化を進めます。",
    "プラスチック資源の一括回収を2026年度に市内全域で実施する予定です。",
]


def _layout(paragraphs: list[tuple[str, int | None, str, bool]]) -> tuple[str, list[Block]]:
    """(text, page, section, heading) paragraphs -> document text and blocks, joined like the pipeline does."""
    text = "\n".join(paragraph for paragraph, *_ in paragraphs)
    blocks, offset = [], 0
    for paragraph, page, section, heading in paragraphs:
        blocks.append(Block(offset, offset + len(paragraph), page, section, heading))
        offset += len(paragraph) + 1
    return text, blocks


def _long_document(repeat: int = 5) -> tuple[str, list[Block]]:
    return _layout([("".join(SENTENCES), None, "", False)] * repeat)


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_sentences_split_after_japanese_and_ascii_terminators() -> None:
    text = "今日は晴れ。明日は雨！本当？ Yes!? そうです"
    assert _sentences(text) == ["今日は晴れ。", "明日は雨！", "本当？", "Yes!?", "そうです"]


def test_sentences_never_split_inside_japanese_quotes() -> None:
    text = "市長は「脱炭素を進める。皆で取り組もう。」と述べた。次の話題です。"
    assert _sentences(text) == ["市長は「脱炭素を進める。皆で取り組もう。」と述べた。", "次の話題です。"]


def test_sentences_never_split_inside_parentheses() -> None:
    text = "カーボンニュートラル(以下、「CN」という。)化の実現を目指す。次です。"
    assert _sentences(text) == ["カーボンニュートラル(以下、「CN」という。)化の実現を目指す。", "次です。"]
    assert _sentences("計画『素案。参考』を示す。") == ["計画『素案。参考』を示す。"]


def test_an_unclosed_bracket_does_not_swallow_the_rest_of_the_paragraph() -> None:
    assert _sentences("第2部「講演。次の文です。三つ目。") == ["第2部「講演。", "次の文です。", "三つ目。"]


def test_chunks_stay_within_the_token_budget() -> None:
    text, blocks = _long_document()
    chunks = chunk_document(text, blocks, META, chunk_tokens=60, overlap_tokens=15)
    assert len(chunks) > 5
    assert all(count_tokens(chunk.text) <= 60 for chunk in chunks)
    assert all(count_tokens(chunk.text) >= 15 for chunk in chunks)


def test_chunks_are_made_of_whole_sentences() -> None:
    text, blocks = _long_document()
    for chunk in chunk_document(text, blocks, META, chunk_tokens=60, overlap_tokens=15):
        assert chunk.text.endswith("。")
        assert any(chunk.text.startswith(sentence) for sentence in SENTENCES)


def test_consecutive_chunks_overlap_by_trailing_whole_sentences() -> None:
    text, blocks = _long_document()
    chunks = chunk_document(text, blocks, META, chunk_tokens=60, overlap_tokens=25)
    for previous, following in pairwise(chunks):
        assert following.start < previous.end
        shared = text[following.start : previous.end]
        assert previous.text.endswith(shared) and following.text.startswith(shared)
        assert 0 < count_tokens(shared) <= 25
        assert shared.endswith("。")


def test_zero_overlap_gives_adjacent_chunks() -> None:
    text, blocks = _long_document()
    chunks = chunk_document(text, blocks, META, chunk_tokens=60, overlap_tokens=0)
    assert all(following.start >= previous.end for previous, following in pairwise(chunks))
    assert "".join(chunk.text for chunk in chunks) == text.replace("\n", "")


def test_chunk_spans_index_the_document_text_exactly() -> None:
    text, blocks = _long_document()
    for chunk in chunk_document(text, blocks, META, chunk_tokens=50, overlap_tokens=10):
        assert text[chunk.start : chunk.end] == chunk.text


def test_chunk_ids_are_stable_content_hashes() -> None:
    text, blocks = _long_document()
    first = chunk_document(text, blocks, META, chunk_tokens=60, overlap_tokens=15)
    second = chunk_document(text, blocks, META, chunk_tokens=60, overlap_tokens=15)
    assert [c.chunk_id for c in first] == [c.chunk_id for c in second]
    assert all(len(c.chunk_id) == 32 and int(c.chunk_id, 16) >= 0 for c in first)


def test_chunk_ids_change_with_text_and_document_but_repeats_stay_unique() -> None:
    text, blocks = _layout([("温室効果ガスを削減します。", None, "", False)] * 3)
    chunks = chunk_document(text, blocks, META, chunk_tokens=8, overlap_tokens=0)
    assert len({chunk.chunk_id for chunk in chunks}) == 3
    edited = text.replace("削減", "抑制", 1)
    edited_chunks = chunk_document(edited, blocks, META, chunk_tokens=8, overlap_tokens=0)
    assert edited_chunks[0].chunk_id != chunks[0].chunk_id
    other = chunk_document(text, blocks, META.model_copy(update={"doc_id": "other"}), chunk_tokens=8, overlap_tokens=0)
    assert other[0].chunk_id != chunks[0].chunk_id


def test_an_over_long_sentence_is_split_at_token_boundaries() -> None:
    row = " ".join(f"施策{n}再生可能エネルギーの導入促進" for n in range(40))
    text, blocks = _layout([(row, None, "", False)])
    chunks = chunk_document(text, blocks, META, chunk_tokens=50, overlap_tokens=10)
    assert len(chunks) > 4
    assert all(count_tokens(chunk.text) <= 50 for chunk in chunks)
    assert all(chunk.text.startswith("施策") for chunk in chunks)


def test_a_page_break_always_ends_a_chunk() -> None:
    text, blocks = _layout([(SENTENCES[0], 1, "", False), (SENTENCES[1], 2, "", False), (SENTENCES[2], 2, "", False)])
    chunks = chunk_document(text, blocks, META, chunk_tokens=500, overlap_tokens=20)
    assert [(chunk.page, chunk.text) for chunk in chunks] == [(1, SENTENCES[0]), (2, f"{SENTENCES[1]}\n{SENTENCES[2]}")]


def test_a_heading_starts_a_new_chunk_once_the_current_one_is_substantial() -> None:
    text, blocks = _layout(
        [
            ("1. 目標", None, "1. 目標", True),
            ("".join(SENTENCES[:3]), None, "1. 目標", False),
            ("2. 施策", None, "2. 施策", True),
            (SENTENCES[3], None, "2. 施策", False),
        ]
    )
    chunks = chunk_document(text, blocks, META, chunk_tokens=200, overlap_tokens=20)
    assert [chunk.section for chunk in chunks] == ["1. 目標", "2. 施策"]
    assert chunks[1].text.startswith("2. 施策\n")


def test_tiny_sections_are_merged_rather_than_made_into_one_line_chunks() -> None:
    text, blocks = _layout(
        [
            ("【目的】", None, "【目的】", True),
            ("取組を企画", None, "【目的】", False),
            ("【概要】", None, "【概要】", True),
            ("事業者と連携", None, "【概要】", False),
        ]
    )
    chunks = chunk_document(text, blocks, META, chunk_tokens=160, overlap_tokens=32)
    assert [(chunk.text, chunk.section) for chunk in chunks] == [(text, "【目的】")]


def test_chunks_carry_document_metadata_and_order() -> None:
    text, blocks = _layout([(SENTENCES[0], 3, "第7章", False)])
    (chunk,) = chunk_document(text, blocks, META, chunk_tokens=100, overlap_tokens=10)
    assert (chunk.doc_id, chunk.title, chunk.municipality, chunk.page, chunk.section, chunk.index) == (
        "doc", "計画", "川崎市", 3, "第7章", 0,
    )  # fmt: skip


@pytest.mark.parametrize(("chunk_tokens", "overlap_tokens"), [(0, 0), (50, 50), (50, -1)])
def test_impossible_chunk_parameters_are_refused(chunk_tokens: int, overlap_tokens: int) -> None:
    text, blocks = _long_document(1)
    with pytest.raises(ValueError, match="chunk_tokens"):
        chunk_document(text, blocks, META, chunk_tokens=chunk_tokens, overlap_tokens=overlap_tokens)
