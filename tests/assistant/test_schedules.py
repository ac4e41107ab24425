"""Meeting schedules: a question for when or where a body met is answered by the rows of its table of meetings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from assistant.evidence import Evidence
from assistant.schedules import ScheduleFinder, asks_schedule, schedules
from ingest.document import Chunk
from kb.search import SearchHit

if TYPE_CHECKING:
    from tests.assistant.conftest import StoredDocument

REPORT = "\n".join(
    [
        "1栃木市脱炭素促進プラットフォーム",
        "(1) 会員(令和6年3月31日現在) (単位:団体)",
        "(2) 設立総会",
        "(3) 運営委員会",
        "(4) 脱炭素先行地域プロジェクト",
        "市内県内県外計",
        "48 8 2 58",
        "期日会場内容",
        "12月20日(水)市民交流センター",
        "(大交流室)",
        "第1部プラットフォームの概要説明",
        "期日会場内容",
        "12月27日(水)全員協議会室",
        "(本庁舎4階)",
        "会員名簿のホームページ掲載について",
        "脱炭素先行地域づくり事業について",
        "2月7日(水)全員協議会室",
        "(本庁舎4階)",
        "会員募集チラシについて",
        "(5) 再エネ普及促進プロジェクト",
        "2地球温暖化に対する理解促進活動",
        "市民、事業者、市それぞれが、環境問題を地球規模で捉えるための普及啓発活動を実施した。",
        "期日会場内容",
        "1月15日(月)",
        "渡良瀬遊水地",
        "ハートランド城",
        "(研修室1)",
        "脱炭素先行地域づくりの概要について",
        "藤岡地域内の現地視察について",
        "1月26日(月)",
        "渡良瀬遊水地",
        "ハートランド城",
        "(研修室1)",
        "先行地域の具体化(エリアの絞込み)について",
        "3月28日(木)",
        "渡良瀬遊水地",
        "ハートランド城",
        "(研修室1)",
        "先行地域の具体化(エリアの絞込み)について",
        "期日会場内容",
        "2月29日(木)",
        "正庁",
        "(本庁舎3階)再エネ推進の検討について",
        "実施日実施団体・イベント参加人数",
        "6月17日(土) 栃木市家庭教育講演会・栃木市PTA大学191",
        "3月10日(日) くららフェスタ2024 2000",
    ]
)
CUT = REPORT.index("1月26日")
"""The project's table runs on into a third stored passage."""
SECOND = REPORT.index("2地球温暖化")


@pytest.fixture
def documents(stored_document: Callable[..., StoredDocument]) -> StoredDocument:
    """The report stored as three passages: the headings and the first tables, the section after them, and the
    rest of the project's table."""
    return stored_document(REPORT, (SECOND, CUT), section="事務報告", title="令和5年度 事務報告")


def answer(documents: StoredDocument, question: str, hit_index: int = 1) -> list[str]:
    """The evidence for the question when the selector picked a sentence of another city's document."""
    found = [SearchHit(rank=1, score=1.0, chunk=documents.chunks[hit_index])]
    elsewhere = Chunk(
        chunk_id="k",
        doc_id="other",
        index=0,
        text="脱炭素先行地域は、2030年度までに実質ゼロを実現する地域のことです。",
        start=0,
        end=36,
        section="",
        title="川崎市",
        municipality="川崎市",
    )
    chosen = (Evidence(SearchHit(rank=2, score=0.9, chunk=elsewhere), elsewhere.text, 1.0),)
    finder = ScheduleFinder(idf=lambda _term: 1.0, source=documents)
    evidence = finder.complete(question, chosen, found, ())
    for item in evidence:
        assert item.sentence in item.hit.chunk.text  # verbatim from the passage it cites
    return [item.sentence for item in evidence]


def test_a_question_for_when_or_where_a_body_met_asks_a_schedule() -> None:
    assert asks_schedule("プロジェクトチームの会合って、どこでやってたの？")
    assert asks_schedule("運営委員会はいつでしたか？")
    assert not asks_schedule("プラットフォームの会員数はいくつですか？")
    assert not asks_schedule("計画はいつ策定されましたか？")
    assert asks_schedule("2月7日の運営委員会では、どんな議題が話し合われましたか。")
    assert asks_schedule("プロジェクトの会議は何を検討したんですか？")
    assert not asks_schedule("計画ではどんな内容の施策が示されていますか？")


def test_each_table_of_meetings_ends_at_a_numbered_heading_or_another_tables_header() -> None:
    found = [[REPORT[start:end].split("\n")[0] for start, end in s.rows] for s in schedules(REPORT)]
    assert found == [
        ["12月20日(水)市民交流センター"],
        ["12月27日(水)全員協議会室", "2月7日(水)全員協議会室"],
        ["1月15日(月)", "1月26日(月)", "3月28日(木)"],
        ["2月29日(木)"],
    ]
    assert not any("再エネ普及促進" in REPORT[slice(*s.rows[-1])] for s in schedules(REPORT))


def test_the_projects_meetings_are_quoted_under_its_heading_though_extraction_put_them_far_apart(
    documents: StoredDocument,
) -> None:
    quoted = answer(documents, "藤岡地域を対象にした脱炭素先行地域プロジェクトの会合は、いつ開かれましたか？")
    assert quoted[0] == "(4) 脱炭素先行地域プロジェクト"
    text = "\n".join(quoted)
    for day in ("1月15日", "1月26日", "3月28日"):
        assert day in text
    assert "ハートランド城" in text
    assert "12月27日" not in text  # another body's meeting, though it discussed the same project once
    assert not any("川崎" in q or "2030年度" in q for q in quoted)  # another city's sentence is no meeting


