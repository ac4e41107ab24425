"""Superlative questions: the row with the largest (smallest) trailing figure is quoted first, under its header."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from assistant.evidence import Evidence
from assistant.superlatives import Extreme, Rank, SuperlativeFinder, asked_extreme, asked_rank, parse_row
from kb.search import SearchHit

if TYPE_CHECKING:
    from tests.assistant.conftest import StoredDocument

EVENTS = "\n".join(
    [
        "2地球温暖化に対する理解促進活動",
        "市民や事業者を対象に出前講座やイベントでの普及啓発を実施した。",
        " 実施日 実施団体・イベント 参加人数",
        "",
        " 4 月 21 日（金） 栃木市消費者友の会第 52 回定期総会 23",
        "",
        " 6 月 4 日（日） 大平運動公園ごみ拾い大会 100",
        "",
        " 5 月 25 日（木） 商工会議所 2",
        "",
        " 8 月 2 日（水） 高齢者学級 2",
        "",
        " 2 月 4 日（日） エコライフ普及啓発 500",
        "",
        " 3 月 10 日（日） くららフェスタ 2024 2000",
        "３ 連携協定締結",
        "連携協定を2本締結した。",
    ]
)
CUT = EVENTS.index(" 2 月 4 日")
"""The table runs on into a second stored passage."""


@pytest.fixture
def documents(stored_document: Callable[..., StoredDocument]) -> StoredDocument:
    """The document stored as two passages, split inside its table."""
    return stored_document(EVENTS, (CUT,), section="理解促進活動", title="報告書")


def answer(
    documents: StoredDocument,
    question: str,
    picked: str = "6 月 4 日（日） 大平運動公園ごみ拾い大会 100",
    conversation: str = "",
) -> list[str]:
    """The evidence for the question when the sentence selector picked `picked` (by default the row that repeats
    the question's words)."""
    found = [SearchHit(rank=1, score=1.0, chunk=documents.chunks[0])]
    chosen = (Evidence(found[0], picked, 1.0),)
    finder = SuperlativeFinder(idf=lambda _term: 1.0, source=documents)
    evidence = finder.complete(question, chosen, found, ("栃木市",), conversation)
    for item in evidence:
        assert item.sentence in item.hit.chunk.text  # verbatim from the passage it cites
    return [item.sentence for item in evidence]


def test_the_row_with_the_largest_count_is_quoted_under_the_header(documents: StoredDocument) -> None:
    quoted = answer(documents, "参加人数が最も多かったイベントは？")
    assert quoted[:2] == ["実施日 実施団体・イベント 参加人数", "3 月 10 日（日） くららフェスタ 2024 2000"]


def test_an_english_question_for_the_fewest_gets_the_smallest_rows_that_tie(documents: StoredDocument) -> None:
    quoted = answer(documents, "Which 参加 イベント had the fewest participants?")
    assert quoted[1] == "5 月 25 日（木） 商工会議所 2\n\n 8 月 2 日（水） 高齢者学級 2"


def test_a_quote_already_holding_the_winning_row_leads_whole(documents: StoredDocument) -> None:
    rows = EVENTS[EVENTS.index("4 月 21 日") : EVENTS.index(" 2 月 4 日") - 2]
    quoted = answer(documents, "参加人数が最も少なかったのは？", picked=rows)
    assert quoted == ["実施日 実施団体・イベント 参加人数", rows]


def test_the_asked_year_and_the_superlatives_verb_do_not_hide_the_table(documents: StoredDocument) -> None:
    quoted = answer(documents, "R5年度にやった啓発で、一番人が集まったイベントってどれ？")
    assert quoted[:2] == ["実施日 実施団体・イベント 参加人数", "3 月 10 日（日） くららフェスタ 2024 2000"]


def test_a_follow_ups_pointing_and_asking_words_do_not_hide_the_table(documents: StoredDocument) -> None:
    quoted = answer(documents, "その中で一番参加人数が多かったのはどのイベント？いつ開催されたの？")
    assert quoted[:2] == ["実施日 実施団体・イベント 参加人数", "3 月 10 日（日） くららフェスタ 2024 2000"]


def test_a_number_in_a_rows_name_is_not_its_figure() -> None:
    row = parse_row(" 4 月 21 日（金） 栃木市消費者友の会第 52 回定期総会 23")
    assert row is not None and row.value == 23
    festival = parse_row(" 3 月 10 日（日） くららフェスタ 2024 2000")
    assert festival is not None and festival.value == 2000 and "2024" in festival.label
    glued = parse_row("4月21日(金) 栃木市消費者友の会第52回定期総会23")  # as stored: spaces between words dropped
    assert glued is not None and glued.value == 23
    assert parse_row("第 3 章") is None
    assert parse_row("実施日 実施団体・イベント 参加人数") is None


def test_a_question_that_picks_nothing_by_its_value_keeps_its_evidence(documents: StoredDocument) -> None:
    assert answer(documents, "大平運動公園ごみ拾い大会の参加人数は？") == [
        "6 月 4 日（日） 大平運動公園ごみ拾い大会 100"
    ]


def test_the_direction_is_read_from_japanese_and_english_wording() -> None:
    assert asked_extreme("一番大きい排出部門は？") is Extreme.largest
    assert asked_extreme("最大の排出部門は？") is Extreme.largest
    assert asked_extreme("一番人が集まったイベントってどれ？") is Extreme.largest
    assert asked_extreme("Which event drew the most participants?") is Extreme.largest
    assert asked_extreme("一番参加人数が多かったのはどのイベント？") is Extreme.largest
    assert asked_extreme("最も排出量の多い部門は？") is Extreme.largest
    assert asked_extreme("参加者が最も少なかったのは？") is Extreme.smallest
    assert asked_extreme("一番削減量が少ないのは？") is Extreme.smallest
    assert asked_extreme("最も重要な取組は何ですか？") is None
    assert asked_extreme("Which sector has the lowest emissions?") is Extreme.smallest
    assert asked_extreme("地域資源の最大限の活用とは？") is None
    assert asked_extreme("at least 3 events") is None


def test_a_threshold_quotes_every_row_passing_it_and_drops_the_rows_it_filters_out(documents: StoredDocument) -> None:
    quoted = answer(documents, "参加者が100人より多かったイベントはどれ？")
    assert quoted == [
        "実施日 実施団体・イベント 参加人数",
        "2 月 4 日（日） エコライフ普及啓発 500\n\n 3 月 10 日（日） くららフェスタ 2024 2000",
    ]


def test_rows_passing_a_threshold_apart_from_each_other_are_each_quoted(documents: StoredDocument) -> None:
    quoted = answer(documents, "参加者が20人以上だったイベントはどれ？")
    assert quoted == [
        "実施日 実施団体・イベント 参加人数",
        "4 月 21 日（金） 栃木市消費者友の会第 52 回定期総会 23\n\n 6 月 4 日（日） 大平運動公園ごみ拾い大会 100",
        "2 月 4 日（日） エコライフ普及啓発 500\n\n 3 月 10 日（日） くららフェスタ 2024 2000",
    ]


def test_a_threshold_in_another_unit_than_the_tables_leaves_the_evidence(documents: StoredDocument) -> None:
    assert answer(documents, "参加率が50%以上だったイベントはどれ？") == [
        "6 月 4 日（日） 大平運動公園ごみ拾い大会 100"
    ]


def test_the_next_place_is_the_row_with_the_second_figure(documents: StoredDocument) -> None:
    for question in ("参加人数が次に多かったイベントは？", "2番目に参加人数が多かったイベントは？"):
        assert answer(documents, question)[:2] == [
            "実施日 実施団体・イベント 参加人数",
            "2 月 4 日（日） エコライフ普及啓発 500",
        ]
    assert (
        answer(documents, "参加人数が三番目に多かったイベントは？")[1] == "6 月 4 日（日） 大平運動公園ごみ拾い大会 100"
    )


def test_the_row_after_the_one_named_comes_next(documents: StoredDocument) -> None:
    quoted = answer(documents, "エコライフ普及啓発の次に参加人数が多かったイベントは？")
    assert quoted[1] == "6 月 4 日（日） 大平運動公園ごみ拾い大会 100"


def test_that_next_place_counts_on_from_the_row_the_earlier_answer_named(documents: StoredDocument) -> None:
    after_first = "3月10日（日）のくららフェスタ2024で、参加人数は2000人です。"
    assert answer(documents, "その次に参加人数が多かったのは？", conversation=after_first)[1] == (
        "2 月 4 日（日） エコライフ普及啓発 500"
    )
    after_second = "2月4日（日）のエコライフ普及啓発で、500人です。"
    assert answer(documents, "その次に参加人数が多かったのは？", conversation=after_second)[1] == (
        "6 月 4 日（日） 大平運動公園ごみ拾い大会 100"
    )


def test_the_place_asked_is_read_from_its_wording() -> None:
    assert asked_rank("川崎市の次にたくさん出資しているのは？") == Rank(Extreme.largest, after="川崎市")
    assert asked_rank("二番目に排出量が少ない部門は？") == Rank(Extreme.smallest, 2, words="二番目")
    assert asked_rank("その次に多かったのは？", "くららフェスタ") == Rank(Extreme.largest, after="くららフェスタ")
    assert asked_rank("次に高効率機器を導入するのは？") is None
    assert asked_rank("参加人数が最も多かったイベントは？") is None
