"""What a quote of a year or date question must name, on small in-memory passages."""

from __future__ import annotations

from assistant.question import analyse
from assistant.subject import AskedSubject, yearly_title
from ingest.document import Chunk
from kb.search import SearchHit


def _hit(text: str, title: str = "") -> SearchHit:
    chunk = Chunk(
        chunk_id="c", doc_id="d", index=0, text=text, start=0, end=len(text), section="", title=title, municipality=""
    )
    return SearchHit(rank=1, score=1.0, chunk=chunk)


def _subject(question: str, hits: list[SearchHit], rarity: dict[str, float] | None = None) -> AskedSubject:
    facts = analyse(question)
    years = [year.pattern() for year in (*facts.years, *facts.base_years)] if facts.years else []
    weights = rarity or {}
    return AskedSubject.of(facts, question, ("川崎市",), "", lambda t: weights.get(t, 1.0), hits, years)


def test_a_quote_of_the_asked_year_must_share_a_subject_word_not_the_place_or_year() -> None:
    subject = _subject("2022年度の川崎市の排出量は？", [])
    assert subject.admits("2022年度の排出量は200万t", "2022年度の排出量は200万t", "", "", dated=True)
    assert not subject.admits("2022年度に会議を設置", "2022年度に会議を設置", "", "", dated=True)


def test_a_dated_line_must_name_what_a_date_question_dates_not_the_lines_around_it() -> None:
    subject = _subject("令和3年度に計画を改定した日付は？", [])
    timeline = "令和3年6月 条例を制定\n令和2年 計画を改定"
    assert not subject.admits(timeline, timeline, "", "", dated=True)
    assert subject.admits("令和3年6月 計画を改定", "令和3年6月 計画を改定", "", "", dated=True)


def test_the_rarest_subject_the_documents_give_only_for_other_years_must_be_named() -> None:
    hits = [
        _hit("「死亡率」が最も低い\n出典:令和4年版大都市比較統計年表"),
        _hit("世帯数:約78万世帯 (2024年9月1日現在)"),
    ]
    subject = _subject("令和6年版では、川崎市の死亡率は政令指定都市の中で何位でしたか。", hits, {"死亡": 4.7})
    assert subject.other_years == {"死亡"}


def test_the_noun_an_organisation_question_calls_its_answer_by_is_not_the_other_years_subject() -> None:
    hits = [
        _hit("令和5年7月31日に、本区を含む都内6区が連携して「多摩の森」活性化プロジェクト推進協議会を発足。"),
        _hit("23区で新たな施策を検討・推進するため気候変動対策推進組織を設置"),
    ]
    question = "令和5年7月31日に都内6区が多摩地域の森林整備のために立ち上げた組織の名前は？"
    assert _subject(question, hits, {"組織": 4.7}).other_years == frozenset()


def test_a_passage_is_read_with_its_documents_title_for_the_other_years_subject() -> None:
    title = "さいたま市ゼロカーボンシティ推進戦略 骨子（素案）"
    hits = [_hit("【骨子】\n素案", title), _hit("2050年再生可能エネルギー等*の導入量 約14倍", title)]
    question = "さいたま市ゼロカーボンシティ推進戦略（骨子案）では、2050年の再生可能エネルギー等の導入量の目標は？"
    assert _subject(question, hits, {"骨子": 4.7}).other_years == frozenset()


def test_words_in_hiragana_alone_are_the_asking_not_the_subject_of_other_years_or_the_event() -> None:
    subject = _subject("令和3年度につくった検討体制の例はどんなものがありましたか？", [])
    assert "あり" in subject.words
    assert "あり" not in subject.named


def test_the_event_a_date_question_asks_leaves_out_the_words_of_the_documents_title() -> None:
    title = "さいたま市ゼロカーボンシティ推進戦略"
    subject = _subject("さいたま市ゼロカーボンシティ推進戦略の中間見直しは、何年度に行う予定ですか？", [])
    assert "見直し" in subject.event_words(title)
    assert "戦略" not in subject.event_words(title)
    row = "令和2年7月さいたま市がゼロカーボンシティを表明"
    assert not subject.admits(row, row, "経緯", title, dated=False)
    assert subject.admits("令和7年度に実施", "令和7年度に実施", "中間見直し", title, dated=False)


def test_a_follow_up_date_question_dates_the_event_of_the_earlier_answer() -> None:
    facts = analyse("それはいつ見直しますか？")
    subject = AskedSubject.of(facts, facts.text, (), "中間見直しを行います", lambda _: 1.0, [], [])
    assert subject.admits("令和2年7月に表明", "令和2年7月に表明", "", "", dated=False)


def test_a_set_target_is_about_the_target_asked() -> None:
    subject = _subject("2050年の目標は？", [])
    assert subject.admits("2050年の実質ゼロを目指す", "2050年の実質ゼロを目指す", "", "", dated=True)


def test_only_a_leading_year_dates_a_document() -> None:
    assert yearly_title("令和5年度 事務報告") == "令和5年度"
    assert yearly_title("川崎市地球温暖化対策推進基本計画（2030年まで）") == ""
