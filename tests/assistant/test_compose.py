from assistant.citations import Citation
from assistant.compose import ABSTENTION, abstention_text, answer_text


def citation(n: int, quote: str) -> Citation:
    return Citation(
        n=n,
        doc="d",
        title="t",
        municipality="川崎市",
        page=None,
        section="",
        quote=quote,
        chunk_id="c",
        chunk_text=quote,
    )


def test_answer_quotes_each_sentence_with_its_marker() -> None:
    text = answer_text("ja", [citation(1, "市域目標2030年度までに▲50%削減(2013年度比)")], ())
    assert "「市域目標2030年度までに▲50%削減(2013年度比)」[1]" in text


def test_figure_in_the_question_that_the_evidence_lacks_is_pointed_out() -> None:
    text = answer_text("ja", [citation(1, "2030年度までに▲50%削減")], ("30%",))
    assert text.startswith("ご質問の「30%」は、引用した箇所には書かれていません。")
    assert not answer_text("ja", [citation(1, "2030年度までに▲30%削減")], ("30%",)).startswith("ご質問")


def test_english_answer_has_an_english_lead_and_the_japanese_quote() -> None:
    text = answer_text("en", [citation(1, "再エネ目標2030年度までに33万kW以上導入")], ())
    assert text.startswith("The documents say")
    assert "「再エネ目標2030年度までに33万kW以上導入」[1]" in text


def test_abstention_is_the_fixed_message_in_the_question_language() -> None:
    assert abstention_text("en", []) == ABSTENTION["en"]
    assert abstention_text("ja", []) == ABSTENTION["ja"]


def test_places_a_comparison_leaves_unanswered_are_named_after_the_quotes() -> None:
    text = answer_text("ja", [citation(1, "2030年度までに▲50%削減")], (), ("さいたま市", "栃木市"))
    assert text.splitlines()[-1] == "さいたま市、栃木市については、これらの文書には答えが見つかりませんでした。"
    english = answer_text("en", [citation(1, "2030年度までに▲50%削減")], (), ("さいたま市",))
    assert english.splitlines()[-1] == "I can't find the answer for さいたま市 in these documents."
    assert "見つかりません" not in answer_text("ja", [citation(1, "2030年度までに▲50%削減")], ())
