"""Values beside their label: a question asking when, where, how many or how much gets the value line quoted."""

from __future__ import annotations

from itertools import pairwise

import pytest

from assistant.evidence import Evidence
from assistant.values import ValueFinder, ValueKind, asked_values, heading_of_table, label_wording
from ingest.document import Chunk
from kb.search import SearchHit

REPORT = "\n".join(
    [
        "1脱炭素促進プラットフォーム",
        "多様な業種の参画により脱炭素の取組を促進するため、脱炭素促進プラットフォームを設置した。",
        "(1) 会員(令和6年3月31日現在) (単位:団体)",
        "(2) 設立総会",
        "(3) 運営委員会",
        "市内県内県外計",
        "48 8 2 58",
        "期日会場内容",
        "12月20日(水)市民交流センター",
        "(大交流室)",
        "2地球温暖化に対する理解促進活動",
        "普及啓発活動を実施した。",
    ]
)
PROFILE = "\n".join(
    [
        "【会社概要】",
        "①会社名川崎未来エナジー株式会社",
        "②設立日2023年10月12日(木)",
        "③所在地川崎市幸区下平間347-1 NTT幸ビル内",
        "④資本金1億円",
    ]
)
MEASURES = "\n".join(
    [
        "制度1",
        "特定建築物太陽光発電設備等導入制度【令和7(2025)年度施行】",
        "延べ床面積2,000m2以上の建築物を新増築する建築主への太陽光発電設備等の設置義務",
        "制度2",
        "建築士太陽光発電設備説明制度【令和6(2024)年度施行】",
    ]
)
MINUTES = "\n".join(
    [
        "第7節カーボンニュートラル推進課",
        "1脱炭素促進プラットフォーム",
        "脱炭素の取組を促進するため、脱炭素促進プラットフォームを設置した。",
        "(1) 会員(令和6年3月31日現在) (単位:団体)",
        "(2) 設立総会",
        "(3) 運営委員会",
        "(4) 先行地域プロジェクト",
        "市内県内県外計",
        "48 8 2 58",
        "期日会場内容",
        "12月20日(水)市民交流センター",
        "(大交流室)",
        "期日会場内容",
        "12月27日(水)全員協議会室",
        "会員名簿のホームページ掲載について",
        "2月7日(水)全員協議会室",
        "2地球温暖化に対する理解促進活動",
        "普及啓発活動を実施した。",
        "期日会場内容",
        "1月15日(月)",
        "ハートランド城",
        "(研修室1)",
        "1月26日(月)",
        "ハートランド城",
        "(研修室1)",
    ]
)
"""Headings (1)-(4) first, then their tables in the same order; extraction put the fourth after the next section."""
FOREST = "\n".join(
    [
        "多摩の森活性化プロジェクト",
        "ア 所在地及び面積",
        "檜原村南郷約8ha(村有林)",
        "イ CO2吸収量(見込み)",
        "330t-CO2",
    ]
)
THINNING = "\n".join(
    [
        "多摩の森活性化プロジェクト②",
        "多摩の森の整備及び保全に向けて、令和6年8月から12月にかけて測量及び間伐を実施しました。ア所在地及び面積",
        "檜原村南郷約8ha(村有林)あきる野市戸倉約3ha(市有林)",
    ]
)
LEAFLET = "\n".join(
    [
        "商業施設の再生可能エネルギー100%化も進んでいます",
        "マルイファミリー溝口及びノクティプラザ全体で、再生可能エネルギーを100%使用して施設を営業しています。",
        "ごみを利用して発電します",
        "2024年4月に稼働した橋処理センターでは、ごみの焼却時の熱を利用して発電します。",
    ]
)
"""A leaflet's topics, each a headline sentence over its body: the next topic's body names a センター."""
DOCUMENTS = {
    "leaflet": LEAFLET,
    "report": REPORT,
    "profile": PROFILE,
    "measures": MEASURES,
    "minutes": MINUTES,
    "forest": FOREST,
    "thinning": THINNING,
}
CUTS = {"report": 3, "minutes": 4}
"""Where each document is split into two stored passages."""


