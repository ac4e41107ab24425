"""A question's premise read so the documents can correct it: its counted things and its spelling of names."""

from __future__ import annotations

from assistant.premises import counted_patterns, lookalike, same_name


def test_the_documents_count_of_the_counted_noun_matches_whatever_its_number() -> None:
    (pattern,) = counted_patterns("栃木市は連携協定を3本結んだと聞きました。3本目の相手はどこですか？")
    assert pattern.search("カーボンニュートラルの実現を図ることを目的に連携協定を2本締結した。")
    assert not pattern.search("第2部基調講演を2本実施した。")


def test_a_multiplied_count_is_matched_by_the_documents_plain_figure() -> None:
    (pattern,) = counted_patterns("一般家庭3万世帯分の電気をまかなえるらしいですね。")
    assert pattern.search("場内で使用する電力のほか、一般家庭13,000世帯相当分の電力をまかなうことができます。")


def test_a_figure_after_no_noun_counts_nothing() -> None:
    assert counted_patterns("2030年度までに50万kWでしたよね？") == []


def test_a_name_one_lookalike_kanji_apart_is_the_documents_name() -> None:
    assert same_name("動き出した橘処理センター", "稼働した橋処理センター")
    assert lookalike("橘", "橋")


def test_other_facilities_and_kanji_of_another_radical_are_other_names() -> None:
    assert not same_name("堤根処理センター", "浮島処理センター")
    assert not same_name("北部処理センター", "南部処理センター")
    assert not lookalike("北", "南")
    assert not lookalike("セ", "ン")


def test_a_count_in_tsu_matches_the_documents_count_written_before_the_noun() -> None:
    (pattern,) = counted_patterns("推進戦略の基本的施策は5つあるそうですが、それぞれ何ですか。")
    assert pattern.search("ゼロカーボンシティに向けた基本理念・基本方針と7つの基本的施策を示しています。")
    assert not pattern.search("7つの基本方針を示しています。")
    assert counted_patterns("2つ目の基本的施策は？") == []


def test_a_count_before_the_noun_it_counts_is_that_nouns_count_not_the_topics() -> None:
    question = "推進戦略は5つの基本的施策で構成されていると聞きましたが、どんな施策ですか？"
    (pattern,) = counted_patterns(question)
    assert pattern.search("ゼロカーボンシティに向けた基本理念・基本方針と7つの基本的施策を示しています。")
    assert not pattern.search("推進戦略は3つの柱からなります。")
