from assistant.aims import act_only_aimed_at

_PREPARED = "国の脱炭素先行地域づくり事業への応募に向けて、プロジェクトチームを設置し、検討を行った。"


def test_an_act_the_documents_name_only_as_an_aim_is_not_dated_by_them() -> None:
    question = "栃木市が国の脱炭素先行地域に実際に応募したのは何年度で、結果はどうでしたか？"
    assert act_only_aimed_at(question, [_PREPARED, "令和5年度はプラットフォームを設立した。"]) == "応募"


def test_an_act_named_as_done_anywhere_is_left_to_the_documents() -> None:
    question = "脱炭素先行地域に応募したのはいつ？"
    assert act_only_aimed_at(question, [_PREPARED, "令和6年度に第5回公募へ応募しました。"]) is None


def test_an_act_the_documents_never_name_is_left_to_them() -> None:
    assert act_only_aimed_at("ゼロカーボンシティを表明したのはいつ？", [_PREPARED]) is None


def test_a_question_dating_no_done_act_is_left_alone() -> None:
    assert act_only_aimed_at("応募に向けてどんな検討をしましたか？", [_PREPARED]) is None