def chunks_of(doc_id: str, cut: int | None = None) -> list[Chunk]:
    """The document as one passage, or two split at line `cut`: a label and its table may be stored apart."""
    text = DOCUMENTS[doc_id]
    lines = text.split("\n")
    bounds = [0, len(text)] if cut is None else [0, len("\n".join(lines[:cut])), len(text)]
    pieces = []
    for index, (start, end) in enumerate(pairwise(bounds)):
        start += 1 if index else 0
        pieces.append(
            Chunk(
                chunk_id=f"{doc_id}_{index}",
                doc_id=doc_id,
                index=index,
                text=text[start:end],
                start=start,
                end=end,
                section=lines[0],
                title="t",
                municipality="栃木市",
            )
        )
    return pieces


def chunk_covering(doc_id: str, start: int, end: int) -> Chunk | None:
    stored = chunks_of(doc_id, cut=CUTS.get(doc_id))
    return next((c for c in stored if c.start <= start and end <= c.end), None)


def finder() -> ValueFinder:
    return ValueFinder(idf=lambda _term: 1.0, document_text=DOCUMENTS.get, chunk_covering=chunk_covering)


def hits(chunks: list[Chunk]) -> list[SearchHit]:
    return [SearchHit(rank=n, score=1.0 / n, chunk=c) for n, c in enumerate(chunks, 1)]


def topical(found: list[SearchHit]) -> tuple[Evidence, ...]:
    """What the sentence selector picks for these questions: a sentence on the subject, without the value."""
    sentence = "多様な業種の参画により脱炭素の取組を促進するため、脱炭素促進プラットフォームを設置した。"
    holder = next(h for h in found if sentence in h.chunk.text)
    return (Evidence(holder, sentence, 1.0),)


def quotes(evidence: tuple[Evidence, ...]) -> list[str]:
    for item in evidence:
        assert item.sentence in item.hit.chunk.text  # verbatim from the passage it cites
    return [item.sentence for item in evidence]


def test_a_count_under_a_label_is_read_from_the_table_in_the_next_passage() -> None:
    found = hits(chunks_of("report", cut=3))
    answer = finder().complete("脱炭素促進プラットフォームの会員は何団体ですか？", topical(found), found, ("栃木市",))
    assert quotes(answer)[:2] == ["(1) 会員(令和6年3月31日現在) (単位:団体)", "市内県内県外計\n48 8 2 58"]
    assert answer[0].hit.chunk.chunk_id != answer[1].hit.chunk.chunk_id


def test_a_date_and_place_come_from_the_row_under_the_tables_header() -> None:
    found = hits(chunks_of("report"))
    answer = finder().complete("設立総会はいつ、どこで開かれましたか？", topical(found), found, ("栃木市",))
    assert quotes(answer)[:2] == ["(2) 設立総会", "期日会場内容\n12月20日(水)市民交流センター\n(大交流室)"]


def test_the_record_a_field_belongs_to_is_named_by_its_first_line() -> None:
    found = hits(chunks_of("profile"))
    start = Evidence(found[0], "①会社名川崎未来エナジー株式会社", 1.0)
    answer = finder().complete("川崎未来エナジーの本社はどこにありますか？", (start,), found, ("栃木市",))
    assert quotes(answer)[0].startswith("①会社名川崎未来エナジー株式会社\n")
    assert quotes(answer)[0].endswith("③所在地川崎市幸区下平間347-1 NTT幸ビル内")
    capital = finder().complete("その会社の資本金と、出資比率は？", (start,), found, ("栃木市",))
    assert any("1億円" in quote for quote in quotes(capital))


