"""Tables that extraction flattened into lines: record tables and figure grids."""

from __future__ import annotations

from assistant.tables import column_of_total, figure_grids, record_tables, table_around

_AGREEMENTS = (
    "カーボンニュートラルの実現を図ることを目的に連携協定を2本締結した。\n"
    "協定の名称締結先締結日\n"
    "カーボンニュートラルシティ実現に向けた包括連携協定\n"
    "栃木ガス株式会社\n"
    "東京瓦斯株式会社7月13日\n"
    "ゼロカーボンシティの実現に向けた連携協定\n"
    "東京電力パワーグリッド株式\n"
    "会社栃木南支社7月13日"
)
_MEMBERS = "(4) 脱炭素先行地域プロジェクト\n市内県内県外計\n48 8 2 58\n期日会場内容"


def test_a_header_over_records_split_over_lines_is_a_table_of_two_records() -> None:
    (table,) = record_tables(_AGREEMENTS)
    records = [_AGREEMENTS[start:end] for start, end in table.records]
    assert records[0].endswith("東京瓦斯株式会社7月13日")
    assert records[1].startswith("ゼロカーボンシティ") and records[1].endswith("栃木南支社7月13日")


def test_rows_of_one_line_each_are_no_record_table() -> None:
    text = "実施日実施団体・イベント参加人数\n4月17日(月) 女性団体連絡協議会役員会14\n5月25日(木) 商工会議所2"
    assert record_tables(text) == []


def test_a_header_whose_last_column_names_no_date_or_figure_heads_no_record_table() -> None:
    text = "取り組む課題の整理について\n渡良瀬遊水地\n2月13日(火)\nハートランド城\n2月26日(月)"
    assert record_tables(text) == []


def test_a_quote_of_the_first_records_first_lines_is_widened_to_the_whole_table() -> None:
    start = _AGREEMENTS.index("協定の名称")
    end = _AGREEMENTS.index("栃木ガス株式会社") + len("栃木ガス株式会社")
    wide = table_around(_AGREEMENTS, start, end)
    assert wide is not None
    assert _AGREEMENTS[wide[0] : wide[1]].endswith("東京電力パワーグリッド株式\n会社栃木南支社7月13日")


def test_a_quote_starting_before_the_table_keeps_its_start() -> None:
    end = _AGREEMENTS.index("\n栃木ガス株式会社")
    assert table_around(_AGREEMENTS, 0, end) == (0, len(_AGREEMENTS))


def test_a_quote_outside_any_table_is_left_alone() -> None:
    assert table_around(_MEMBERS, 0, len("(4) 脱炭素先行地域プロジェクト")) is None


def test_a_header_over_one_figure_per_column_is_a_figure_grid() -> None:
    (grid,) = figure_grids(_MEMBERS)
    assert grid.columns == ("市内", "県内", "県外", "計")
    assert grid.figures == ("48", "8", "2", "58")
    assert _MEMBERS[grid.start : grid.end] == "市内県内県外計\n48 8 2 58"


def test_a_years_header_is_no_grid_of_its_figures() -> None:
    assert figure_grids("年次目指す方向\n2022 2023 2024 2025 2026") == []


def test_the_column_asked_out_of_the_earlier_total_is_found() -> None:
    (grid,) = figure_grids(_MEMBERS)
    earlier = "令和6年3月31日現在で58団体が会員です。"
    assert column_of_total(grid, "そのうち市内の団体はいくつですか？", earlier) == "市内"


def test_a_grid_without_the_earlier_total_answers_no_follow_up() -> None:
    (grid,) = figure_grids(_MEMBERS)
    assert column_of_total(grid, "そのうち市内の団体はいくつですか？", "110の企業・団体等が会員です。") is None
