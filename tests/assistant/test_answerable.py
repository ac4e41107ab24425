from assistant.abstention import Abstention
from assistant.answerable import why_unanswerable

_PREPARED = "国の脱炭素先行地域づくり事業への応募に向けて、プロジェクトチームを設置し、検討を行った。"
_DATED_ACT = "脱炭素先行地域に応募したのはいつ？"


def test_a_topic_only_other_municipalities_write_is_unanswerable() -> None:
    assert why_unanswerable("水素ステーションは何か所？", "水素ステーション", None, []) is Abstention.foreign_topic


def test_a_foreign_topic_asked_of_the_others_documents_is_left_to_them() -> None:
    assert why_unanswerable("他の自治体の水素ステーションは？", "水素ステーション", "葛飾区", []) is None


def test_an_act_the_passages_name_only_as_an_aim_is_unanswerable() -> None:
    assert why_unanswerable(_DATED_ACT, None, None, [_PREPARED]) is Abstention.act_only_aimed_at


def test_the_foreign_topic_is_the_reason_before_the_aimed_act() -> None:
    assert why_unanswerable(_DATED_ACT, "脱炭素先行地域", None, [_PREPARED]) is Abstention.foreign_topic


def test_a_question_the_passages_may_answer_has_no_reason() -> None:
    assert why_unanswerable(_DATED_ACT, None, None, [_PREPARED, "令和6年度に応募しました。"]) is None