@pytest.mark.parametrize("question", ["川崎未来エナジーの住所はどこですか？", "会社の本社は？", "どこにありますか"])
def test_an_address_question_asks_for_the_profiles_location_field(question: str) -> None:
    assert "所在地" in label_wording(question).split()


def test_a_description_takes_the_date_from_its_items_name_not_from_the_next_item() -> None:
    found = hits(chunks_of("measures"))
    start = Evidence(found[0], "制度1", 1.0)
    answer = finder().complete("建築主に太陽光の設置を義務づける制度はいつから？", (start,), found, ("栃木市",))
    assert "【令和7(2025)年度施行】\n延べ床面積" in quotes(answer)[0]
    assert "2024" not in " ".join(quotes(answer))


def test_a_quote_reading_on_from_a_headline_keeps_its_body_as_the_answer() -> None:
    found = hits(chunks_of("leaflet"))
    headline_and_body = "\n".join(LEAFLET.split("\n")[:2])
    chosen = (Evidence(found[0], headline_and_body, 1.0, 0),)
    question = "商業施設の再生可能エネルギー100%化は、どこで進んでいますか？"
    answer = finder().complete(question, chosen, found, ("栃木市",))
    assert quotes(answer) == [headline_and_body]


def test_a_question_asking_for_no_value_keeps_its_evidence() -> None:
    found = hits(chunks_of("report"))
    chosen = topical(found)
    assert finder().complete("プラットフォームの目的は？", chosen, found, ("栃木市",)) == chosen


def test_each_clause_says_which_kind_of_value_it_asks_for() -> None:
    assert asked_values("設立総会はいつ、どこで開かれましたか？") == (ValueKind.date, ValueKind.place)
    assert asked_values("連携協定を結んだ相手はどこですか？") == (ValueKind.partner,)
    assert asked_values("会長は誰ですか") == (ValueKind.person,)
    assert asked_values("ヤマト運輸からはどなたが出席していましたか。") == (ValueKind.person,)
    assert asked_values("削減目標は？") == ()


def minutes_answer(question: str) -> list[str]:
    found = hits(chunks_of("minutes", cut=CUTS["minutes"]))
    chosen = (Evidence(found[0], "脱炭素の取組を促進するため、脱炭素促進プラットフォームを設置した。", 1.0),)
    return quotes(finder().complete(question, chosen, found, ("栃木市",)))


def test_each_heading_of_a_run_takes_the_table_in_its_place_in_the_order_of_tables() -> None:
    committee = minutes_answer("脱炭素促進プラットフォームの運営委員会は、いつ開かれましたか？")
    assert committee[0] == "(3) 運営委員会"
    assert "12月27日" in committee[1] and "2月7日" in committee[1]
    assert "12月20日" not in " ".join(committee)


def test_a_headings_table_is_found_past_the_next_section_extraction_put_before_it() -> None:
    project = minutes_answer("先行地域プロジェクトの会議は何月何日でしたか？")
    assert project[:2] == [
        "(4) 先行地域プロジェクト",
        "期日会場内容\n1月15日(月)\nハートランド城\n(研修室1)\n1月26日(月)",
    ]


def test_a_heading_is_matched_with_the_headings_over_it_in_the_passage_before() -> None:
    meeting = minutes_answer("脱炭素促進プラットフォームの設立総会はいつ開催されましたか？")
    assert meeting[:2] == ["(2) 設立総会", "期日会場内容\n12月20日(水)市民交流センター"]


def test_how_much_is_read_from_the_figure_under_its_label() -> None:
    found = hits(chunks_of("forest"))
    chosen = (Evidence(found[0], "多摩の森活性化プロジェクト", 1.0),)
    answer = finder().complete("多摩の森の間伐で、CO2はどのくらい吸収できる見込みですか？", chosen, found, ())
    assert quotes(answer)[0] == "イ CO2吸収量(見込み)\n330t-CO2"
    assert asked_values("どのくらい吸収できる見込み？") == (ValueKind.quantity,)


