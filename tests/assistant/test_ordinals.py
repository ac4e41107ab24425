"""Follow-ups that point at an item of the earlier answer by its position are given the item's own words."""

from __future__ import annotations

from assistant.citations import Turn
from assistant.ordinals import numbered_items, with_item
from assistant.places import PlaceResolver
from assistant.rewrite import standalone_question

ISSUES = "課題として、①需要家との合意形成、②新たな需要家の確保、③交付金の活用、④執行体制の確立があります。"
MEASURES = (
    "7つの基本的施策があります。1 再生可能エネルギーの地産地消、2 民間力を活用した再生可能エネルギーの普及拡大、"
    "3 脱炭素化とレジリエンス強化の両立、4 資源循環による脱炭素化の推進、5 グリーンインフラの活用と保全です。"
)


def test_the_items_of_a_circled_or_a_numbered_run_are_read_in_order() -> None:
    assert numbered_items(ISSUES) == ["需要家との合意形成", "新たな需要家の確保", "交付金の活用", "執行体制の確立"]
    assert numbered_items(MEASURES)[4] == "グリーンインフラの活用と保全"


def test_years_and_counts_are_no_numbered_run() -> None:
    assert numbered_items("2030年度までに50%削減し、2050年に実質ゼロを目指します。") == []


def test_the_position_is_replaced_by_the_item_it_points_at() -> None:
    assert with_item("2つ目の課題には、具体的にどう対応しているの？", ISSUES) == (
        "新たな需要家の確保の課題には、具体的にどう対応しているの？"
    )
    assert with_item("その5番目の施策には、具体的事業は？", MEASURES).startswith("グリーンインフラの活用と保全の施策")
    assert with_item("最後の課題は？", ISSUES) == "執行体制の確立の課題は？"
    assert "交付金の活用" in with_item("What about the third one?", ISSUES)


def test_a_count_or_a_position_past_the_list_is_left_as_written() -> None:
    assert with_item("2つの課題は？", ISSUES) == "2つの課題は？"
    assert with_item("6番目の課題は？", ISSUES) == "6番目の課題は？"
    assert with_item("2つ目の課題は？", "需要家との合意形成が課題です。") == "2つ目の課題は？"


def test_a_follow_up_by_position_searches_the_items_words() -> None:
    history = [
        Turn(role="user", content="川崎市の脱炭素先行地域の取組では、どんな課題が挙がっていますか？"),
        Turn(role="assistant", content=ISSUES),
    ]
    rewrite = standalone_question("2つ目の課題には、どう対応しているの？", history, PlaceResolver({"川崎市"}))
    assert "新たな需要家の確保" in rewrite.focus and "2つ目" not in rewrite.focus
    assert "川崎市" in rewrite.search
