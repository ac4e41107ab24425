from assistant.nation import about_the_nation, asks_the_nations_target


def test_a_question_about_the_nations_target_is_recognised() -> None:
    assert asks_the_nations_target("国の2030年度目標も2013年度比で▲50%だから、川崎市と同じ水準なんですよね？")
    assert asks_the_nations_target("川崎市の資料で比較に使われている国全体の2030年度削減目標は何%ですか？")


def test_a_municipality_s_target_or_a_national_programme_is_not_the_nations_target() -> None:
    assert not asks_the_nations_target("川崎市の2030年度目標は何%ですか？")
    assert not asks_the_nations_target("川崎市が国の脱炭素先行地域に選ばれたのはいつですか？")
    assert not asks_the_nations_target("全国の自治体の目標は？")


def test_the_national_row_of_a_comparison_table_is_about_the_nation() -> None:
    assert about_the_nation("1990年度比2013年度比\n国全体\t▲40%\t▲46%")


def test_the_municipality_s_row_and_the_table_title_are_not() -> None:
    assert not about_the_nation("川崎市域\t▲57%\t▲50%")
    assert not about_the_nation("市域全体目標 ▲50%削減(2013年度比)\n表 国と川崎市の削減目標の比較")