def test_a_premise_in_a_sentence_of_its_own_does_not_hide_the_asked_count() -> None:
    found = hits(chunks_of("report", cut=3))
    question = "脱炭素促進プラットフォームは市内の団体だけで構成されているんですよね？何団体ですか？"
    answer = finder().complete(question, topical(found), found, ("栃木市",))
    assert "市内県内県外計\n48 8 2 58" in quotes(answer)


def test_the_figure_a_premise_states_does_not_hide_the_asked_value_nor_drop_its_correction() -> None:
    found = hits(chunks_of("profile"))
    text = "①川崎市51.0%\n②NTTアノードエナジー18.5%"
    shares = Chunk(
        chunk_id="shares_0",
        doc_id="shares",
        index=0,
        text=text,
        start=0,
        end=len(text),
        section="出資比率",
        title="t",
        municipality="栃木市",
    )
    share = SearchHit(rank=2, score=0.5, chunk=shares)
    chosen = (Evidence(share, "①川崎市51.0%", 1.0),)
    question = "市が100%出資している川崎未来エナジーの資本金は？"
    answer = quotes(finder().complete(question, chosen, [found[0], share], ("栃木市",)))
    assert any(quote.endswith("④資本金1億円") for quote in answer)
    assert "①川崎市51.0%" in answer


def test_a_quote_ending_on_a_numbered_heading_is_followed_by_the_headings_table() -> None:
    found = hits(chunks_of("report", cut=CUTS["report"]))
    sentence = "多様な業種の参画により脱炭素の取組を促進するため、脱炭素促進プラットフォームを設置した。"
    heading = f"{sentence}\n(1) 会員(令和6年3月31日現在) (単位:団体)"
    chosen = (Evidence(found[0], heading, 1.0, found[0].chunk.text.find(heading)),)
    answer = finder().complete("プラットフォームの会員は市内の団体だけですか？", chosen, found, ("栃木市",))
    assert quotes(answer) == [heading, "市内県内県外計\n48 8 2 58"]


def test_a_headings_table_never_pushes_the_next_chosen_item_of_a_list_out() -> None:
    found = hits(chunks_of("report", cut=CUTS["report"]))
    items = ("(1) 会員(令和6年3月31日現在) (単位:団体)", "(2) 設立総会", "(3) 運営委員会")
    chosen = tuple(Evidence(h, item, 1.0) for item in items for h in found if item in h.chunk.text)
    answer = ValueFinder(
        idf=lambda _term: 1.0, document_text=DOCUMENTS.get, chunk_covering=chunk_covering, max_quotes=len(items)
    ).complete("脱炭素促進プラットフォームの会員と運営委員会は？", chosen, found, ("栃木市",))
    assert quotes(answer) == [items[0], "市内県内県外計\n48 8 2 58", *items[1:]]


def test_a_value_dated_in_another_year_does_not_answer_the_asked_year() -> None:
    found = hits(chunks_of("thinning"))
    chosen = (Evidence(found[0], "多摩の森活性化プロジェクト②", 1.0),)
    in_that_year = finder().complete("令和6年度に多摩の森で間伐した面積はどれくらいですか", chosen, found, ())
    assert any("檜原村南郷約8ha" in q for q in quotes(in_that_year))
    the_year_before = finder().complete("令和5年度に多摩の森で間伐した面積はどれくらいですか", chosen, found, ())
    assert not any("檜原村南郷約8ha" in q for q in quotes(the_year_before))


def test_the_heading_of_a_table_extraction_put_after_a_run_of_headings_is_the_one_of_its_rank() -> None:
    second = MINUTES.index("期日会場内容", MINUTES.index("期日会場内容") + 1)
    span = heading_of_table(MINUTES, second)
    assert span is not None and MINUTES[span[0] : span[1]] == "(3) 運営委員会"
    assert heading_of_table(MINUTES, MINUTES.index("12月20日")) is None
