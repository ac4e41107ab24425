"""Labelled items: "目標3は？" is answered by the item labelled 目標3 and what lies under it."""

from __future__ import annotations

from assistant.labels import AskedLabel, asked_label, labelled_quotes
from assistant.lists import find_blocks
from assistant.question import analyse
from tests.assistant.test_lists import Documents, hit, selector_over

GOALS = (
    "3. 目標\n"
    "目標1:\n"
    "2050年 温室効果ガス排出量実質ゼロ\n"
    "将来目標は、実行計画を継承し定めます。\n"
    "目標2:\n"
    "2050年 再生可能エネルギー等の導入量 約14倍\n"
    "将来目標を達成するために、再生可能エネルギー等を最大限導入します。\n"
    "目標3:\n"
    "地域循環共生圏の構築\n"
    "市域の環境・経済・社会が好循環する「地域循環共生圏の構築」を目指します。\n"
    "4. 施策体系"
)

STEPS = (
    "中長期的に事業者と連携しながら炭素循環の取組を進め、3つの段階を踏みます。\n"
    "Step 1 既存施設におけるCO2分離回収試験\n"
    "CO2分離回収設備等を実機で試験を行い、課題を抽出\n"
    "Step 2 堤根処理センターCO2分離回収設備実装\n"
    "新たな堤根処理センターの建替えて、CO2分離回収設備を実装し、検証\n"
    "Step1における課題の他、制度的な課題、社会動向を注視\n"
    "Step 3 新たな浮島処理センターでCN実現に向けたCCUSの取組\n"
    "炭素循環プラントを設置し、市の廃棄物焼却のCNの実現を目指す。"
)


def test_the_label_and_number_a_question_names_are_read() -> None:
    assert asked_label("では目標3は？") == AskedLabel("目標", 3)
    assert asked_label("PJ 4は何ですか？") == AskedLabel("pj", 4)
    assert asked_label("Step 2では何をしますか？") == AskedLabel("step", 2)


def test_a_bare_circled_number_names_a_circled_item_but_a_range_of_them_does_not() -> None:
    assert asked_label("①～⑧のうち、⑥は森林吸収源対策でしたよね？") == AskedLabel("", 6)
    assert asked_label("①～⑧の施策は何ですか？") is None
    assert asked_label("②と③の違いは？") is None
    assert asked_label("民間施設群(脱炭素先行地域の対象地域①)の主な取組は？") is None


def test_years_counts_chapters_and_two_labels_name_no_item() -> None:
    assert asked_label("2050年の目標は？") is None
    assert asked_label("目標は3つありますか？") is None
    assert asked_label("第2章には何が書かれていますか？") is None
    assert asked_label("目標1と目標2の違いは？") is None


def test_the_asked_item_is_quoted_with_its_name_and_not_its_peers() -> None:
    documents = Documents(GOALS, [GOALS.index("目標3:")])
    (block,) = [b for b in find_blocks(hit(documents.chunks[0]), documents) if b.count == 3]
    quoted = "\n".join(q.text for q in labelled_quotes(block, AskedLabel("目標", 3), documents, []))
    assert "地域循環共生圏の構築" in quoted
    assert "実質ゼロ" not in quoted
    assert labelled_quotes(block, AskedLabel("目標", 4), documents, []) == []
    assert labelled_quotes(block, AskedLabel("pj", 3), documents, []) == []


def test_a_line_merely_starting_with_the_label_does_not_end_the_steps() -> None:
    documents = Documents(STEPS, [])
    (block,) = [b for b in find_blocks(hit(documents.chunks[0]), documents) if b.count == 3]
    quoted = "\n".join(q.text for q in labelled_quotes(block, AskedLabel("step", 2), documents, []))
    assert "堤根処理センターCO2分離回収設備実装" in quoted
    assert "新たな堤根処理センターの建替えて" in quoted
    assert "浮島" not in quoted


def test_a_question_naming_one_labelled_item_is_answered_by_that_item_first() -> None:
    documents = Documents(GOALS, [])
    question = "さいたま市の戦略の目標3は？"
    selection = selector_over(documents).select(analyse(question), question, [hit(documents.chunks[0])], ())
    first = selection.evidence[0].sentence
    assert "地域循環共生圏の構築" in first
    assert "実質ゼロ" not in first


MEASURES = (
    "目指すべき将来像として、2050年の温室効果ガス排出実質ゼロを掲げています。\n"
    "同時に、重点施策に向けた次の①~④の施策の具体化も必要です。\n"
    "① 市民による再生可能エネルギー利用促進\n"
    "② 事業者による再生可能エネルギー利用促進\n"
    "③ 生態系に係る対策\n"
    "④ 環境活動の促進\n"
    "2.基本理念"
)


def test_a_circled_item_of_the_list_a_passage_ends_by_announcing_answers_for_it() -> None:
    documents = Documents(MEASURES, [MEASURES.index("① 市民")])
    question = "重点施策の①~④のうち、③は何ですか？"
    selection = selector_over(documents).select(analyse(question), question, [hit(documents.chunks[0])], ())
    assert selection.evidence[0].sentence == "③ 生態系に係る対策"


def test_a_bare_circled_number_is_not_answered_by_a_line_opening_with_a_figure() -> None:
    text = "次の取組を進めます。\n1. 省エネ\n2. 再エネ\n3. 緑化\n以上です。"
    documents = Documents(text, [])
    (block,) = [b for b in find_blocks(hit(documents.chunks[0]), documents) if b.count == 3]
    assert labelled_quotes(block, AskedLabel("", 3), documents, []) == []
