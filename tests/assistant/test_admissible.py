"""Which quotes can answer a question at all."""

from __future__ import annotations

from assistant.admissible import admissible, both, in_the_asked_unit, passage_admissible
from assistant.question import analyse

_SEVENTH_TERM = "法律第37条に基づき、川崎市から委嘱を受け(令和4(2022)年3月末現在、第7期82名)、普及啓発を行っています。"


def test_another_terms_figure_is_no_answer_about_the_asked_term() -> None:
    admits = admissible(analyse("川崎市地球温暖化防止活動推進員の第6期は何名でしたか？"))
    assert admits is not None
    assert not admits(_SEVENTH_TERM)
    assert admits("推進員は市や市民と連携しながら普及啓発を行っています。")


def test_the_asked_terms_figure_is_admitted_though_the_quote_names_another_too() -> None:
    admits = admissible(analyse("第7期の推進員は何名ですか？"))
    assert admits is not None
    assert admits(_SEVENTH_TERM)
    assert admits("第6期は75名、第 7 期は82名でした。")


def test_a_term_of_another_series_does_not_rule_a_quote_out() -> None:
    admits = admissible(analyse("第6期の推進員は何名ですか？"))
    assert admits is not None
    assert admits("第2次川崎市地球温暖化対策推進基本計画に基づき、推進員を委嘱しています。")


def test_a_term_the_asker_only_asserts_is_a_premise_the_documents_may_correct() -> None:
    question = "栃木市消費者友の会の第50回定期総会で、5月に脱炭素の説明をしたんですよね？何人来ました？"
    assert admissible(analyse(question)) is None


def test_a_date_left_blank_is_no_answer_to_when() -> None:
    admits = admissible(analyse("さいたま市ゼロカーボンシティ推進戦略は、令和3年の何月に策定されたのですか。"))
    assert admits is not None
    assert not admits("令和3年●月さいたま市ゼロカーボンシティ推進戦略の策定")
    assert not admits("○月○日 戦略の公表")
    assert admits("令和3年3月さいたま市が総合振興計画を改定")
    assert admits("令和5年4月に施行、令和6年●月に改定予定")


def test_a_blank_date_does_not_rule_out_the_answer_to_another_kind_of_question() -> None:
    assert admissible(analyse("さいたま市ゼロカーボンシティ推進戦略の基本的施策はいくつ？")) is None


def test_both_admits_what_every_rule_admits() -> None:
    assert both(None, None) is None
    short = both(lambda s: len(s) < 10, None, lambda s: "市" in s)
    assert short is not None
    assert short("川崎市")
    assert not short("東京都")
    assert not short("川崎市の長い長い文章です")


def test_a_count_taken_at_another_date_is_another_count() -> None:
    admits = admissible(analyse("栃木市脱炭素促進プラットフォームの令和5年9月末時点の会員数は？"))
    assert admits is not None
    assert not admits("(1) 会員(令和6年3月31日現在) (単位:団体)")
    assert admits("会員数は58団体です。")
    later = admissible(analyse("プラットフォームの2024年3月末時点の会員数は？"))
    assert later is not None
    assert later("(1) 会員(令和6年3月31日現在) (単位:団体)")
    assert not later("令和4(2022)年3月末現在、第7期82名")


_MEMBERS = (
    "栃木市脱炭素促進プラットフォーム\n多様な業種の積極的な参画や連携により脱炭素の取組を促進するため、"
    "栃木市脱炭素促進プラットフォームを設置した。\n(1) 会員(令和6年3月31日現在) (単位:団体)"
)
_SHARES = "【出資者・出資比率】\n企業・団体名出資比率\n① 川崎市川崎市51.0%\n② NTTアノードエナジー株式会社18.5%"


def test_the_amount_of_an_act_is_only_in_a_passage_naming_the_act() -> None:
    admits = passage_admissible(analyse("栃木市がつくった地域エネルギー会社に、市はどのくらい出資してるの？"))
    assert admits is not None
    assert not admits(_MEMBERS)
    assert admits(_SHARES)
    admits = passage_admissible(analyse("JAせれさ川崎って川崎未来エナジーに何パーセント出資してるの？"))
    assert admits is not None
    assert admits(_SHARES)


