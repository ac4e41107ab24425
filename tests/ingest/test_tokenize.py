from __future__ import annotations

import threading

from ingest.tagger import tagger
from ingest.tokenize import count_tokens, keyword_tokens, token_spans


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
