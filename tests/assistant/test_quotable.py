"""Quotable units: a heading's short body is quoted whole, a longer block two lines at a time."""

from __future__ import annotations

from assistant.quotable import MAX_HEADER_CHARS, cell_items, dated_row, is_column_names, quotable_units, row_around

_MANAGEMENT = (
    "9. 本計画の管理\n"
    "計画の着実かつ効果的な推進に向けた推進体制と進行管理を示します。\n"
    "推進体制\n"
    "進行管理\n"
    "PDCAサイクルにしたがって計画の中間見直し・改定を実施\n"
    "個別プロジェクトはOODAサイクルに従って継続的な改善を実施"
)


def _starting_with(text: str, first_line: str) -> list[str]:
    return [u.text for u in quotable_units(text, "", listing=False) if u.text.startswith(first_line + "\n")]


def test_a_headings_short_body_is_quoted_whole_and_counted_as_one_line_of_value() -> None:
    units = [u for u in quotable_units(_MANAGEMENT, "", listing=False) if u.text.startswith("進行管理\n")]
    assert [u.text for u in units] == ["\n".join(_MANAGEMENT.split("\n")[3:])]
    assert units[0].extra_lines == 1


def test_a_block_that_goes_on_keeps_the_two_line_window() -> None:
    text = "推進体制\n進行管理\n項目A\n項目B\n項目C\n項目D"
    assert _starting_with(text, "進行管理") == ["進行管理\n項目A"]


def test_a_numbered_item_with_its_value_is_no_heading() -> None:
    text = "②設立日2023年10月12日\n③所在地川崎市幸区\n④資本金1億円"
    assert _starting_with(text, "②設立日2023年10月12日") == ["②設立日2023年10月12日\n③所在地川崎市幸区"]


def test_prose_under_a_label_is_not_its_body() -> None:
    text = "8. 将来像\n将来像\n目指すべき姿をイラストで示しています。\n9. 本計画の管理"
    assert _starting_with(text, "将来像") == ["将来像\n目指すべき姿をイラストで示しています。"]


_ISSUES = (
    "【主な課題とその対応】\n"
    "需要家との合意形成\n"
    "⇒川崎未来エナジー株式会社と連携し、様々な提案を行いながら、需要家との意見交換を重ねる\n"
    "新たな需要家の確保\n"
    "⇒高津区内の事業者など約200事業者・団体に脱炭素先行地域の取組参画を案内し、特に、設備設置ポテンシャルが"
    "見込まれる約40の事業者に個別に意見交換するとともに、地元金融機関のネットワークを活用した民間事業者発掘も実施"
)


def test_an_arrow_line_is_quoted_with_the_issue_over_it_however_long() -> None:
    windows = _starting_with(_ISSUES, "新たな需要家の確保")
    assert windows == ["新たな需要家の確保\n" + _ISSUES.split("\n")[-1]]


def test_an_arrow_line_starts_no_window_with_the_next_issue() -> None:
    units = [u.text for u in quotable_units(_ISSUES, "", listing=False)]
    assert not any(u.startswith("⇒") and "\n" in u for u in units)


_MEETINGS = "\n".join(
    [
        "期日会場内容",
        "1月15日(月)",
        "渡良瀬遊水地",
        "ハートランド城",
        "(研修室1)",
        "藤岡地域内の現地視察について",
        "2月7日(水)全員協議会室",
        "(本庁舎4階)",
        "会員募集チラシについて",
        "(5) 再エネ普及促進プロジェクト",
    ]
)


def _row(start: int, max_chars: int | None = 240) -> str:
    row = dated_row(_MEETINGS, start, max_chars)
    assert row is not None
    return _MEETINGS[slice(*row)]


def test_a_dated_row_runs_from_its_days_line_to_the_next_days_line() -> None:
    first = _MEETINGS.index("1月15日")
    assert _row(first) == "1月15日(月)\n渡良瀬遊水地\nハートランド城\n(研修室1)\n藤岡地域内の現地視察について"


def test_a_dated_row_stops_at_a_numbered_heading() -> None:
    assert _row(_MEETINGS.index("2月7日")) == "2月7日(水)全員協議会室\n(本庁舎4階)\n会員募集チラシについて"


