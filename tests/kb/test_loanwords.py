from __future__ import annotations

from kb.loanwords import Loanwords, english_endings, english_skeletons, katakana_skeleton

DOCUMENTS = [
    "「グリーン・リカバリー(脱炭素社会を目指し、環境と調和した経済復興)」",
    "川崎未来エナジー株式会社。エネルギーの地産地消。",
]


def test_an_english_phrase_finds_the_katakana_words_the_documents_write_it_with() -> None:
    assert Loanwords(DOCUMENTS).japanese("the 'green recovery' perspective") == ["グリーン", "リカバリー"]


def test_energy_finds_both_the_german_and_the_english_loan() -> None:
    assert set(Loanwords(DOCUMENTS).japanese("Where is Kawasaki Mirai Energy's office?")) == {"エナジー", "エネルギー"}


def test_two_words_may_be_one_katakana_word() -> None:
    assert Loanwords(["カーボンニュートラルの実現"]).japanese("carbon neutral") == ["カーボンニュートラル"]


def test_short_words_are_not_read_as_loans() -> None:
    assert Loanwords(["プラントの更新"]).japanese("How do they plan to do it?") == []
    assert english_skeletons("more") == {}


def test_small_vowels_keep_the_consonant_before_them() -> None:
    assert katakana_skeleton("プロジェクト") in english_skeletons("project")
    assert katakana_skeleton("オフィス") in english_skeletons("office")


def test_an_r_katakana_drops_shows_as_a_long_vowel() -> None:
    documents = ["くららフェスタ、ファースト・ステップ、スポット、サポート"]
    assert Loanwords(documents).japanese("first") == ["ファースト"]
    assert Loanwords(documents).japanese("support") == ["サポート"]
    assert "フェスタ" in Loanwords(documents).japanese("Kurara Festa")


def test_a_loan_ends_as_the_english_word_does() -> None:
    documents = ["地域コミュニティ、スタート、チラシ、コメント、アプローチ、センター"]
    assert Loanwords(documents).japanese("comment") == ["コメント"]
    assert Loanwords(documents).japanese("community") == ["コミュニティ"]
    assert Loanwords(documents).japanese("a decarbonised society") == []
    assert Loanwords(documents).japanese("Who chairs it?") == []
    assert Loanwords(documents).japanese("a new approach at the center") == ["アプローチ", "センター"]


def test_english_endings_name_the_vowels_katakana_may_end_a_word_with() -> None:
    assert english_endings("comment") == english_endings("office")
    assert "i" in (english_endings("challenge") or ())
    assert english_endings("festa") is None
