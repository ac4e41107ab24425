"""Quote holding and key-fact matching: the comparisons every retrieval and answer metric rests on."""

from __future__ import annotations

from evals.matching import comparable, holds, holds_source, includes, missing_items
from evals.schema import EvalSource

QUOTE = "市域目標 2030年度までに▲50%削減（2013年度比）"


def test_a_passage_containing_the_quote_holds_it() -> None:
    assert holds(f"川崎市の目標。{QUOTE}。民生系は別。", QUOTE)


def test_a_quote_split_across_two_chunks_is_held_by_neither() -> None:
    first, second = "前文。市域目標 2030年度までに", "▲50%削減（2013年度比）。後文。"
    assert not holds(first, QUOTE)
    assert not holds(second, QUOTE)
    assert holds(first + second, QUOTE)


def test_line_breaks_and_spaces_inside_the_quote_do_not_matter() -> None:
    passage = "市域目標\n2030 年度までに\n▲50% 削減（2013年度比）"
    assert holds(passage, QUOTE)
    assert holds("市域目標2030年度までに▲50%削減（2013年度比）", "市域目標\n2030年度までに ▲50%削減（2013年度比）")


def test_full_width_digits_and_percent_match_ascii() -> None:
    assert holds("２０３０年度までに▲５０％削減", "2030年度までに▲50%削減")
    assert includes("削減目標は５０％です", "50%")


def test_radical_look_alikes_match_the_ordinary_kanji() -> None:
    assert holds("市⺠⽣活の脱炭素化", "市民生活の脱炭素化")


def test_a_longer_passage_does_not_fit_inside_a_shorter_quote() -> None:
    assert not holds("50%", QUOTE)


def test_an_empty_quote_is_never_held() -> None:
    assert not holds("anything", "  ")


def test_a_source_is_held_only_by_a_passage_of_its_own_document() -> None:
    sources = [EvalSource(doc="kawasaki", quote="▲50%削減")]
    assert holds_source("kawasaki", "2030年度までに▲50%削減", sources)
    assert not holds_source("tochigi", "2030年度までに▲50%削減", sources)


def test_any_alternative_of_an_item_satisfies_it() -> None:
    item = "155万人|1.55 million"
    assert includes("人口は約155万人", item)
    assert includes("about 1.55 million people", item)
    assert not includes("about 1.5 million people", item)


def test_reiwa_year_with_spaces_matches_without() -> None:
    assert includes("令和5年度に策定", "令和 5 年度")
    assert includes("令和 ５ 年度に策定", "令和5年度")


def test_missing_items_lists_each_absent_item_as_written() -> None:
    assert missing_items("2030年度までに50%削減", ["50%", "2013|平成25", "2030"]) == ["2013|平成25"]


def test_comparable_form_has_no_whitespace() -> None:
    assert comparable("令和 5 年度\n EV 車") == "令和5年度EV車"
