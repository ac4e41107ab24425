from __future__ import annotations

import pytest

from ingest import tagger as tagger_module
from ingest.tagger import Word, tagged, words


def test_words_keep_what_readers_use_of_each_node() -> None:
    found = words("川崎市の 削減目標")
    assert [w.surface for w in found] == ["川崎", "市", "の", "削減", "目標"]
    assert found[0] == Word("川崎", "名詞", "固有名詞", "地名", "カワサキ", False, "固")
    assert found[3].spaced and not found[4].spaced


def test_a_word_without_a_reading_has_none_rather_than_an_asterisk() -> None:
    assert words("ZEBの導入")[0].kana is None


def test_a_word_knows_its_origin_so_a_native_word_in_katakana_can_read_as_a_name() -> None:
    assert [w.origin for w in words("カシワとプロジェクト")] == ["和", "和", "外"]
    assert words("ZEBの導入")[0].origin == ""


def test_a_text_is_tagged_once_however_many_readers_ask(monkeypatch: pytest.MonkeyPatch) -> None:
    tagged.cache_clear()
    parses: list[str] = []
    real_tagger = tagger_module.tagger
    monkeypatch.setattr(tagger_module, "tagger", lambda: lambda text: parses.append(text) or real_tagger()(text))
    first = tagged("浮島処理センターの発電量は？")
    assert tagged("浮島処理センターの発電量は？") is first
    assert parses == ["浮島処理センターの発電量は？"]
    assert tagged.cache_info().maxsize == tagger_module._TAGGED_TEXTS
