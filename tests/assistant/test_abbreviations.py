"""An English question's Latin words weigh only when the documents write them as abbreviations."""

from __future__ import annotations

from assistant.abbreviations import english_weight, without_possessives, written_in_capitals

_PLAN = (
    "2)カーボンニュートラル燃料 都市ガスやLNGを、水素等のCNガスに変更する。\n"
    "PDCA(Plan Do Check Action)サイクルを基本とした進行管理を行います。\n"
    "ボトルtoボトルといったリサイクルの増進"
)


def _rarity(token: str) -> float:
    return 4.7


def test_the_abbreviations_are_the_words_written_in_capitals() -> None:
    capitals = written_in_capitals([_PLAN, "ＺＥＢ化の推進"])
    assert {"lng", "cn", "pdca", "zeb"} <= capitals
    assert not {"plan", "do", "to"} & capitals


def test_an_english_questions_ordinary_words_weigh_nothing_though_a_gloss_holds_them() -> None:
    capitals = written_in_capitals([_PLAN])
    weigh = english_weight(_rarity, lambda: capitals, "Does the plan switch city gas and LNG to CN gas?")
    assert weigh("plan") == 0.0
    assert weigh("to") == 0.0
    assert weigh("lng") == 4.7


def test_japanese_and_figures_keep_their_weight() -> None:
    weigh = english_weight(_rarity, frozenset, "How much CO2 in 2030?")
    assert weigh("都市ガス") == 4.7
    assert weigh("2030") == 4.7
    assert weigh("co2") == 4.7


def test_a_possessive_leaves_no_letter_behind() -> None:
    assert without_possessives("In Saitama's zero-carbon strategy") == "In Saitama zero-carbon strategy"
    assert without_possessives("Tochigi City’s project team") == "Tochigi City project team"


def test_a_coined_name_with_a_capital_inside_keeps_its_word() -> None:
    capitals = written_in_capitals(["環境アプリ「Green CarbOn Club」を開発しました。PDCA(Plan Do Check Action)"])
    assert "carbon" in capitals
    assert not {"green", "club", "plan", "check"} & capitals


def test_an_ordinary_word_a_coined_name_shares_weighs_nothing_unless_asked_as_the_name() -> None:
    capitals = written_in_capitals(["環境アプリ「Green CarbOn Club」を開発しました。"])
    assert english_weight(_rarity, lambda: capitals, "Saitama's carbon-neutral roadmap")("carbon") == 0.0
    assert english_weight(_rarity, lambda: capitals, "Who runs Green CarbOn Club?")("carbon") == 4.7
