from __future__ import annotations

import threading

import pytest

from ingest import tokenize
from ingest.tagger import tagger
from ingest.tokenize import count_tokens, keyword_tokens, search_keys, token_spans


def test_count_tokens_counts_fugashi_words_not_characters() -> None:
    assert count_tokens("意見交換") == 2
    assert count_tokens("") == 0
    assert count_tokens("  前 後  ") == 2


def test_keyword_tokens_drop_particles_auxiliaries_and_punctuation() -> None:
    tokens = keyword_tokens("温室効果ガスの排出量を削減します。")
    assert tokens == ["温室", "効果", "ガス", "排出", "量", "削減", "し"]


def test_keyword_tokens_keep_numbers_and_percent_signs() -> None:
    tokens = keyword_tokens("2030年度までに▲50%削減（2013年度比）")
    assert tokens == ["2030", "年度", "▲", "50", "%", "削減", "2013", "年度", "比"]


def test_keyword_tokens_lowercase_latin_after_width_normalisation() -> None:
    assert keyword_tokens("ＺＥＢ化とEV車") == ["zeb", "化", "ev", "車"]


def test_keyword_tokens_normalise_radicals_before_tokenising() -> None:
    assert keyword_tokens("⾦融機関") == keyword_tokens("金融機関") == ["金融", "機関"]


def test_keyword_tokens_of_a_query_match_those_of_the_stored_text() -> None:
    assert keyword_tokens("意\n見交換") == keyword_tokens("意見交換")


@pytest.mark.parametrize(("written", "variant"), [("取り組み", "取組"), ("建て替え", "建替え"), ("申し込み", "申込")])
def test_search_keys_of_okurigana_variants_meet(written: str, variant: str) -> None:
    assert search_keys(written) == search_keys(variant)


@pytest.mark.parametrize(("one", "other"), [("行い", "行う"), ("さいたま", "埼玉"), ("子ども", "子供")])
def test_search_keys_keep_apart_words_that_share_less_than_two_kanji(one: str, other: str) -> None:
    assert search_keys(one) != search_keys(other)


def test_search_keys_keep_figures_and_latin_as_keyword_tokens() -> None:
    text = "ＺＥＢ化で2030年度までに▲50%削減"
    assert search_keys(text) == keyword_tokens(text)


def test_keyword_tokens_are_cached_by_text_and_each_caller_gets_its_own_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tokenize._keyword_tokens.cache_clear()
    parses: list[str] = []
    real_tagger = tokenize.tagger
    monkeypatch.setattr(tokenize, "tagger", lambda: lambda text: parses.append(text) or real_tagger()(text))
    first = keyword_tokens("再生可能エネルギーの導入目標")
    first.append("changed by a caller")
    assert keyword_tokens("再生可能エネルギーの導入目標") == ["再生", "可能", "エネルギー", "導入", "目標"]
    assert parses == ["再生可能エネルギーの導入目標"]
    assert tokenize._keyword_tokens.cache_info().maxsize == tokenize._KEYWORD_CACHE_SIZE


def test_token_spans_locate_each_token_in_the_text() -> None:
    text = "令和 5 年度 EV 車"
    assert [text[start:end] for start, end in token_spans(text)] == ["令和", "5", "年度", "EV", "車"]


def test_tagger_is_created_once_per_thread_and_reused() -> None:
    assert tagger() is tagger()
    other: list[object] = []
    thread = threading.Thread(target=lambda: other.append(tagger()))
    thread.start()
    thread.join()
    assert other[0] is not tagger()
