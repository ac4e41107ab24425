"""The terms questions and quotes are compared by."""

from __future__ import annotations

from assistant.terms import comparable_terms


def test_an_abbreviation_glued_to_a_sign_compares_equal_to_the_questions_spelling() -> None:
    assert "ev" in comparable_terms("⑤ ゼロカーボンドライブ(再エネ×EV等)の推進")
    assert "ev" in comparable_terms("EVの取組は？")


def test_each_wording_is_spelled_one_way() -> None:
    assert set(comparable_terms("再生可能エネルギー")) == set(comparable_terms("再エネ"))


def test_another_name_for_a_thing_compares_equal_to_the_plans_name() -> None:
    assert set(comparable_terms("営農型太陽光発電")) == set(comparable_terms("ソーラーシェアリング"))
    assert set(comparable_terms("温暖化ガス")) == set(comparable_terms("温室効果ガス"))