def test_a_quoted_dated_row_keeps_within_its_length_and_a_line_with_no_day_starts_none() -> None:
    assert _row(_MEETINGS.index("1月15日"), max_chars=25) == "1月15日(月)\n渡良瀬遊水地\nハートランド城"
    assert dated_row(_MEETINGS, 0) is None


def test_a_cell_of_a_dated_row_is_quoted_with_its_whole_row() -> None:
    cell = _MEETINGS.index("藤岡地域")
    row = row_around(_MEETINGS, cell, cell + len("藤岡地域内の現地視察について"))
    assert row == (_MEETINGS.index("1月15日"), cell + len("藤岡地域内の現地視察について"))


def test_a_passage_is_read_into_units_once_for_every_question_that_retrieves_it() -> None:
    """The units are immutable and shared: a later question scoring the same passage reuses them."""
    first = quotable_units(_MANAGEMENT, "9. 本計画の管理", False)
    assert isinstance(first, tuple)
    assert quotable_units(_MANAGEMENT, "9. 本計画の管理", False) is first
    assert quotable_units(_MANAGEMENT, "9. 本計画の管理", True) is not first


_ROW = (
    "2) 市有施設の脱炭素化 廃棄物発電の地産地消とPPA活用等により、市有施設の脱炭素化を進める。 "
    "① 公共施設への再生可能エネルギー設備等の導入 ② 公共施設新設時のZEBの導入 "
    "⑧ 廃棄物焼却施設等の長寿命化・省CO2化 ⑩ 公用車の電動化・利用最適化の推進 ○ ○ ● ●"
)


def test_each_item_of_a_table_cells_run_is_a_unit_without_the_next_columns_marks() -> None:
    items = [_ROW[a:b] for a, b in cell_items(_ROW)]
    assert items == [
        "① 公共施設への再生可能エネルギー設備等の導入",
        "② 公共施設新設時のZEBの導入",
        "⑧ 廃棄物焼却施設等の長寿命化・省CO2化",
        "⑩ 公用車の電動化・利用最適化の推進",
    ]


def test_a_cells_item_carries_its_rows_heading_cells_as_context() -> None:
    units = quotable_units(f"5. 具体的事業・重点事業\n{_ROW}", "", False)
    item = next(u for u in units if u.text == "⑧ 廃棄物焼却施設等の長寿命化・省CO2化")
    assert "市有施設の脱炭素化" in item.context
    assert "具体的事業" in item.context
    assert f"5. 具体的事業・重点事業\n{_ROW}"[item.start :].startswith(item.text)


def test_two_circled_numbers_or_a_run_out_of_order_are_no_cell_of_items() -> None:
    assert cell_items("事業の柱は ① 省エネ ② 再エネ です。") == []
    assert cell_items("表 ③ 太陽光の導入 ① 省エネの推進 ② 再エネの導入") == []


def test_column_names_are_a_short_line_without_figures() -> None:
    assert is_column_names("協定の名称締結先締結日")
    assert not is_column_names("2022 2023 2024")
    assert not is_column_names("名" * (MAX_HEADER_CHARS + 1))


def test_a_numbered_items_heading_is_the_line_over_its_list() -> None:
    text = "検討体制\n令和3年度に設置した体制\n① 推進会議\n② 懇談会\n③ 検討会議\n次の段落です。"
    headings = {u.text: u.heading for u in quotable_units(text, "", listing=False)}
    assert headings["③ 検討会議"] == "令和3年度に設置した体制"
    assert headings["① 推進会議"] == "令和3年度に設置した体制"
    assert headings["次の段落です。"] == ""


def test_a_photos_caption_is_no_quote_but_a_bracketed_heading_is() -> None:
    text = (
        "【取組内容】\n"
        "営業所は太陽光発電設備と蓄電池を活用している。\n"
        "【川崎市橋処理センター】\n"
        "【ヤマト運輸 高津千年営業所外観】\n"
        "鈴木主管支店長(ヤマト運輸)\n"
        "【取組説明会の様子(2024.10.16開催)】\n"
        "【約1,000箇所】"
    )
    units = [u.text for u in quotable_units(text, "", listing=False)]
    assert "【取組内容】\n営業所は太陽光発電設備と蓄電池を活用している。" in units
    assert "【約1,000箇所】" in units
    assert not any("外観" in u or "様子" in u for u in units)
    assert "鈴木主管支店長(ヤマト運輸)" in units
