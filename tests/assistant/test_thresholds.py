"""Threshold questions: the figure a question filters a table by, read with its direction and unit."""

from __future__ import annotations

from assistant.question import analyse
from assistant.thresholds import Comparison, asked_threshold


def test_a_japanese_threshold_is_read_with_its_direction_and_unit() -> None:
    above = asked_threshold("参加者が100人より多かったのはどれですか？")
    assert above is not None
    assert (above.value, above.unit, above.comparison, above.figure) == (100, "人", Comparison.above, "100人")
    at_least = asked_threshold("参加人数が500人以上のイベントを教えて")
    assert at_least is not None and at_least.comparison is Comparison.at_least and at_least.value == 500
    below = asked_threshold("出資比率が5%未満の企業はどこ？")
    assert below is not None and below.comparison is Comparison.below and below.unit == "%"
    over = asked_threshold("1,000人を超えたイベントはどれ？")
    assert over is not None and over.comparison is Comparison.above and over.value == 1000


def test_an_english_threshold_is_read_before_its_figure() -> None:
    found = asked_threshold("Which events drew more than 100 participants?")
    assert found is not None and found.comparison is Comparison.above and found.value == 100
    at_most = asked_threshold("Which meetings had at most 25 people?")
    assert at_most is not None and at_most.comparison is Comparison.at_most and at_most.value == 25


def test_a_figure_that_picks_nothing_out_is_no_threshold() -> None:
    assert asked_threshold("2030年度までに50%以上削減する目標ですよね？") is None  # asks a fact of one target
    assert asked_threshold("100人以上500人未満のイベントはどれ？") is None  # a range
    assert asked_threshold("2030年度以上の目標はどれ？") is None  # a year is no threshold
    assert asked_threshold("参加者が100人のイベントはどれ？") is None


def test_a_row_passes_by_the_direction_and_a_bare_count_measures_in_the_questions_counter() -> None:
    above = asked_threshold("参加者が100人より多かったのはどれ？")
    assert above is not None
    assert [above.passes(v) for v in (99, 100, 101)] == [False, False, True]
    at_most = asked_threshold("参加者が100人以下だったのはどれ？")
    assert at_most is not None and [at_most.passes(v) for v in (100, 101)] == [True, False]
    assert above.measures("") and above.measures("名") and not above.measures("%")
    tonnes = asked_threshold("削減量が10万トン以上の取組はどれ？")
    assert tonnes is not None and tonnes.measures("万t-CO2") and not tonnes.measures("t-CO2")


def test_a_threshold_is_no_premise_the_documents_must_state() -> None:
    assert analyse("参加者が100人より多かったのはどれですか？").figures == ()
    assert analyse("参加者が100人だったと聞きましたが、どれですか？").figures == ("100人",)
