"""The verifier's three rules: markers name given passages, every sentence cites one, every figure is in a cited
passage as written (value, unit, sign)."""

from __future__ import annotations

import pytest

from assistant.verify import Figure, claims, figures, marker_numbers, supported, verify

KAWASAKI = "市域全体目標 ▲50%削減(2013年度比)(▲1,180万t-CO2) ※1990年度比▲57%削減"
COMPANY = "2023年10月に川崎未来エナジー株式会社を設立しました。出資は5社です。"
PASSAGES = [KAWASAKI, COMPANY]


def test_a_faithful_cited_answer_passes() -> None:
    verdict = verify("川崎市の目標は2013年度比で▲50%削減です[1]。会社は2023年10月に設立されました[2]。", PASSAGES)
    assert verdict.ok, verdict.reason
    assert verdict.reason == ""
    assert verdict.cited == (1, 2)


@pytest.mark.parametrize(
    "answer",
    [
        "川崎市は２０３０年度までに▲５０％削減します。［１］",  # full-width digits, ％ and brackets
        "目標は50%削減です[1]。",  # unsigned in the answer, ▲ in the passage
        "目標は▲ 50 %です[1]。",  # spacing
        "排出量は1180万t-CO2の削減に当たります[1]。",  # thousands separator dropped
        "排出量は▲1,180万tです[1]。",
        "The target is a 50% cut against fiscal 2013 [1].",
        "The target is -50% against FY2013 [1].",
        "1990年比では▲57%です[1]。",  # 年 where the passage says 年度
        "2023年10月です[2][1]。",
        "2023年10月です[1、2]。",
        "「2023年10月に設立」[2]。",  # marker after a closing bracket
        "目標は▲50%です。[1]",  # marker after the full stop
        "設立: 2023年10月 [2]\n出資は5社です [2]",  # lines without full stops
    ],
)
def test_figures_copied_in_any_spelling_pass(answer: str) -> None:
    passages = [f"2030年度 {KAWASAKI}", COMPANY]
    verdict = verify(answer, passages)
    assert verdict.ok, verdict.reason


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("目標は▲60%削減です[1]。", "'60%' in sentence 1 is not in [1]"),
        ("目標は６０％削減です[1]。", "'60%' in sentence 1 is not in [1]"),
        ("目標は2013年度比で▲50%削減です[2]。", "'2013年度' in sentence 1 is not in [2]"),  # wrong passage
        ("目標は50万tです[1]。", "'50万' in sentence 1"),  # right number, wrong unit
        ("会社は2023年11月に設立されました[2]。", "'11月' in sentence 1"),
        ("会社は2024年10月に設立されました[2]。", "'2024年' in sentence 1"),
        ("出資は▲5社です[2]。", "'5社' in sentence 1"),  # a sign the passage does not have
        ("出資は5人です[2]。", "'5人' in sentence 1"),
        ("The target is a 55% cut [1].", "'55%' in sentence 1"),
        ("目標は▲50%削減です[9]。", "sentence 1 cites [9], but only [1]..[2] were given"),
        ("目標は▲50%削減です[0]。", "cites [0]"),
        ("目標は▲50%削減です[1]。これは大きな目標です。", "sentence 2 cites no passage: 'これは大きな目標です。'"),
        ("目標は▲50%削減です。", "sentence 1 cites no passage"),
        ("", "the answer is empty"),
    ],
)
def test_a_broken_rule_fails_with_its_reason(answer: str, reason: str) -> None:
    verdict = verify(answer, PASSAGES)
    assert not verdict.ok
    assert reason in verdict.reason


def test_a_figure_needs_only_one_of_the_passages_its_sentence_cites() -> None:
    assert verify("2023年10月に設立し、目標は▲50%です[1][2]。", PASSAGES).ok
    assert not verify("2023年10月に設立し、目標は▲50%です[2]。", PASSAGES).ok


def test_sentences_split_after_japanese_and_english_stops_and_keep_their_markers() -> None:
    found = claims("目標は▲50%です[1]。会社は2023年10月に設立[2]! It has 5 owners.[2] 以上")
    assert [(c.text, c.cites) for c in found] == [
        ("目標は▲50%です 。", (1,)),
        ("会社は2023年10月に設立 !", (2,)),
        ("It has 5 owners.", (2,)),
        ("以上", ()),
    ]


def test_a_decimal_point_does_not_end_a_sentence() -> None:
    assert [c.cites for c in claims("It is 2.5 times higher [1]. Done [2].")] == [(1,), (2,)]


def test_figures_carry_value_unit_and_sign() -> None:
    assert figures("2030年度までに▲1,180万t-CO2、2.50%、10月") == [
        Figure("2030年度", "2030", "year", False),
        Figure("1,180万", "1180", "man", True),
        Figure("2.50%", "2.5", "percent", False),
        Figure("10月", "10", "month", False),
    ]


def test_digits_inside_names_and_ranges_are_not_signed_figures() -> None:
    assert [f.text for f in figures("CO2とPM2.5")] == []
    assert [(f.value, f.signed) for f in figures("2030-2050年")] == [("2030", False), ("2050", False)]
    assert [(f.value, f.signed) for f in figures("- 50%")] == [("50", True)]


def test_an_unknown_word_after_a_number_is_a_unit_only_in_a_passage() -> None:
    assert figures("第50条", passage=True)[0].unit == "other"
    assert figures("50 and more")[0].unit == ""
    assert not supported(figures("50%")[0], figures("第50条", passage=True))
    assert supported(figures("2030年")[0], figures("2030～2050年", passage=True))  # a bare number in a range


def test_marker_numbers() -> None:
    assert marker_numbers("1、 2,3") == (1, 2, 3)
