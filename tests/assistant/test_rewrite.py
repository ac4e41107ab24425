import pytest

from assistant.citations import Turn
from assistant.places import PlaceResolver
from assistant.rewrite import standalone_question

RESOLVER = PlaceResolver({"川崎市", "さいたま市", "栃木市", "葛飾区"})
KAWASAKI = [
    Turn(role="user", content="川崎市の2030年度の温室効果ガス削減目標は？"),
    Turn(role="assistant", content="「市域目標2030年度までに▲50%削減」[1]"),
]


def test_question_without_history_is_left_as_written() -> None:
    rewrite = standalone_question("その2050年の目標は？", [], RESOLVER)
    assert rewrite.search == rewrite.focus == "その2050年の目標は？"


def test_follow_up_inherits_the_earlier_municipality_and_drops_the_earlier_year() -> None:
    rewrite = standalone_question("その2050年の目標は？", KAWASAKI, RESOLVER)
    assert rewrite.search.startswith("川崎市")
    assert "2050" in rewrite.search and "2030" not in rewrite.search
    assert "削減目標" in rewrite.search
    assert rewrite.focus == "川崎市 その2050年の目標は？"
    assert rewrite.search == "川崎市 その2050年の目標は？ 温室効果ガス削減目標は？"


def test_a_base_year_keeps_the_earlier_target_year() -> None:
    rewrite = standalone_question("じゃあ1990年度比だと何%になるの？", KAWASAKI, RESOLVER)
    assert "2030年度" in rewrite.search


def test_earlier_topic_keeps_no_particle_left_dangling_by_the_removed_place() -> None:
    history = [Turn(role="user", content="川崎市がつくった地域エネルギー会社の名前は？")]
    rewrite = standalone_question("その会社の資本金は？", history, RESOLVER)
    assert rewrite.search.endswith(" その会社の資本金は？ つくった地域エネルギー会社の名前は？")


def test_bare_place_asks_the_earlier_question_of_the_new_place() -> None:
    rewrite = standalone_question("さいたま市は？", KAWASAKI, RESOLVER)
    assert "さいたま市" in rewrite.search and "川崎" not in rewrite.search
    assert "削減目標" in rewrite.search


def test_question_that_names_its_own_place_is_not_rewritten() -> None:
    question = "栃木市脱炭素促進プラットフォームの会員は何団体ですか？"
    assert standalone_question(question, KAWASAKI, RESOLVER).search == question


def test_follow_up_carries_the_quotes_of_our_own_earlier_answer() -> None:
    history = [
        KAWASAKI[0],
        Turn(role="assistant", content="文書には次のように書かれています。\n「市域目標2030年度までに▲50%削減」[1]"),
    ]
    assert standalone_question("その内訳は？", history, RESOLVER).earlier_answer == "市域目標2030年度までに▲50%削減"


def test_follow_up_carries_a_free_text_earlier_answer_whole() -> None:
    answer = "「小さな多摩の森を探そうフェア」を実施し、大型書店で選書コーナーを展開しました。"
    history = [Turn(role="user", content="木材活用事業では何をしたの？"), Turn(role="assistant", content=answer)]
    assert standalone_question("それは何店舗でやったの？", history, RESOLVER).earlier_answer == answer


def test_question_naming_its_own_place_carries_no_earlier_answer() -> None:
    question = "栃木市脱炭素促進プラットフォームの会員は何団体ですか？"
    assert standalone_question(question, KAWASAKI, RESOLVER).earlier_answer == ""


def test_a_question_for_what_comes_next_searches_the_stage_after_the_earlier_answers() -> None:
    history = [
        Turn(role="user", content="What will Kawasaki test at its Ukishima plant?"),
        Turn(role="assistant", content="As Step 1, CO2 capture tests on the actual plant by around 2030."),
    ]
    rewrite = standalone_question("What comes after that, and from when?", history, RESOLVER)
    assert "Step 2" in rewrite.focus and "Step 2" in rewrite.search
    assert "Step 2" not in standalone_question("And from when?", history, RESOLVER).focus


def test_a_follow_up_naming_nothing_asks_about_the_earlier_questions_subject() -> None:
    history = [Turn(role="user", content="CC川崎エコ会議って何？"), Turn(role="assistant", content="「…」[1]")]
    rewrite = standalone_question("どれくらいの団体が参加してる？", history, RESOLVER)
    assert rewrite.focus == "川崎市 CC川崎エコ会議 どれくらいの団体が参加してる？"


def test_a_follow_up_naming_its_own_subject_keeps_to_it() -> None:
    history = [Turn(role="user", content="さいたま市のゼロカーボンシティ推進戦略の将来目標は？")]
    rewrite = standalone_question("基本方針はいくつある？", history, RESOLVER)
    assert rewrite.focus == "さいたま市 基本方針はいくつある？"


def test_a_bare_year_asks_the_earlier_question_of_that_year() -> None:
    english = [Turn(role="user", content="What is Kawasaki's 2030 reduction target?")]
    rewrite = standalone_question("And what about 2050?", english, RESOLVER)
    assert rewrite.focus == rewrite.search == "川崎市 What is 's reduction target? And what about 2050?"
    japanese = standalone_question("じゃあ2050年は？", KAWASAKI, RESOLVER)
    assert japanese.focus == "川崎市 温室効果ガス削減目標は？ じゃあ2050年は？"