def test_a_body_whose_rows_never_name_it_is_found_by_its_heading(documents: StoredDocument) -> None:
    quoted = answer(documents, "プラットフォームの設立総会はどこで開かれた？", hit_index=0)
    assert quoted[:2] == ["(2) 設立総会", "12月20日(水)市民交流センター\n(大交流室)\n第1部プラットフォームの概要説明"]


def test_a_question_about_something_no_schedule_holds_keeps_the_chosen_evidence(documents: StoredDocument) -> None:
    quoted = answer(documents, "省エネ家電の買い替え補助の説明会はいつ開かれた？")
    assert quoted == ["脱炭素先行地域は、2030年度までに実質ゼロを実現する地域のことです。"]


def test_a_question_naming_the_day_of_a_meeting_gets_that_row_alone(documents: StoredDocument) -> None:
    quoted = answer(documents, "脱炭素先行地域プロジェクトの1月26日の会合では何を話し合ったの？")
    assert quoted[:2] == [
        "(4) 脱炭素先行地域プロジェクト",
        "1月26日(月)\n渡良瀬遊水地\nハートランド城\n(研修室1)\n先行地域の具体化(エリアの絞込み)について",
    ]
    assert not any("1月15日" in q or "3月28日" in q for q in quoted)


def test_a_day_picks_the_body_that_met_then_among_tables_naming_the_same_subject(documents: StoredDocument) -> None:
    quoted = answer(documents, "プラットフォームの2月7日の委員会の議題は？", hit_index=0)
    assert quoted[:2] == ["(3) 運営委員会", "2月7日(水)全員協議会室\n(本庁舎4階)\n会員募集チラシについて"]


def test_a_wrong_month_and_venue_in_the_question_do_not_pick_another_bodys_table(documents: StoredDocument) -> None:
    question = "再エネ普及促進プロジェクトの会議は3月に市民交流センターで開かれたそうですね。何を検討したんですか？"
    quoted = answer(documents, question, hit_index=2)
    assert quoted[:2] == ["(5) 再エネ普及促進プロジェクト", "2月29日(木)\n正庁\n(本庁舎3階)再エネ推進の検討について"]


def test_a_wrong_venue_another_bodys_rows_hold_does_not_outweigh_the_body_named(documents: StoredDocument) -> None:
    quoted = answer(
        documents, "プラットフォームの設立総会は1月に全員協議会室でやったんですよね？内容は何でしたか？", hit_index=0
    )
    assert quoted[0] == "(2) 設立総会"


def test_a_claimed_day_and_body_do_not_outweigh_the_row_about_the_claims_topic(documents: StoredDocument) -> None:
    quoted = answer(
        documents, "プラットフォームの会員名簿のことは、12月20日の設立総会で話し合ったんですよね？", hit_index=0
    )
    assert quoted[0] == "(3) 運営委員会"
    assert "12月27日(水)全員協議会室" in "\n".join(quoted)


def test_a_month_named_without_a_day_gets_that_months_rows(documents: StoredDocument) -> None:
    quoted = answer(documents, "脱炭素先行地域プロジェクトの会合は、1月には何日に開かれましたか？")
    text = "\n".join(quoted)
    assert "1月15日(月)" in text and "1月26日(月)" in text
    assert "3月28日" not in text  # the project met in March too, but March was not asked


def test_the_first_or_last_meeting_asked_gets_that_row_alone(documents: StoredDocument) -> None:
    quoted = answer(documents, "脱炭素先行地域プロジェクトの最初の会合はいつでしたか？")
    text = "\n".join(quoted)
    assert "1月15日(月)" in text
    assert "1月26日" not in text and "3月28日" not in text
    text = "\n".join(answer(documents, "脱炭素先行地域プロジェクトの最後の会合はいつでしたか？"))
    assert "3月28日(木)" in text and "1月15日" not in text


def test_an_event_a_dated_line_of_another_table_names_keeps_that_line(documents: StoredDocument) -> None:
    """The outreach table has no venue column, so it is no schedule; its line names the asked event, which the
    project's schedule, sharing only the topic, does not."""
    row = "6月17日(土) 栃木市家庭教育講演会・栃木市PTA大学191"
    chunk = documents.chunks[2]
    chosen = (Evidence(SearchHit(rank=1, score=1.0, chunk=chunk), row, 1.0, chunk.text.index(row)),)
    finder = ScheduleFinder(idf=lambda _term: 1.0, source=documents)
    question = "栃木市家庭教育講演会・栃木市PTA大学で脱炭素先行地域の啓発をしたのは何月何日でしたか？"
    assert finder.complete(question, chosen, [chosen[0].hit], ()) == chosen


def test_a_window_over_the_schedules_own_rows_is_no_other_event(documents: StoredDocument) -> None:
    """The selector's best quote is a window of lines running from the headings into the platform's table: its
    dated lines are the schedule's own rows, so the asked day's row is quoted whole under its body's heading."""
    chunk = documents.chunks[0]
    window = chunk.text[chunk.text.index("(3) 運営委員会") : chunk.text.index("(5)") - 1]
    chosen = (Evidence(SearchHit(rank=1, score=1.0, chunk=chunk), window, 1.0, chunk.text.index(window)),)
    finder = ScheduleFinder(idf=lambda _term: 1.0, source=documents)
    quoted = [
        e.sentence for e in finder.complete("プラットフォームの2月7日の委員会の議題は？", chosen, [chosen[0].hit], ())
    ]
    assert quoted[:2] == ["(3) 運営委員会", "2月7日(水)全員協議会室\n(本庁舎4階)\n会員募集チラシについて"]