def test_a_change_is_measured_by_a_figure_against_a_base_year_that_need_not_name_it() -> None:
    question = "川崎市域の2021年度の温室効果ガス排出量（暫定値）は、2013年度と比べてどれだけ減少していますか。"
    assert passage_admissible(analyse(question)) is None


def test_a_question_asking_more_than_the_amount_keeps_the_passages_of_its_other_answers() -> None:
    assert passage_admissible(analyse("資本金はいくら？あと市はどれだけ出資してるの？")) is None


def test_a_capacity_is_no_answer_to_an_amount_of_energy() -> None:
    admits = in_the_asked_unit(analyse("川崎の脱炭素先行地域で、2030年度の再エネ電力供給量の目標値って何kWh？"))
    assert admits is not None
    assert not admits("市域の再エネ導入目標 2030年度までに33万kW以上導入(2020年度実績20万kW)")
    assert admits("① 再生可能エネルギー電力供給量 [kWh/年]\n2022 2023\n183,147,067 190,000,000")


def test_a_unit_written_another_way_is_the_same_unit() -> None:
    tonnes = in_the_asked_unit(analyse("川崎市域の2020年度の温室効果ガス排出量は何万t-CO2でしたか？"))
    share = in_the_asked_unit(analyse("2030年度までに何％削減する目標ですか？"))
    assert tonnes is not None and share is not None
    assert tonnes("2021年度の排出量は2,084万トン(暫定値)です。")
    assert not tonnes("2030年度までに33万kW以上導入")
    assert share("2030年度までに▲50%以上削減(2013年度比)")


def test_a_question_naming_no_unit_or_asking_more_rules_out_nothing() -> None:
    assert in_the_asked_unit(analyse("再エネの導入目標はどのくらいですか？")) is None
    assert in_the_asked_unit(analyse("再エネ導入目標は何kWで、いつ策定されましたか？")) is None


def test_a_count_taken_later_is_no_count_of_when_something_happened() -> None:
    admits = admissible(
        analyse("脱炭素アクションみぞのくち推進会議って、2021年7月に発足したときは会員いくつだったの？")
    )
    assert admits is not None
    assert not admits("2021年7月に推進会議(会員数:58(2024年11月現在))を発足し、取組を推進しています。")
    assert admits("2021年7月に推進会議を発足しました。")


def test_a_count_at_a_named_event_of_a_month_is_no_count_of_a_later_date() -> None:
    admits = admissible(analyse("コンソーシアムは、2023年9月の創設時点では何団体が参画していましたか。"))
    assert admits is not None
    assert not admits("コンソーシアム(2023年9月1日創設) 参画団体(22団体 ※2024年5月1日現在)")
    assert admits("コンソーシアム(2023年9月1日創設) 参画団体(15団体 ※2023年9月1日現在)")


def test_the_progress_of_a_conversion_is_measured_only_where_it_is_named() -> None:
    admits = passage_admissible(analyse("川崎市の公共施設のLED化って、2023年度の時点でどのくらい進んでるの？何％？"))
    assert admits is not None
    assert not admits("脱炭素先行地域における実質ゼロ達成率は、2023年度時点で約46%となっており")
    assert admits("公共施設のLED化率は2023年度時点で60%です。")


def test_a_qualified_act_is_dated_only_where_it_is_named() -> None:
    admits = passage_admissible(analyse("川崎市の地球温暖化対策推進基本計画は、何年度に中間見直しをする予定ですか。"))
    assert admits is not None
    assert not admits("「川崎市地球温暖化対策推進基本計画」を2022年3月に改定しました。")
    assert admits("計画は2026年度に中間見直しを行います。")
    assert passage_admissible(analyse("設立総会はいつ開催されましたか？")) is None