def test_a_term_only_the_earlier_answer_named_is_the_subject_under_both_its_names() -> None:
    history = [
        Turn(role="user", content="川崎未来エナジーのエネマネの取組はどう進めるの？"),
        Turn(role="assistant", content="2030年度を目安にバーチャルパワープラント（VPP）等の取組を目指します。"),
    ]
    rewrite = standalone_question("そのVPPって、どういう仕組み？", history, RESOLVER)
    assert rewrite.focus == rewrite.search == "川崎市 そのVPPって、どういう仕組み？ バーチャルパワープラント"


def test_a_noun_pointed_back_at_that_is_a_word_of_the_earlier_subject_asks_about_that_subject() -> None:
    history = [Turn(role="user", content="CC川崎エコ会議ってどういう会議？")]
    rewrite = standalone_question("その会議、今後はどうしていくって書いてある？", history, RESOLVER)
    assert rewrite.focus == "川崎市 CC川崎エコ会議 その会議、今後はどうしていくって書いてある？"


def test_a_place_inside_a_coined_name_stays_in_the_earlier_topic() -> None:
    for earlier in ("CC川崎エコ会議ってどういう会議？", "川崎未来エナジーってどんな会社？"):
        rewrite = standalone_question("資本金はいくら？", [Turn(role="user", content=earlier)], RESOLVER)
        assert rewrite.search == f"川崎市 資本金はいくら？ {earlier}"


def test_a_category_word_of_the_earlier_question_points_at_the_one_thing_the_answer_named() -> None:
    history = [
        Turn(role="user", content="さいたま市の戦略の基本的施策6は何ですか？"),
        Turn(role="assistant", content="基本的施策6は「都市間連携による脱炭素化の推進」で、連携を進めるものです。"),
    ]
    rewrite = standalone_question("その施策の具体的事業には何がありますか。", history, RESOLVER)
    assert rewrite.focus == "さいたま市 都市間連携による脱炭素化の推進 その施策の具体的事業には何がありますか。"


def test_an_answer_naming_several_things_leaves_the_earlier_subject() -> None:
    history = [
        Turn(role="user", content="さいたま市の戦略の基本的施策は何ですか？"),
        Turn(role="assistant", content="「再生可能エネルギーの地産地消」と「都市間連携による脱炭素化の推進」です。"),
    ]
    rewrite = standalone_question("その施策の具体的事業には何がありますか。", history, RESOLVER)
    assert "都市間連携" not in rewrite.focus


def test_a_bare_pronoun_points_at_what_an_unmarked_earlier_question_asked_about() -> None:
    history = [Turn(role="user", content="栃木市って藤岡地域を対象にプロジェクトチームを作ったんだよね？")]
    rewrite = standalone_question("それって何に向けた動きなの？", history, RESOLVER)
    assert rewrite.focus == "栃木市 プロジェクトチーム それって何に向けた動きなの？"


SAITAMA_DECLARED = [
    Turn(role="user", content="さいたま市がゼロカーボンシティを表明したのはいつですか？"),
    Turn(role="assistant", content="令和2年7月に、2050年までに実質ゼロを目指すことを表明しました。"),
]


def test_a_year_told_from_the_last_answer_is_written_as_that_year() -> None:
    """ "その翌年の5月" after an answer dated 令和2年 asks about 令和3年5月, the date the documents write."""
    rewrite = standalone_question("その翌年の5月には、市として何を出しましたか？", SAITAMA_DECLARED, RESOLVER)
    assert "令和3年5月には" in rewrite.focus and "翌年" not in rewrite.focus
    assert (
        "2019年度"
        in standalone_question(
            "前年度の実績は？", [*KAWASAKI[:1], Turn(role="assistant", content="2020年度に")], RESOLVER
        ).focus
    )


@pytest.mark.parametrize(
    ("said", "asked", "meant"),
    [
        ("平成31年4月に", "その翌年", "令和2年"),
        ("令和元年に", "その前年", "平成30年"),
        ("令和2年に", "同年", "令和2年"),
    ],
)
def test_a_year_told_across_an_eras_change_is_written_in_its_era(said: str, asked: str, meant: str) -> None:
    history = [*KAWASAKI[:1], Turn(role="assistant", content=said)]
    assert f"{meant}5月" in standalone_question(f"{asked}の5月には何をしましたか？", history, RESOLVER).focus


def test_a_comparison_with_the_previous_year_is_left_as_written() -> None:
    history = [*KAWASAKI[:1], Turn(role="assistant", content="2020年度に50%")]
    assert "前年度比" in standalone_question("前年度比では何%？", history, RESOLVER).focus


def test_there_after_a_question_for_where_is_the_place_the_last_answer_gave() -> None:
    history = [
        Turn(role="user", content="栃木市の脱炭素先行地域プロジェクトの会議はどこで開かれていましたか？"),
        Turn(role="assistant", content="主に渡良瀬遊水地ハートランド城（研修室1）で開かれていました。"),
    ]
    rewrite = standalone_question("そこで開かれた最初の会議はいつでしたか？", history, RESOLVER)
    assert "ハートランド城" in rewrite.focus and "ハートランド城" in rewrite.search
    assert "ハートランド城" in standalone_question("だいたいそこで開かれた会議は何回？", history, RESOLVER).focus
    where = [Turn(role="user", content="栃木市の会議は何回開かれましたか？"), history[1]]
    assert "ハートランド城" not in standalone_question("そこで開かれた最初の会議はいつ？", where, RESOLVER).focus
