from __future__ import annotations

from ingest.document import Chunk
from kb.passage import passage_text


def chunk(text: str, section: str = "", municipality: str = "") -> Chunk:
    return Chunk(
        chunk_id="c", doc_id="d", index=0, text=text, start=0, end=len(text), section=section, municipality=municipality
    )


def test_municipality_and_section_head_the_embedded_text() -> None:
    assert passage_text(chunk("▲45%以上削減", "民生系目標", "川崎市")) == "川崎市\n民生系目標\n▲45%以上削減"


def test_a_section_the_text_already_starts_with_is_not_repeated() -> None:
    assert (
        passage_text(chunk("3. 目標\n2050年実質ゼロ", "3. 目標", "さいたま市")) == "さいたま市\n3. 目標\n2050年実質ゼロ"
    )


def test_without_metadata_the_text_is_embedded_as_it_is() -> None:
    assert passage_text(chunk("本文")) == "本文"
